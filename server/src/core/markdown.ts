/**
 * User text inside Markdown (hovers, the plan's Markdown export, the status tooltip):
 * names, values, versions and paths from the user's files and settings are data. They
 * are shown as the characters they are: no image, link, HTML, emphasis, code span, table
 * cell, heading or icon of their own; on one line (line breaks, other control characters
 * and bidirectional overrides shown as escapes); cut with an ellipsis when long.
 * Every Markdown we build passes user text through `mdText`, `mdCode` or `mdUrl`.
 */
import { INVISIBLE_CLASS } from './invisible';

/** Longest user text shown in Markdown before it is cut (characters). */
export const MD_MAX = 200;

/** Control, separator, bidirectional and zero-width characters (see invisible.ts). */
const INVISIBLE = new RegExp(INVISIBLE_CLASS, 'g');

const WORD = /^[\p{L}\p{N}]$/u;

const NAMED: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't' };

function escapeOf(c: string): string {
  return NAMED[c] ?? `u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` cut to `max` characters (the last one an ellipsis), never inside a surrogate pair. */
export function cut(s: string, max = MD_MAX): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const c = s.charCodeAt(end);
  if (end > 0 && c >= 0xdc00 && c <= 0xdfff) end--;
  return s.slice(0, end) + '…';
}

/** `s` cut to `max` characters, with control and bidirectional characters written as escapes (one line). */
function visible(s: string, max: number): string {
  return cut(String(s), max).replace(INVISIBLE, (c) => `\\${escapeOf(c)}`);
}

/**
 * Plain text in Markdown: every character Markdown, GitHub's extensions or VS Code (icons
 * `$(name)`) read as markup is backslash-escaped; `www.` and `scheme:` cannot autolink.
 */
export function mdText(s: string, max = MD_MAX): string {
  return (
    cut(String(s), max)
      .replace(/[\\`*[\]()<>!#|$&{}^]/g, '\\$&')
      // `~` strikes through only next to text; `scheme://` autolinks.
      .replace(/~(?=\S)|(?<=\S)~/g, '\\~')
      .replace(/:(?=\/\/)/g, '\\:')
      // `_` opens or closes emphasis only next to something that is not a letter or digit.
      .replace(/_/g, (u, at: number, all: string) => (WORD.test(all.charAt(at - 1)) && WORD.test(all.charAt(at + 1)) ? u : '\\_'))
      .replace(/(www)\./gi, '$1\\.')
      .replace(INVISIBLE, (c) => `\\\\${escapeOf(c)}`)
  );
}

/**
 * Text as an inline code span: shown literally whatever it holds (a fence of more
 * backticks than any run inside it; padded when it starts or ends with a backtick).
 * `table`: the span sits in a table cell, where a `|` would end the cell even inside code.
 */
export function mdCode(s: string, max = MD_MAX, opts: { table?: boolean } = {}): string {
  let t = visible(s, max);
  if (opts.table) t = t.replace(/\|/g, '\\|');
  let longest = 0;
  for (const m of t.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return t === '' ? '` `' : `${fence}${pad}${t}${pad}${fence}`;
}

/** A URL as a Markdown link target: nothing in it can end the target or open another. */
export function mdUrl(url: string): string {
  return encodeURI(url.replace(INVISIBLE, ''))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

/**
 * VS Code's icon syntax `$(name)` / `$(name~spin)`, as its label renderer reads it (an icon
 * name of letters, digits and dashes, an optional modifier).
 */
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]*)?\)/g;

/**
 * User text in a plain label where VS Code renders icons (status bar text, quick pick
 * labels and descriptions, code lens titles): `$(name)` is shown as typed (a backslash
 * before it is what tells VS Code it is text; one the user wrote stays visible), control
 * and bidirectional characters as escapes, on one line, cut with an ellipsis when long.
 */
export function labelText(s: string, max = MD_MAX): string {
  return visible(s, max).replace(ICON, '\\$&');
}

/**
 * User text in a notification message (plain text, but VS Code makes `[text](command:…)`,
 * `[text](https://…)` and `[text](file:…)` links there): such a link is broken apart so it
 * shows as typed, control and bidirectional characters are escaped, long text is cut.
 */
export function noticeText(s: string, max = MD_MAX): string {
  return visible(s, max).replace(/\]\(/g, '] (');
}
