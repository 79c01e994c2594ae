/**
 * Cheap splitting of a declarative file into independently parseable pieces, so a large
 * file is parsed slice by slice and an edit re-parses only the slices whose text changed.
 *
 * YAML: documents at `---`/`...` lines; inside a block-map document, one piece per
 * top-level key (a column-0 line); a top-level block sequence (`services:` + `- ...`) is
 * split once more into one piece per item. Anything the line scan cannot vouch for makes
 * the document one whole piece (still correct, just not incremental).
 *
 * JSON: a top-level object is split into its members, and members whose value is an
 * array into that array's elements (by a bracket-depth scan that skips strings).
 */
import { pushAll } from '../util';

export type Piece =
  /** Parse [start,end) as a map with top-level keys (one entry, or a whole document). */
  | { kind: 'entry'; start: number; end: number; json?: { key: string; keyStart: number; keyEnd: number; valueStart: number; valueEnd: number } }
  /** [start,end) is one item of the top-level sequence under `key`. */
  | { kind: 'item'; key: string; start: number; end: number }
  /** The `key:` line of a split sequence (not parsed; only its key and span are used). */
  | { kind: 'header'; key: string; start: number; end: number; keyStart: number; keyEnd: number };

export interface DocSplit {
  start: number;
  end: number;
  /** True when the document could not be split (parse it whole). */
  whole: boolean;
  pieces: Piece[];
}

// ---------------------------------------------------------------------------------------
// YAML

