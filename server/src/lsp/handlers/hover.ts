/** textDocument/hover: the core's Markdown for what is under the cursor. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../../core/hover';
import { fromPosition, toRange } from '../convert';
import type { ServerState } from '../state';

export function registerHover(state: ServerState): void {
  state.connection.onHover(async (p: HoverParams): Promise<Hover | null> => {
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return null;
    const a = await state.analyze(doc);
    if (!a.env || a.kind === 'unknown') return null;
    const offset = fromPosition(a.index, p.position);
    const h = hoverAt(a.kind, doc.getText(), offset, a.env);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(a.index, h.span) };
  });
}
