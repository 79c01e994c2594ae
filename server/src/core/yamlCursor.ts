/**
 * Where the cursor is in a YAML text that is usually incomplete while the user types (a key
 * without its colon, an empty value): the context comes from indentation, not from a
 * parser. `yamlCursorAt` walks the block structure of the lines (keys, `- ` items, their
 * columns) and returns the chain of keys and items that hold the cursor; `entryAround`
 * gives the part of the text that decides it. Serves declarative completion and hover and
 * the KONG_* YAML sources (env/complete.ts).
 */
import type { Span } from './model';

// ---------------------------------------------------------------------------------------
// Indentation outline

export interface OutlineNode {
  kind: 'root' | 'key' | 'item' | 'scalar' | 'cursor';
  /** Column of the key, of the `-`, or of the scalar. */
  col: number;
  /** Key name, unquoted (kind 'key'). */
  key?: string;
  /** Inline value text after `key:` (comment removed, trimmed), or the scalar's text; '' when none. */
  value: string;
  /** Where that text is ('key' / 'scalar'). */
  valueSpan?: Span;
  /** Offset of the start of the node's line. */
  lineStart: number;
  parent: OutlineNode | null;
  children: OutlineNode[];
}

export interface YamlCursor {
  /**
   * 'key': the cursor is where a key or a plain list item is written (nothing but the
   * token being typed before it on its line, after any `- `).
   * 'value': the cursor is after `key:` on the same line.
   */
  mode: 'key' | 'value';
  /** Ancestors from the top of the document down to the node that holds the cursor's entry (no root). */
  path: OutlineNode[];
  /** The node holding the cursor's entry (the last of `path`; the root at the top level). */
  container: OutlineNode;
  /** mode 'value': the key on the cursor's line. */
  key?: OutlineNode;
  /** Text from the token's start to the cursor (for 'value', after `key:` and spaces, opening quote removed). */
  typed: string;
  /** Range a completion replaces: the token around the cursor. */
  span: Span;
  /** The token was opened with this quote. */
  quote?: '"' | "'";
  /** Text after the replaced token up to the end of the line. */
  after: string;
  /** The root of the outline (only the cursor's top-level entry is read, not the whole document). */
  root: OutlineNode;
  /** The YAML document (between `---` markers) that holds the cursor. */
  doc: Span;
}

interface LineElem {
  kind: 'key' | 'item' | 'scalar';
  col: number;
  key?: string;
  value: string;
  valueSpan?: Span;
  block?: boolean;
}

const KEY_RE = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]},][^#]*?|[^\s#'"{[\]},]))[ \t]*:(?=[ \t]|$)/;

function stripComment(s: string): string {
  // A comment starts at " #" outside quotes (good enough for inline values).
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /\s/.test(s[i - 1]!)) q = c;
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ' || s[i - 1] === '\t')) return s.slice(0, i);
  }
  return s;
}

