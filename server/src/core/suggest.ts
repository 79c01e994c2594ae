import { distance } from 'fastest-levenshtein';

/** Candidates grouped by length (lower-cased beside the original), per candidate list (never changed once passed). */
const byLengthMemo = new WeakMap<object, Map<number, Array<[string, string]>>>();

function byLength(candidates: Iterable<string>): Map<number, Array<[string, string]>> {
  const key = candidates as unknown as object;
  let m = byLengthMemo.get(key);
  if (m) return m;
  m = new Map();
  for (const c of candidates) {
    const l = m.get(c.length);
    if (l) l.push([c, c.toLowerCase()]);
    else m.set(c.length, [[c, c.toLowerCase()]]);
  }
  // Remembered per list object: callers pass lists they do not change afterwards.
  if (Array.isArray(candidates) || candidates instanceof Set) byLengthMemo.set(key, m);
  return m;
}

/**
 * The closest candidate to `word` that is close enough to be a plausible typo, or null.
 * Candidates are visited by how much their length differs from the word's, and the search
 * stops once that difference alone exceeds the best distance found (an edit distance is
 * at least the difference in length): the same answer as comparing with every candidate,
 * at a fraction of the cost on a file with many unknown names.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  const groups = byLength(candidates);
  let best: string | null = null;
  let bestD = Infinity;
  let longest = 0;
  for (const k of groups.keys()) longest = Math.max(longest, k);
  for (let delta = 0; delta <= bestD && delta <= Math.max(longest, w.length); delta++) {
    for (const len of delta ? [w.length - delta, w.length + delta] : [w.length]) {
      for (const [c, lc] of groups.get(len) ?? []) {
        const d = distance(w, lc);
        if (d < bestD || (d === bestD && best !== null && c < best)) {
          best = c;
          bestD = d;
        }
      }
    }
  }
  if (best === null) return null;
  const limit = Math.max(2, Math.floor(Math.max(w.length, best.length) / 4));
  return bestD <= limit ? best : null;
}

/**
 * The allowed value to suggest for `value` (kong.conf values and plugin field values alike):
 * the closest one within didYouMean's distance; among equally close ones the default wins
 * (tlsv1 -> tlsv1_2, not tlsv1_1). Null when none is close enough to be a plausible typo.
 */
export function nearestAllowed(value: string, allowed: readonly string[], dflt: string | null | undefined): string | null {
  const best = didYouMean(value, allowed);
  if (!best || !dflt || !allowed.includes(dflt)) return best;
  return distance(value.toLowerCase(), dflt.toLowerCase()) <= distance(value.toLowerCase(), best.toLowerCase()) ? dflt : best;
}
