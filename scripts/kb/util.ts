/** Shared helpers for the knowledge-base build scripts (Node side, not the pure core). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function readJson<T = any>(factsDir: string, rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(factsDir, rel), 'utf8')) as T;
}

/** Numeric parts, or null. Accepts 2..4 parts. */
export function parts(v: string): number[] | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(v);
  if (!m) return null;
  return [m[1], m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
}

export function cmp(a: string, b: string): number {
  const pa = parts(a) ?? [];
  const pb = parts(b) ?? [];
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  // Same point: shorter spelling first, so ordering is total and deterministic.
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Deep-sort object keys so JSON output is deterministic. Arrays keep their order. */
export function sortKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeys) as unknown as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out as T;
  }
  return v;
}

export function uniqSorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort(cmp);
}
