/**
 * The server's fast paths for large publishes: the line cursor answers exactly what the
 * document's own positionAt does, and the stream encoder's text (joined from the cached
 * JSON of each diagnostic) parses back to the very message it was given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentIndex } from '../../server/src/lsp/documentIndex';
import { createMessageEncoder } from '../../server/src/lsp/encode';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

test('the line cursor agrees with TextDocument.positionAt, in order and out of order', () => {
  const r = rng(3);
  for (const text of ['', '\n', '\n\n\nabc', 'abc', 'a\nbc\n', 'x\n'.repeat(50) + 'tail', Array.from({ length: 300 }, (_, i) => 'k'.repeat(i % 7) + (i % 5 ? '\n' : '\n\n')).join('')]) {
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    const c = new DocumentIndex(doc, 1, text).cursor();
    const offs: number[] = [];
    for (let i = 0; i < 400; i++) offs.push(Math.floor(r() * (text.length + 3)) - 1);
    const sorted = [...offs].sort((a, b) => a - b);
    for (const o of [...sorted, ...offs, ...sorted.reverse()]) assert.deepEqual(c.positionAt(o), doc.positionAt(o), `offset ${o} of ${JSON.stringify(text.slice(0, 20))}`);
  }
});

test('with a carriage return the cursor is the document index itself', () => {
  const text = 'a\r\nb\rc\n';
  const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const idx = new DocumentIndex(doc, 1, text);
  const c = idx.cursor();
  for (let o = 0; o <= text.length; o++) assert.deepEqual(c.positionAt(o), doc.positionAt(o));
});

test('publishDiagnostics encodes to the same JSON, first from scratch and then from cached pieces', async () => {
  const enc = createMessageEncoder();
  const diags = Array.from({ length: 500 }, (_, i) => ({
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    severity: (i % 4) + 1,
    code: 'deprecated-plugin-field',
    source: 'kong',
    message: `config.f${i} is "quoted" \\ and ünïcode`,
    ...(i % 3 ? { data: { id: i } } : {}),
  }));
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///k.yaml', version: 3, diagnostics: diags } };
  const decode = async (m: typeof msg) => JSON.parse(Buffer.from(await enc.encode(m, { charset: 'utf-8' })).toString('utf8'));
  assert.deepEqual(await decode(msg), msg);
  // Let the idle slices cache every diagnostic's text, then publish again with a few new ones.
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  const next = { ...msg, params: { ...msg.params, version: 4, diagnostics: [...diags.slice(0, 400), { ...diags[0]!, message: 'new' }, ...diags.slice(401)] } };
  assert.deepEqual(await decode(next), next);
  const noVersion = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///k.yaml', diagnostics: diags } };
  assert.deepEqual(await decode(noVersion as typeof msg), noVersion);
  const other = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hi' } };
  assert.deepEqual(await decode(other as unknown as typeof msg), other);
});

test('a large publish built from kept runs of bytes is the same JSON, publish after publish, whatever changed', async () => {
  const enc = createMessageEncoder();
  const r = rng(7);
  const make = (i: number) => ({
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    severity: 2,
    code: 'deprecated-plugin-field',
    source: 'kong',
    message: `config.f${i} "q" ü ${r()}`,
    ...(i % 3 ? { data: { id: i } } : {}),
  });
  let diags = Array.from({ length: 6000 }, (_, i) => make(i));
  const decode = async (m: unknown) => JSON.parse(Buffer.from(await enc.encode(m as never, { charset: 'utf-8' })).toString('utf8'));
  for (let round = 0; round < 12; round++) {
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///k.yaml', version: round + 1, diagnostics: diags } };
    assert.deepEqual(await decode(msg), msg, `round ${round}`);
    for (let i = 0; i < 4; i++) await new Promise((res) => setImmediate(res));
    // Some diagnostics replaced, removed or added here and there (the rest the same objects).
    const next = [...diags];
    for (let k = 0; k < 5; k++) {
      const at = Math.floor(r() * next.length);
      const what = r();
      if (what < 0.3) next.splice(at, 1);
      else if (what < 0.6) next.splice(at, 0, make(at));
      else next[at] = make(at);
    }
    diags = round === 8 ? next.slice(0, 700) : next;
  }
});
