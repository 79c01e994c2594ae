/** Language server entry: `node server.js --stdio` (any editor) or node IPC (VS Code). */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { connectionOptions, isFramingError, startServer } from './lsp/server';
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
  // Our own reader, to see framing errors: after a bad header the stream cannot be read
  // in step again, so the server exits (the client sees it and can restart it) instead of
  // staying alive but deaf. A body that is not JSON leaves the framing intact: go on.
  const reader = new StreamMessageReader(process.stdin);
  let shutdown = false;
  reader.onError((err) => {
    if (!isFramingError(err)) return;
    process.stderr.write(`kong-upgrade-assistant: the client's message stream is broken (${err.message.split('\n')[0]}); exiting\n`);
    process.exit(1);
  });
  // With a reader (not the stream) the library does not exit when the client closes the input: do it here.
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  const connection = createConnection(ProposedFeatures.all, reader, writer, connectionOptions);
  connection.onShutdown(() => {
    shutdown = true;
  });
  startServer(connection);
} else {
  startServer(createConnection(ProposedFeatures.all, connectionOptions));
}
