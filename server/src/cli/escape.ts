/**
 * User text on a terminal or in a CI log is data: control characters (escape sequences that
 * clear the screen, move the cursor, make links), bidirectional overrides (which reorder
 * what is shown) and line breaks (which split one finding into several lines) are shown as
 * escapes, and very long values are cut with an ellipsis. JSON and SARIF keep the exact text.
 */

const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  if (NAMED[c]) return NAMED[c]!;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of user text, safe to print: escapes for control/bidi characters and line breaks, cut to `max` characters. */
export function escapeLine(s: string, max = 1000): string {
  // Nearly every line is plain: no copy, no per-character work.
  if (s.length <= max && !CONTROL.test(s) && !BIDI_AND_INVISIBLE.test(s)) return s;
  let out = '';
  let shown = 0;
  for (let i = 0; i < s.length; i++) {
    if (shown >= max) return `${out}… (${s.length - i} more characters)`;
    const c = s[i]!;
    if (CONTROL.test(c) || BIDI_AND_INVISIBLE.test(c)) out += escapeChar(c);
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
