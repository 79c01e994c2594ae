/**
 * kong/upgradePlan reads only regular files, and at most MAX_FILE_BYTES of them, without
 * trusting stat().size: a FIFO named by the client (or listed in the workspace) does not
 * block the server, a device does not make it read until memory runs out.
 * The server runs in a child process (server/out/server.js, built by `npm test`), so that
 * a read that blocks fails this test by its deadline instead of hanging the test runner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { readRegularFile } from '../../server/src/lsp/workspace';
import type { UpgradePlanResult } from '../../server/src/protocol';

const serverJs = path.resolve(__dirname, '../../server/out/server.js');
const canFifo = process.platform !== 'win32';

test('readRegularFile: regular files up to the cap; devices, FIFOs, directories and bigger files are not read', { skip: !canFifo && 'no FIFOs here' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-read-'));
  try {
    fs.writeFileSync(path.join(dir, 'kong.conf'), 'log_level = notice\n');
    fs.writeFileSync(path.join(dir, 'big.conf'), 'x'.repeat(5000));
    execFileSync('mkfifo', [path.join(dir, 'fifo.conf')]);
    assert.deepEqual(readRegularFile(path.join(dir, 'kong.conf')), { kind: 'text', text: 'log_level = notice\n', binary: false });
    assert.equal(readRegularFile(path.join(dir, 'big.conf'), 4096).kind, 'too-large');
    assert.equal(readRegularFile(path.join(dir, 'fifo.conf')).kind, 'not-regular');
    assert.equal(readRegularFile(dir).kind, 'not-regular');
    if (fs.existsSync('/dev/zero')) assert.equal(readRegularFile('/dev/zero', 4096).kind, 'not-regular');
    assert.equal(readRegularFile(path.join(dir, 'missing.conf')).kind, 'error');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('kong/upgradePlan with a FIFO among the files answers at once and plans the rest', {
  skip: (!canFifo && 'no FIFOs here') || (!fs.existsSync(serverJs) && 'server/out/server.js not built (npm run build)'),
}, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-fifo-'));
  fs.writeFileSync(path.join(dir, 'kong.conf'), 'nginx_optimizations = on\n');
  const fifo = path.join(dir, 'other.kong.conf');
  execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const client = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' })));
  client.onRequest('client/registerCapability', () => null);
  client.onNotification(() => undefined);
  client.listen();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const root = pathToFileURL(dir).toString();
    await client.sendRequest('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
    await client.sendNotification('initialized', {});
    const ask = client.sendRequest('kong/upgradePlan', {
      topology: 'traditional',
      files: [pathToFileURL(fifo).toString(), pathToFileURL(path.join(dir, 'kong.conf')).toString()],
    }) as Promise<UpgradePlanResult>;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in 20 s: the server blocked on the FIFO')), 20000)));
    const r = await Promise.race([ask, late]);
    assert.deepEqual(Object.keys(r.files), ['kong.conf']);
    // The whole workspace too: the FIFO is listed there and must not be opened for a blocking read.
    const all = await Promise.race([client.sendRequest('kong/upgradePlan', { topology: 'traditional' }) as Promise<UpgradePlanResult>, late]);
    assert.deepEqual(Object.keys(all.files), ['kong.conf']);
  } finally {
    clearTimeout(timer);
    client.dispose();
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
