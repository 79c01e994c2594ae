import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../core/text';
import type { PositionIndex } from './convert';

/**
 * The line table of one version of an open document. The TextDocument keeps its line
 * offsets current edit by edit, so a big file does not pay for a fresh line scan on every
 * analysis; once the document has moved on, a LineIndex over the analysed text answers.
 */
export class DocumentIndex implements PositionIndex {
  private own: LineIndex | undefined;
  constructor(
    private readonly doc: TextDocument,
    private readonly version: number,
    private readonly text: string,
  ) {}
  private live(): boolean {
    return this.doc.version === this.version && this.doc.getText() === this.text;
  }
  positionAt(offset: number): { line: number; character: number } {
    if (!this.own && this.live()) return this.doc.positionAt(offset);
    return (this.own ??= new LineIndex(this.text)).positionAt(offset);
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (!this.own && this.live()) return this.doc.offsetAt(pos);
    return (this.own ??= new LineIndex(this.text)).offsetAt(pos);
  }
  /**
   * Positions for offsets that mostly come in order (findings sorted by position): a
   * cursor that walks from line to line, so converting a first analysis does not need a
   * line table of the whole text. Same answers as `positionAt`; text with a carriage
   * return (a line break of its own for LSP) uses `positionAt` itself.
   */
  cursor(): PositionIndex {
    const text = this.text;
    if (text.indexOf('\r') >= 0) return this;
    let line = 0;
    let lineStart = 0;
    let nextNl = text.indexOf('\n');
    return {
      positionAt: (offset: number) => {
        const off = Math.max(0, Math.min(offset, text.length));
        while (off < lineStart) {
          nextNl = lineStart - 1;
          const p = lineStart - 2;
          lineStart = p < 0 ? 0 : text.lastIndexOf('\n', p) + 1;
          line--;
        }
        while (nextNl >= 0 && nextNl < off) {
          line++;
          lineStart = nextNl + 1;
          nextNl = text.indexOf('\n', lineStart);
        }
        return { line, character: off - lineStart };
      },
      offsetAt: (pos) => this.offsetAt(pos),
    };
  }
}
