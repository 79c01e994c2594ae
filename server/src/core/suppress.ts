/**
 * Accepting findings: inline suppression comments and baseline fingerprints.
 *
 *   # kong-upgrade-ignore-next-line removed-property            (the next line that is not blank or a comment)
 *   # kong-upgrade-ignore-next-line unknown-plugin, unknown-plugin-field -- our own build
 *   # kong-upgrade-ignore-file new-in-target                     (anywhere, the whole file)
 *
 * Without rule ids a directive covers every rule. Directives are whole-line `#` comments, so
 * they work in kong.conf, .env files and every YAML kind (JSON has no comments). Pure: text in,
 * findings out; the same functions serve the CLI and the language server.
 */
import type { FileKind, Finding, Fix, RuleId, TextEdit } from './model';

export const NEXT_LINE = 'kong-upgrade-ignore-next-line';
export const WHOLE_FILE = 'kong-upgrade-ignore-file';
const MARK = 'kong-upgrade-ignore-';

interface Directive {
  form: 'next-line' | 'file';
  /** Empty = every rule. */
  rules: string[];
  /** The directive's own line: [start, end) offsets (end before the line break). */
  lineStart: number;
  lineEnd: number;
  /** Offset just after the last rule id, where another one can be added. */
  rulesEnd: number;
  /** next-line: the covered line, [start, end). */
  target?: { start: number; end: number };
}

/** Kinds whose files take `#` comments. */
export function takesComments(kind: FileKind, path = ''): boolean {
  if (kind === 'unknown') return false;
  if (kind === 'declarative') return !/\.json$/i.test(path);
  return true;
}

function lineBounds(text: string, at: number): { start: number; end: number; next: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let nl = text.indexOf('\n', at);
  if (nl < 0) nl = text.length;
  const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  return { start, end, next: Math.min(text.length + 1, nl + 1) };
}

/** Every suppression directive of a text, in order. Cheap when there is none (one indexOf). */
export function directivesIn(text: string): Directive[] {
  const out: Directive[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARK, from);
    if (at < 0) break;
    const { start, end, next } = lineBounds(text, at);
    from = Math.max(next, at + MARK.length);
    const line = text.slice(start, end);
    const m = /^([ \t]*#+[ \t]*)(kong-upgrade-ignore-(?:next-line|file))(?=\s|$)([^\n]*)$/.exec(line);
    if (!m) continue;
    const restRaw = m[3]!;
    const reasonAt = restRaw.search(/\s--(\s|$)/);
    const codesPart = reasonAt >= 0 ? restRaw.slice(0, reasonAt) : restRaw;
    const rules = codesPart.split(/[\s,]+/).filter(Boolean);
    const rulesEnd = start + m[1]!.length + m[2]!.length + codesPart.replace(/[\s,]+$/, '').length;
    const d: Directive = { form: m[2] === NEXT_LINE ? 'next-line' : 'file', rules, lineStart: start, lineEnd: end, rulesEnd };
    if (d.form === 'next-line') {
      // The next line that is neither blank nor a comment.
      let p = next;
      while (p <= text.length) {
        const b = lineBounds(text, p);
        const l = text.slice(b.start, b.end);
        if (!/^\s*(#.*)?$/.test(l)) {
          d.target = { start: b.start, end: b.end };
          break;
        }
        if (b.next <= p) break;
        p = b.next;
      }
    }
    out.push(d);
  }
  return out;
}

const covers = (d: Directive, code: string) => d.rules.length === 0 || d.rules.includes(code);

/**
 * The findings no directive covers (same array when the text has no directive). A finding
 * is covered by a next-line directive when it starts on the covered line.
 */
export function applySuppressions(text: string, findings: Finding[], kind: FileKind, path = ''): Finding[] {
  if (!findings.length || !takesComments(kind, path) || text.indexOf(MARK) < 0) return findings;
  const ds = directivesIn(text);
  if (!ds.length) return findings;
  const fileWide = ds.filter((d) => d.form === 'file');
  const lines = ds.filter((d) => d.form === 'next-line' && d.target);
  return findings.filter((f) => {
    if (fileWide.some((d) => covers(d, f.code))) return false;
    for (const d of lines) if (f.span.start >= d.target!.start && f.span.start <= d.target!.end && covers(d, f.code)) return false;
    return true;
  });
}

/**
 * Quick fixes that accept a finding: a next-line directive above its line, and a file-wide
 * directive at the top; each adds to an existing directive where there is one. Not
 * preferred, so fix-all never applies them. Empty for files without comments.
 */
export function suppressionFixes(text: string, finding: Finding, kind: FileKind, path = ''): Fix[] {
  if (!takesComments(kind, path)) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const code: RuleId = finding.code;
  const ds = text.indexOf(MARK) >= 0 ? directivesIn(text) : [];
  const fixes: Fix[] = [];
  const line = lineBounds(text, Math.min(finding.span.start, text.length));
  const existing = ds.find((d) => d.form === 'next-line' && d.target && d.target.start === line.start);
  let lineEdit: TextEdit;
  if (existing) {
    if (covers(existing, code)) return [];
    lineEdit = { start: existing.rulesEnd, end: existing.rulesEnd, newText: `${existing.rules.length ? ',' : ''} ${code}` };
  } else {
    const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
    lineEdit = { start: line.start, end: line.start, newText: `${indent}# ${NEXT_LINE} ${code}${eol}` };
  }
  fixes.push({ title: `Ignore ${code} on this line`, edits: [lineEdit], preferred: false });
  const file = ds.find((d) => d.form === 'file');
  if (!file) {
    // After a BOM, so the file keeps it first.
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    fixes.push({ title: `Ignore ${code} in this file`, edits: [{ start: at, end: at, newText: `# ${WHOLE_FILE} ${code}${eol}` }], preferred: false });
  } else if (!covers(file, code)) {
    fixes.push({ title: `Ignore ${code} in this file`, edits: [{ start: file.rulesEnd, end: file.rulesEnd, newText: `${file.rules.length ? ',' : ''} ${code}` }], preferred: false });
  }
  return fixes;
}

// ---------------------------------------------------------------------------------------
// Baseline fingerprints

/** FNV-1a, 2 × 32 bits with different seeds: 16 hex digits, stable across platforms. */
function hash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 0x2000) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * A finding's fingerprint: its rule, what it is about, the text it points at and the
 * content of its line with spacing normalised, without line numbers, so it survives
 * lines added or removed above it and re-indentation, and changes when the line itself changes.
 */
