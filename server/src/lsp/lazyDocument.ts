/**
 * An open document that takes incremental changes without copying its text each time.
 *
 * `vscode-languageserver-textdocument` rebuilds the whole text for every change event
 * (`before + inserted + after`, which flattens the string: a full copy), so a burst of
 * typing in a 1 MB file copied a megabyte per keystroke. Here the text is a list of
 * segments (slices of earlier texts and of inserted text): a change splits at most two
 * segments, and the text is joined once, when something reads it (a check, a hover), or
 * when the list grows long. Line offsets are kept current change by change, as the
 * library does, so positions convert without the text. Same answers as the library's
 * TextDocument (tested against it).
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lineShape, shapeReach, SHAPE_COL, SHAPE_COMMENT, SHAPE_ITEM, SHAPE_MARKER, type LineView } from '../core/yamlCursor';

interface Segment {
  s: string;
  a: number;
  b: number;
}

/** Join the segments after this many (bounds the cost of reading a character). */
const MAX_SEGMENTS = 512;

/** One change as offsets: [start, end) of the text before it became `length` characters, making `version`. */
export interface OffsetChange {
  version: number;
  start: number;
  end: number;
  length: number;
}

/** Changes kept for mapping offsets of an older version (see `changesSince`). */
const MAX_LOGGED_CHANGES = 20000;

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

/** A line break that is a lone CR (a line of its own for LSP, not for the YAML line reads). */
const LONE_CR = /\r(?!\n)/;

/** Lines per block of `LazyTextDocument.blocks` (a power of two). */
const BLOCK_BITS = 8;
const BLOCK = 1 << BLOCK_BITS;

function isMarker(shape: number): boolean {
  return shape >= 0 && (shape & SHAPE_MARKER) !== 0;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}

