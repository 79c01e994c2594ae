/**
 * The language server through the protocol, in-process: two JSON-RPC connections
 * joined by in-memory streams, no editor involved.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, Hover, CodeAction, CompletionItem, TextEdit } from 'vscode-languageserver';
import { startLspClient, type LspClient } from './helpers/lspClient';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { StatusParams } from '../../server/src/protocol';
import { generateDeckText } from '../../scripts/bench/gen-deck';

let settings: Record<string, unknown> = { currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' };
let lsp: LspClient;
let client: MessageConnection;
let statuses: StatusParams[];

before(async () => {
  lsp = await startLspClient({ settings: () => settings });
  ({ client, statuses } = lsp);
});

after(() => lsp.dispose());

const nextDiagnostics = (uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean) => lsp.nextDiagnostics(uri, predicate);

const CONF = 'log_level = notice\nnginx_optimizations = on\nopentelemetry_tracing = all\npg_hots = x\nanonymous_reports = yes\n';

const open = (uri: string, text: string, languageId = 'kong-conf') => lsp.open(uri, text, languageId);

test('open publishes diagnostics with stable codes and fix payloads', async () => {
  const uri = 'file:///ws/kong.conf';
  open(uri, CONF);
  const d = await nextDiagnostics(uri);
  const codes = d.map((x) => x.code).sort();
  assert.deepEqual(codes, ['deprecated-property', 'invalid-value', 'removed-property', 'unknown-property']);
  const dep = d.find((x) => x.code === 'deprecated-property')!;
  assert.deepEqual(dep.tags, [2]); // Deprecated: strike-through
  assert.equal(dep.source, 'kong');
  assert.equal(dep.range.start.line, 2);
  assert.equal(typeof (dep.data as { id: unknown }).id, 'number', 'a diagnostic with fixes names its finding');
  // A hand-sized file also carries the fix itself: offset edits into the published text.
  const payload = (dep.data as { fixes?: Array<{ title: string; preferred: boolean; edits: Array<[number, number, string]> }> }).fixes;
  assert.ok(payload && payload.length === 1, 'fix payload in diagnostic.data');
  assert.equal(payload![0]!.title, 'Rename to "tracing_instrumentations"');
  const [s0, e0, t0] = payload![0]!.edits[0]!;
  assert.equal(CONF.slice(0, s0) + t0 + CONF.slice(e0), CONF.replace('opentelemetry_tracing =', 'tracing_instrumentations ='));
  assert.ok(statuses.some((s) => s.current === '2.8' && s.target === '3.10'));
});

test('hover shows the property facts', async () => {
  const h = (await client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///ws/kong.conf' }, position: { line: 1, character: 3 } })) as Hover;
  const md = (h.contents as { value: string }).value;
  assert.match(md, /\*\*nginx_optimizations\*\*/);
  assert.match(md, /removed in 3\.0\.0/);
  assert.match(md, /configuration reference/);
  assert.equal(h.range!.start.line, 1);
});

test('quick-fix renames keeping the value; fix-all fixes everything fixable', async () => {
  const uri = 'file:///ws/kong.conf';
  const doc = TextDocument.create(uri, 'kong-conf', 1, CONF);
  const diags = (await client.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).catch(() => null)) as null;
  void diags;
  const all = await (async () => {
    void client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: CONF }] });
    return nextDiagnostics(uri);
  })();
  const dep = all.find((x) => x.code === 'deprecated-property')!;
  const actions = (await client.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: dep.range,
    context: { diagnostics: [dep], only: ['quickfix'] },
  })) as CodeAction[];
  assert.equal(actions[0]!.title, 'Rename to "tracing_instrumentations"');
  const edits = actions[0]!.edit!.changes![uri]! as TextEdit[];
  const after = TextDocument.applyEdits(TextDocument.create(uri, 'kong-conf', 2, CONF), edits);
  assert.equal(after, CONF.replace('opentelemetry_tracing =', 'tracing_instrumentations ='));
  const fixAll = (await client.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.kong'] },
  })) as CodeAction[];
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0]!.kind, 'source.fixAll.kong');
  const fixed = TextDocument.applyEdits(doc, fixAll[0]!.edit!.changes![uri]! as TextEdit[]);
  assert.equal(fixed, 'log_level = notice\n#nginx_optimizations = on\ntracing_instrumentations = all\npg_hots = x\nanonymous_reports = yes\n', 'value guesses are quick fixes only');
});

