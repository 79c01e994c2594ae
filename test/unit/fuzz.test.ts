/**
 * Property-based run over every file kind and entry point (check, fix-all, quick-fix
 * proofs, hover, completion, the incremental session), fixed seed so it is the same run
 * every time: inputs mutated from ../shared/corpus (when present) and built-in seeds, and
 * generated hostile files. Long runs: `npm run fuzz -- --count 100000`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { CORPUS, examine, inputArb, newStats, seeds } from '../fuzz/harness';

// Quick: 150 inputs (~10 s on an idle machine); KONG_EXHAUSTIVE=1: 2,000; KONG_FUZZ_RUNS=n: n.
const RUNS = Number(process.env.KONG_FUZZ_RUNS ?? (process.env.KONG_EXHAUSTIVE ? 2000 : 150));

test(`fuzz: ${RUNS} fixed-seed inputs give no crash, hang, broken fix, bad span, session drift or request-reading drift`, { timeout: 120_000 }, (t) => {
  if (!fs.existsSync(CORPUS)) t.diagnostic(`../shared/corpus absent (${CORPUS}): built-in seeds only`);
  const stats = newStats();
  fc.assert(
    fc.property(inputArb(seeds()), (input) => {
      const problems = examine(input, stats, { hangMs: 5000, quickFixes: 3 });
      assert.deepEqual(problems, [], `${input.kind} ${input.path}\n${JSON.stringify(input.text).slice(0, 2000)}`);
    }),
    { seed: 20261207, numRuns: RUNS, endOnFailure: true },
  );
  t.diagnostic(JSON.stringify(stats));
  assert.ok(stats.findings > 0 && stats.fixAllEdits > 0, 'the run exercised findings and fixes');
  assert.ok(stats.pinActions > 0, 'the run exercised the pin actions');
  assert.ok(stats.entryReads > 0, 'the run exercised requests read from the entry alone');
});
