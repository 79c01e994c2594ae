/** textDocument/completion: the core's entries as LSP completion items, from the text as it is now. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { completeAt } from '../../core/complete';
import { toTextEdit } from '../convert';
import { ServerState } from '../state';

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion(async (p: CompletionParams, token) => {
    state.touch();
    const cur = await state.requestAt(p.textDocument.uri, p.position, 'completion');
    if (ServerState.cancelled(token)) return ServerState.cancelled(token)!;
    if (!cur) return [];
    return completeAt(cur.kind, cur.text, cur.offset, cur.env).map((c) => {
      const item: CompletionItem = { label: c.label, kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value, sortText: c.sortText };
      if (c.detail) item.detail = c.detail;
      if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
      if (c.deprecated) item.tags = [1];
      if (c.edit) item.textEdit = toTextEdit(cur.doc, { ...c.edit, start: c.edit.start + cur.delta, end: c.edit.end + cur.delta });
      return item;
    });
  });
}
