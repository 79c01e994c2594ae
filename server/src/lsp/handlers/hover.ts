/** textDocument/hover: the core's Markdown for what is under the cursor, from the text as it is now. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../../core/hover';
import { toRange } from '../convert';
import { ServerState } from '../state';

export function registerHover(state: ServerState): void {
  state.connection.onHover(async (p: HoverParams, token) => {
    state.touch();
    const cur = await state.requestAt(p.textDocument.uri, p.position, 'hover');
    if (ServerState.cancelled(token)) return ServerState.cancelled(token)!;
    if (!cur) return null;
    const h = hoverAt(cur.kind, cur.text, cur.offset, cur.env);
    if (!h) return null;
    const span = { start: h.span.start + cur.delta, end: h.span.end + cur.delta };
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(cur.doc, span) } satisfies Hover;
  });
}
