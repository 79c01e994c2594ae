/**
 * The language server: the state it keeps (state.ts) and one file per handler
 * (handlers/*.ts), each converting at the edge and calling the core. Works over stdio
 * (any editor) or node IPC (the VS Code client).
 */
import { LSPErrorCodes, type Connection, type ConnectionOptions } from 'vscode-languageserver';
import type { KnowledgeSet } from '../core/check';
import { ServerState } from './state';
import { registerLifecycle } from './handlers/lifecycle';
import { registerConfiguration } from './handlers/configuration';
import { registerDocuments } from './handlers/documents';
import { registerHover } from './handlers/hover';
import { registerCompletion } from './handlers/completion';
import { registerCodeActions } from './handlers/codeActions';
import { registerCodeLens } from './handlers/codeLens';
import { registerPlan } from './handlers/plan';
import { registerKnownVersions } from './handlers/knownVersions';
import { registerFileSummary } from './handlers/fileSummary';

export { DocumentIndex } from './documentIndex';
export { FIX_ALL_KIND, PIN_DEFAULTS_KIND, PIN_ENTITY_DEFAULTS_KIND } from './handlers/codeActions';
export { summaryText } from './handlers/codeLens';
export { normalizeSettings } from './settings';

/**
 * A request the client cancels while it still waits in the queue is answered "cancelled"
 * at once, never run (the library's default runs it anyway).
 */
export const connectionOptions: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) => {
      const id = (message as { id?: number | string }).id;
      return id === undefined ? undefined : { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it ran' } };
    },
  },
};

/** A broken message header: the rest of the stream cannot be read in step any more. */
export function isFramingError(err: Error): boolean {
  return /Content-Length|Message header must separate key and value|header/i.test(err?.message ?? '');
}

export function startServer(connection: Connection, options: { knowledge?: KnowledgeSet } = {}): void {
  const state = new ServerState(connection, options.knowledge);
  registerLifecycle(state);
  registerConfiguration(state);
  registerDocuments(state);
  registerHover(state);
  registerCompletion(state);
  registerCodeActions(state);
  registerCodeLens(state);
  registerPlan(state);
  registerKnownVersions(state);
  registerFileSummary(state);
  state.documents.listen(connection);
  connection.listen();
}
