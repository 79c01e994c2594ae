/** Language server entry: `node server.js --stdio` (any editor) or node IPC (VS Code). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

process.on('uncaughtException', (err) => {
  // Keep serving: one bad request must not take the editor's checks down.
  process.stderr.write(`kong-upgrade-assistant: ${err?.stack ?? err}\n`);
});
startServer(createConnection(ProposedFeatures.all));
