/**
 * Kong's fix-all answers `source.fixAll.kong`, not the umbrella `source.fixAll` that users
 * set on save for other fixers, unless they opt in with `kong.fixAll.onSourceFixAll`.
 * Through the protocol, in-process (as lsp.test.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction } from 'vscode-languageserver';
import { startLspClient, type LspClient } from './helpers/lspClient';
import { answersFixAll } from '../../server/src/lsp/fixAllKinds';

let lsp: LspClient;
let client: MessageConnection;
let settings: Record<string, unknown> = { currentVersion: '2.8', targetVersion: '3.10', edition: 'enterprise' };

before(async () => {
  lsp = await startLspClient({ settings: () => settings });
  client = lsp.client;
});

after(() => lsp.dispose());

const uri = 'file:///ws/kong.conf';
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function actions(only: string[] | undefined, triggerKind?: 1 | 2): Promise<string[]> {
  const r = (await client.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: [], ...(only ? { only } : {}), ...(triggerKind ? { triggerKind } : {}) },
  })) as CodeAction[];
  return r.map((a) => a.kind ?? '').filter((k) => k.startsWith('source.fixAll'));
}

test('source.fixAll.kong is answered; the umbrella source.fixAll is not, until the user opts in', async () => {
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kong-conf', version: 1, text: 'nginx_optimizations = on\nopentelemetry_tracing = all\n' } });
  assert.deepEqual(await actions(['source.fixAll.kong'], 2), ['source.fixAll.kong']);
  assert.deepEqual(await actions(['source.fixAll'], 2), [], 'the umbrella on save applied Kong fixes');
  assert.deepEqual(await actions(['source.fixAll'], 1), []);
  assert.deepEqual(await actions(['source'], 2), []);
  assert.deepEqual(await actions(['source'], 1), ['source.fixAll.kong'], 'the Source Action menu offers it');
  assert.deepEqual(await actions(undefined), ['source.fixAll.kong'], 'the light bulb offers it');
  assert.deepEqual(await actions(['quickfix']), []);

  settings = { ...settings, fixAll: { onSourceFixAll: true } };
  await client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(await actions(['source.fixAll'], 2), ['source.fixAll.kong']);
  assert.deepEqual(await actions(['source'], 2), ['source.fixAll.kong']);
});

test('answersFixAll: more specific kinds than ours and unrelated kinds get nothing', () => {
  assert.equal(answersFixAll(['source.fixAll.eslint'], 2, true), false);
  assert.equal(answersFixAll(['source.fixAll.kong.other'], 2, true), false);
  assert.equal(answersFixAll(['source.organizeImports', 'source.fixAll.kong'], 2, false), true);
  assert.equal(answersFixAll([], 1, true), false);
});
