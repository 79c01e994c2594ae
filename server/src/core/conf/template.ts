/**
 * Template markup in a kong.conf that a tool renders before Kong reads it: Ansible's Jinja
 * (`kong.conf.j2`: `{# … #}`, `{% if … %}`), ERB (`<% … %>`), Go templates as Helm and
 * consul-template write them (`{{- if … }}`, `{{/* … *\/}}`). Kong never sees that markup,
 * so the kong.conf parser reads the file with it blanked out, offsets unchanged.
 *
 * Blanked: comments anywhere; statements (`{% %}`, `<% %>`), which print nothing; and
 * `{{ … }}` actions that stand alone on their lines (a Go `if`/`end`, or text we cannot
 * know). A `{{ … }}` or `<%= … %>` inside a value stays: the value is then "templated" and
 * its checks are skipped. A tag may run over several lines only when it opens its line
 * (a Jinja block comment), and never over MAX_TAG characters, so a stray `{#` in a
 * kong.conf comment cannot swallow the settings below it. One pass, no backtracking.
 */

/** Name endings of templates (kong.conf.j2 in an Ansible role, .tmpl for Go templates, .erb, ...). */
export const TEMPLATE_EXTENSIONS = ['j2', 'jinja', 'jinja2', 'template', 'tmpl', 'tpl', 'gotmpl', 'ctmpl', 'erb'] as const;
/** A template's ending, to read a name as the file it renders (`prod.env.j2` is a `.env` file). */
export const TEMPLATE_SUFFIX = new RegExp(`\\.(${TEMPLATE_EXTENSIONS.join('|')})$`, 'i');

/** The longest tag read (a block comment of a few thousand lines at most). */
const MAX_TAG = 65_536;

export interface TemplateMask {
  /** The text with template-only markup replaced by spaces, line breaks kept: same length, same offsets. */
  text: string;
  /**
   * Where blanked statements start, ascending. Two settings with one of these between them
   * may sit in different branches of an `if` (only one of them reaches Kong).
   */
  branches: number[];
}

type TagKind = 'comment' | 'statement' | 'output';
interface Tag {
  start: number;
  end: number;
  kind: TagKind;
}

const OPENERS = ['{#', '{%', '{{', '<%'] as const;
const CLOSER: Record<(typeof OPENERS)[number], string> = { '{#': '#}', '{%': '%}', '{{': '}}', '<%': '%>' };

function isInlineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff;
}

function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

function kindOf(text: string, at: number, opener: string): TagKind {
  if (opener === '{#') return 'comment';
  if (opener === '{%') return 'statement';
  if (opener === '<%') {
    const c = text.charCodeAt(at + 2);
    return c === 35 /* # */ ? 'comment' : c === 61 /* = */ ? 'output' : 'statement';
  }
  // {{ … }}: a Go comment is {{/* … */}}, with optional trim markers and spaces.
  let i = at + 2;
  if (text.charCodeAt(i) === 45 /* - */) i++;
  while (isInlineSpace(text.charCodeAt(i))) i++;
  return text.startsWith('/*', i) ? 'comment' : 'output';
}

/** The tags of a text, in order, not overlapping. Linear: each closer is searched forward once. */
function findTags(text: string): Tag[] {
  const tags: Tag[] = [];
  const len = text.length;
  // Next occurrence of each opener and closer at or after a position (they only move forward).
  const nextOpen = new Map<string, number>();
  const nextClose = new Map<string, number>();
  const find = (cache: Map<string, number>, s: string, from: number): number => {
    const known = cache.get(s);
    if (known !== undefined && (known >= from || known < 0)) return known;
    const at = text.indexOf(s, from);
    cache.set(s, at);
    return at;
  };
  let pos = 0;
  // The line of the last opener: its start, its first non-blank and its end, each found once per line.
  let lineStart = 0;
  let lineFirst = -1;
  let lineEnd = -1;
  let scanned = 0;
  while (pos < len) {
    let at = -1;
    let opener: (typeof OPENERS)[number] = '{#';
    for (const o of OPENERS) {
      const i = find(nextOpen, o, pos);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        opener = o;
      }
    }
    if (at < 0) break;
    for (let i = scanned; i < at; i++) {
      if (isNewline(text.charCodeAt(i))) {
        lineStart = i + 1;
        lineFirst = -1;
        lineEnd = -1;
      }
    }
    scanned = at;
    if (lineFirst < 0) {
      lineFirst = lineStart;
      while (lineFirst < len && isInlineSpace(text.charCodeAt(lineFirst))) lineFirst++;
    }
    if (lineEnd < 0) {
      lineEnd = at;
      while (lineEnd < len && !isNewline(text.charCodeAt(lineEnd))) lineEnd++;
    }
    const closer = CLOSER[opener];
    const close = find(nextClose, closer, at + 2);
    // Over several lines only when the tag opens its line (a block comment), and never too long.
    const ok = close >= 0 && close + closer.length - at <= MAX_TAG && (lineFirst === at || close < lineEnd);
    if (!ok) {
      pos = at + 1;
      continue;
    }
    const end = close + closer.length;
    tags.push({ start: at, end, kind: kindOf(text, at, opener) });
    pos = end;
  }
  return tags;
}

/** Only spaces and tabs between `from` and `to`. */
function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isInlineSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Only blanks from the start of the line up to `at`. */
function blankBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && isInlineSpace(text.charCodeAt(i))) i--;
  return i < 0 || isNewline(text.charCodeAt(i));
}

/** Only blanks from `at` to the end of the line. */
function blankAfter(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && isInlineSpace(text.charCodeAt(i))) i++;
  return i >= text.length || isNewline(text.charCodeAt(i));
}

/** The text as Kong would get it once rendered, as far as can be known; null when it holds no template markup. */
export function maskTemplate(text: string): TemplateMask | null {
  if (!text.includes('{#') && !text.includes('{%') && !text.includes('{{') && !text.includes('<%')) return null;
  const tags = findTags(text);
  if (tags.length === 0) return null;
  const masked: Tag[] = [];
  // Runs of tags on one line with only blanks between them; a run alone on its line(s) stands alone.
  for (let i = 0; i < tags.length; ) {
    let j = i;
    while (j + 1 < tags.length && blankBetween(text, tags[j]!.end, tags[j + 1]!.start)) j++;
    const standalone = blankBefore(text, tags[i]!.start) && blankAfter(text, tags[j]!.end);
    for (let k = i; k <= j; k++) {
      const t = tags[k]!;
      if (t.kind !== 'output' || standalone) masked.push(t);
    }
    i = j + 1;
  }
  if (masked.length === 0) return null;
  const parts: string[] = [];
  const branches: number[] = [];
  let from = 0;
  for (const t of masked) {
    parts.push(text.slice(from, t.start), text.slice(t.start, t.end).replace(/[^\r\n]/g, ' '));
    from = t.end;
    if (t.kind !== 'comment') branches.push(t.start);
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), branches };
}

/** How many blanked statements start before `offset`: two settings with different counts may be in different branches. */
export function branchRegion(mask: TemplateMask | null, offset: number): number {
  if (!mask) return 0;
  let lo = 0;
  let hi = mask.branches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mask.branches[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
