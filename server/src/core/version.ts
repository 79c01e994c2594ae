import type { Edition, ReleaseLine, ReleasesKnowledge } from './knowledge/types';

/**
 * Numeric parts of a version string ("3.4.3.29", "3.10", "2.8.x", and the legacy
 * Enterprise "0.34-1", whose patch is the third part); non-numeric input gives null.
 */
export function parseParts(v: string): number[] | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:(?:\.|-)(\d+|x))?(?:\.(\d+|x))?(?:-?(?:rc|beta|alpha|pre)[.-]?\d*)?\s*$/i.exec(v ?? '');
  if (!m) return null;
  const parts = [Number(m[1]), Number(m[2])];
  if (m[3] !== undefined && m[3].toLowerCase() !== 'x') parts.push(Number(m[3]));
  if (m[4] !== undefined && m[4].toLowerCase() !== 'x') parts.push(Number(m[4]));
  return parts;
}

/** The pre-release part of a version ("1.0.0rc1" -> "rc1", "3.4.0-beta.2" -> "beta.2"), or null for a release. */
export function prereleaseOf(v: string): string | null {
  const m = /\d-?((?:rc|beta|alpha|pre)[.-]?\d*)\s*$/i.exec(v ?? '');
  return m ? m[1] : null;
}

/** The release lines just below and above `minor` among `lines` (for "did you mean"). */
export function neighbourLines(lines: string[], minor: string): string[] {
  const sorted = [...lines].sort(compareVersions);
  const below = sorted.filter((l) => compareVersions(l, minor) < 0).pop();
  const above = sorted.find((l) => compareVersions(l, minor) > 0);
  return [below, above].filter((x): x is string => !!x);
}

/** `; did you mean 2.8 or 3.0?` naming the lines of `lines` next to `minor`, or '' when there is none. */
export function nearLinesHint(lines: string[], minor: string): string {
  const near = neighbourLines(lines, minor);
  return near.length ? `; did you mean ${orList(near)}?` : '';
}

const orList = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : (xs[0] ?? ''));

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

/**
 * The first step of every version resolution (the checks' resolveVersion and the planner's
 * resolveIn): read the user's text and find its release line among `lines`. Not a version: ok false.
 */
export type VersionMatch<L> = { ok: false; text: string } | { ok: true; text: string; parts: number[]; minor: string; pre: string | null; line: L | undefined };

export function matchVersion<L extends { minor: string }>(lines: readonly L[], input: string): VersionMatch<L> {
  const text = (input ?? '').trim();
  const parts = parseParts(text);
  if (!parts) return { ok: false, text };
  const minor = `${parts[0]}.${parts[1]}`;
  return { ok: true, text, parts, minor, pre: prereleaseOf(text), line: lines.find((l) => l.minor === minor) };
}

/** The patch of `patches` that is the same release as `version` (also written with as many parts, when `sameShape`). */
export function knownPatch(patches: readonly string[], version: string, sameShape = false): string | undefined {
  const n = parseParts(version)?.length ?? 0;
  return patches.find((p) => compareVersions(p, version) === 0 && (!sameShape || (parseParts(p)?.length ?? 0) === n));
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
  const m = matchVersion(releases.lines, input);
  const known = () => `known release lines: ${releases.lines[0]?.minor} to ${releases.lines[releases.lines.length - 1]?.minor}`;
  if (!m.ok) return { ok: false, message: `"${m.text}" is not a Kong version (expected e.g. 2.8, 3.4.2 or 3.4.3.19; ${known()})` };
  const { text, parts, minor, pre, line } = m;
  const preNote = pre ? `${text} is a pre-release (${pre}) of ${parts.join('.')}; checking it as that release` : undefined;
  if (!line) {
    const legacy = (releases.legacyLines ?? []).find((l) => l.minor === minor);
    if (legacy) return resolveLegacy(releases, legacy, text, parts, edition, preNote);
    const all = [...releases.lines, ...(releases.legacyLines ?? [])].filter((l) => (edition === 'oss' ? l.oss : l.enterprise) || l.oss || l.enterprise).map((l) => l.minor);
    return { ok: false, message: `Kong ${text} is not a release this extension knows${nearLinesHint(all, minor)} (${known()})` };
  }
  let ed: Edition = edition;
  let note: string | undefined;
  if (ed === 'oss' && !line.oss) {
    ed = 'enterprise';
    note = `Kong ${minor} is released only as Kong Gateway Enterprise; using its facts`;
  } else if (ed === 'enterprise' && !line.enterprise && line.oss) {
    // The edition never shipped this line (Enterprise has no 2.0: its 2.x starts at 2.1).
    const eeLines = [...releases.lines, ...(releases.legacyLines ?? [])].filter((l) => l.enterprise).map((l) => l.minor);
    return { ok: false, message: `Kong Gateway Enterprise has no ${minor} release${nearLinesHint(eeLines, minor)} (${minor} is open source only: choose the oss edition for it)` };
  }
  if (preNote) note = note ? `${note}; ${preNote}` : preNote;
  const patches = ed === 'oss' ? line.ossPatches : line.enterprisePatches;
  if (parts.length <= 2) {
    const latest = patches[patches.length - 1] ?? minor;
    return { ok: true, value: { input: text, version: latest, line, edition: ed, ...(note ? { note } : {}) } };
  }
  const exact = knownPatch([...line.ossPatches, ...line.enterprisePatches], text, true);
  if (exact) {
    const exEd: Edition = line.ossPatches.includes(exact) ? (line.enterprisePatches.includes(exact) ? ed : 'oss') : 'enterprise';
    const keep = note && (exEd === ed || preNote) ? { note: exEd === ed ? note : preNote } : {};
    return { ok: true, value: { input: text, version: exact, line, edition: exEd, ...keep } };
  }
  // A patch we do not list (newer than the facts, or a typo): use the line, say so.
  const latest = patches[patches.length - 1] ?? minor;
  return {
    ok: true,
    value: { input: text, version: parts.join('.'), line, edition: ed, note: `Kong ${text} is not in the release facts; checking it as Kong ${minor} (latest known ${latest})` },
  };
}