export class LazyTextDocument implements TextDocument {
  private segs: Segment[];
  private len: number;
  /**
   * Line starts, kept current change by change; the entries from `shiftFrom` on lack
   * `shift` (added by `lineAt`): a change moves every later line, and adding its length to
   * each of them made a keystroke cost the size of the file. The boundary moves with the
   * changes instead, costing the distance between two changes.
   */
  private lineOffsets: number[] | undefined;
  private shiftFrom = 0;
  /** A segment index and where it starts (see `locate`). */
  private fIdx = 0;
  private fPos = 0;
  private shift = 0;
  /**
   * The shape of each line (`lineShape`), kept with the line starts once a request has
   * read them (`lineView`): hover and completion on a big YAML file walk these instead of
   * the joined text. Undefined when not read yet or when the line starts were dropped.
   */
  private shapes: number[] | undefined;
  /**
   * Per block of BLOCK lines: the smallest column of a line that is not blank, and of one
   * that is not a `- ` item either (`ok` 0: not read yet). Lets the ancestor walk of a
   * request pass a thousand services in a few steps instead of line by line.
   */
  private blocks: { min: Int32Array; minNonItem: Int32Array; ok: Uint8Array } | undefined;
  /** How many lines of `shapes` are document markers. */
  private markers = 0;
  /** The text may hold a lone CR (line views are then not offered). */
  private loneCR: boolean;
  /** The changes since `logBase`, oldest first. */
  private log: OffsetChange[] = [];
  private logBase: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
  ) {
    this.segs = [{ s: content, a: 0, b: content.length }];
    this.len = content.length;
    this.logBase = _version;
    this.loneCR = LONE_CR.test(content);
  }

  static create(uri: string, languageId: string, version: number, content: string): LazyTextDocument {
    return new LazyTextDocument(uri, languageId, version, content);
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** How many segments the text is in now (1 once read); for tests and measurements. */
  get segmentCount(): number {
    return this.segs.length;
  }

  getText(range?: Range): string {
    if (this.segs.length !== 1 || this.segs[0]!.a !== 0 || this.segs[0]!.b !== this.segs[0]!.s.length) {
      const parts = new Array<string>(this.segs.length);
      for (let i = 0; i < this.segs.length; i++) {
        const g = this.segs[i]!;
        parts[i] = g.a === 0 && g.b === g.s.length ? g.s : g.s.slice(g.a, g.b);
      }
      const text = parts.join('');
      this.setSegments([{ s: text, a: 0, b: text.length }]);
    }
    const text = this.segs[0]!.s;
    if (!range) return text;
    return text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** Characters [start, end) of the current text, without joining the rest. */
  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.len));
    end = Math.max(start, Math.min(end, this.len));
    if (start === end) return '';
    const segs = this.segs;
    let i = this.locate(start);
    let pos = this.fPos;
    const parts: string[] = [];
    for (; i < segs.length && pos < end; i++) {
      const g = segs[i]!;
      const n = g.b - g.a;
      parts.push(g.s.slice(g.a + Math.max(0, start - pos), g.a + Math.min(n, end - pos)));
      pos += n;
    }
    return parts.length === 1 ? parts[0]! : parts.join('');
  }

  /**
   * The index of the segment holding `offset` (segs.length at the end), found from the
   * last one found: reads and changes cluster, so this is mostly a step or two.
   */
  private locate(offset: number): number {
    const segs = this.segs;
    let i = this.fIdx;
    let pos = this.fPos;
    if (i > segs.length) {
      i = 0;
      pos = 0;
    }
    while (i > 0 && offset < pos) {
      i--;
      pos -= segs[i]!.b - segs[i]!.a;
    }
    while (i < segs.length) {
      const n = segs[i]!.b - segs[i]!.a;
      if (offset < pos + n) break;
      pos += n;
      i++;
    }
    this.fIdx = i;
    this.fPos = pos;
    return i;
  }

  private setSegments(segs: Segment[]): void {
    this.segs = segs;
    this.fIdx = 0;
    this.fPos = 0;
  }

  /** The character code at `offset` of the current text (NaN outside it), without joining. */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.len) return NaN;
    const g = this.segs[this.locate(offset)]!;
    return g.s.charCodeAt(g.a + offset - this.fPos);
  }

  /** Replace [start, end) of the current text by `text` (the segments around it split, the rest kept). */
  private splice(start: number, end: number, text: string): void {
    const segs = this.segs;
    const i = this.locate(start);
    const gs = this.fPos;
    if (i < segs.length) {
      const g = segs[i]!;
      const repl: Segment[] = [];
      if (gs < start) repl.push({ s: g.s, a: g.a, b: g.a + (start - gs) });
      if (text.length) repl.push({ s: text, a: 0, b: text.length });
      // The segment holding the change's last character (the start's own when nothing is removed).
      const last = Math.max(start, end - 1);
      let j = i;
      let js = gs;
      while (j + 1 < segs.length && last >= js + (segs[j]!.b - segs[j]!.a)) {
        js += segs[j]!.b - segs[j]!.a;
        j++;
      }
      const h = segs[j]!;
      if (end < js + (h.b - h.a)) repl.push({ s: h.s, a: h.a + (end - js), b: h.b });
      segs.splice(i, j - i + 1, ...repl);
      // (Segment i, if any, still starts at gs: the part before, the text, or what followed.)
      if (!segs.length) this.setSegments([{ s: '', a: 0, b: 0 }]);
    } else if (text.length) segs.push({ s: text, a: 0, b: text.length });
    this.len += text.length - (end - start);
    if (this.segs.length > MAX_SEGMENTS) this.getText();
  }

  /**
   * The changes that made the current text from the text of `version`, as offsets (each
   * in the text as it was just before it), oldest first; null when they are no longer
   * known (too many since, or `version` is not one this document had).
   */
  changesSince(version: number): readonly OffsetChange[] | null {
    if (version === this._version) return [];
    if (version < this.logBase || version > this._version) return null;
    let i = this.log.length;
    while (i > 0 && this.log[i - 1]!.version > version) i--;
    return this.log.slice(i);
  }

  private record(c: OffsetChange): void {
    this.log.push(c);
    if (this.log.length > MAX_LOGGED_CHANGES) {
      const drop = this.log.length - MAX_LOGGED_CHANGES / 2;
      this.logBase = this.log[drop - 1]!.version;
      this.log = this.log.slice(drop);
    }
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    // Versions that do not grow cannot be told apart in the log: forget it.
    if (version <= this._version) {
      this.log = [];
      this.logBase = version + 1;
    }
    for (const change of changes) {
      if ('range' in change && change.range) {
        const range = wellformed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        // Where on its line the change starts (shapes: a change right of a line's shape keeps it).
        const startCol = this.lineOffsets && range.start.line >= 0 && range.start.line < this.lineOffsets.length ? startOffset - this.lineAt(this.lineOffsets, range.start.line) : 0;
        this.record({ version, start: startOffset, end: endOffset, length: change.text.length });
        this.splice(startOffset, endOffset, change.text);
        const insertedEnd = startOffset + change.text.length;
        if (!this.loneCR) this.loneCR = this.loneCRAround(change.text, startOffset, insertedEnd);
        const crlfAtStart = this.charCodeAt(startOffset - 1) === 13 && this.charCodeAt(startOffset) === 10;
        const crlfAtEnd = this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10;
        if (crlfAtStart || crlfAtEnd || !this.lineOffsets) {
          this.dropLines();
          continue;
        }
        let lineOffsets = this.lineOffsets;
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        // Move the boundary of the pending shift to the first line this change touches.
        const from = startLine + 1;
        if (this.shift !== 0) {
          if (this.shiftFrom < from) for (let i = this.shiftFrom; i < from && i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i]! + this.shift;
          else for (let i = from; i < this.shiftFrom && i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i]! - this.shift;
        }
        this.shiftFrom = from;
        // Every entry from `from` on now lacks `shift`; after this change, `shift + diff`.
        const diff = change.text.length - (endOffset - startOffset);
        const shift = this.shift + diff;
        const added = computeLineOffsets(change.text, false, startOffset - shift);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + from] = added[i]!;
        } else if (added.length < 10000) {
          lineOffsets.splice(from, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lineOffsets = lineOffsets.slice(0, from).concat(added, lineOffsets.slice(endLine + 1));
        }
        this.shift = shift;
        if (this.shapes) {
          const removed = endLine - startLine;
          if (removed !== 0 || added.length !== 0 || startLine >= this.shapes.length || startCol <= shapeReach(this.shapes[startLine]!)) this.reshape(startLine, removed, added.length);
        }
      } else {
        this.record({ version, start: 0, end: this.len, length: change.text.length });
        this.setSegments([{ s: change.text, a: 0, b: change.text.length }]);
        this.len = change.text.length;
        this.loneCR = LONE_CR.test(change.text);
        this.dropLines();
      }
    }
    this._version = version;
  }

  private getLineOffsets(): number[] {
    if (!this.lineOffsets) {
      this.lineOffsets = computeLineOffsets(this.getText(), true);
      this.shift = 0;
      this.shiftFrom = 0;
      this.shapes = undefined;
    }
    return this.lineOffsets;
  }

  /** Forget the line starts and shapes (read again from the text when next needed). */
  private dropLines(): void {
    this.lineOffsets = undefined;
    this.shapes = undefined;
  }

  /** Whether a change inserting `text` at [start, insertedEnd) left a lone CR. */
  private loneCRAround(text: string, start: number, insertedEnd: number): boolean {
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : this.charCodeAt(insertedEnd);
      if (next !== 10) return true;
    }
    return this.charCodeAt(start - 1) === 13 && this.charCodeAt(start) !== 10;
  }

  /** The text of line `i` with its line break. */
  private lineWithBreak(lineOffsets: number[], i: number): string {
    const start = this.lineAt(lineOffsets, i);
    return this.slice(start, i + 1 < lineOffsets.length ? this.lineAt(lineOffsets, i + 1) : this.len);
  }

  /** Block summaries of the shapes (see `blocks`), read as needed. */
  private blockOf(b: number): { min: number; minNonItem: number } {
    const shapes = this.shapes!;
    if (!this.blocks) {
      const n = (shapes.length + BLOCK - 1) >> BLOCK_BITS;
      this.blocks = { min: new Int32Array(n), minNonItem: new Int32Array(n), ok: new Uint8Array(n) };
    }
    const bl = this.blocks;
    if (!bl.ok[b]) {
      let min = SHAPE_COL;
      let minNonItem = SHAPE_COL;
      for (let i = b << BLOCK_BITS, e = Math.min(shapes.length, (b + 1) << BLOCK_BITS); i < e; i++) {
        const s = shapes[i]!;
        if (s < 0 || s & SHAPE_COMMENT) continue;
        const col = s & SHAPE_COL;
        if (col < min) min = col;
        if (!(s & SHAPE_ITEM) && col < minNonItem) minNonItem = col;
      }
      bl.min[b] = min;
      bl.minNonItem[b] = minNonItem;
      bl.ok[b] = 1;
    }
    return { min: bl.min[b]!, minNonItem: bl.minNonItem[b]! };
  }

  private getShapes(): number[] {
    const lineOffsets = this.getLineOffsets();
    if (!this.shapes) {
      const text = this.getText();
      const shapes = new Array<number>(lineOffsets.length);
      let markers = 0;
      for (let i = 0; i < lineOffsets.length; i++) {
        const end = i + 1 < lineOffsets.length ? this.lineAt(lineOffsets, i + 1) : text.length;
        shapes[i] = lineShape(text, this.lineAt(lineOffsets, i), end);
        if (isMarker(shapes[i]!)) markers++;
      }
      this.shapes = shapes;
      this.markers = markers;
      this.blocks = undefined;
    }
    return this.shapes;
  }

  /** Lines [line, line + removed] became lines [line, line + added] (the line starts are current): read their shapes. */
  private reshape(line: number, removed: number, added: number): void {
    const shapes = this.shapes!;
    const lineOffsets = this.lineOffsets!;
    for (let i = line; i <= line + removed && i < shapes.length; i++) if (isMarker(shapes[i]!)) this.markers--;
    const fresh = new Array<number>(added + 1);
    for (let k = 0; k <= added; k++) {
      fresh[k] = line + k < lineOffsets.length ? lineShape(this.lineWithBreak(lineOffsets, line + k)) : -1;
      if (isMarker(fresh[k]!)) this.markers++;
    }
    if (removed === added) {
      for (let k = 0; k <= added; k++) shapes[line + k] = fresh[k]!;
      if (this.blocks) for (let k = 0; k <= added; k++) this.blocks.ok[(line + k) >> BLOCK_BITS] = 0;
    } else {
      if (fresh.length < 10000) shapes.splice(line, removed + 1, ...fresh);
      else this.shapes = shapes.slice(0, line).concat(fresh, shapes.slice(line + removed + 1));
      // Lines moved: every block from this one on changed (read again when next needed); the
      // blocks above, which the walk from a change nearby reads, stay.
      const bl = this.blocks;
      if (bl) {
        const first = line >> BLOCK_BITS;
        const n = (this.shapes!.length + BLOCK - 1) >> BLOCK_BITS;
        if (n !== bl.ok.length) {
          const grow = (a: Int32Array) => {
            const b = new Int32Array(n);
            b.set(a.subarray(0, Math.min(first, n)));
            return b;
          };
          const ok = new Uint8Array(n);
          ok.set(bl.ok.subarray(0, Math.min(first, n)));
          this.blocks = { min: grow(bl.min), minNonItem: grow(bl.minNonItem), ok };
        } else bl.ok.fill(0, first);
      }
    }
    if (this.shapes!.length !== lineOffsets.length) this.shapes = undefined; // (a change the table could not follow: read them again)
  }

  /**
   * The text as lines for reading a YAML entry (`entryAround` / `entrySlice` of the core)
   * without joining it: line starts and shapes are kept change by change. Null when the
   * text may hold a lone CR (LSP counts it as a line break; the YAML line reads do not).
   */
  lineView(): LineView | null {
    if (this.loneCR) return null;
    const shapes = this.getShapes();
    const lineOffsets = this.lineOffsets!;
    const n = lineOffsets.length;
    return {
      length: this.len,
      lineAt: (offset) => this.lineOf(offset),
      start: (i) => this.lineAt(lineOffsets, i),
      prev: (i) => i - 1,
      next: (i) => (i + 1 < n ? i + 1 : -1),
      up: (i, limit, sameCol) => {
        for (let q = i - 1; q >= 0; ) {
          if ((q & (BLOCK - 1)) === BLOCK - 1) {
            const b = this.blockOf(q >> BLOCK_BITS);
            if (b.min >= limit && (!sameCol || b.minNonItem > limit)) {
              q -= BLOCK;
              continue;
            }
          }
          const s = shapes[q]!;
          if (s >= 0 && !(s & SHAPE_COMMENT)) {
            const col = s & SHAPE_COL;
            if (s & SHAPE_MARKER || col < limit || (sameCol && col === limit && !(s & SHAPE_ITEM))) return q;
          }
          q--;
        }
        return -1;
      },
      shape: (i) => shapes[i]!,
      markerBefore: (i) => {
        if (this.markers > 0) for (let k = i - 1; k >= 0; k--) if (isMarker(shapes[k]!)) return k;
        return -1;
      },
      markerFrom: (i) => {
        // (A marker on the first line opens the first document; it ends none.)
        if (this.markers > 0) for (let k = Math.max(i, 1); k < n; k++) if (isMarker(shapes[k]!)) return k;
        return -1;
      },
      lineText: (i) => this.lineWithBreak(lineOffsets, i).replace(/\r?\n$/, ''),
      slice: (a, b) => this.slice(a, b),
    };
  }

  /** Where line `i` of the table starts now. */
  private lineAt(lineOffsets: number[], i: number): number {
    return i >= this.shiftFrom ? lineOffsets[i]! + this.shift : lineOffsets[i]!;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset) {
      const c = this.charCodeAt(offset - 1);
      if (c !== 13 && c !== 10) break;
      offset--;
    }
    return offset;
  }

  /** The line holding `offset` (a line break belongs to the line it ends). */
  private lineOf(offset: number): number {
    offset = Math.max(Math.min(offset, this.len), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (this.lineAt(lineOffsets, mid) > offset) high = mid;
      else low = mid + 1;
    }
    return Math.max(0, low - 1);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.len), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (this.lineAt(lineOffsets, mid) > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, this.lineAt(lineOffsets, line));
    return { line, character: offset - this.lineAt(lineOffsets, line) };
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.len - this.lineAt(lineOffsets, last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.lineAt(lineOffsets, line);
    const next = line + 1 < lineOffsets.length ? this.lineAt(lineOffsets, line + 1) : this.len;
    return { start: { line, character: 0 }, end: { line, character: this.ensureBeforeEOL(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const next = line + 1 < lineOffsets.length ? this.lineAt(lineOffsets, line + 1) : this.len;
    let eol = '';
    for (let o = this.ensureBeforeEOL(next, this.lineAt(lineOffsets, line)); o < next; o++) eol += String.fromCharCode(this.charCodeAt(o));
    return eol;
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.len;
    if (position.line < 0) return 0;
    const lineOffset = this.lineAt(lineOffsets, position.line);
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? this.lineAt(lineOffsets, position.line + 1) : this.len;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }
}

/** The configuration `TextDocuments` takes, for LazyTextDocument. */
export const lazyDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): TextDocument => LazyTextDocument.create(uri, languageId, version, content),
  update: (doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    (doc as unknown as LazyTextDocument).update(changes, version);
    return doc;
  },
};
