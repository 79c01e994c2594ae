/**
 * Completion in declarative (decK / DB-less) files: plugin names after `name:` in a
 * `plugins:` item, config field names at the cursor's nesting level under `config:`,
 * allowed values after `field:`.
 *
 * The YAML around the cursor is usually incomplete while the user types (a key without
 * its colon, an empty value), so the context comes from indentation, not from a parser:
 * `yamlCursorAt` walks the block structure of the lines (keys, `- ` items, their columns)
 * and returns the chain of keys and items that hold the cursor. The same reader serves
 * the KONG_* YAML sources (see ../env/complete.ts).
 */
import type { Span } from '../model';
import type { CheckEnv } from '../check';
import type { CompletionEntry } from '../complete';
import type { JsonScalar } from '../knowledge/pluginTypes';
import { fieldAt, fieldName, fieldsAt, pluginAt, pluginsAt, type FieldAt } from '../knowledge/plugins';
import { isPlainSafeString } from './scalars';

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

function isDocMarkerAt(text: string, p: number): boolean {
  const m = text.slice(p, p + 3);
  if (m !== '---' && m !== '...') return false;
  const c = text[p + 3];
  return c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isItemAt(text: string, p: number): boolean {
  const c = text[p + 1];
  return text[p] === '-' && (c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n');
}

/** Start of the last document-marker line that starts at or before `limit` (0 when none). */
function lastMarkerBefore(text: string, limit: number): number {
  let best = 0;
  for (const mk of ['---', '...']) {
    for (let i = limit; i >= 0; i--) {
      i = text.lastIndexOf(mk, i);
      if (i < 0) break;
      if ((i === 0 || text[i - 1] === '\n') && isDocMarkerAt(text, i)) {
        best = Math.max(best, i);
        break;
      }
    }
  }
  return best;
}

function prevLineStart(text: string, lineStart: number): number {
  return lineStart <= 0 ? -1 : text.lastIndexOf('\n', lineStart - 2) + 1;
}

/**
 * Where the cursor sits in the block structure of a YAML text. Never throws; returns null
 * inside a comment, a block scalar or flow (`{...}` / `[...]`) content on the cursor's line.
 *
 * Only the top-level entry around the cursor is read: the column-0 line that starts it
 * (for an item of a column-0 list, the item and the list's `key:` line) down to the next
 * column-0 line, so the cost does not grow with the file.
 */
/** The part of a YAML text that decides the cursor's context (see `entryAround`). */
export interface EntryRange {
  /** Start of the cursor's line. */
  curLine: number;
  /** Ancestor lines above `from` (keys only), top first: read alone. */
  headers: number[];
  /** Start of the first line of the entry, and where the entry ends (a line start or the text's end). */
  from: number;
  end: number;
  /** Lines after the cursor's line at this column or less end the entry. */
  boundCol: number;
  /** The YAML document that holds the cursor. */
  doc: Span;
}

/**
 * The entry around an offset, found by indentation alone (scanning line starts, no
 * parsing): the outermost list item that holds the cursor's line (one service, one
 * plugin...) or, without one, the top-level entry; plus the ancestor key lines above it.
 */
export function entryAround(text: string, offset: number): EntryRange {
  offset = Math.max(0, Math.min(offset, text.length));
  const len = text.length;
  const curLine = text.lastIndexOf('\n', offset - 1) + 1;
  const docStart = lastMarkerBefore(text, curLine - 1);
  // Ancestor lines, nearest first, found by indentation alone (line starts only): each is
  // the nearest line above that is less indented than the one before it; a `- ` item's
  // list key may sit at the item's own column.
  let f = curLine;
  while (f < offset && (text[f] === ' ' || text[f] === '\t')) f++;
  let limit = f - curLine;
  const cursorIsItem = f < offset && isItemAt(text, f);
  let sameColHeader = cursorIsItem;
  const ancestors: Array<{ at: number; col: number; item: boolean }> = [];
  for (let q = prevLineStart(text, curLine); q >= docStart && q >= 0 && (limit > 0 || sameColHeader); q = prevLineStart(text, q)) {
    let c = q;
    while (text[c] === ' ' || text[c] === '\t') c++;
    const ch = text[c];
    if (ch === undefined || ch === '\n' || ch === '\r' || ch === '#') continue;
    const col = c - q;
    if (col === 0 && isDocMarkerAt(text, q)) break;
    const item = isItemAt(text, c);
    if (col < limit || (sameColHeader && col === limit && !item)) {
      ancestors.push({ at: q, col, item });
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
    boundCol = f - curLine;
  } else {
    fromIdx = ancestors.length - 1;
    from = ancestors[fromIdx]!.at;
    boundCol = ancestors[fromIdx]!.col;
  }
  const headers = ancestors.slice(fromIdx + 1).reverse().map((x) => x.at);
  let docEnd = len;
  {
    const re = /\n(---|\.\.\.)(?=[ \t\r\n]|$)/g;
    re.lastIndex = Math.max(0, curLine - 1);
    const m = re.exec(text);
    if (m) docEnd = m.index + 1;
  }
  let end = docEnd;
  for (let pos = text.indexOf('\n', offset); pos >= 0 && pos + 1 < docEnd; pos = text.indexOf('\n', pos + 1)) {
    let c = pos + 1;
    while (text[c] === ' ' || text[c] === '\t') c++;
    const ch = text[c];
    if (ch === undefined || ch === '\n' || ch === '\r' || ch === '#') continue;
    if (c - pos - 1 <= boundCol) {
      end = pos + 1;
      break;
    }
  }
  return { curLine, headers, from, end, boundCol, doc: { start: docStart, end: docEnd } };
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
  if (text[start] === '"' || text[start] === "'") {
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

// ---------------------------------------------------------------------------------------
// Declarative completion

/** A scalar as YAML text that reads back as the same value (quoted when needed). */
export function yamlScalar(v: JsonScalar): string {
  if (typeof v !== 'string') return String(v);
  return isPlainSafeString(v) && !/^(y|n|yes|no|on|off)$/i.test(v) ? v : JSON.stringify(v);
}

interface PluginCtx {
  /** The `- name: x` item map of the plugin. */
  item: OutlineNode;
  plugin: string;
  /** Config-relative parent path of the cursor's entry ('' = config root). */
  parent: string;
}

/** The plugin config context of a container: walk up to `config:` inside an item of a `plugins:` list. */
function pluginConfigCtx(path: OutlineNode[]): PluginCtx | null {
  for (let k = path.length - 1; k >= 2; k--) {
    const cfg = path[k]!;
    if (cfg.kind !== 'key' || cfg.key !== 'config') continue;
    const item = path[k - 1]!;
    const list = path[k - 2]!;
    if (item.kind !== 'item' || list.kind !== 'key' || list.key !== 'plugins') continue;
    const plugin = childValue(item, 'name');
    if (!plugin) return null;
    let parent = '';
    for (const n of path.slice(k + 1)) {
      if (n.kind === 'key') parent = parent ? `${parent}.${n.key}` : n.key!;
      else if (n.kind === 'item') parent = `${parent}[]`;
      else return null;
    }
    return { item, plugin, parent };
  }
  return null;
}

function isPluginItem(n: OutlineNode): boolean {
  return n.kind === 'item' && n.parent?.kind === 'key' && n.parent.key === 'plugins';
}

function describeType(f: FieldAt): string | undefined {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return undefined;
  if (!f.type) return undefined;
  if ((f.type === 'array' || f.type === 'set') && f.elements) return `${f.type} of ${f.elements}`;
  if (f.type === 'map' && f.keys && f.values) return `map ${f.keys} → ${f.values}`;
  return f.type;
}

const CONTAINER_TYPES = new Set(['record', 'map', 'array', 'set', 'json']);

function fieldEntries(ctx: PluginCtx, cur: YamlCursor, env: CheckEnv): CompletionEntry[] {
  const kb = env.knowledge.plugins!;
  const T = env.target.version;
  const present = new Set(childKeys(cur.container));
  const colonFollows = /^[ \t]*:/.test(cur.after);
  const out: CompletionEntry[] = [];
  for (const f of fieldsAt(kb, ctx.plugin, ctx.parent, T, env.target.edition)) {
    if (f.status !== 'accepted' && f.status !== 'deprecated') continue;
    const name = fieldName(f.path);
    if (name === '*' || present.has(name)) continue;
    const dep = f.status === 'deprecated';
    const ty = describeType(f);
    const detailParts: string[] = [];
    if (dep) detailParts.push(`deprecated${f.replacement.length ? ` → ${f.replacement.join(', ')}` : ''}`);
    if (ty) detailParts.push(ty);
    if (!dep && f.required) detailParts.push('required');
    if (f.hasDefault && f.default !== null && typeof f.default !== 'object') detailParts.push(`default ${String(f.default)}`);
    const newText = colonFollows ? name : CONTAINER_TYPES.has(f.type ?? '') ? `${name}:` : `${name}: `;
    const e: CompletionEntry = {
      label: name,
      kind: 'property',
      deprecated: dep,
      sortText: `${dep ? '2' : f.required ? '0' : '1'}${name}`,
      edit: { start: cur.span.start, end: cur.span.end, newText },
    };
    if (detailParts.length) e.detail = detailParts.join(' · ');
    if (f.description) e.documentation = f.description;
    out.push(e);
  }
  return out;
}

function valueEntries(f: FieldAt, cur: YamlCursor, elements: boolean): CompletionEntry[] {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return [];
  let values: JsonScalar[] = [];
  if (elements) values = f.elementsAllowed ?? [];
  else if (f.allowed?.length) values = f.allowed;
  else if (f.type === 'boolean') values = [true, false];
  const def = !elements && f.hasDefault ? f.default : undefined;
  return values.map((v, i) => {
    const text = cur.quote && typeof v === 'string' ? v.replace(/\\/g, cur.quote === '"' ? '\\\\' : '\\').replace(cur.quote === '"' ? /"/g : /'/g, cur.quote === '"' ? '\\"' : "''") : yamlScalar(v);
    const e: CompletionEntry = { label: String(v), kind: 'value', sortText: String(i).padStart(3, '0'), edit: { start: cur.span.start, end: cur.span.end, newText: text } };
    if (def === v) e.detail = 'default';
    return e;
  });
}

function pluginNameEntries(cur: YamlCursor, env: CheckEnv): CompletionEntry[] {
  const kb = env.knowledge.plugins!;
  const T = env.target.version;
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const name of pluginsAt(kb, T, env.target.edition)) {
    const at = pluginAt(kb, name, T, env.target.edition);
    seen.add(name);
    const e: CompletionEntry = { label: name, kind: 'value', sortText: `0${name}`, edit: { start: cur.span.start, end: cur.span.end, newText: name } };
    if (at.status === 'known') {
      e.detail = at.edition === 'enterprise' ? 'Enterprise plugin' : 'plugin';
      e.documentation = `${at.description}\n\n[Documentation](${at.docsUrl})`;
    }
    out.push(e);
  }
  for (const name of env.customPlugins) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ label: name, kind: 'value', detail: 'custom plugin', sortText: `1${name}`, edit: { start: cur.span.start, end: cur.span.end, newText: name } });
  }
  return out;
}

/** Completion entries for a declarative file at `offset`. */
export function completeDeclarative(text: string, offset: number, env: CheckEnv): CompletionEntry[] {
  if (!env.knowledge.plugins) return [];
  const cur = yamlCursorAt(text, offset);
  if (!cur) return [];
  if (cur.mode === 'value') {
    const key = cur.key!.key!;
    if (key === 'name' && isPluginItem(cur.container)) return pluginNameEntries(cur, env);
    const ctx = pluginConfigCtx(cur.path);
    if (!ctx) return [];
    const path = ctx.parent ? `${ctx.parent}.${key}` : key;
    return valueEntries(fieldAt(env.knowledge.plugins, ctx.plugin, path, env.target.version, env.target.edition), cur, false);
  }
  const ctx = pluginConfigCtx(cur.path);
  if (!ctx) return [];
  // A plain list item of an array field with allowed element values (`- GET`).
  if (cur.container.kind === 'item' && ctx.parent.endsWith('[]') && !cur.container.children.some((c) => c.kind === 'key')) {
    const f = fieldAt(env.knowledge.plugins, ctx.plugin, ctx.parent.slice(0, -2), env.target.version, env.target.edition);
    const vals = valueEntries(f, cur, true);
    if (vals.length) return vals;
  }
  return fieldEntries(ctx, cur, env);
}
