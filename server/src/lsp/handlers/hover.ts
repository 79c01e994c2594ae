/** textDocument/hover: the core's Markdown for what is under the cursor, from the text as it is now. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../../core/hover';
import { fromPosition, toRange } from '../convert';
import { ServerState } from '../state';

export function registerHover(state: ServerState): void {
  state.connection.onHover(async (p: HoverParams, token) => {
    state.touch();
    const cur = await state.current(p.textDocument.uri);
    if (ServerState.cancelled(token)) return ServerState.cancelled(token)!;
    if (!cur) return null;
    const h = hoverAt(cur.kind, cur.text, fromPosition(cur.doc, p.position), cur.env);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(cur.doc, h.span) } satisfies Hover;
  });
}
