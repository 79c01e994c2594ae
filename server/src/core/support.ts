/**
 * Support status of a release line on a given day, computed from the line's dates
 * (kong-facts releases.json status_rules): before its first release it is not released;
 * up to and including `eol` it has full support; after `eol` up to and including
 * `sunsetEnd` sunset support; later it is past its end of life. The day is passed in
 * (the pure core has no clock) and is never taken earlier than the facts' own date.
 */
import type { ReleaseLine, ReleasesKnowledge } from './knowledge/types';

export type SupportState = 'not-released' | 'full-support' | 'sunset-support' | 'end-of-life' | 'unknown';

export interface Support {
  state: SupportState;
  /** The day the status is computed for (YYYY-MM-DD). */
  day: string;
  /** First day of the current state, when the dates say it. */
  since?: string;
  /** Last day of the current state, when the dates say it. */
  until?: string;
  /** Full support ends (last day), sunset support ends (last day). */
  eol?: string;
  sunsetEnd?: string;
  /** The dates are not published yet; `until` is the support policy's lower bound. */
  estimated?: true;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-08-31" + 1 day = "2026-09-01" (UTC calendar arithmetic, no clock). */
export function nextDay(d: string): string {
  const t = Date.parse(`${d}T00:00:00Z`);
  return new Date(t + 86_400_000).toISOString().slice(0, 10);
}

/** The day a status is computed for: `today` (YYYY-MM-DD or a Date), never before the facts' own date. */
export function statusDay(releases: ReleasesKnowledge, today?: string | Date): string {
  const floor = releases.factsDate ?? releases.asOf;
  let d = today instanceof Date ? (Number.isNaN(today.getTime()) ? '' : today.toISOString().slice(0, 10)) : (today ?? '').trim();
  if (!DAY.test(d)) d = floor;
  return d < floor ? floor : d;
}

/** Support status of `line` on `day` (already passed through statusDay). */
export function supportOf(line: ReleaseLine, day: string): Support {
  const s: Support = { state: 'unknown', day };
  if (line.eol) s.eol = line.eol;
  if (line.sunsetEnd) s.sunsetEnd = line.sunsetEnd;
  const first = line.firstReleaseDate ?? line.releasedBy;
  if (line.firstReleaseDate && day < line.firstReleaseDate) return { ...s, state: 'not-released', until: line.firstReleaseDate };
  if (line.eol) {
    if (day <= line.eol) return { ...s, state: 'full-support', ...(first ? { since: first } : {}), until: line.eol };
    if (!line.sunsetEnd) return { ...s, state: 'end-of-life', since: nextDay(line.eol) };
    if (day <= line.sunsetEnd) return { ...s, state: 'sunset-support', since: nextDay(line.eol), until: line.sunsetEnd };
    return { ...s, state: 'end-of-life', since: nextDay(line.sunsetEnd) };
  }
  // Dates not published: the policy gives a lower bound for the end of full support.
  const est = line.supportEstimate;
  if (est && first && day <= est.eolNotBefore) return { ...s, state: 'full-support', since: first, until: est.eolNotBefore, estimated: true };
  return s;
}

export function supportOn(releases: ReleasesKnowledge, minor: string, today?: string | Date): Support | undefined {
  const line = releases.lines.find((l) => l.minor === minor) ?? releases.legacyLines?.find((l) => l.minor === minor);
  return line ? supportOf(line, statusDay(releases, today)) : undefined;
}

const STATE_TEXT: Record<SupportState, string> = {
  'not-released': 'not released yet',
  'full-support': 'full support',
  'sunset-support': 'sunset support',
  'end-of-life': 'end of life',
  unknown: 'no published support dates',
};

export function stateLabel(state: SupportState): string {
  return STATE_TEXT[state];
}

/**
 * In our words, with the real dates: "sunset support since 2026-09-01, end of life from
 * 2027-09-01"; "full support until 2029-04-07 (then sunset support until 2030-04-07)";
 * "end of life since 2021-04-10".
 */
export function supportText(s: Support): string {
  switch (s.state) {
    case 'full-support':
      if (s.estimated) return `full support (support dates not published yet; by Kong's policy at least until ${s.until})`;
      return `full support until ${s.until}${s.sunsetEnd ? `, then sunset support until ${s.sunsetEnd}` : ''}`;
    case 'sunset-support':
      return `sunset support since ${s.since} (no more patches), end of life from ${nextDay(s.until as string)}`;
    case 'end-of-life':
      return `end of life since ${s.since}`;
    case 'not-released':
      return `not released yet (first release ${s.until})`;
    default:
      return STATE_TEXT.unknown;
  }
}

/** "3.4: sunset support since 2026-09-01 …" for each distinct line, as of `today` (never before the facts' date). */
export function supportLines(releases: ReleasesKnowledge, minors: string[], today?: string | Date): string[] {
  const day = statusDay(releases, today);
  const out: string[] = [];
  for (const m of [...new Set(minors)]) {
    const s = supportOn(releases, m, day);
    if (s && s.state !== 'unknown') out.push(`${m}: ${supportText(s)} (as of ${day})`);
  }
  return out;
}
