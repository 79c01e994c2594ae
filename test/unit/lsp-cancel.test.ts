/** $/cancelRequest: a request cancelled while it waits in the queue is answered "cancelled" and never run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { connectInProcess } from './helpers/lspClient';

test('a hover cancelled behind a burst of changes is answered RequestCancelled', async () => {
  const client = connectInProcess({ connectionOptions: true });
  client.onNotification(() => undefined);
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ currentVersion: '2.8', targetVersion: '3.10' })));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  try {
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
    const uri = 'file:///cancel/kong.conf';
    void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kong-conf', version: 1, text: 'log_level = notice\n' } });
    for (let v = 2; v < 200; v++) void client.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `log_level = notice\n# ${v}\n` }] });
    const cts = new CancellationTokenSource();
    const hover = client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } }, cts.token);
    cts.cancel();
    await assert.rejects(hover, (e: { code?: number }) => e.code === -32800);
    // The server still answers.
    const h = await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.ok(h);
  } finally {
    client.dispose();
  }
});
