/**
 * The language server on a Kubernetes manifest with KongPlugins, in-process: diagnostics
 * with fixes, fix-all, hover, completion, annotations checked against the KongPlugins of
 * the workspace folder on disk, and the image's version offered as the current version
 * (notification and code lens), withdrawn once the settings say it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionItem, Hover, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLspClient, type LspClient } from './helpers/lspClient';
import type { ImageVersionParams } from '../../server/src/protocol';

let lsp: LspClient;
let client: MessageConnection;
let settings: Record<string, unknown> = { currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' };
const offers: ImageVersionParams[] = [];
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-k8s-ws-'));

const MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: kong',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: proxy',
  '          image: kong/kong-gateway:3.4.3.12',
  '---',
  'apiVersion: configuration.konghq.com/v1',
  'kind: KongPlugin',
  'metadata:',
  '  name: rl',
  'plugin: rate-limiting',
  'config:',
  '  minute: 5',
  '  policy: redis',
  '  redis_host: redis   # shared',
  '  redis_port: 6380',
  '---',
  'apiVersion: configuration.konghq.com/v1',
  'kind: KongPlugin',
  'metadata:',
  '  name: acl',
  'plugin: acl',
  'config:',
  '  whitelist: [admins]',
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: api',
  '  annotations:',
  '    konghq.com/plugins: rl,acl,key-auth-elsewhere,jwt-elsewher',
  'spec: {}',
  '',
].join('\n');

before(async () => {
  fs.writeFileSync(
    path.join(root, 'auth.yaml'),
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: key-auth-elsewhere\nplugin: key-auth\n---\napiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata:\n  name: jwt-elsewhere\nplugin: jwt\n',
  );
  lsp = await startLspClient({
    settings: () => settings,
    rootUri: pathToFileURL(root).toString(),
    notifications: { 'kong/imageVersion': (p: ImageVersionParams) => void offers.push(p) },
  });
  client = lsp.client;
});

after(() => {
  lsp.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The next diagnostics published for `uri`, whatever they are. */
const nextDiagnostics = (uri: string) => lsp.nextDiagnostics(uri);

const uri = () => pathToFileURL(path.join(root, 'deployment.yaml')).toString();

test('a manifest: KongPlugin findings with fixes, annotations against the workspace, the KONG image offered', async () => {
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'yaml', version: 1, text: MANIFEST } });
  const d = await nextDiagnostics(uri());
  const lines = d.map((x) => `${x.range.start.line} ${x.code}`);
  assert.deepEqual(lines, ['19 deprecated-plugin-field', '20 deprecated-plugin-field', '28 declarative-format', '35 missing-kong-plugin']);
  const miss = d.find((x) => x.code === 'missing-kong-plugin')!;
  assert.match(String(miss.message), /"jwt-elsewher" is defined in the workspace \(did you mean "jwt-elsewhere"\?\)/);
  // The quick fix of the redis move, then fix-all.
  const dep = d[0]!;
  const actions = (await client.sendRequest('textDocument/codeAction', { textDocument: { uri: uri() }, range: dep.range, context: { diagnostics: [dep], only: ['quickfix'] } })) as CodeAction[];
  assert.equal(actions[0]!.title, 'Move redis_host, redis_port into redis');
  const doc = TextDocument.create(uri(), 'yaml', 1, MANIFEST);
  const moved = TextDocument.applyEdits(doc, actions[0]!.edit!.changes![uri()]! as TextEdit[]);
  assert.ok(moved.includes('  redis:\n    host: redis   # shared\n    port: 6380\n'), moved);
  const all = (await client.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri() },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.kong'] },
  })) as CodeAction[];
  const fixed = TextDocument.applyEdits(doc, all[0]!.edit!.changes![uri()]! as TextEdit[]);
  assert.ok(fixed.includes('  whitelist: [admins]') === false && fixed.includes('  allow: [admins]'), fixed);
  // The image names Kong 3.4.3.12 Enterprise; the settings say 2.8 open source.
  const deadline = Date.now() + 5000;
  while (!offers.some((o) => o.uri === uri()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const offer = offers.filter((o) => o.uri === uri()).pop()!.offer!;
  assert.equal(offer.version, '3.4.3.12');
  assert.equal(offer.edition, 'enterprise');
  assert.equal(offer.title, 'Use Kong 3.4.3.12 Enterprise from deployment.yaml as current version');
  const lenses = (await client.sendRequest('textDocument/codeLens', { textDocument: { uri: uri() } })) as Array<{ command: { title: string; command: string; arguments: unknown[] } }>;
  const lens = lenses.find((l) => l.command.command === 'kong.useImageVersion')!;
  assert.equal(lens.command.title, offer.title);
  assert.deepEqual(lens.command.arguments, [offer]);
});

test('hover and completion in the KongPlugin', async () => {
  const h = (await client.sendRequest('textDocument/hover', { textDocument: { uri: uri() }, position: { line: 19, character: 4 } })) as Hover;
  assert.match((h.contents as unknown as { value: string }).value, /redis_host/);
  const c = (await client.sendRequest('textDocument/completion', { textDocument: { uri: uri() }, position: { line: 18, character: 10 } })) as CompletionItem[];
  assert.deepEqual(c.map((x) => x.label).sort(), ['cluster', 'local', 'redis']);
});

test('accepting the offer (the settings now say it) withdraws it', async () => {
  offers.length = 0;
  settings = { currentVersion: '3.4.3.12', targetVersion: '3.10', edition: 'enterprise' };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await nextDiagnostics(uri());
  const deadline = Date.now() + 5000;
  while (!offers.some((o) => o.uri === uri()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(offers.filter((o) => o.uri === uri()).pop()?.offer, null);
  const lenses = (await client.sendRequest('textDocument/codeLens', { textDocument: { uri: uri() } })) as Array<{ command: { command: string } }>;
  assert.ok(!lenses.some((l) => l.command.command === 'kong.useImageVersion'));
});

test('defining the missing KongPlugin in another open manifest re-checks the annotation', async () => {
  const a = pathToFileURL(path.join(root, 'ingress.yaml')).toString();
  const b = pathToFileURL(path.join(root, 'plugins.yaml')).toString();
  const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    konghq.com/plugins: brand-new\nspec: {}\n';
  const plugins = (name: string) => `apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: ${name}\nplugin: cors\n`;
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'yaml', version: 1, text: plugins('old-name') } });
  await nextDiagnostics(b);
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'yaml', version: 1, text: ingress } });
  assert.deepEqual(
    (await nextDiagnostics(a)).map((d) => d.code),
    ['missing-kong-plugin'],
  );
  void client.sendNotification('textDocument/didChange', { textDocument: { uri: b, version: 2 }, contentChanges: [{ text: plugins('brand-new') }] });
  await nextDiagnostics(b);
  assert.deepEqual(await nextDiagnostics(a), [], 'the Ingress is checked again and its plugin is found');
});
