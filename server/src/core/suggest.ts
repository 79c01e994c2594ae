import { distance } from 'fastest-levenshtein';

/** The closest candidate to `word` that is close enough to be a plausible typo, or null. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
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