export function fingerprint(text: string, finding: Finding): string {
  const { start, end } = lineBounds(text, Math.min(finding.span.start, text.length));
  const lineText = text
    .slice(start, Math.min(end, start + 2000))
    .trim()
    .replace(/\s+/g, ' ');
  const spanText = text.slice(finding.span.start, Math.min(finding.span.end, finding.span.start + 500));
  const subject = [finding.property ?? '', finding.plugin ?? '', finding.field ?? ''].join('/');
  return hash([finding.code, subject, spanText, lineText].join('\u0000'));
}

export interface BaselineEntry {
  path: string;
  code: string;
  fingerprint: string;
  /** For people reading the file; not used to match. */
  message?: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export function makeBaseline(files: Array<{ path: string; text: string; findings: Finding[] }>): Baseline {
  const findings: BaselineEntry[] = [];
  for (const f of files) for (const x of f.findings) findings.push({ path: f.path, code: x.code, fingerprint: fingerprint(f.text, x), message: x.message });
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { version: 1, findings };
}

/** Read a baseline file's JSON; null with a reason when it is not one. */
export function parseBaseline(json: string): { baseline: Baseline } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { problem: `not JSON: ${(e as Error).message}` };
  }
  const d = data as { version?: unknown; findings?: unknown };
  if (!d || typeof d !== 'object' || d.version !== 1 || !Array.isArray(d.findings)) return { problem: 'not a kong-upgrade baseline (version 1 with a findings list)' };
  const findings = (d.findings as unknown[]).filter(
    (e): e is BaselineEntry => !!e && typeof e === 'object' && typeof (e as BaselineEntry).path === 'string' && typeof (e as BaselineEntry).fingerprint === 'string',
  );
  return { baseline: { version: 1, findings } };
}

/**
 * Splits a file's findings into new ones and those the baseline accepts. Each baseline
 * entry accepts one finding with its path and fingerprint (two identical lines need two entries).
 */
export class BaselineMatcher {
  private readonly left = new Map<string, number>();
  constructor(baseline: Baseline) {
    for (const e of baseline.findings) {
      const k = `${e.path}\u0000${e.fingerprint}`;
      this.left.set(k, (this.left.get(k) ?? 0) + 1);
    }
  }
  filter(path: string, text: string, findings: Finding[]): { fresh: Finding[]; accepted: number } {
    const fresh: Finding[] = [];
    let accepted = 0;
    for (const f of findings) {
      const k = `${path}\u0000${fingerprint(text, f)}`;
      const n = this.left.get(k) ?? 0;
      if (n > 0) {
        this.left.set(k, n - 1);
        accepted++;
      } else fresh.push(f);
    }
    return { fresh, accepted };
  }
}
