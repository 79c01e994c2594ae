/**
 * `kong-upgrade check` pointed at a repository: folders, globs, stdin, the project config,
 * suppressions, the baseline, and the process-level behaviour (FIFOs, EPIPE, escaping, lsp).
 * Real temporary folders, the CLI run in-process through run(argv, io) or as a process (tsx).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { run, type CliIO } from '../../server/src/cli';
import { clearConfigCache } from '../../server/src/projectConfig';

const root = path.resolve(__dirname, '..', '..');
const CONF = '# mine\nnginx_optimizations = on\nopentelemetry_tracing = all # keep\npg_hots = x\n';

function tmpRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-cli-'));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function cli(argv: string[], cwd: string, extra: Partial<CliIO> = {}) {
  clearConfigCache();
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd, ...extra });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function jsonPaths(out: string): string[] {
  return (JSON.parse(out) as { files: Array<{ path: string }> }).files.map((f) => f.path);
}

const DECK = '_format_version: "1.1"\nplugins:\n  - name: acl\n    config:\n      whitelist: [a]\n';

test("check <dir> walks it: Kong files only; node_modules, .git and .gitignore'd paths skipped", () => {
  const dir = tmpRepo({
    'conf/kong.conf': CONF,
    'deck/gateway.yaml': DECK,
    'docker-compose.yml': 'services:\n  kong:\n    image: kong:2.8\n    environment:\n      KONG_NGINX_OPTIMIZATIONS: "on"\n',
    'README.md': '# hi\n',
    'values-other.yaml': 'foo: bar\n',
    'node_modules/pkg/kong.conf': CONF,
    '.git/kong.conf': CONF,
    '.gitignore': 'build/\n*.generated.conf\n',
    'build/kong.conf': CONF,
    'conf/x.generated.conf': CONF,
    'sub/.gitignore': 'local.kong.yaml\n',
    'sub/local.kong.yaml': DECK,
    'sub/kept.kong.yaml': DECK,
  });
  const r = cli(['check', '.', '--from', '2.8', '--to', '3.4', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(jsonPaths(r.out), ['conf/kong.conf', 'deck/gateway.yaml', 'docker-compose.yml', 'sub/kept.kong.yaml']);
  // No path is the current folder.
  assert.deepEqual(jsonPaths(cli(['check', '--from', '2.8', '--to', '3.4', '--format', 'json'], dir).out), jsonPaths(r.out));
  // A sub-folder honours the repository's .gitignore above it.
  const sub = cli(['check', 'conf', '--from', '2.8', '--to', '3.4', '--format', 'json'], dir);
  assert.deepEqual(jsonPaths(sub.out), ['conf/kong.conf']);
});

test('globs are expanded; named files that are not Kong files are listed as skipped (text and JSON)', () => {
  const dir = tmpRepo({ 'deck/a/gateway.yaml': DECK, 'deck/b/notes.yaml': 'hello: world\n', 'other/x.yaml': DECK });
  const r = cli(['check', 'deck/**/*.yaml', '--from', '2.8', '--to', '3.4', '--format', 'json'], dir);
  const j = JSON.parse(r.out);
  assert.deepEqual(
    j.files.map((f: { path: string }) => f.path),
    ['deck/a/gateway.yaml', 'deck/b/notes.yaml'],
  );
  assert.match(j.files[1].note, /^skipped: not recognised as a Kong file/);
  const t = cli(['check', 'deck/b/notes.yaml', 'deck/a/gateway.yaml', '--from', '2.8', '--to', '3.4'], dir);
  assert.match(t.out, /^deck\/b\/notes\.yaml: skipped: not recognised as a Kong file/m);
  assert.match(t.out, /^deck\/a\/gateway\.yaml:5:7 error declarative-format/m);
  // The summary counts what was checked, and says how many were skipped.
  assert.match(t.out, / in 1 file\(s\), 1 skipped$/m);
  // SARIF notes the skipped file on the run's invocation, located at the file.
  const sarif = JSON.parse(cli(['check', 'deck/b/notes.yaml', 'deck/a/gateway.yaml', '--from', '2.8', '--to', '3.4', '--format', 'sarif'], dir).out);
  const notes = sarif.runs[0].invocations[0].toolExecutionNotifications as Array<{
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
  }>;
  assert.deepEqual(
    notes.map((n) => [n.level, n.locations[0]!.physicalLocation.artifactLocation.uri, /skipped: not recognised as a Kong file/.test(n.message.text)]),
    [['note', 'deck/b/notes.yaml', true]],
  );
});