const TOP_KEY_RE = /^(?:"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'|[^\s#\-?:,\[\]{}&*!|>'"%@`][^\r\n]*?|-[^\s\r\n][^\r\n]*?)[ ]*:(?:[ ]|\r?$)/;

export function splitYaml(text: string): DocSplit[] {
  const docs: DocSplit[] = [];
  const n = text.length;
  // Line starts.
  let docStart = 0;
  let p = 0;
  let whole = false;
  const lines: number[] = [];
  const flush = (end: number) => {
    docs.push(splitYamlDoc(text, docStart, end, lines, whole));
    lines.length = 0;
    whole = false;
  };
  while (p < n) {
    const nl = text.indexOf('\n', p);
    const next = nl < 0 ? n : nl + 1;
    const c = text.charCodeAt(p);
    if ((c === 45 || c === 46) && isDocMarker(text, p)) {
      const marker = text.slice(p, p + 3);
      if (lines.length > 0 || marker === '...' || docs.length > 0 || hasContent(text, docStart, p)) flush(p);
      // Content after `--- ` on the same line: parse that document whole.
      const rest = text.slice(p + 3, nl < 0 ? n : nl).trim();
      if (marker === '---' && rest !== '' && !rest.startsWith('#')) {
        docStart = p;
        whole = true;
        lines.push(p);
      } else docStart = next;
      p = next;
      continue;
    }
    if (c === 37 /* % directive */) whole = true;
    lines.push(p);
    p = next;
  }
  if (lines.length > 0 || docs.length === 0 || hasContent(text, docStart, n)) flush(n);
  return docs;
}

function hasContent(text: string, a: number, b: number): boolean {
  return /[^\s]/.test(text.slice(a, b).replace(/^[ \t]*#.*$/gm, ''));
}

function isDocMarker(text: string, p: number): boolean {
  const m = text.slice(p, p + 3);
  if (m !== '---' && m !== '...') return false;
  const c = text.charCodeAt(p + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

function splitYamlDoc(text: string, start: number, end: number, lines: number[], forceWhole: boolean): DocSplit {
  const wholeDoc = (): DocSplit => ({ start, end, whole: true, pieces: [{ kind: 'entry', start, end }] });
  if (forceWhole) return wholeDoc();
  // Column-0 content lines are top-level keys (or compact sequence items of the current key).
  // Any other column-0 line stays inside the piece it falls in: either the continuation of
  // a multi-line scalar or flow collection begun there (the piece alone parses it as the
  // whole document would), or a stray line the user is typing, which the piece's parse
  // reports. Cutting the document whole instead would make every later check of a big
  // file parse all of it again, with the slow parser, until the line is gone.
  const keyLines: number[] = [];
  const isItemLine = (ls: number) => text.charCodeAt(ls) === 45 && (text.charCodeAt(ls + 1) === 32 || text.charCodeAt(ls + 1) === 10 || text.charCodeAt(ls + 1) === 13 || ls + 1 >= end);
  for (let i = 0; i < lines.length; i++) {
    const ls = lines[i]!;
    const c = text.charCodeAt(ls);
    if (c === 32 || c === 10 || c === 13 || c === 35 || Number.isNaN(c)) continue;
    if (c === 9) return wholeDoc();
    if (isItemLine(ls)) {
      if (keyLines.length === 0) return wholeDoc(); // the document is a sequence
      continue;
    }
    const le = lineEnd(text, ls, end);
    const line = text.slice(ls, le);
    const m = TOP_KEY_RE.exec(line);
    if (!m) {
      if (keyLines.length === 0) return wholeDoc();
      continue;
    }
    // A key whose value is a plain scalar, or whose value is indented below it, followed by
    // a column-0 sequence item: no YAML reads that item as part of this key, so the line
    // is no key but a stray line inside the sequence the previous key holds (a character
    // typed at column 0 of an item's line).
    if (keyLines.length > 0 && nextTopLineIsItem(text, lines, i, isItemLine) && (PLAIN_VALUE_RE.test(line.slice(m[0].length)) || nextLineIndented(text, lines, i))) continue;
    keyLines.push(ls);
  }
  if (keyLines.length === 0) return wholeDoc();
  const pieces: Piece[] = [];
  // Leading comments/blank lines go with the first entry.
  for (let i = 0; i < keyLines.length; i++) {
    const a = i === 0 ? start : keyLines[i]!;
    const b = i + 1 < keyLines.length ? keyLines[i + 1]! : end;
    const items = trySplitSequence(text, keyLines[i]!, b);
    if (items) {
      if (a < keyLines[i]!) pieces.push({ kind: 'entry', start: a, end: keyLines[i]! });
      pushAll(pieces, items);
    } else pieces.push({ kind: 'entry', start: a, end: b });
  }
  return { start, end, whole: false, pieces };
}

/** After `key:`, a complete plain scalar (not an anchor, tag, alias, block or flow start, quote or comment). */
const PLAIN_VALUE_RE = /^[ ]*[A-Za-z0-9_./][^\r\n]*$/;

/** The next column-0 content line after lines[i] is a sequence item. */
function nextTopLineIsItem(text: string, lines: number[], i: number, isItemLine: (ls: number) => boolean): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const c = text.charCodeAt(lines[j]!);
    if (c === 32 || c === 10 || c === 13 || c === 35 || Number.isNaN(c)) continue;
    return isItemLine(lines[j]!);
  }
  return false;
}

/** The next content line after lines[i] is indented. */
function nextLineIndented(text: string, lines: number[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    let q = lines[j]!;
    while (text.charCodeAt(q) === 32) q++;
    const c = text.charCodeAt(q);
    if (c === 10 || c === 13 || c === 35 || Number.isNaN(c)) continue;
    return q > lines[j]!;
  }
  return false;
}

function lineEnd(text: string, ls: number, end: number): number {
  const nl = text.indexOf('\n', ls);
  let e = nl < 0 || nl > end ? end : nl;
  if (text.charCodeAt(e - 1) === 13) e--;
  return e;
}

/** `key:` (nothing else on the line but a comment) followed by a block sequence: one piece per item. */
function trySplitSequence(text: string, ks: number, end: number): Piece[] | null {
  const le = lineEnd(text, ks, end);
  const line = text.slice(ks, le);
  const m = /^([A-Za-z_][A-Za-z0-9_\-]*|"[A-Za-z_][A-Za-z0-9_\-]*"|'[A-Za-z_][A-Za-z0-9_\-]*')[ ]*:[ ]*(?:#.*)?$/.exec(line);
  if (!m) return null;
  const rawKey = m[1]!;
  const key = rawKey.replace(/^["']|["']$/g, '');
  // Walk the following lines.
  let p = text.indexOf('\n', ks);
  if (p < 0 || p >= end) return null;
  p++;
  let itemIndent = -1;
  const starts: number[] = [];
  while (p < end) {
    const nl = text.indexOf('\n', p);
    const next = nl < 0 || nl >= end ? end : nl + 1;
    let q = p;
    while (q < next && text.charCodeAt(q) === 32) q++;
    const c = text.charCodeAt(q);
    if (q >= next || c === 10 || c === 13 || c === 35) {
      p = next;
      continue;
    }
    if (c === 9) return null;
    const ind = q - p;
    const isItem = c === 45 && (q + 1 >= next || text.charCodeAt(q + 1) === 32 || text.charCodeAt(q + 1) === 10 || text.charCodeAt(q + 1) === 13);
    if (itemIndent < 0) {
      if (!isItem) return null;
      itemIndent = ind;
    }
    if (ind < itemIndent) return null;
    if (ind === itemIndent) {
      // A line at the items' indentation that is not an item cannot be valid YAML here:
      // it stays inside the current item, whose parse reports it (see splitYamlDoc).
      if (isItem) starts.push(p);
      else if (!starts.length) return null;
    }
    p = next;
  }
  if (starts.length < 2) return null;
  const pieces: Piece[] = [{ kind: 'header', key, start: ks, end: starts[0]!, keyStart: ks, keyEnd: ks + rawKey.length }];
  for (let i = 0; i < starts.length; i++) {
    pieces.push({ kind: 'item', key, start: starts[i]!, end: i + 1 < starts.length ? starts[i + 1]! : end });
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------
// JSON

/**
 * Split a JSON text whose top level is an object. Returns null when the scan does not
 * find a well-formed top-level object (the caller parses the whole text and reports).
 */
export function splitJson(text: string): DocSplit | null {
  const n = text.length;
  let p = 0;
  const ws = () => {
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
  };
  /** End of the value starting at p (skips strings, counts brackets); -1 on a problem. */
  const skipValue = (from: number): number => {
    let q = from;
    let depth = 0;
    while (q < n) {
      const c = text.charCodeAt(q);
      if (c === 34) {
        q++;
        while (q < n) {
          const d = text.charCodeAt(q);
          if (d === 92) q += 2;
          else if (d === 34) break;
          else q++;
        }
        if (q >= n) return -1;
        q++;
        if (depth === 0) return q;
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) return q; // closing bracket of the parent: scalar ended
        depth--;
        if (depth === 0) return q + 1;
      } else if (depth === 0 && (c === 44 || c === 32 || c === 10 || c === 13 || c === 9)) return q;
      q++;
    }
    return depth === 0 ? q : -1;
  };
  ws();
  if (text.charCodeAt(p) !== 123) return null;
  const objStart = p;
  p++;
  const members: Array<{ key: string; ks: number; ke: number; vs: number; ve: number; start: number }> = [];
  ws();
  if (text.charCodeAt(p) === 125) return null;
  for (;;) {
    ws();
    const memberStart = p;
    if (text.charCodeAt(p) !== 34) return null;
    const ke = skipValue(p);
    if (ke < 0) return null;
    let key: string;
    try {
      key = JSON.parse(text.slice(p, ke)) as string;
    } catch {
      return null;
    }
    p = ke;
    ws();
    if (text.charCodeAt(p) !== 58) return null;
    p++;
    ws();
    const vs = p;
    const ve = skipValue(p);
    if (ve < 0 || ve === vs) return null;
    members.push({ key, ks: memberStart, ke, vs, ve, start: memberStart });
    p = ve;
    ws();
    const c = text.charCodeAt(p);
    if (c === 44) {
      p++;
      continue;
    }
    if (c === 125) break;
    return null;
  }
  p++;
  ws();
  if (p < n) return null;
  void objStart;
  const pieces: Piece[] = [];
  for (const m of members) {
    if (text.charCodeAt(m.vs) === 91) {
      // Split the array's elements.
      const els: Array<{ s: number; e: number }> = [];
      let q = m.vs + 1;
      let ok = true;
      for (;;) {
        while (q < m.ve && /\s/.test(text[q]!)) q++;
        if (text.charCodeAt(q) === 93) break;
        const e = skipValue(q);
        if (e < 0 || e === q) {
          ok = false;
          break;
        }
        els.push({ s: q, e });
        q = e;
        while (q < m.ve && /\s/.test(text[q]!)) q++;
        if (text.charCodeAt(q) === 44) {
          q++;
          continue;
        }
        if (text.charCodeAt(q) === 93) break;
        ok = false;
        break;
      }
      if (ok && els.length >= 2) {
        pieces.push({ kind: 'header', key: m.key, start: m.ks, end: m.vs + 1, keyStart: m.ks, keyEnd: m.ke });
        for (const el of els) {
          // Start at the line's beginning when only indentation precedes the element.
          let s0 = el.s;
          while (s0 > 0 && (text.charCodeAt(s0 - 1) === 32 || text.charCodeAt(s0 - 1) === 9)) s0--;
          if (s0 > 0 && text.charCodeAt(s0 - 1) !== 10) s0 = el.s;
          pieces.push({ kind: 'item', key: m.key, start: s0, end: el.e });
        }
        continue;
      }
    }
    let s1 = m.ks;
    while (s1 > 0 && (text.charCodeAt(s1 - 1) === 32 || text.charCodeAt(s1 - 1) === 9)) s1--;
    if (s1 > 0 && text.charCodeAt(s1 - 1) !== 10) s1 = m.ks;
    pieces.push({ kind: 'entry', start: s1, end: m.ve, json: { key: m.key, keyStart: m.ks, keyEnd: m.ke, valueStart: m.vs, valueEnd: m.ve } });
  }
  return { start: 0, end: n, whole: false, pieces };
}
