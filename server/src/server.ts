/** Language server entry: `node server.js --stdio` (any editor) or node IPC (VS Code). */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { createMessageEncoder } from './lsp/encode';

process.on('uncaughtException', (err) => {
  // Keep serving: one bad request must not take the editor's checks down.
  process.stderr.write(`kong-upgrade-assistant: ${err?.stack ?? err}\n`);
});

if (process.argv.includes('--stdio')) {
  // Over stdio, our own writer: it reuses the JSON of diagnostics published before (see
  // lsp/encode.ts). stdout carries the protocol, so console output goes to stderr.
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) console[m] = (...a: unknown[]) => void process.stderr.write(format(...a) + '\n');
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: createMessageEncoder() as never });
  // The input stays a stream (the typings pair streams with streams only): the library then
  // reads it itself and exits when the client closes it, as with `--stdio` alone.
  startServer(createConnection(ProposedFeatures.all, process.stdin as never, writer));
} else {
  startServer(createConnection(ProposedFeatures.all));
}