test('a run that checked nothing says so and exits 2', () => {
  const dir = tmpRepo({ 'notes.yaml': 'a: 1\n', 'empty/README.md': 'x' });
  const named = cli(['check', 'notes.yaml', '--from', '2.8'], dir);
  assert.equal(named.code, 2);
  assert.match(named.err, /nothing was checked: no Kong file among the paths given/);
  const folder = cli(['check', 'empty', '--from', '2.8'], dir);
  assert.equal(folder.code, 2);
  assert.match(folder.err, /nothing was checked: no Kong files found/);
});

test('"-" reads standard input with --kind; without --kind it is a usage error', () => {
  const dir = tmpRepo({});
  const stdin = () => ({ ok: true as const, bytes: Buffer.from('pg_hots = 1\n') });
  const r = cli(['check', '-', '--kind', 'kong-conf', '--from', '2.8', '--to', '3.4'], dir, { readStdin: stdin });
  assert.equal(r.code, 1);
  assert.match(r.out, /^<stdin>:1:1 error unknown-property/m);
  const bad = cli(['check', '-', '--from', '2.8'], dir, { readStdin: stdin });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /needs --kind/);
});

test('check -h is help, not a file name; unknown options and missing values are usage errors', () => {
  const dir = tmpRepo({});
  const h = cli(['check', '-h'], dir);
  assert.equal(h.code, 0);
  assert.match(h.out, /^kong-upgrade check \[paths\.\.\.\]/);
  assert.match(cli(['check', '--from'], dir).err, /--from needs a value/);
  assert.match(cli(['check', '--fix=yes', '--from', '2.8'], dir).err, /--fix takes no value/);
  assert.match(cli(['check', '-x'], dir).err, /unknown option -x/);
});

test('a FIFO and /dev/zero are refused at once, not read', { timeout: 20_000 }, (t) => {
  const dir = tmpRepo({ 'kong.conf': 'log_level = debug\n' });
  const fifo = path.join(dir, 'pipe.conf');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return t.skip('mkfifo is not available');
  }
  const r = cli(['check', 'pipe.conf', '/dev/zero', 'kong.conf', '--from', '3.4', '--to', '3.4'], dir);
  assert.equal(r.code, 0);
  assert.match(r.out, /^pipe\.conf: skipped: is not a regular file/m);
  assert.match(r.out, /^\/dev\/zero: skipped: is not a regular file/m);
  // With nothing checked, the summary names no versions it never read (it said "Kong  → :").
  const none = cli(['check', 'pipe.conf', '--from', '3.4', '--to', '3.4'], dir);
  assert.equal(none.code, 2);
  assert.match(none.out, /^kong-upgrade: 0 error\(s\), 0 warning\(s\), 0 info, 0 hint\(s\) in 0 file\(s\), 1 skipped$/m);
  // A walk never opens a FIFO either.
  assert.equal(cli(['check', '.', '--from', '3.4', '--to', '3.4'], dir).code, 0);
});

