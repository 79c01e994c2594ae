/**
 * What every CI output needs about a finding: 1-based line and column, the file's path as
 * CI tools want it (relative to the source root, forward slashes), and a fingerprint that
 * stays the same when lines above the finding move.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Finding } from '../core/model';
import { LineIndex } from '../core/text';
import type { FileReport } from './format';

export interface Located {
  finding: Finding;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Stable across edits elsewhere in the file: code, path, subject, the line's text and the occurrence of that combination. */
  fingerprint: string;
}

/** `p` relative to `root` with forward slashes, or null when it lies outside `root`. */
export function relativeTo(root: string, p: string): string | null {
  const rel = path.relative(root, path.resolve(root, p));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** The path to show for a report: relative to `root` when inside it, else as given (forward slashes). */
export function displayPath(root: string, p: string): string {
  return relativeTo(root, p) ?? p.split('\\').join('/');
}

export function locate(report: FileReport, pathForFingerprint: string): Located[] {
  const index = new LineIndex(report.text);
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const s = index.positionAt(f.span.start);
    const e = f.span.end > f.span.start ? index.positionAt(f.span.end) : s;
    const lineText = lineAt(report.text, f.span.start).trim();
    const subject = f.property ?? (f.plugin !== undefined ? `${f.plugin}:${f.field ?? ''}` : '');
    const key = `${f.code}\u0000${pathForFingerprint}\u0000${subject}\u0000${lineText}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
    return { finding: f, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, fingerprint };
  });
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return text.slice(start, Math.min(end, start + 1000));
}
