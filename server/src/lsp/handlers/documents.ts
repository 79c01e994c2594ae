/** didOpen / didChange / didClose: when a document is checked, and forgetting it on close. */
import { CHANGE_DEBOUNCE_MS, type ServerState } from '../state';

export function registerDocuments(state: ServerState): void {
  const { documents, timers, analyses, lastChange } = state;
  documents.onDidOpen((e) => state.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const now = Date.now();
    const quietFor = now - (lastChange.get(uri) ?? -Infinity);
    lastChange.set(uri, now);
    if (!timers.has(uri) && !analyses.has(uri)) return state.schedule(uri, 0);
    // Leading edge: a change after a quiet spell is checked at once; changes that follow
    // one another quickly (typing) wait until they pause for CHANGE_DEBOUNCE_MS.
    state.schedule(uri, !timers.has(uri) && quietFor >= CHANGE_DEBOUNCE_MS ? 0 : CHANGE_DEBOUNCE_MS);
  });
  documents.onDidClose((e) => state.forget(e.document.uri));
}
