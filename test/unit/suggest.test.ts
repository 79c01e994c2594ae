/**
 * didYouMean visits candidates by length difference and stops early; it must give the
 * same answer as comparing the word with every candidate (fixed-seed property run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { didYouMean } from '../../server/src/core/suggest';
import { loadKnowledge } from '../../server/src/knowledge';
import { namesAt } from '../../server/src/core/knowledge/conf';

/** The exhaustive search it replaces. */
function exhaustive(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD || (d === bestD && best !== null && c < best)) {
      best = c;
      bestD = d;
    }
  }
  if (best === null) return null;
  return bestD <= Math.max(2, Math.floor(Math.max(w.length, best.length) / 4)) ? best : null;
}

test('didYouMean answers as the exhaustive search does, on kong.conf names and typos of them', () => {
  const names = namesAt(loadKnowledge().conf, '3.10.0', 'enterprise');
  const word = fc.oneof(
    fc
      .record({ i: fc.nat({ max: names.length - 1 }), ops: fc.array(fc.tuple(fc.nat(2), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('x', '_', 'A', 'e')), { maxLength: 5 }) })
      .map(({ i, ops }) => {
        let w = names[i]!;
        for (const [op, at, ch] of ops) {
          const k = Math.floor(at * (w.length + 1));
          w = op === 0 ? w.slice(0, k) + ch + w.slice(k) : op === 1 ? w.slice(0, k) + w.slice(k + 1) : w.slice(0, k) + ch + w.slice(k + 1);
        }
        return w;
      }),
    fc.string({ maxLength: 40 }),
  );
  fc.assert(
    fc.property(word, (w) => {
      assert.equal(didYouMean(w, names), exhaustive(w, names), w);
    }),
    { seed: 13, numRuns: 3000 },
  );
  // Small lists, sets and an empty list.
  assert.equal(didYouMean('fooo', new Set(['foo', 'bar'])), 'foo');
  assert.equal(didYouMean('x', []), null);
  assert.equal(didYouMean('pg_hots', names), 'pg_host');
});
