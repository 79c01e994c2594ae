import type { Span, TextEdit } from '../model';
import { branchRegion, maskTemplate, type TemplateMask } from './template';

/** One `name = value` line of a kong.conf. */
export interface ConfEntry {
  name: string;
  nameSpan: Span;
  /** The value as Kong reads it: trimmed, comment removed, `\#` unescaped. */
  value: string;
  /** Span of the raw value text (trimmed), empty at the end of `=` when there is no value. */
  valueSpan: Span;
  /** The whole line without its line break. */
  lineSpan: Span;
  /** 0-based line number. */
  line: number;
  /** Set when a later line sets the same name (Kong keeps the last one). */
  overriddenBy?: ConfEntry;
  /** The value holds template markup (see ./template): what Kong gets is not written here. */
  templated?: boolean;
}

export interface ConfSyntaxError {
  message: string;
  span: Span;
}

export interface ConfParseResult {
  entries: ConfEntry[];
  errors: ConfSyntaxError[];
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Parse kong.conf the way Kong's loader reads it: one `name = value` per line,
 * `#` starts a comment unless written `\#`, whitespace around names and values is
 * ignored, a later duplicate wins. Never throws: malformed lines become errors.
 *
 * A template of a kong.conf (Jinja, ERB, Go templates) is read as Kong gets it once
 * rendered: its comments and statements are not lines of the file (see ./template), and
 * two settings of one name with a statement between them may be two branches of an `if`,
 * so the first is not said to be overridden.
 */
export function parseConf(source: string): ConfParseResult {
  const entries: ConfEntry[] = [];
  const errors: ConfSyntaxError[] = [];
  const byName = new Map<string, ConfEntry>();
  const mask = maskTemplate(source);
  const text = mask ? mask.text : source;
  let lineNo = 0;
  let pos = 0;
  const len = text.length;
  while (pos <= len) {
    let eol = pos;
    while (eol < len && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    const before = entries.length;
    parseLine(text, pos, eol, lineNo, entries, errors, byName, mask);
    const e = mask ? entries[before] : undefined;
    if (e && source.slice(e.valueSpan.start, e.valueSpan.end) !== text.slice(e.valueSpan.start, e.valueSpan.end)) e.templated = true;
    if (eol >= len) break;
    pos = eol + (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1);
    lineNo++;
  }
  return { entries, errors };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff;
}

function parseLine(text: string, start: number, end: number, line: number, entries: ConfEntry[], errors: ConfSyntaxError[], byName: Map<string, ConfEntry>, mask: TemplateMask | null): void {
  // End of content: first '#' not escaped by a backslash.
  let contentEnd = end;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 35 /* # */ && (i === start || text.charCodeAt(i - 1) !== 92) /* \ */) {
      contentEnd = i;
      break;
    }
  }
  let s = start;
  while (s < contentEnd && isSpace(text.charCodeAt(s))) s++;
  let e = contentEnd;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s >= e) return; // blank or comment-only line
  const eq = text.indexOf('=', s);
  if (eq < 0 || eq >= e) {
    errors.push({ message: `Expected "name = value"; Kong cannot read this line`, span: { start: s, end: e } });
    return;
  }
  let ne = eq;
  while (ne > s && isSpace(text.charCodeAt(ne - 1))) ne--;
  const name = text.slice(s, ne);
  if (!name) {
    errors.push({ message: 'Missing property name before "="', span: { start: s, end: eq + 1 } });
    return;
  }
  if (!NAME.test(name)) {
    errors.push({ message: `"${name}" is not a valid property name (letters, digits and underscores only)`, span: { start: s, end: ne } });
    return;
  }
  let vs = eq + 1;
  while (vs < e && isSpace(text.charCodeAt(vs))) vs++;
  const raw = text.slice(vs, e);
  const entry: ConfEntry = {
    name,
    nameSpan: { start: s, end: ne },
    value: raw.replace(/\\#/g, '#'),
    valueSpan: { start: vs, end: Math.max(vs, e) },
    lineSpan: { start, end },
    line,
  };
  const previous = byName.get(name);
  // A template statement between the two: they may be two branches of an `if`.
  if (previous && branchRegion(mask, previous.lineSpan.end) === branchRegion(mask, end)) previous.overriddenBy = entry;
  byName.set(name, entry);
  entries.push(entry);
}

/** True when a value is (or holds) a template that a tool fills in later; value checks skip it. */
export function isTemplated(value: string): boolean {
  return /\{\{.*?\}\}|\{%.*?%\}|%\([^)]*\)s|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|<%.*?%>/.test(value);
}

/** Kong's booleans. */
export function parseBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === 'on' || v === 'true') return true;
  if (v === 'off' || v === 'false') return false;
  return null;
}

/** Kong splits list values at commas and trims each element. */
export function splitList(value: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value[i] === ',') {
      const seg = value.slice(start, i);
      const lead = seg.length - seg.trimStart().length;
      out.push({ text: seg.trim(), offset: start + lead });
      start = i + 1;
    }
  }
  return out;
}

/** Comment out a whole line without losing it: `#` in front of the original text. */
export function commentOutLine(lineSpan: Span, note?: string): TextEdit {
  return { start: lineSpan.start, end: lineSpan.start, newText: note ? `# ${note}\n#` : '#' };
}

/** `KONG_PG_HOST` -> `pg_host`; null for names that do not start with KONG_. */
export function envNameToProperty(varName: string): string | null {
  const m = /^KONG_(.+)$/.exec(varName);
  return m ? m[1]!.toLowerCase() : null;
}

/** `pg_host` -> `KONG_PG_HOST`. */
export function propertyToEnvName(property: string): string {
  return `KONG_${property.toUpperCase()}`;
}
