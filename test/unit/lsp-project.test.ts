/**
 * The language server with a `.kong-upgrade.yaml`: client settings override it only where
 * sent, its rules and ignores apply, suppression comments hide findings and are offered as
 * quick fixes, `currentVersion: auto` says where it found the version, and a changed config
 * re-checks the open files.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLspClient, type LspClient } from './helpers/lspClient';
import { clearConfigCache } from '../../server/src/projectConfig';
import type { StatusParams } from '../../server/src/protocol';

let lsp: LspClient;
let client: MessageConnection;
let settings: Record<string, unknown> = {};
let published: Map<string, PublishDiagnosticsParams[]>;
let statuses: StatusParams[];
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-lsp-project-'));
  fs.mkdirSync(path.join(dir, '.git'));
  lsp = await startLspClient({
    settings: () => settings,
    rootUri: pathToFileURL(dir).toString(),
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  ({ client, statuses, diagnostics: published } = lsp);
});

after(() => lsp.dispose());

const diagnosticsOf = (uri: string, predicate?: (d: Diagnostic[]) => boolean) => lsp.latestDiagnostics(uri, predicate);

function write(rel: string, text: string): string {
  const full = path.join(dir, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return pathToFileURL(full).toString();
}

let version = 1;
function open(uri: string, text: string) {
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kong-conf', version: version++, text } });
}
function close(uri: string) {
  published.delete(uri);
  void client.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
async function configChanged() {
  clearConfigCache();
  await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.kong-upgrade.yaml')).toString(), type: 2 }] });
}

const CONF = 'nginx_optimizations = on\nopentelemetry_tracing = all\npg_hots = x\n';

test('the config gives versions and rules; a value the client sends overrides it, a user-level one does not', async () => {
  write('.kong-upgrade.yaml', 'currentVersion: "2.8"\ntargetVersion: "3.4"\nrules:\n  unknown-property: off\n  deprecated-property: error\n');
  const uri = write('a/kong.conf', CONF);
  settings = { userSettings: { targetVersion: '3.10' } };
  open(uri, CONF);
  let d = await diagnosticsOf(uri);
  assert.deepEqual(d.map((x) => x.code).sort(), ['deprecated-property', 'removed-property']);
  assert.equal(d.find((x) => x.code === 'deprecated-property')!.severity, 1, 'error, from the config');
  assert.equal(statuses[statuses.length - 1]!.target, '3.4', 'the config beats a user-level setting');
  close(uri);
  settings = { targetVersion: '3.10' };
  await configChanged();
  open(uri, CONF);
  const deadline = Date.now() + 5000;
  while (statuses[statuses.length - 1]!.target !== '3.10' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(statuses[statuses.length - 1]!.target, '3.10', 'an explicit setting beats the config');
  d = await diagnosticsOf(uri, (x) => x.length > 0);
  assert.equal(d.find((x) => x.code === 'deprecated-property')!.severity, 1, 'the config rules still apply');
  close(uri);
  settings = {};
});

test('a changed config re-checks open files; ignored paths get no diagnostics; config problems reach the status', async () => {
  write('.kong-upgrade.yaml', 'currentVersion: "2.8"\ntargetVersion: "3.4"\n');
  await configChanged();
  const uri = write('b/kong.conf', CONF);
  open(uri, CONF);
  await diagnosticsOf(uri, (d) => d.some((x) => x.code === 'unknown-property'));
  write('.kong-upgrade.yaml', 'currentVersion: "2.8"\ntargetVersion: "3.4"\nignore: ["b/"]\nbogus: 1\n');
  await configChanged();
  await diagnosticsOf(uri, (d) => d.length === 0);
  const deadline = Date.now() + 5000;
  while (!statuses.some((s) => s.problems.some((p) => /unknown key "bogus"/.test(p))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(
    statuses.some((s) => s.problems.some((p) => p === '.kong-upgrade.yaml: unknown key "bogus" (known: currentVersion, targetVersion, edition, customPlugins, declarativeFiles, rules, ignore)')),
  );
  close(uri);
});

test('currentVersion: auto reads the Kong image and the status says where', async () => {
  write('.kong-upgrade.yaml', 'currentVersion: auto\ntargetVersion: "3.4"\n');
  write('deploy/docker-compose.yml', 'services:\n  gw:\n    image: kong/kong-gateway:3.1.1.3\n');
  await configChanged();
  const uri = write('c/kong.conf', CONF);
  open(uri, CONF);
  await diagnosticsOf(uri);
  const deadline = Date.now() + 5000;
  while (!statuses.some((s) => s.current === '3.1.1.3') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const st = statuses.find((s) => s.current === '3.1.1.3')!;
  assert.ok(st, 'current version from the image');
  assert.equal(st.edition, 'enterprise');
  assert.ok(
    st.notes!.some((n) => n === 'Current version 3.1.1.3 taken from the Kong image in deploy/docker-compose.yml:3 (services.gw.image: kong/kong-gateway:3.1.1.3)'),
    JSON.stringify(st.notes),
  );
  close(uri);
  fs.rmSync(path.join(dir, 'deploy'), { recursive: true });
});

test('suppression comments hide findings, and "Ignore … on this line / in this file" are quick fixes that do it', async () => {
  write('.kong-upgrade.yaml', 'currentVersion: "2.8"\ntargetVersion: "3.4"\n');
  await configChanged();
  const text = 'log_level = debug\n  pg_hots = x\nnginx_optimizations = on\n';
  const uri = write('d/kong.conf', text);
  open(uri, text);
  const d = await diagnosticsOf(uri, (x) => x.some((y) => y.code === 'unknown-property'));
  const unknown = d.find((x) => x.code === 'unknown-property')!;
  const actions = (await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown], only: ['quickfix'] } })) as CodeAction[];
  const line = actions.find((a) => a.title === 'Ignore unknown-property on this line')!;
  const file = actions.find((a) => a.title === 'Ignore unknown-property in this file')!;
  assert.ok(line && file, actions.map((a) => a.title).join(', '));
  const apply = (a: CodeAction) => TextDocument.applyEdits(TextDocument.create(uri, 'kong-conf', 0, text), a.edit!.changes![uri]! as TextEdit[]);
  const suppressed = apply(line);
  assert.equal(suppressed, 'log_level = debug\n  # kong-upgrade-ignore-next-line unknown-property\n  pg_hots = x\nnginx_optimizations = on\n');
  assert.equal(apply(file), '# kong-upgrade-ignore-file unknown-property\n' + text);
  void client.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: suppressed }] });
  const after = await diagnosticsOf(uri, (x) => !x.some((y) => y.code === 'unknown-property'));
  assert.deepEqual(
    after.map((x) => x.code),
    ['removed-property'],
  );
  close(uri);
});
