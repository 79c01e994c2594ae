/**
 * The time and memory budget per document (lsp/state.ts checkBudget): a check that runs
 * past it stops, and that file gets one `check-incomplete` diagnostic saying so, while the
 * server goes on answering and checks the other files as usual. Runs the stdio server
 * (server/out/server.js, npm run build) with a small budget set through its environment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { generateDeckText } from '../../scripts/bench/gen-deck';

const serverJs = path.resolve(__dirname, '../../server/out/server.js');
const skip = !fs.existsSync(serverJs) && 'server/out/server.js not built (npm run build)';

interface Msg {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const messages: Msg[] = [];
  let buf = Buffer.alloc(0);
  child.stdout.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())![1]);
      if (buf.length < head + 4 + len) return;
      const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString()) as Msg;
      buf = buf.subarray(head + 4 + len);
      if (msg.id !== undefined && msg.method) {
        const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({ currentVersion: '2.8', targetVersion: '3.10' })) : null;
        send({ jsonrpc: '2.0', id: msg.id, result });
      } else messages.push(msg);
    }
  });
  const send = (m: unknown) => {
    const s = JSON.stringify(m);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  const until = async <T>(find: () => T | undefined, what: string, ms = 60000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = find();
      if (got !== undefined) return got;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const diagnostics = (uri: string) =>
    until(() => messages.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri)?.params.diagnostics as any[] | undefined, `diagnostics of ${uri}`);
  return { child, send, until, messages, diagnostics };
}

const SMALL_CONF = 'admin_listen = 127.0.0.1:8001\nlua_ssl_trusted_certificate = system\n';

async function run(env: Record<string, string>, reason: RegExp) {
  const s = start(env);
  try {
    s.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } } });
    await s.until(() => s.messages.find((m) => m.id === 1), 'initialize');
    s.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const big = 'file:///budget/big/kong.yaml';
    const conf = 'file:///budget/conf/kong.conf';
    s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: big, languageId: 'yaml', version: 1, text: generateDeckText(3) } } });
    s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: conf, languageId: 'properties', version: 1, text: SMALL_CONF } } });
    s.send({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: conf }, position: { line: 0, character: 2 } } });
    const hover = await s.until(() => s.messages.find((m) => m.id === 2), 'the hover');
    assert.match(JSON.stringify(hover.result), /admin_listen/);
    const bigDiags = await s.diagnostics(big);
    assert.equal(bigDiags.length, 1, 'one diagnostic for the file whose check stopped');
    assert.equal(bigDiags[0].code, 'check-incomplete');
    assert.match(bigDiags[0].message, /could not finish for this file/);
    assert.match(bigDiags[0].message, reason);
    // The other file is checked as usual.
    const confDiags = await s.diagnostics(conf);
    assert.ok(!confDiags.some((d) => d.code === 'check-incomplete'));
    // The server still answers (and an edit is checked again under the same budget).
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri: big, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# edited\n' }] },
    });
    s.send({ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: { textDocument: { uri: big }, position: { line: 5, character: 4 } } });
    await s.until(() => s.messages.find((m) => m.id === 3), 'a hover on the big file');
    const again = await s.until(
      () => s.messages.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === big && m.params.version === 2)?.params.diagnostics as any[] | undefined,
      'the edited version',
    );
    assert.deepEqual(
      again.map((d) => d.code),
      ['check-incomplete'],
    );
  } finally {
    s.child.kill();
  }
}

test('a check past its time budget stops with one check-incomplete diagnostic; the other files and requests are served', { skip }, async () => {
  await run({ KONG_UPGRADE_CHECK_BUDGET_MS: '30' }, /took more than 30 ms/);
});

test('a check that takes the heap past its memory budget stops the same way', { skip }, async () => {
  await run({ KONG_UPGRADE_CHECK_HEAP_MB: '1' }, /memory went past 1 MB/);
});
