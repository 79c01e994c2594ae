/** didOpen / didChange / didClose: when a document is checked, and forgetting it on close. */
import type { ServerState } from '../state';

export function registerDocuments(state: ServerState): void {
  const { documents } = state;
  documents.onDidOpen((e) => {
    state.touch();
    state.schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    state.touch();
    state.noteChange(e.document.uri);
  });
  documents.onDidClose((e) => {
    state.touch();
    state.forget(e.document.uri);
  });
}
