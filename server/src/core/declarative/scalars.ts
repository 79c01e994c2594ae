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

/** True when `s`, written as a plain scalar in block context, reads back as the same string. */
export function isPlainSafeString(s: string): boolean {
  if (s === '' || s.trim() !== s) return false;
  if (typeof resolvePlain(s) !== 'string') return false;
  if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s,\[\]{}]/.test(s)) return false;
  if (/[\r\n\t]/.test(s)) return false;
  if (/: |:$| #/.test(s)) return false;
  return true;
}

/** A YAML double-quoted string for `s`. */
export function doubleQuote(s: string): string {
  return JSON.stringify(s);
}

/** A YAML single-quoted string for `s` (single-line input). */
export function singleQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
