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

/** The candidate nearest to `word` (no threshold): used to pick a replacement value. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
