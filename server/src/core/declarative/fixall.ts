/** Apply every finding's preferred fix, re-checking until nothing more applies. */
import type { Finding, TextEdit } from '../model';
import { applyEdits } from '../text';
import type { DeclarativeContext } from './rules';
import { DeclarativeSession, type UpdateOptions } from './session';

function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

function same(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Non-conflicting preferred edits of the findings (identical shared fixes count once). */
export function preferredEdits(findings: Finding[]): TextEdit[] {
  const accepted: TextEdit[] = [];
  for (const f of findings) {
    const fx = f.fixes?.find((x) => x.preferred);
    if (!fx || !fx.edits.length) continue;
    if (fx.edits.every((e) => accepted.some((a) => same(a, e)))) continue;
    if (fx.edits.some((e) => accepted.some((a) => conflicts(a, e) || same(a, e)))) continue;
    accepted.push(...fx.edits);
  }
  return accepted;
}

export interface FixAllResult {
  text: string;
  passes: number;
  /** Number of edits applied over all passes. */
  edits: number;
  /** Findings left after the last pass. */
  remaining: Finding[];
}

export function fixAll(text: string, ctx: DeclarativeContext, opts: UpdateOptions = {}, maxPasses = 8): FixAllResult {
  const session = new DeclarativeSession(ctx);
  let cur = text;
  let edits = 0;
  let passes = 0;
  let res = session.update(cur, opts);
  while (passes < maxPasses) {
    const es = preferredEdits(res.findings);
    if (!es.length) break;
    const next = applyEdits(cur, es);
    passes++;
    if (next === cur) break;
    edits += es.length;
    cur = next;
    res = session.update(cur, opts);
  }
  return { text: cur, passes, edits, remaining: res.findings };
}
