/**
 * The language server: the state it keeps (state.ts) and one file per handler
 * (handlers/*.ts), each converting at the edge and calling the core. Works over stdio
 * (any editor) or node IPC (the VS Code client).
 */
import type { Connection } from 'vscode-languageserver';
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
