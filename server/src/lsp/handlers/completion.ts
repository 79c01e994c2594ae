/** textDocument/completion: the core's entries as LSP completion items. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { completeAt } from '../../core/complete';
import { fromPosition, toTextEdit } from '../convert';
import type { ServerState } from '../state';

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion(async (p: CompletionParams): Promise<CompletionItem[]> => {
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return [];
    const a = await state.analyze(doc);
    if (!a.env || a.kind === 'unknown') return [];
    const offset = fromPosition(a.index, p.position);
    return completeAt(a.kind, doc.getText(), offset, a.env).map((c) => {
      const item: CompletionItem = { label: c.label, kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value, sortText: c.sortText };
      if (c.detail) item.detail = c.detail;
      if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
      if (c.deprecated) item.tags = [1];
      if (c.edit) item.textEdit = toTextEdit(a.index, c.edit);
      return item;
    });
  });
}
