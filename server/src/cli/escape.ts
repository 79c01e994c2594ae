/**
 * User text on a terminal or in a CI log is data: control characters (escape sequences that
 * clear the screen, move the cursor, make links), bidirectional overrides (which reorder
 * what is shown), zero-width characters and line breaks (which split one finding into
 * several lines) are shown as escapes (the same set as Markdown: core/invisible.ts), and
 * very long values are cut with an ellipsis. JSON and SARIF keep the exact text.
 */
import { HAS_INVISIBLE } from '../core/invisible';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  if (NAMED[c]) return NAMED[c]!;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of user text, safe to print: escapes for control/bidi characters and line breaks, cut to `max` characters. */
export function escapeLine(s: string, max = 1000): string {
  // Nearly every line is plain: no copy, no per-character work.
  if (s.length <= max && !HAS_INVISIBLE.test(s)) return s;
  let out = '';
  let shown = 0;
  for (let i = 0; i < s.length; i++) {
    if (shown >= max) return `${out}… (${s.length - i} more characters)`;
    const c = s[i]!;
    if (HAS_INVISIBLE.test(c)) out += escapeChar(c);
    else {
      out += c;
      // Keep a surrogate pair together.
      const code = c.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) out += s[++i];
    }
    shown++;
  }
  return out;
}

/** A multi-line text (the plan as text or Markdown): each line escaped and cut, line breaks kept. */
export function escapeLines(text: string, maxLine = 2000): string {
  return text
    .split('\n')
    .map((l) => escapeLine(l.endsWith('\r') ? l.slice(0, -1) : l, maxLine).replace(/\\t/g, '\t'))
    .join('\n');
}
