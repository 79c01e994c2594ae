/**
 * `.env` files as docker-compose (and most dotenv readers) read them: `NAME=value` per
 * line, optional `export `, `#` comment lines, values unquoted (an inline comment starts
 * at whitespace followed by `#`), double-quoted (backslash escapes, may span lines) or
 * single-quoted (literal, may span lines). Later lines override earlier ones.
 */
import type { Setting } from '../conf/settings';
import { isTemplated } from '../conf/parser';
import { branchRegion, maskTemplate } from '../conf/template';
import type { Span, TextEdit } from '../model';
import { settingPropertyOfVar } from './names';
import type { EnvParseError, EnvParseResult } from './types';
import { overridesInScope } from './yamlSupport';

type Quote = '"' | "'" | '';

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** Start of the next line (after the line break), or text.length. */
  next: number;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let e = pos;
    while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
    const next = e >= text.length ? text.length + 1 : e + (text[e] === '\r' && text[e + 1] === '\n' ? 2 : 1);
    out.push({ start: pos, end: e, next });
    pos = next;
  }
  return out;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*/;

function unescapeDouble(raw: string): string {
  return raw.replace(/\\(.)/gs, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

/** Spell a value for a .env entry written with `quote` (the span is inside the quotes). */
export function spellDotenvValue(quote: Quote, v: string): string {
  if (quote === '"')
    return v
      .replace(/[\\"]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r');
  if (quote === "'") return v; // literal: nothing can be escaped inside single quotes
  const needsQuotes = v !== v.trim() || /\s#|^#|^["']|[\n\r]/.test(v);
  return needsQuotes ? `"${spellDotenvValue('"', v)}"` : v;
}

export function settingsFromEnvFile(source: string): EnvParseResult {
  // A template of a .env (Ansible's prod.env.j2) is read as it renders: see ../conf/template.
  const mask = maskTemplate(source);
  const text = mask ? mask.text : source;
  const settings: Setting[] = [];
  const errors: EnvParseError[] = [];
  const lines = splitLines(text);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const firstIdx = li;
    let p = line.start;
    while (p < line.end && (text[p] === ' ' || text[p] === '\t' || text[p] === '\ufeff')) p++;
    if (p >= line.end || text[p] === '#') continue;
    const entryStart = p;
    const exportMatch = /^export[ \t]+/.exec(text.slice(p, line.end));
    if (exportMatch) p += exportMatch[0].length;
    const nameMatch = NAME_RE.exec(text.slice(p, line.end));
    if (!nameMatch) {
      errors.push({ message: 'Expected NAME=value', span: { start: entryStart, end: line.end } });
      continue;
    }
    const name = nameMatch[0];
    const keySpan: Span = { start: p, end: p + name.length };
    p = keySpan.end;
    while (p < line.end && (text[p] === ' ' || text[p] === '\t')) p++;
    if (p >= line.end || (text[p] !== '=' && text[p] !== ':')) {
      errors.push({ message: `Expected "=" after ${name}`, span: { start: entryStart, end: line.end } });
      continue;
    }
    p++;
    while (p < line.end && (text[p] === ' ' || text[p] === '\t')) p++;

    let quote: Quote = '';
    let valueSpan: Span;
    let value: string;
    let lastLine = li;
    const q = text[p];
    if (p < line.end && (q === '"' || q === "'")) {
      quote = q;
      // Find the closing quote, possibly on a later line.
      let i = p + 1;
      let close = -1;
      while (i < text.length) {
        const c = text[i];
        if (quote === '"' && c === '\\') {
          i += 2;
          continue;
        }
        if (c === quote) {
          close = i;
          break;
        }
        i++;
      }
      if (close < 0) {
        errors.push({ message: `Unclosed ${quote === '"' ? 'double' : 'single'} quote`, span: { start: p, end: line.end } });
        valueSpan = { start: p + 1, end: line.end };
        value = text.slice(p + 1, line.end);
      } else {
        valueSpan = { start: p + 1, end: close };
        const raw = text.slice(p + 1, close);
        value = quote === '"' ? unescapeDouble(raw) : raw;
        while (lastLine + 1 < lines.length && lines[lastLine]!.end < close) lastLine++;
        const after = text.slice(close + 1, lines[lastLine]!.end);
        if (!/^[ \t]*(#.*)?$/.test(after)) {
          errors.push({ message: 'Unexpected text after the closing quote', span: { start: close + 1, end: lines[lastLine]!.end } });
        }
      }
    } else {
      let e = line.end;
      for (let i = p; i < line.end; i++) {
        if (text[i] === '#' && (i === p || text[i - 1] === ' ' || text[i - 1] === '\t')) {
          e = i;
          break;
        }
      }
      while (e > p && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
      valueSpan = { start: p, end: e };
      value = text.slice(p, e);
    }
    li = lastLine;

    const property = settingPropertyOfVar(name);
    if (!property) continue;
    const lastL = lines[lastLine]!;
    const entryLines = lines.slice(firstIdx, lastLine + 1);
    const q2 = quote;
    settings.push({
      property,
      keyText: name,
      keySpan,
      value,
      valueSpan,
      spellKey: (prop) => `KONG_${prop.toUpperCase()}`,
      spellValue: (v) => spellDotenvValue(q2, v),
      commentOut: (note) => {
        const edits: TextEdit[] = [];
        entryLines.forEach((l, i) => {
          let s = l.start;
          while (s < l.end && (text[s] === ' ' || text[s] === '\t')) s++;
          const at = i === 0 ? entryStart : s;
          if (i > 0 && s >= l.end) return;
          const indent = text.slice(l.start, at);
          edits.push({ start: at, end: at, newText: i === 0 && note ? `# ${note.replace(/[\r\n]+/g, ' ')}\n${indent}# ` : '# ' });
        });
        return edits;
      },
      templated: isTemplated(source.slice(valueSpan.start, valueSpan.end)),
      entryEnd: lastL.end,
    });
  }
  for (const [s, by] of overridesInScope(settings)) {
    // Two branches of a template's `if` do not override each other.
    if (branchRegion(mask, s.entryEnd) === branchRegion(mask, by.entryEnd)) s.overriddenBy = by;
  }
  return { settings, errors };
}