/** The first version the kong.conf facts describe (kong.conf.default 0.14.1). */
export const FIRST_FACTS_VERSION = '0.14.1';

/**
 * A line before 1.0 (OSS 0.x, Enterprise 0.29-0.36): checked with the open-source facts of
 * the release it corresponds to (Enterprise: the OSS release it was built on), never earlier
 * than the first version the facts describe; the note says which.
 */
function resolveLegacy(releases: ReleasesKnowledge, line: ReleaseLine, text: string, parts: number[], edition: Edition, preNote?: string): VersionResolution {
  const eeOnly = line.enterprise && !line.oss;
  if (edition === 'oss' && eeOnly) {
    // Enterprise 0.29-0.36 numbers are not OSS 0.x numbers.
    const near = neighbourLines(
      [...(releases.legacyLines ?? []), ...releases.lines].filter((l) => l.oss).map((l) => l.minor),
      line.minor,
    );
    return {
      ok: false,
      message: `Kong ${line.minor} is a Kong Enterprise version (its own 0.29-0.36 numbering); choose the enterprise edition${near.length ? `, or did you mean open-source ${orList(near)}?` : ''}`,
    };
  }
  if (edition === 'enterprise' && !line.enterprise) {
    const eeLines = [...(releases.legacyLines ?? []), ...releases.lines].filter((l) => l.enterprise).map((l) => l.minor);
    return { ok: false, message: `Kong Gateway Enterprise has no ${line.minor} release${nearLinesHint(eeLines, line.minor)} (${line.minor} is open source only: choose the oss edition for it)` };
  }
  const patches = eeOnly ? line.enterprisePatches : line.ossPatches;
  const given = parts.length > 2 ? parts.join('.') : (patches[patches.length - 1] ?? line.minor);
  const base = eeOnly ? (line.inheritsOss ?? FIRST_FACTS_VERSION) : given;
  const version = compareVersions(base, FIRST_FACTS_VERSION) < 0 ? FIRST_FACTS_VERSION : base;
  const why = eeOnly ? `Kong Enterprise ${text} was built on open-source Kong ${line.inheritsOss ?? 'of its time'}` : `Kong ${text} is from before 1.0`;
  const note = `${why}; checking it with the open-source facts of ${version}${compareVersions(base, FIRST_FACTS_VERSION) < 0 ? `, the first version they describe` : ''}${preNote ? `; ${preNote}` : ''}`;
  return { ok: true, value: { input: text, version, line, edition: 'oss', note } };
}

/** The newest LTS line in the knowledge base: the default target. */
export function newestLts(releases: ReleasesKnowledge): string {
  return (
    releases.ltsLines
      .filter((l) => releases.lines.some((x) => x.minor === l && (x.oss || x.enterprise)))
      .sort(compareVersions)
      .pop() ?? releases.newestLine
  );
}
