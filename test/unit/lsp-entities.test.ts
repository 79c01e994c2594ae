/**
 * Entity findings through the language server: a decK file's findings follow what the
 * workspace's kong.conf sets (on disk, then as edited in the editor), and the whole-file
 * "keep today's behaviour" source action.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLspClient, type LspClient } from './helpers/lspClient';

const DECK = `_format_version: "3.0"
services:
- name: legacy
  url: https://legacy.internal
  tls_verify: false
  routes:
  - name: r1
    paths: [/legacy]
`;

const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

let lsp: LspClient;
let client: MessageConnection;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kua-entities-'));
  fs.writeFileSync(path.join(dir, 'kong.yaml'), DECK);
  fs.writeFileSync(path.join(dir, 'kong.conf'), 'tls_certificate_verify = off\n');
  lsp = await startLspClient({ settings: () => ({ currentVersion: '3.10', targetVersion: '3.14', edition: 'enterprise' }), rootUri: pathToFileURL(dir).toString() });
  client = lsp.client;
});

after(() => {
  lsp.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nextDiagnostics = (uri: string, predicate: (d: Diagnostic[]) => boolean) => lsp.nextDiagnostics(uri, (p) => predicate(p.diagnostics), 15_000);

test('the workspace kong.conf decides whether tls_verify: false is refused; editing it re-checks the decK file', async () => {
  const deck = pathToFileURL(path.join(dir, 'kong.yaml')).toString();
  const conf = pathToFileURL(path.join(dir, 'kong.conf')).toString();
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri: deck, languageId: 'yaml', version: 1, text: DECK } });
  const first = await nextDiagnostics(deck, (d) => d.some((x) => x.code === 'entity-default-change'));
  assert.ok(!first.some((d) => d.code === 'entity-value-refused'), 'kong.conf on disk turns verification off');
  const route = first.find((d) => d.code === 'entity-default-change' && /protocols/.test(msg(d)))!;
  assert.ok(route, 'the route without protocols is reported');

  // The whole-file action writes the old defaults, the pinned false among them being accepted here.
  const actions = (await client.sendRequest('textDocument/codeAction', {
    textDocument: { uri: deck },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.pinEntityDefaults.kong'] },
  })) as CodeAction[];
  assert.equal(actions.length, 1);
  const pinned = TextDocument.applyEdits(TextDocument.create(deck, 'yaml', 1, DECK), actions[0]!.edit!.changes![deck]! as TextEdit[]);
  assert.match(pinned, / {4}protocols: \[http, https\]\n/);
  // Fix-all does not pin.
  const fixAll = (await client.sendRequest('textDocument/codeAction', {
    textDocument: { uri: deck },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.kong'] },
  })) as CodeAction[];
  for (const a of fixAll) assert.doesNotMatch(JSON.stringify(a.edit), /protocols/);

  // Turning verification back on in the editor: the decK file is checked again.
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri: conf, languageId: 'kong-conf', version: 1, text: 'tls_certificate_verify = on\n' } });
  const again = await nextDiagnostics(deck, (d) => d.some((x) => x.code === 'entity-value-refused'));
  const refused = again.find((d) => d.code === 'entity-value-refused')!;
  assert.match(msg(refused), /tls_certificate_verify = off in kong\.conf/);
  assert.equal(refused.range.start.line, 4);

  // Closing it without saving: the file on disk (verification off) applies again.
  void client.sendNotification('textDocument/didClose', { textDocument: { uri: conf } });
  await nextDiagnostics(deck, (d) => d.some((x) => x.code === 'entity-default-change') && !d.some((x) => x.code === 'entity-value-refused'));
});