test('.kong-upgrade.yaml: versions, edition, custom plugins, rule severities and ignores; options override it', () => {
  const dir = tmpRepo({
    '.kong-upgrade.yaml': [
      'currentVersion: "2.8"',
      'targetVersion: "3.4"',
      'customPlugins: [my-auth]',
      'declarativeFiles: ["gw/*.yml"]',
      'rules:',
      '  deprecated-property: error',
      '  removed-property: off',
      'ignore:',
      '  - legacy/',
      '  - path: "gw/old.yml"',
      '    rules: [declarative-format]',
      '',
    ].join('\n'),
    'svc/conf/kong.conf': CONF,
    'legacy/kong.conf': CONF,
    'gw/new.yml': 'plugins:\n  - name: my-auth\n  - name: acl\n    config:\n      whitelist: [a]\n',
    'gw/old.yml': 'plugins:\n  - name: acl\n    config:\n      whitelist: [a]\n',
    // "gw/*.yml" is anchored at the config's folder: this one is not a decK file.
    'other/gw/z.yml': 'plugins:\n  - name: acl\n',
  });
  const r = cli(['check', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.from, '2.8');
  assert.equal(j.to, '3.4');
  assert.deepEqual(
    j.files.map((f: { path: string }) => f.path),
    ['gw/new.yml', 'gw/old.yml', 'svc/conf/kong.conf'],
  );
  const byPath = Object.fromEntries(j.files.map((f: { path: string; findings: Array<{ code: string; severity: string }> }) => [f.path, f.findings]));
  assert.deepEqual(
    byPath['gw/new.yml'].map((f: { code: string }) => f.code),
    ['format-version', 'declarative-format'],
    'custom plugin silent; globbed file is declarative',
  );
  assert.deepEqual(
    byPath['gw/old.yml'].map((f: { code: string }) => f.code),
    ['format-version'],
    'declarative-format ignored in gw/old.yml only',
  );
  const conf = byPath['svc/conf/kong.conf'];
  assert.ok(!conf.some((f: { code: string }) => f.code === 'removed-property'), 'rule off');
  assert.equal(conf.find((f: { code: string }) => f.code === 'deprecated-property').severity, 'error');
  // A legacy file named explicitly is listed as ignored.
  assert.match(cli(['check', 'legacy/kong.conf'], dir).out, /legacy\/kong\.conf: skipped: ignored by \.kong-upgrade\.yaml/);
  // Found upwards from the file; an option overrides the config.
  const sub = cli(['check', 'kong.conf', '--to', '3.10', '--format', 'json'], path.join(dir, 'svc', 'conf'));
  assert.equal(JSON.parse(sub.out).to, '3.10');
  // --no-config: the config is not read, so --from is required again.
  assert.match(cli(['check', '--no-config'], dir).err, /--from <version> is required/);
});

test('config problems are reported in plain words, and the rest of the file still applies', () => {
  const dir = tmpRepo({ '.kong-upgrade.yaml': 'currentVersion: 3.10\ntargetVersion: "3.4"\nfoo: 1\nrules:\n  nope: off\n', 'kong.conf': 'log_level = debug\n' });
  const r = cli(['check', '--from', '3.4'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /currentVersion: write the version in quotes \("3\.1"\), YAML reads 3\.1 as a number/);
  assert.match(r.err, /unknown key "foo"/);
  assert.match(r.err, /rules: unknown rule "nope"/);
  assert.match(r.out, /Kong 3\.4 → 3\.4/);
});

test('currentVersion: auto takes the version from the Kong image tags and says where', () => {
  const dir = tmpRepo({
    '.kong-upgrade.yaml': 'currentVersion: auto\ntargetVersion: "3.4"\n',
    'deploy/docker-compose.yml': 'services:\n  kong:\n    image: kong:2.8.1-alpine\n    environment:\n      KONG_LOG_LEVEL: debug\n',
    'kong.conf': 'nginx_optimizations = on\n',
  });
  const r = cli(['check', 'kong.conf', '--format', 'json'], dir);
  assert.equal(JSON.parse(r.out).from, '2.8.1');
  assert.match(r.err, /current version 2\.8\.1 taken from the Kong image in deploy\/docker-compose\.yml:3 \(services\.kong\.image: kong:2\.8\.1-alpine\)/);
  const none = tmpRepo({ '.kong-upgrade.yaml': 'currentVersion: auto\n', 'kong.conf': 'a = 1\n' });
  const n = cli(['check'], none);
  assert.equal(n.code, 2);
  assert.match(n.err, /currentVersion: auto found no Kong image/);
});

test('inline suppressions: next line and whole file, in kong.conf and YAML', () => {
  const conf =
    '# kong-upgrade-ignore-next-line removed-property -- still on 2.8 nodes\nnginx_optimizations = on\n\n# kong-upgrade-ignore-next-line unknown-property\n\npg_hots = x\nopentelemetry_tracing = all\n';
  const deck = '# kong-upgrade-ignore-file declarative-format\n_format_version: "1.1"\nplugins:\n  - name: acl\n    config:\n      whitelist: [a]\n';
  const dir = tmpRepo({ 'kong.conf': conf, 'kong.yaml': deck });
  const r = cli(['check', '--from', '2.8', '--to', '3.4', '--format', 'json'], dir);
  const j = JSON.parse(r.out);
  const codes = (p: string) => j.files.find((f: { path: string }) => f.path === p).findings.map((f: { code: string }) => f.code);
  assert.deepEqual(codes('kong.conf'), ['deprecated-property']);
  assert.ok(!codes('kong.yaml').includes('declarative-format'));
});

test('baseline: existing findings do not fail CI, survive lines moving, and a new finding does', () => {
  const dir = tmpRepo({ 'kong.conf': CONF });
  const w = cli(['check', '--from', '2.8', '--to', '3.4', '--write-baseline', 'kong-upgrade-baseline.json'], dir);
  assert.equal(w.code, 0, w.err);
  assert.match(w.err, /wrote 3 finding\(s\) of 1 file\(s\) to kong-upgrade-baseline\.json/);
  const b = JSON.parse(fs.readFileSync(path.join(dir, 'kong-upgrade-baseline.json'), 'utf8'));
  assert.equal(b.version, 1);
  assert.deepEqual(
    b.findings.map((f: { path: string }) => f.path),
    ['kong.conf', 'kong.conf', 'kong.conf'],
  );
  const green = cli(['check', '--from', '2.8', '--to', '3.4', '--baseline', 'kong-upgrade-baseline.json'], dir);
  assert.equal(green.code, 0, green.out);
  assert.match(green.out, /3 finding\(s\) accepted by the baseline/);
  // Lines added above and indentation changed: still accepted.
  fs.writeFileSync(path.join(dir, 'kong.conf'), '# header\n\n# more\n' + CONF.replace('pg_hots = x', '  pg_hots = x'));
  assert.equal(cli(['check', '--from', '2.8', '--to', '3.4', '--baseline', 'kong-upgrade-baseline.json'], dir).code, 0);
  // A new problem fails, and only it is reported.
  fs.appendFileSync(path.join(dir, 'kong.conf'), 'pg_pasword = y\n');
  const red = cli(['check', '--from', '2.8', '--to', '3.4', '--baseline', 'kong-upgrade-baseline.json', '--format', 'json'], dir);
  assert.equal(red.code, 1);
  assert.deepEqual(
    JSON.parse(red.out).files[0].findings.map((f: { property: string }) => f.property),
    ['pg_pasword'],
  );
  // A missing or broken baseline is a usage error.
  assert.equal(cli(['check', '--from', '2.8', '--baseline', 'nope.json'], dir).code, 2);
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"a":1}');
  assert.match(cli(['check', '--from', '2.8', '--baseline', 'bad.json'], dir).err, /not a kong-upgrade baseline/);
});

test('text output escapes control and bidi characters and newlines, and cuts long values; JSON keeps them', () => {
  const dir = tmpRepo({});
  const evilName = 'pg_hots\u001b[2J\u202e';
  fs.writeFileSync(path.join(dir, 'a\nb.conf'), `${evilName} = x\nlog_level = ${'d'.repeat(100_000)}\n`);
  const r = cli(['check', 'a\nb.conf', '--from', '3.4', '--to', '3.4'], dir);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
  assert.ok(!/[\u001b\u202e]/.test(r.out), 'no raw escape or bidi character');
  assert.match(r.out, /^a\\nb\.conf:1:1 error syntax .*pg_hots\\x1b\[2J\\u\{202e\}/m);
  const long = r.out.split('\n').find((l) => l.includes(':2:13 '))!;
  assert.ok(long.length < 1200, `cut: ${long.length}`);
  assert.match(long, /… \(\d+ more characters\)/);
  const j = cli(['check', 'a\nb.conf', '--from', '3.4', '--to', '3.4', '--format', 'json'], dir);
  const parsed = JSON.parse(j.out);
  assert.equal(parsed.files[0].path, 'a\nb.conf');
  assert.ok(parsed.files[0].findings[0].message.includes('\u001b[2J\u202e'));
});

test('plan --custom-plugins is a flag: the file after it is a file, --custom-plugin names plugins', () => {
  const dir = tmpRepo({ 'edge.conf': CONF });
  const withFile = cli(['plan', '--from', '2.8', '--to', '3.4', '--topology', 'traditional', '--custom-plugins', 'edge.conf', '--format', 'json'], dir);
  assert.equal(withFile.code, 0, withFile.err);
  const without = cli(['plan', '--from', '2.8', '--to', '3.4', '--topology', 'traditional', '--custom-plugins', '--format', 'json'], dir);
  assert.ok(withFile.out.includes('edge.conf'), 'the file is scoped in the plan');
  assert.ok(!without.out.includes('edge.conf'));
  assert.equal(cli(['plan', '--from', '2.8', '--to', '3.4', '--topology', 'traditional', '--custom-plugin', 'a,b'], dir).code, 0);
  assert.equal(cli(['plan', '-h'], dir).code, 0);
});

// -------------------------------------------------------------------------------------
// As a process

function cliProcess(args: string[], opts: { cwd?: string; shell?: string } = {}) {
  if (opts.shell) return spawnSync('bash', ['-c', opts.shell], { cwd: opts.cwd ?? root, encoding: 'utf8', timeout: 60_000 });
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'cli.ts'), ...args], { cwd: opts.cwd ?? root, encoding: 'utf8', timeout: 60_000 });
}