function unquote(s: string): string {
  if (s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"') {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.length >= 2 && s[0] === "'" && s[s.length - 1] === "'") return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** The block elements of one line (from `start`, the first non-blank character, to `end`). */
function lineElems(text: string, lineStart: number, start: number, end: number): LineElem[] {
  const out: LineElem[] = [];
  let i = start;
  for (;;) {
    if (text[i] === '-' && (i + 1 === end || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      out.push({ kind: 'item', col: i - lineStart, value: '' });
      i++;
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      if (i >= end || text[i] === '#') return out;
      continue;
    }
    break;
  }
  const rest = text.slice(i, end);
  const m = KEY_RE.exec(rest);
  if (m) {
    const key = m[1] !== undefined ? unquote(`"${m[1]}"`) : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]!.trim();
    let vs = i + m[0].length;
    while (vs < end && (text[vs] === ' ' || text[vs] === '\t')) vs++;
    const raw = stripComment(text.slice(vs, end)).trimEnd();
    const el: LineElem = { kind: 'key', col: i - lineStart, key, value: unquote(raw), valueSpan: { start: vs, end: vs + raw.length } };
    if (/^[|>]/.test(raw)) el.block = true;
    out.push(el);
    return out;
  }
  const raw = stripComment(rest).trimEnd();
  if (raw) out.push({ kind: 'scalar', col: i - lineStart, value: unquote(raw), valueSpan: { start: i, end: i + raw.length } });
  return out;
}

function attach(stack: OutlineNode[], n: OutlineNode): void {
  while (stack.length > 1) {
    const top = stack[stack.length - 1]!;
    if (top.col < n.col) break;
    // `key:` followed by `- item` at the key's own column: the list is the key's value.
    if (top.col === n.col && n.kind === 'item' && top.kind === 'key' && top.value === '') break;
    stack.pop();
  }
  const parent = stack[stack.length - 1]!;
  n.parent = parent;
  parent.children.push(n);
  stack.push(n);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[^\s:#,{}[\]"']/.test(c);
}

// ---------------------------------------------------------------------------------------
// Lines as entryAround reads them

/** A line with nothing but blanks (or nothing at all). */
export const SHAPE_EMPTY = -1;
/** Masks of a line's shape: its first non-blank column, and what starts there. */
export const SHAPE_COL = (1 << 24) - 1;
/** The line is a `- ` item. */
export const SHAPE_ITEM = 1 << 24;
/** The line is a document marker (`---` or `...` at column 0). */
export const SHAPE_MARKER = 1 << 25;
/** The line is a comment (its first non-blank character is `#`). */
export const SHAPE_COMMENT = 1 << 26;

/**
 * What entryAround needs of the line at `start` of `text` (read up to its line break
 * or `end`): SHAPE_EMPTY, or the column of its first non-blank character with the flags for
 * a comment, a `- ` item, a document marker. The shape is decided by the characters up
 * to `shapeReach` of it: an edit further right on the line cannot change it.
 */
export function lineShape(text: string, start = 0, end = text.length): number {
  let c = start;
  while (c < end) {
    const ch = text.charCodeAt(c);
    if (ch !== 32 && ch !== 9) break;
    c++;
  }
  const ch = c < end ? text.charCodeAt(c) : NaN;
  if (c >= end || ch === 10 || ch === 13) return SHAPE_EMPTY;
  const col = Math.min(c - start, SHAPE_COL);
  if (ch === 35) return col | SHAPE_COMMENT;
  let s = col;
  if (ch === 45 && endsToken(text, c + 1, end)) s |= SHAPE_ITEM;
  if (c === start && (text.startsWith('---', c) || text.startsWith('...', c)) && c + 3 <= end && endsToken(text, c + 3, end)) s |= SHAPE_MARKER;
  return s;
}

/** Whether position `i` (of a line ending at `end`) is a blank, a line break or the end. */
function endsToken(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const x = text.charCodeAt(i);
  return x === 32 || x === 9 || x === 13 || x === 10;
}

/** The last column of a line whose character can change its shape (see `lineShape`). */
export function shapeReach(shape: number): number {
  return shape < 0 ? Infinity : Math.max((shape & SHAPE_COL) + 1, 3);
}

function isBlankShape(s: number): boolean {
  return s < 0 || (s & SHAPE_COMMENT) !== 0;
}

/**
 * A text seen line by line, as entryAround walks it. Lines are named by handles the
 * view chooses (a flat string uses their start offsets; an open document, its line
 * numbers); -1 is no line. Lines end at `\n` (a `\r` before it belongs to the line).
 */
export interface LineView {
  readonly length: number;
  /** The line that holds `offset`. */
  lineAt(offset: number): number;
  /** Where a line starts. */
  start(line: number): number;
  prev(line: number): number;
  next(line: number): number;
  /**
   * Optional, for speed: the nearest line above `line` that is a marker or not blank
   * with a column below `limit` (or at `limit` and not a `- ` item, when `sameCol`), or
   * -1: the ancestor walk skips the lines between, which it would pass over anyway.
   */
  up?(line: number, limit: number, sameCol: boolean): number;
  /** Its shape (see `lineShape`). */
  shape(line: number): number;
  /** The nearest document-marker line before `line` (-1 when none). */
  markerBefore(line: number): number;
  /** The first document-marker line at or after `line` (-1 when none). */
  markerFrom(line: number): number;
  /** The text of a line without its line break. */
  lineText(line: number): string;
  slice(start: number, end: number): string;
}

/** A flat string as a LineView (handles are line starts). */
export function stringLines(text: string): LineView {
  const lineEnd = (h: number) => {
    const e = text.indexOf('\n', h);
    return e < 0 ? text.length : e;
  };
  return {
    length: text.length,
    lineAt: (offset) => (offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1),
    start: (h) => h,
    // (lastIndexOf with a negative start searches from 0: a text starting with a line break would loop here.)
    prev: (h) => (h <= 0 ? -1 : h < 2 ? 0 : text.lastIndexOf('\n', h - 2) + 1),
    next: (h) => {
      const e = text.indexOf('\n', h);
      return e < 0 ? -1 : e + 1;
    },
    shape: (h) => lineShape(text, h),
    markerBefore: (h) => {
      if (h <= 0) return -1;
      const m = lastMarkerBefore(text, h - 1);
      return m > 0 || isMarkerLine(text, 0) ? m : -1;
    },
    markerFrom: (h) => {
      const re = /\n(---|\.\.\.)(?=[ \t\r\n]|$)/g;
      re.lastIndex = Math.max(0, h - 1);
      const m = re.exec(text);
      return m ? m.index + 1 : -1;
    },
    lineText: (h) => text.slice(h, lineEnd(h)).replace(/\r$/, ''),
    slice: (a, b) => text.slice(a, b),
  };
}

function isMarkerLine(text: string, p: number): boolean {
  const m = text.slice(p, p + 3);
  if (m !== '---' && m !== '...') return false;
  const c = text[p + 3];
  return c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Start of the last document-marker line that starts at or before `limit` (0 when none). */
function lastMarkerBefore(text: string, limit: number): number {
  let best = 0;
  for (const mk of ['---', '...']) {
    for (let i = limit; i >= 0; i--) {
      i = text.lastIndexOf(mk, i);
      if (i < 0) break;
      if ((i === 0 || text[i - 1] === '\n') && isMarkerLine(text, i)) {
        best = Math.max(best, i);
        break;
      }
    }
  }
  return best;
}

/** The part of a YAML text that decides the cursor's context (see `entryAround`). */
export interface EntryRange {
  /** Start of the cursor's line. */
  curLine: number;
  /** Ancestor lines above `from` (keys only), top first: read alone. */
  headers: number[];
  /** The same lines as the view's handles. */
  headerLines: number[];
  /** Start of the first line of the entry, and where the entry ends (a line start or the text's end). */
  from: number;
  end: number;
  /** Lines after the cursor's line at this column or less end the entry. */
  boundCol: number;
  /** The YAML document that holds the cursor. */
  doc: Span;
}

/**
 * The entry around an offset, found by indentation alone (line shapes, no parsing): the
 * outermost list item that holds the cursor's line (one service, one plugin...) or,
 * without one, the top-level entry; plus the ancestor key lines above it. Reads a flat
 * string, or any LineView (an open document's line table: no joined text needed).
 */
export function entryAround(source: string | LineView, offset: number): EntryRange {
  const v = typeof source === 'string' ? stringLines(source) : source;
  const len = v.length;
  offset = Math.max(0, Math.min(offset, len));
  const cur = v.lineAt(offset);
  const curLine = v.start(cur);
  const marker = v.markerBefore(cur);
  const docStart = marker < 0 ? 0 : v.start(marker);
  // Ancestor lines, nearest first, found by indentation alone: each is the nearest line
  // above that is less indented than the one before it; a `- ` item's list key may sit
  // at the item's own column. (A marker above ends the walk: the document starts there.)
  const before = v.slice(curLine, offset);
  let f = 0;
  while (f < before.length && (before[f] === ' ' || before[f] === '\t')) f++;
  let limit = f;
  const cursorIsItem = f < before.length && before[f] === '-' && (f + 1 >= before.length ? isSepAfter(v, curLine + f + 1) : /[ \t\r\n]/.test(before[f + 1]!));
  let sameColHeader = cursorIsItem;
  const ancestors: Array<{ line: number; at: number; col: number; item: boolean }> = [];
  const step = (q: number) => (v.up ? v.up(q, limit, sameColHeader) : v.prev(q));
  for (let q = step(cur); q >= 0 && q !== marker && (limit > 0 || sameColHeader); q = step(q)) {
    const s = v.shape(q);
    if (isBlankShape(s)) continue;
    const col = s & SHAPE_COL;
    if (s & SHAPE_MARKER) break;
    const item = (s & SHAPE_ITEM) !== 0;
    if (col < limit || (sameColHeader && col === limit && !item)) {
      ancestors.push({ line: q, at: v.start(q), col, item });
      limit = col;
      sameColHeader = item;
    }
  }
  // Read from the outermost list item holding the cursor (one service, one plugin...) to
  // its end; the ancestor lines above it are read alone. Without an item: the top entry.
  let fromIdx = -1;
  for (let k = ancestors.length - 1; k >= 0; k--) {
    if (ancestors[k]!.item) {
      fromIdx = k;
      break;
    }
  }
  // The cursor's line is itself an item of a list: read the whole list (its siblings count).
  if (fromIdx < 0 && cursorIsItem && ancestors.length) fromIdx = 0;
  let from: number;
  let boundCol: number;
  if (fromIdx >= 0) {
    from = ancestors[fromIdx]!.at;
    boundCol = ancestors[fromIdx]!.col;
  } else if (ancestors.length === 0) {
    fromIdx = ancestors.length;
    from = curLine;
    boundCol = f;
  } else {
    fromIdx = ancestors.length - 1;
    from = ancestors[fromIdx]!.at;
    boundCol = ancestors[fromIdx]!.col;
  }
  const above = ancestors.slice(fromIdx + 1).reverse();
  const nextMarker = v.markerFrom(cur);
  const docEnd = nextMarker < 0 ? len : v.start(nextMarker);
  let end = docEnd;
  for (let q = v.next(cur); q >= 0 && v.start(q) < docEnd; q = v.next(q)) {
    const s = v.shape(q);
    if (isBlankShape(s)) continue;
    if ((s & SHAPE_COL) <= boundCol) {
      end = v.start(q);
      break;
    }
  }
  return {
    curLine,
    headers: above.map((x) => x.at),
    headerLines: above.map((x) => x.line),
    from,
    end,
    boundCol,
    doc: { start: docStart, end: docEnd },
  };
}

/** Whether the character at `offset` ends a `-` (a blank, a line break, the end). */
function isSepAfter(v: LineView, offset: number): boolean {
  const c = v.slice(offset, offset + 1);
  return c === '' || c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/**
 * The cursor's entry made a text of its own: its ancestor key lines (each alone), then
 * the entry; `delta` maps an offset in it back (add it). Read from a flat string or a
 * LineView alike, so a request on a big open document reads only this piece.
 */
export function entrySlice(source: string | LineView, offset: number): { text: string; delta: number } {
  const v = typeof source === 'string' ? stringLines(source) : source;
  const r = entryAround(v, offset);
  const prefix = r.headerLines.map((h) => `${v.lineText(h)}\n`).join('');
  // The cursor's own line is always in (on a document marker, the entry ends before it).
  let end = r.end;
  if (end <= offset) {
    const next = v.next(v.lineAt(offset));
    end = Math.max(end, next < 0 ? v.length : v.start(next));
  }
  return { text: prefix + v.slice(r.from, end), delta: r.from - prefix.length };
}

export function yamlCursorAt(text: string, offset: number): YamlCursor | null {
  offset = Math.max(0, Math.min(offset, text.length));
  const len = text.length;
  const { curLine, headers, from, end, doc } = entryAround(text, offset);
  const root: OutlineNode = { kind: 'root', col: -1, value: '', lineStart: doc.start, parent: null, children: [] };
  const stack: OutlineNode[] = [root];
  let cursor: YamlCursor | null = null;
  let blockCol = -1; // inside a block scalar whose key is at this column
  const feed = (lineStart: number, lineEnd: number): void => {
    let first = lineStart;
    while (first < lineEnd && (text[first] === ' ' || text[first] === '\t')) first++;
    const blank = first >= lineEnd || text[first] === '#';
    if (blank || (blockCol >= 0 && first - lineStart > blockCol)) return;
    blockCol = -1;
    for (const el of lineElems(text, lineStart, first, lineEnd)) {
      const n: OutlineNode = { kind: el.kind, col: el.col, value: el.value, lineStart, parent: null, children: [] };
      if (el.key !== undefined) n.key = el.key;
      if (el.valueSpan) n.valueSpan = el.valueSpan;
      attach(stack, n);
      if (el.block) blockCol = el.col;
    }
  };
  const lineEndAt = (p: number): [number, number] => {
    let eol = text.indexOf('\n', p);
    if (eol < 0) eol = len;
    let e = eol;
    if (e > p && text.charCodeAt(e - 1) === 13) e--;
    return [e, eol];
  };
  for (const h of headers) feed(h, lineEndAt(h)[0]);
  let pos = from;
  while (pos <= len && (pos < end || pos === curLine)) {
    const [lineEnd, eol] = lineEndAt(pos);
    if (pos === curLine) {
      let first = pos;
      while (first < lineEnd && (text[first] === ' ' || text[first] === '\t')) first++;
      const blank = first >= lineEnd || text[first] === '#';
      if (blockCol >= 0 && (blank ? offset - pos : first - pos) > blockCol) return null; // in a block scalar
      blockCol = -1;
      cursor = cursorOnLine(text, pos, lineEnd, offset, stack, root);
      if (!cursor) return null;
    } else feed(pos, lineEnd);
    if (eol >= len) break;
    pos = eol + 1;
  }
  if (cursor) cursor.doc = doc;
  return cursor;
}

function cursorOnLine(text: string, lineStart: number, lineEnd: number, offset: number, stack: OutlineNode[], root: OutlineNode): YamlCursor | null {
  const before = text.slice(lineStart, offset);
  if (stripComment(before) !== before) return null; // in a comment
  let i = lineStart;
  while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  const nodes: OutlineNode[] = [];
  // `- ` items before the cursor.
  for (;;) {
    if (i < offset && text[i] === '-' && (i + 1 === lineEnd || text[i + 1] === ' ' || text[i + 1] === '\t') && i + 1 <= offset) {
      nodes.push({ kind: 'item', col: i - lineStart, value: '', lineStart, parent: null, children: [] });
      i++;
      while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
      continue;
    }
    break;
  }
  const restBefore = text.slice(i, offset);
  const m = KEY_RE.exec(text.slice(i, lineEnd));
  let mode: 'key' | 'value' = 'key';
  let keyNode: OutlineNode | undefined;
  let tokStart = i;
  if (m && i + m[0].length <= offset) {
    if (/^[ \t]*[[{]/.test(text.slice(i + m[0].length, offset))) return null; // flow content
    mode = 'value';
    const key = m[1] !== undefined ? unquote(`"${m[1]}"`) : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]!.trim();
    keyNode = { kind: 'key', col: i - lineStart, key, value: '', lineStart, parent: null, children: [] };
    tokStart = i + m[0].length;
    while (tokStart < offset && (text[tokStart] === ' ' || text[tokStart] === '\t')) tokStart++;
    if (/^[|>]/.test(text.slice(tokStart, offset))) return null;
  } else if (/[[{]/.test(restBefore)) return null;
  // The token: in key mode, the word the cursor is in; in value mode, everything typed after `key: `.
  let quote: '"' | "'" | undefined;
  let start = tokStart;
  // Inside a quoted value (the cursor after its opening quote); before the quote, the value is taken whole.
  if ((text[start] === '"' || text[start] === "'") && start < offset) {
    quote = text[start] as '"' | "'";
    start++;
  }
  let typed = text.slice(start, offset);
  let end = offset;
  if (mode === 'key') {
    // Only the last word before the cursor ("KONG_X=va" keeps its "=": the caller splits it).
    const w = /[^\s:#,{}[\]"']*$/.exec(restBefore)!;
    start = offset - w[0].length;
    typed = w[0];
    quote = undefined;
    if (start > tokStart && restBefore.slice(0, start - tokStart).trim() !== '') return null;
    while (end < lineEnd && isWordChar(text[end])) end++;
  } else {
    if (quote) {
      const close = text.indexOf(quote, offset);
      end = close >= 0 && close < lineEnd ? close : offset;
    } else {
      const rest = stripComment(text.slice(offset, lineEnd));
      end = offset + rest.trimEnd().length;
    }
  }
  const col = (mode === 'key' ? start : i) - lineStart;
  for (const n of nodes) attach(stack, n);
  let container: OutlineNode;
  if (keyNode) {
    attach(stack, keyNode);
    container = keyNode.parent!;
  } else {
    const c: OutlineNode = { kind: 'cursor', col, value: typed, lineStart, parent: null, children: [] };
    attach(stack, c);
    container = c.parent!;
    stack.pop();
  }
  const path: OutlineNode[] = [];
  for (let n: OutlineNode | null = container; n && n.kind !== 'root'; n = n.parent) path.unshift(n);
  const out: YamlCursor = { mode, path, container, typed, span: { start, end }, after: text.slice(end, lineEnd), root, doc: { start: 0, end: text.length } };
  if (keyNode) out.key = keyNode;
  if (quote) out.quote = quote;
  return out;
}

/** Keys already written in a map node (excluding the cursor's own entry). */
export function childKeys(n: OutlineNode, except?: OutlineNode): string[] {
  return n.children.filter((c) => c.kind === 'key' && c !== except).map((c) => c.key!);
}

/** Value of a direct child key (`name: x` of an item map). */
export function childValue(n: OutlineNode, key: string): string | undefined {
  const c = n.children.find((x) => x.kind === 'key' && x.key === key);
  return c ? c.value : undefined;
}
