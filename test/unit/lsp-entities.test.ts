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
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from '../../server/src/lsp/server';

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

let client: MessageConnection;
let dir: string;
const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
const waiters: Array<() => void> = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kua-entities-'));
  fs.writeFileSync(path.join(dir, 'kong.yaml'), DECK);
  fs.writeFileSync(path.join(dir, 'kong.conf'), 'tls_certificate_verify = off\n');
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)));
  client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, [...(diagnostics.get(p.uri) ?? []), p]);
    waiters.splice(0).forEach((w) => w());
  });
  client.onNotification('kong/status', () => undefined);
  client.onNotification('window/showMessage', () => undefined);
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ currentVersion: '3.10', targetVersion: '3.14', edition: 'enterprise' })));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(dir).toString(), capabilities: { workspace: { configuration: true } } });
  await client.sendNotification('initialized', {});
});

after(() => {
  client.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function nextDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const got = (diagnostics.get(uri) ?? []).find((p) => predicate(p.diagnostics));
    if (got) {
      diagnostics.set(uri, []);
      return got.diagnostics;
    }
    if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify((diagnostics.get(uri) ?? []).map((p) => p.diagnostics.map((d) => d.code)))}`);
    await new Promise<void>((r) => {
      waiters.push(r);
      setTimeout(r, 200);
    });
  }
}

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
