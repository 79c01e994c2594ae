/**
 * Reading and writing YAML scalars, one policy for every file kind: what a plain scalar
 * resolves to (YAML 1.2 core schema, what the `yaml` package reads), and how to write a
 * string so that every reader gets it back: decK (Go, YAML 1.2), Kong itself and the
 * Kubernetes/Helm tooling (YAML 1.1, where `on`, `yes`, `1_000` or `1:30` are not strings).
 */
import { parse } from 'yaml';

/** YAML 1.2 core-schema resolution of plain scalars (what the `yaml` package does by default). */
export function resolvePlain(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  const c = s.charCodeAt(0);
  // Fast exit: most scalars start with a letter or '/' and are strings.
  if (c === 116 || c === 84) {
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    return s;
  }
  if (c === 102 || c === 70) {
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    return s;
  }
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return s;
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^(?:[-+]?\.(?:inf|Inf|INF))$/.test(s)) return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^(?:\.nan|\.NaN|\.NAN)$/.test(s)) return NaN;
  return s;
}

/** Plain forms that YAML 1.1 may read as something other than a string (checked exactly with the parser). */
const MAYBE_SPECIAL_IN_11 = /^[-+.~=<0-9]|^(?:y|n|yes|no|on|off)$/i;

/**
 * True when `s`, written as a plain scalar (in block context, or in a flow collection with
 * `flow`), reads back as the same string under YAML 1.2 and 1.1.
 */
export function isPlainSafe(s: string, flow = false): boolean {
  if (s === '' || s.trim() !== s) return false;
  if (typeof resolvePlain(s) !== 'string') return false;
  if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s,\[\]{}]/.test(s)) return false;
  if (/[\r\n\t]/.test(s)) return false;
  if (/: |:$| #/.test(s)) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  if (MAYBE_SPECIAL_IN_11.test(s)) {
    try {
      if (parse(s, { version: '1.1', logLevel: 'silent' }) !== s) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Escape for the inside of a YAML double-quoted scalar. */
export function escapeDoubleQuoted(v: string): string {
  let out = '';
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

/** A YAML double-quoted scalar for `s`. */
export function doubleQuoted(s: string): string {
  return `"${escapeDoubleQuoted(s)}"`;
}

/** The inside of a YAML single-quoted scalar for `s` (single-line input). */
export function escapeSingleQuoted(s: string): string {
  return s.replace(/'/g, "''");
}

/** `s` plain when that reads back as the same string, double-quoted otherwise. */
export function plainOrDoubleQuoted(s: string, flow = false): string {
  return isPlainSafe(s, flow) ? s : doubleQuoted(s);
}

/** A completion value for the cursor's scalar: inside its quotes when it has them, else plain or quoted. */
export function scalarAtCursor(v: string | number | boolean | null, quote: '"' | "'" | undefined): string {
  if (typeof v !== 'string') return String(v);
  if (quote === '"') return escapeDoubleQuoted(v);
  if (quote === "'") return escapeSingleQuoted(v);
  return plainOrDoubleQuoted(v);
}