test('kong-upgrade lsp without a transport is a usage error: exit 2, one line, no stack', () => {
  const r = cliProcess(['lsp']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), 'kong-upgrade: lsp needs a transport: kong-upgrade lsp --stdio');
});

test('a closed stdout pipe (| head -1) ends quietly', () => {
  const dir = tmpRepo({ 'kong.conf': Array.from({ length: 4000 }, (_, i) => `pg_hots_${i} = x\n`).join('') });
  const cmd = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(path.join(root, 'server', 'src', 'cli.ts'))} check kong.conf --from 3.4 --to 3.4 | head -1`;
  const r = cliProcess([], {
    cwd: dir,
    shell: `cd ${JSON.stringify(dir)} && NODE_PATH=${JSON.stringify(path.join(root, 'node_modules'))} ${cmd.replace('--import tsx', `--import ${JSON.stringify(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs'))}`)}`,
  });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^kong\.conf:1:1 error unknown-property/);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.equal(r.stderr, '', 'no stack trace');
});

test('plan text and Markdown show control characters of file names as escapes; JSON keeps them', () => {
  const dir = tmpRepo({});
  const name = 'edge\u001b]8;;x\u0007.conf';
  fs.writeFileSync(path.join(dir, name), 'nginx_optimizations = on\n');
  for (const format of ['text', 'markdown']) {
    const r = cli(['plan', '--from', '2.8', '--to', '3.4', '--topology', 'traditional', name, '--format', format], dir);
    assert.equal(r.code, 0, r.err);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
    assert.ok(!/[\u0007\u001b]/.test(r.out), `${format}: no raw control character`);
    // text: the terminal escapes (\x1b); Markdown: the shared Markdown escaper's form (\u001B)
    if (format === 'text') assert.ok(r.out.includes('edge\\x1b') && r.out.includes('x\\x07.conf'), format);
    else assert.ok(/edge\\+u001B/.test(r.out) && /x\\+u0007\.conf/.test(r.out), format);
  }
  const j = cli(['plan', '--from', '2.8', '--to', '3.4', '--topology', 'traditional', name, '--format', 'json'], dir);
  assert.ok(j.out.includes('edge\\u001b]8;;x\\u0007.conf'), 'JSON escapes by its own rules and keeps the text');
});