test('completion offers target property names and enum values', async () => {
  const uri = 'file:///ws/c/kong.conf';
  open(uri, 'router_fl\nrouter_flavor = \n');
  await nextDiagnostics(uri);
  const names = (await client.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 9 } })) as CompletionItem[];
  assert.ok(names.some((c) => c.label === 'router_flavor'));
  assert.ok(!names.some((c) => c.label === 'nginx_optimizations'), 'removed names are not offered');
  const values = (await client.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 16 } })) as CompletionItem[];
  assert.deepEqual(values.map((v) => v.label).sort(), ['expressions', 'traditional', 'traditional_compatible']);
});

test('changing the target version re-checks open files', async () => {
  const uri = 'file:///ws/t/kong.conf';
  open(uri, 'opentelemetry_tracing = all\n');
  assert.deepEqual(
    (await nextDiagnostics(uri)).map((d) => d.code),
    ['deprecated-property'],
  );
  settings = { ...settings, currentVersion: '3.0', targetVersion: '3.1' };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const again = await nextDiagnostics(uri);
  assert.deepEqual(
    again.map((d) => d.code),
    [],
    'opentelemetry_tracing is fine in 3.1',
  );
  settings = { currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await nextDiagnostics(uri);
});

test('an unknown version in the settings is reported, not a crash', async () => {
  settings = { currentVersion: '9.9', targetVersion: 'banana', edition: 'oss' };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const uri = 'file:///ws/u/kong.conf';
  open(uri, 'pg_hots = 1\n');
  assert.deepEqual(await nextDiagnostics(uri), []);
  assert.ok(statuses.some((s) => s.problems.some((p) => /9\.9/.test(p)) && s.problems.some((p) => /banana/.test(p))));
  settings = { currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
});

test('malformed and binary input: diagnostics, and the server keeps answering', async () => {
  const uri = 'file:///ws/junk/kong.conf';
  let junk = '';
  for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 65535);
  open(uri, junk + '\n= =\n\u0000\u0000');
  const d = await nextDiagnostics(uri);
  assert.ok(d.every((x) => typeof x.code === 'string'));
  const versions = (await client.sendRequest('kong/knownVersions', {})) as { versions: Array<{ minor: string; lts: boolean }>; defaultTarget: string };
  assert.ok(versions.versions.some((v) => v.minor === '3.10' && v.lts));
  assert.equal(versions.defaultTarget, '3.14');
  assert.ok(versions.versions.findIndex((v) => v.minor === '3.10') < versions.versions.findIndex((v) => v.minor === '2.8'), 'newest first');
});

test('a summary lens at the top of a Kong file, which a setting turns off', async () => {
  const uri = 'file:///ws/lens/kong.conf';
  open(uri, 'nginx_optimizations = on\nopentelemetry_tracing = all\n');
  await nextDiagnostics(uri);
  const lenses = (await client.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command: { title: string; command: string } }>;
  assert.deepEqual(
    lenses.map((l) => l.command.title),
    ['Kong 3.10: 1 removed · 1 deprecated', 'Plan upgrade'],
  );
  assert.equal(lenses[1]!.command.command, 'kong.planUpgrade');
  settings = { ...settings, codeLens: { enabled: false } };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await nextDiagnostics(uri);
  assert.deepEqual(await client.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
  settings = { currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' };
  void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await nextDiagnostics(uri);
});

test('declarative files and docker-compose files get their findings; other YAML is left alone', async () => {
  const decl = 'file:///ws/d/kong.yaml';
  open(decl, '_format_version: "1.1"\nplugins:\n- name: acl\n  config:\n    whitelist: [a]\n- name: rate-limiting\n  config:\n    minute: 5\n    policy: redis\n    redis_host: r\n', 'yaml');
  const dd = await nextDiagnostics(decl);
  const codes = dd.map((d) => d.code);
  assert.ok(codes.includes('format-version'), codes.join());
  assert.ok(codes.includes('declarative-format') || codes.includes('removed-plugin-field'), codes.join());
  assert.ok(codes.includes('deprecated-plugin-field'), codes.join());
  const compose = 'file:///ws/d/docker-compose.yml';
  open(compose, 'services:\n  kong:\n    image: kong:2.8\n    environment:\n      KONG_NGINX_OPTIMIZATIONS: "on"\n      KONG_PG_HOTS: db\n      KONG_VERSION: "2.8"\n', 'yaml');
  const cd = await nextDiagnostics(compose);
  assert.deepEqual(cd.map((d) => d.code).sort(), ['removed-property', 'unknown-property']);
  assert.match(String(cd.find((d) => d.code === 'unknown-property')!.message), /KONG_PG_HOST/);
  const other = 'file:///ws/d/mkdocs.yml';
  open(other, 'site_name: docs\nnav:\n  - Home: index.md\n', 'yaml');
  assert.deepEqual(await nextDiagnostics(other), []);
});

test('KONG_<NAME>_FILE (value read from a file) is checked as <name>', async () => {
  const uri = 'file:///ws/f/.env';
  open(uri, 'KONG_PG_PASSWORD_FILE=/run/secrets/pg\nKONG_NGINX_OPTIMIZATIONS_FILE=/x\nKONG_PG_HOTS=db\n', 'plaintext');
  const d = await nextDiagnostics(uri);
  assert.deepEqual(
    d.map((x) => [x.code, x.range.start.line]),
    [
      ['removed-property', 1],
      ['unknown-property', 2],
    ],
  );
});

test('quick fixes from stale diagnostics: the finding id still resolves after an edit elsewhere; a gone id falls back to the range', async () => {
  const uri = 'file:///ws/stale/kong.yaml';
  const svc = (i: number, plugin: string) => `- name: s${i}\n  url: http://b${i}.internal:8080\n  plugins:\n${plugin}`;
  let text =
    '_format_version: "3.0"\nservices:\n' +
    svc(0, '  - name: rate-limiting\n    config:\n      minute: 5\n') +
    svc(1, '  - name: acl\n    config:\n      whitelist:\n      - a\n') +
    svc(2, '  - name: cors\n    config:\n      origins: ["*"]\n');
  open(uri, text, 'yaml');
  const d1 = await nextDiagnostics(uri);
  const wl = d1.find((x) => x.code === 'declarative-format');
  assert.ok(wl, 'the whitelist finding');
  const data = wl.data as { id?: unknown };
  assert.equal(typeof data.id, 'number');
  const ask = async (range: typeof wl.range) =>
    (await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [wl], only: ['quickfix'] } })) as CodeAction[];
  const applied = (actions: CodeAction[], current: string) => TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, current), actions[0]!.edit!.changes![uri]! as TextEdit[]);

  // v2: a value changes in another service; the finding object is reused, so is its id.
  const at = text.indexOf('minute: 5') + 'minute: '.length;
  const pos = TextDocument.create(uri, 'yaml', 1, text).positionAt(at);
  text = text.slice(0, at) + '7' + text.slice(at + 1);
  void client.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '7' }],
  });
  const d2 = await nextDiagnostics(uri);
  assert.equal((d2.find((x) => x.code === 'declarative-format')!.data as { id: number }).id, data.id, 'same finding, same id');
  // Even a range elsewhere finds it: the id, not the range, names the finding.
  const byId = await ask({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.ok(
    byId.some((a) => a.title.includes('whitelist')),
    'resolved by id',
  );
  const fixedById = applied(
    byId.filter((a) => a.title.includes('whitelist')),
    text,
  );
  assert.equal(fixedById, text.replace('whitelist:', 'allow:'));

  // v3: a line inserted at the top moves everything: the old id is gone; the current range still finds the fix.
  text = '# moved\n' + text;
  void client.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n' }],
  });
  await nextDiagnostics(uri);
  const moved = { start: { line: wl.range.start.line + 1, character: wl.range.start.character }, end: { line: wl.range.end.line + 1, character: wl.range.end.character } };
  const byRange = await ask(moved);
  assert.equal(byRange.length, 1);
  assert.equal(applied(byRange, text), text.replace('whitelist:', 'allow:'));
});

test('a big decK file: the top shows first, then the complete set, and the first publish is exactly the top of the complete one', async () => {
  const text = generateDeckText(5);
  const uri = 'file:///ws/big/kong.yaml';
  open(uri, text, 'yaml');
  const first = await nextDiagnostics(uri);
  const all = await nextDiagnostics(uri);
  assert.ok(first.length > 0 && first.length < all.length, `preview ${first.length} < complete ${all.length}`);
  const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;
  assert.deepEqual(first.map(key), all.slice(0, first.length).map(key), 'the preview is the beginning of the complete set');
  const lastLine = first[first.length - 1]!.range.start.line;
  assert.ok(
    all.slice(first.length).every((d) => d.range.start.line >= lastLine),
    'nothing is missing inside the previewed stretch',
  );
});
