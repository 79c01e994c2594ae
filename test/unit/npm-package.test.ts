/**
 * The npm package `kong-upgrade` as a user gets it: packed by scripts/pack-cli.mjs, installed
 * from the tarball into an empty folder with no registry (--offline, an empty npm cache), then
 * `kong-upgrade --help`, `npx kong-upgrade`, a check over a copy of examples/ that reports
 * what the repository's own CLI reports, and the language server over stdio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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
  assert.deepEqual(listed, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'package.json',
    'schemas/kong-upgrade.schema.json',
    'server/knowledge/kong-conf.json',
    'server/knowledge/plugins.json',
    'server/knowledge/releases.json',
    'server/knowledge/upgrade.json',
    'server/out/cli.js',
    'server/out/server.js',
  ]);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  assert.equal(manifest.name, 'kong-upgrade');
  assert.deepEqual(manifest.bin, { 'kong-upgrade': 'server/out/cli.js' });
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies: the bundles are self-contained');

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

  // The language server of the package answers an LSP initialize over stdio.
  const lsp = spawn(bin, ['lsp', '--stdio'], { env });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  lsp.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const reply = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no initialize answer: ${buf}`)), 20_000);
    lsp.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      if (buf.includes('"capabilities"')) {
        clearTimeout(timer);
        resolve(buf);
      }
    });
  });
  lsp.kill();
  assert.match(reply, /"serverInfo":\{"name":"kong-upgrade-assistant"/);
  fs.rmSync(tmp, { recursive: true, force: true });
});
