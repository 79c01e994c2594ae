/**
 * The stdio server and a broken message stream: a bad header (no Content-Length) makes it
 * exit with an error instead of staying alive but deaf; a body that is not JSON leaves the
 * framing intact, and the server keeps answering. Runs server/out/server.js (npm run build).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';

const serverJs = path.resolve(__dirname, '../../server/out/server.js');
const skip = !fs.existsSync(serverJs) && 'server/out/server.js not built (npm run build)';
const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function start() {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, exited, output: () => out };
}

const within = <T>(p: Promise<T>, ms: number, what: string) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${what} not within ${ms} ms`)), ms).unref())]);

test('a header without Content-Length: the server exits with an error', { skip }, async () => {
  const s = start();
  try {
    s.child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
    s.child.stdin.write('Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}');
    const code = await within(s.exited, 20000, 'exit after a broken header');
    assert.notEqual(code, 0);
  } finally {
    s.child.kill();
  }
});

test('a body that is not JSON: the server goes on and answers the next request', { skip }, async () => {
  const s = start();
  try {
    s.child.stdin.write(frame('{not json'));
    s.child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
    await within(
      new Promise<void>((res) => {
        const t = setInterval(() => {
          if (s.output().includes('"id":7')) {
            clearInterval(t);
            res();
          }
        }, 50);
      }),
      20000,
      'an answer to initialize',
    );
    s.child.stdin.end();
    const code = await within(s.exited, 20000, 'exit when the input closes');
    assert.equal(code, 1, 'input closed without shutdown: exit code 1, as the library does');
  } finally {
    s.child.kill();
  }
});
