import type { Edition, ReleaseLine, ReleasesKnowledge } from './knowledge/types';

/**
 * Numeric parts of a version string ("3.4.3.29", "3.10", "2.8.x", and the legacy
 * Enterprise "0.34-1", whose patch is the third part); non-numeric input gives null.
 */
export function parseParts(v: string): number[] | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:(?:\.|-)(\d+|x))?(?:\.(\d+|x))?\s*$/i.exec(v ?? '');
  if (!m) return null;
  const parts = [Number(m[1]), Number(m[2])];
  if (m[3] !== undefined && m[3].toLowerCase() !== 'x') parts.push(Number(m[3]));
  if (m[4] !== undefined && m[4].toLowerCase() !== 'x') parts.push(Number(m[4]));
  return parts;
}

/** Compare two version strings by numeric parts, missing parts = 0. */
export function compareVersions(a: string, b: string): number {
  const pa = parseParts(a) ?? [];
  const pb = parseParts(b) ?? [];
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function minorOf(v: string): string {
  const p = parseParts(v);
  return p ? `${p[0]}.${p[1]}` : v;
}

export interface ResolvedVersion {
  /** What the user wrote, trimmed. */
  input: string;
  /** The concrete version the checks use: the given patch, or the line's latest patch. */
  version: string;
  line: ReleaseLine;
  /** Edition that ships this version (may differ from the requested one, e.g. 3.10+ is Enterprise only). */
  edition: Edition;
  /** Set when something was adjusted, in our words, for the user. */
  note?: string;
}

export type VersionResolution = { ok: true; value: ResolvedVersion } | { ok: false; message: string };

/**
 * Turn a user's version ("2.8", "2.8.x", "3.4.3.19", "3.10") into a known release.
 * Never throws; unknown versions give a message naming the known lines.
 */
export function resolveVersion(releases: ReleasesKnowledge, input: string, edition: Edition = 'oss'): VersionResolution {
  const text = (input ?? '').trim();
  const parts = parseParts(text);
  const known = () => `known release lines: ${releases.lines[0]?.minor} to ${releases.lines[releases.lines.length - 1]?.minor}`;
  if (!parts) return { ok: false, message: `"${text}" is not a Kong version (expected e.g. 2.8, 3.4.2 or 3.4.3.19; ${known()})` };
  const minor = `${parts[0]}.${parts[1]}`;
  const line = releases.lines.find((l) => l.minor === minor);
  if (!line) return { ok: false, message: `Kong ${text} is not a release this extension knows (${known()})` };
  let ed: Edition = edition;
  let note: string | undefined;
  if (ed === 'oss' && !line.oss) {
    ed = 'enterprise';
    note = `Kong ${minor} is released only as Kong Gateway Enterprise; using its facts`;
  } else if (ed === 'enterprise' && !line.enterprise && line.oss) {
    ed = 'oss';
    note = `Kong ${minor} has no Enterprise release in the facts; using the open-source facts`;
  }
  const patches = ed === 'oss' ? line.ossPatches : line.enterprisePatches;
  if (parts.length <= 2) {
    const latest = patches[patches.length - 1] ?? minor;
    return { ok: true, value: { input: text, version: latest, line, edition: ed, ...(note ? { note } : {}) } };
  }
  const exact = [...line.ossPatches, ...line.enterprisePatches].find((p) => compareVersions(p, text) === 0 && (parseParts(p)?.length ?? 0) === parts.length);
  if (exact) {
    const exEd: Edition = line.ossPatches.includes(exact) ? (line.enterprisePatches.includes(exact) ? ed : 'oss') : 'enterprise';
    return { ok: true, value: { input: text, version: exact, line, edition: exEd, ...(note && exEd === ed ? { note } : {}) } };
  }
  // A patch we do not list (newer than the facts, or a typo): use the line, say so.
  const latest = patches[patches.length - 1] ?? minor;
  return {
    ok: true,
    value: { input: text, version: text, line, edition: ed, note: `Kong ${text} is not in the release facts; checking it as Kong ${minor} (latest known ${latest})` },
  };
}

/** Short label for the status bar and messages: "2.8", "3.4.3.19" stays as given. */
export function shortLabel(v: ResolvedVersion): string {
  return v.input.replace(/\.x$/i, '');
}

/** The newest LTS line in the knowledge base: the default target. */
export function newestLts(releases: ReleasesKnowledge): string {
  return releases.ltsLines.filter((l) => releases.lines.some((x) => x.minor === l && (x.oss || x.enterprise))).sort(compareVersions).pop() ?? releases.newestLine;
}
