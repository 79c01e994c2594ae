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
  private shift = 0;
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
      this.segs = [{ s: text, a: 0, b: text.length }];
    }
    const text = this.segs[0]!.s;
    if (!range) return text;
    return text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** The character code at `offset` of the current text (NaN outside it), without joining. */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.len) return NaN;
    let pos = 0;
    for (const g of this.segs) {
      const n = g.b - g.a;
      if (offset < pos + n) return g.s.charCodeAt(g.a + offset - pos);
      pos += n;
    }
    return NaN;
  }

  /** Replace [start, end) of the current text by `text`. */
  private splice(start: number, end: number, text: string): void {
    const out: Segment[] = [];
    let pos = 0;
    let inserted = false;
    for (const g of this.segs) {
      const n = g.b - g.a;
      const gs = pos;
      const ge = pos + n;
      pos = ge;
      if (ge <= start) {
        out.push(g);
        continue;
      }
      if (gs >= end && inserted) {
        out.push(g);
        continue;
      }
      // The part before the change.
      if (gs < start) out.push({ s: g.s, a: g.a, b: g.a + (start - gs) });
      if (!inserted) {
        if (text.length) out.push({ s: text, a: 0, b: text.length });
        inserted = true;
      }
      // The part after the change.
      if (ge > end) out.push({ s: g.s, a: g.a + Math.max(0, end - gs), b: g.b });
    }
    if (!inserted && text.length) out.push({ s: text, a: 0, b: text.length });
    this.segs = out.length ? out : [{ s: '', a: 0, b: 0 }];
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
        this.record({ version, start: startOffset, end: endOffset, length: change.text.length });
        this.splice(startOffset, endOffset, change.text);
        const insertedEnd = startOffset + change.text.length;
        const crlfAtStart = this.charCodeAt(startOffset - 1) === 13 && this.charCodeAt(startOffset) === 10;
        const crlfAtEnd = this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10;
        if (crlfAtStart || crlfAtEnd || !this.lineOffsets) {
          this.lineOffsets = undefined;
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
      } else {
        this.record({ version, start: 0, end: this.len, length: change.text.length });
        this.segs = [{ s: change.text, a: 0, b: change.text.length }];
        this.len = change.text.length;
        this.lineOffsets = undefined;
      }
    }
    this._version = version;
  }

  private getLineOffsets(): number[] {
    if (!this.lineOffsets) {
      this.lineOffsets = computeLineOffsets(this.getText(), true);
      this.shift = 0;
      this.shiftFrom = 0;
    }
    return this.lineOffsets;
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
