/**
 * Findings of an older version of a document, carried to the current text through the
 * changes made since (see LazyTextDocument.changesSince): a finding that no change
 * touches (neither its span nor any edit of its fixes) is at the same place in the
 * current text, moved by what was inserted or deleted before it. A finding a change
 * touches is dropped: only a check of the current text can say what it is now.
 * The code action handler answers the lightbulb from these while a burst of typing is
 * still being checked, and offers a carried fix only after proving it on the current text.
 */
import type { Finding, Fix, TextEdit } from '../core/model';
import type { OffsetChange } from './lazyDocument';

/** Where [start, end] of the older text is now, or null when a change touches it (a change at either edge does). */
export function mapSpan(changes: readonly OffsetChange[], start: number, end: number): { start: number; end: number } | null {
  for (const c of changes) {
    if (end < c.start) continue;
    if (start > c.end) {
      const d = c.length - (c.end - c.start);
      start += d;
      end += d;
      continue;
    }
    return null;
  }
  return { start, end };
}

/**
 * An offset of the current text, back in the older text: a place inside text inserted
 * since (or at its edge) goes to the start (`side` 'start') or end of what that change
 * replaced, so a range mapped back by both ends covers at least what it covers now.
 */
export function unmapOffset(changes: readonly OffsetChange[], offset: number, side: 'start' | 'end'): number {
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (offset < c.start) continue;
    if (offset > c.start + c.length || (offset === c.start + c.length && (side === 'end' || c.end === c.start))) {
      offset -= c.length - (c.end - c.start);
      continue;
    }
    offset = side === 'start' ? c.start : c.end;
  }
  return offset;
}

/** `f` in the current text, or null when a change since touched it or one of its fixes' edits. */
export function mapFinding(f: Finding, changes: readonly OffsetChange[]): Finding | null {
  const span = mapSpan(changes, f.span.start, f.span.end);
  if (!span) return null;
  const g: Finding = { ...f, span };
  if (f.fixes?.length) {
    const fixes: Fix[] = [];
    for (const x of f.fixes) {
      const edits: TextEdit[] = [];
      for (const e of x.edits) {
        const m = mapSpan(changes, e.start, e.end);
        if (!m) return null;
        edits.push({ start: m.start, end: m.end, newText: e.newText });
      }
      fixes.push({ ...x, edits });
    }
    g.fixes = fixes;
  }
  return g;
}
