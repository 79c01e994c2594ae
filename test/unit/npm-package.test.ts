/**
 * The npm package `kong-upgrade` as a user gets it: packed by scripts/pack-cli.mjs, installed
 * from the tarball into an empty folder with no registry (--offline, an empty npm cache), then
 * `kong-upgrade --help`, `npx kong-upgrade`, a check over a copy of examples/ that reports
 * what the repository's own CLI reports, a baseline that makes it green until a new finding
 * appears, and the package's language server, which publishes
 * the same findings for those files as an editor opens them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { run } from '../../server/src/cli';

const root = path.resolve(__dirname, '..', '..');

test('the packed tarball installs offline in an empty folder and runs there', { timeout: 180_000 }, async (t) => {
  if (!fs.existsSync(path.join(root, 'server', 'out', 'cli.js'))) return t.skip('run npm run build first (npm test does)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-npm-'));
  const tarball = execFileSync(process.execPath, [path.join(root, 'scripts', 'pack-cli.mjs'), '--out', path.join(tmp, 'dist')], { encoding: 'utf8' }).trim();
  assert.match(path.basename(tarball), /^kong-upgrade-\d+\.\d+\.\d+\.tgz$/);

  // Only the bundles, the knowledge base, the config schema and the docs.
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.replace(/^package\//, ''))
    .sort();
  assert.deepEqual(
    listed,
    [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
      'schemas/kong-upgrade.schema.json',
      // every file of the knowledge base: one left out turns its findings off in the package
      ...fs
        .readdirSync(path.join(root, 'server', 'knowledge'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `server/knowledge/${f}`),
      'server/out/cli.js',
      'server/out/server.js',
    ].sort(),
  );
  assert.ok(listed.includes('server/knowledge/entities.json'));
  // `npm pack` at the root (how the pre-commit framework installs the hooks) ships the same files.
  const rootPack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  assert.deepEqual(rootPack[0].files.map((f: { path: string }) => f.path).sort(), listed);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  assert.equal(manifest.name, 'kong-upgrade');
  assert.deepEqual(manifest.bin, { 'kong-upgrade': 'server/out/cli.js' });
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies: the bundles are self-contained');
  const rootManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(rootManifest.dependencies, undefined, 'the root package has no runtime dependencies (npm install -g of its tarball needs no registry)');
  assert.equal(path.posix.normalize(rootManifest.bin['kong-upgrade']), manifest.bin['kong-upgrade']);

  // Install with no registry and an empty cache: nothing can come from the network.
  const app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  const env = {
    ...process.env,
    npm_config_cache: path.join(tmp, 'cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  execFileSync('npm', ['install', '--offline', tarball], { cwd: app, env, stdio: 'pipe' });
  const bin = path.join(app, 'node_modules', '.bin', 'kong-upgrade');
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8', env });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^kong-upgrade \d+\.\d+\.\d+: check Kong configuration/);
  const viaNpx = spawnSync('npx', ['--offline', 'kong-upgrade', 'check', '--help'], { cwd: app, encoding: 'utf8', env });
  assert.equal(viaNpx.status, 0, viaNpx.stderr);
  assert.match(viaNpx.stdout, /^kong-upgrade check \[paths\.\.\.\]/);

  // `kong-upgrade check .` over a copy of examples/: the same findings as the repository's CLI.
  const work = path.join(tmp, 'work');
  fs.cpSync(path.join(root, 'examples'), work, { recursive: true });
  const installed = spawnSync(bin, ['check', '.', '--from', '2.8', '--to', '3.10', '--format', 'json'], { cwd: work, encoding: 'utf8', env });
  assert.equal(installed.status, 1, installed.stderr);
  const out: string[] = [];
  run(['check', '.', '--from', '2.8', '--to', '3.10', '--format', 'json'], { stdout: (s) => out.push(s), stderr: () => undefined, cwd: path.join(root, 'examples') });
  const strip = (j: string) =>
    JSON.parse(j).files.map((f: { path: string; findings: Array<{ code: string; range: unknown; message: string }> }) => [f.path, f.findings.map((x) => [x.code, x.range, x.message])]);
  const got = strip(installed.stdout);
  assert.deepEqual(got, strip(out.join('')));
  assert.deepEqual(
    got.map((f: [string]) => f[0]),
    ['docker-compose.yml', 'kong.conf', 'kong.yaml'],
  );

  // A baseline makes the repository green; a new finding fails it again.
  const check = (...extra: string[]) => spawnSync(bin, ['check', '.', '--from', '2.8', '--to', '3.10', ...extra], { cwd: work, encoding: 'utf8', env });
  const written = check('--write-baseline', 'kong-upgrade-baseline.json');
  assert.equal(written.status, 0, written.stderr);
  const green = check('--baseline', 'kong-upgrade-baseline.json');
  assert.equal(green.status, 0, green.stdout + green.stderr);
  fs.appendFileSync(path.join(work, 'kong.conf'), '\nopentelemetry_tracing = all\n');
  const red = check('--baseline', 'kong-upgrade-baseline.json');
  assert.equal(red.status, 1, red.stdout + red.stderr);
  assert.match(red.stdout, /^kong\.conf:\d+:1 warning deprecated-property "opentelemetry_tracing"/m);
  assert.equal(red.stdout.split('\n').filter((l) => /^[^ ]+:\d+:\d+ /.test(l)).length, 1, `only the new finding: ${red.stdout}`);
  fs.copyFileSync(path.join(root, 'examples', 'kong.conf'), path.join(work, 'kong.conf'));

  // The editor's answer: the package's language server over stdio, the same versions as
  // settings, each example opened as an editor opens it. Its diagnostics are the CLI's findings.
  const lsp = spawn(bin, ['lsp', '--stdio'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const client = createMessageConnection(new StreamMessageReader(lsp.stdout), new StreamMessageWriter(lsp.stdin));
  const settings = { currentVersion: '2.8', targetVersion: '3.10' };
  const published = new Map<string, Diagnostic[]>();
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.set(p.uri, p.diagnostics));
  client.onNotification(() => undefined);
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  try {
    const init = (await client.sendRequest('initialize', {
      processId: null,
      rootUri: pathToFileURL(work).toString(),
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { settings },
    })) as { serverInfo?: { name: string } };
    assert.equal(init.serverInfo?.name, 'kong-upgrade-assistant');
    await client.sendNotification('initialized', {});
    const uris = got.map((f: [string]) => pathToFileURL(path.join(work, f[0])).toString());
    for (const uri of uris) {
      const file = fileURLToPath(uri);
      await client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: file.endsWith('kong.conf') ? 'kong-conf' : 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') },
      });
    }
    const deadline = Date.now() + 20_000;
    while (uris.some((u: string) => !published.get(u)?.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // a later publish for the same file would replace these
    const editor = uris.map((u: string, i: number) => [
      got[i][0],
      (published.get(u) ?? []).map((d) => [d.code, d.range, d.message]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]);
    const cli = got.map((f: [string, unknown[]]) => [f[0], [...f[1]].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))]);
    assert.deepEqual(editor, cli);
  } finally {
    client.dispose();
    lsp.kill();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});
