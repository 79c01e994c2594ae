/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) run the way the pre-commit framework runs
 * them, in a temporary git repository: the staged files, filtered by the hook's `files`
 * (and `exclude`) pattern, are appended to `entry` + the args of the user's
 * .pre-commit-config.yaml; the hook fails on a non-zero exit or when it changed a file.
 * `kong-upgrade` on PATH is the real CLI bundle (what `npm install -g` of the package puts there).
 * test/integration/pre-commit-framework.test.ts (npm run test:precommit) installs and runs the
 * same hooks through the real pre-commit framework.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildCliPackage, repoRoot } from './cliBundle';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  args?: string[];
  pass_filenames?: boolean;
}

const hooks = parse(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
let tmp: string;
let bin: string;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-pre-commit-'));
  bin = (await buildCliPackage(path.join(tmp, 'pkg'))).bin;
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmp } });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function repo(files: Record<string, string>, userArgs: string[]): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 't@example.invalid');
  git(dir, 'config', 'user.name', 't');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(
    path.join(dir, '.pre-commit-config.yaml'),
    `repos:\n  - repo: local-test\n    hooks:\n      - id: kong-upgrade\n        args: ${JSON.stringify(userArgs)}\n      - id: kong-upgrade-fix\n        args: ${JSON.stringify(userArgs)}\n`,
  );
  git(dir, 'add', '-A');
  return dir;
}

/** Python's `re.search` on the patterns used here behaves as JavaScript's RegExp.test. */
function runHook(dir: string, id: string): { status: number; stdout: string; stderr: string; files: string[]; modified: boolean } {
  const hook = hooks.find((h) => h.id === id);
  assert.ok(hook, `no hook ${id}`);
  assert.equal(hook.language, 'node');
  const config = parse(fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')) as { repos: Array<{ hooks: Array<{ id: string; args?: string[] }> }> };
  const args = config.repos[0]!.hooks.find((h) => h.id === id)?.args ?? hook.args ?? [];
  const staged = git(dir, 'diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);
  const files = staged.filter((f) => new RegExp(hook.files ?? '').test(f) && !(hook.exclude && new RegExp(hook.exclude).test(f)));
  const before = git(dir, 'diff', '--stat');
  const [cmd, ...entryArgs] = hook.entry.split(/\s+/);
  const r = spawnSync(cmd!, [...entryArgs, ...args, ...(hook.pass_filenames === false ? [] : files)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, GITHUB_ACTIONS: '' },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, files, modified: git(dir, 'diff', '--stat') !== before };
}

const OLD_CONF = '# gateway\nnginx_optimizations = on\nopentelemetry_tracing = all\n';

test('the hook pattern picks Kong files by name and leaves other files alone', () => {
  const re = new RegExp(hooks[0]!.files!);
  for (const yes of [
    'kong.conf',
    'conf/kong.conf',
    'edge.kong.conf',
    'kong.yaml',
    'deck/kong.yml',
    'a/b.kong.json',
    '.env',
    'prod.env',
    'docker-compose.yml',
    'compose.override.yaml',
    'x/docker-compose.prod.yaml',
  ])
    assert.ok(re.test(yes), yes);
  for (const no of ['README.md', 'kong.conf.bak', 'notkong.conf', 'environment.yml', 'src/env.ts', 'composer.json', 'kong.yaml/readme.md']) assert.ok(!re.test(no), no);
});

test('kong-upgrade hook: fails on a staged kong.conf with findings, naming the file; passes once it is clean', () => {
  const dir = repo({ 'conf/kong.conf': OLD_CONF, 'README.md': '# nothing to check\n' }, ['--from', '2.8', '--to', '3.10']);
  const r = runHook(dir, 'kong-upgrade');
  assert.deepEqual(r.files, ['conf/kong.conf']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^conf\/kong\.conf:2:1 error removed-property /m);
  assert.equal(r.modified, false);
  fs.writeFileSync(path.join(dir, 'conf', 'kong.conf'), '# gateway\nlog_level = info\n');
  git(dir, 'add', '-A');
  const clean = runHook(dir, 'kong-upgrade');
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
});

test("kong-upgrade hook: an Nginx include named as in Kong's docs (my-server.kong.conf) is skipped, not a failure", () => {
  const nginx = '# custom server\nserver {\n  listen 2112;\n  location / {\n    return 200;\n  }\n}\n';
  const dir = repo({ 'conf/my-server.kong.conf': nginx }, ['--from', '2.8', '--to', '3.10']);
  const r = runHook(dir, 'kong-upgrade');
  assert.deepEqual(r.files, ['conf/my-server.kong.conf']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /my-server\.kong\.conf: skipped: Nginx directives/);
  assert.equal(runHook(dir, 'kong-upgrade-fix').modified, false);
});

test('kong-upgrade-fix hook: rewrites the staged file with the safe fixes, so the commit stops for review', () => {
  const dir = repo({ 'kong.conf': OLD_CONF }, ['--from', '2.8', '--to', '3.10']);
  const r = runHook(dir, 'kong-upgrade-fix');
  assert.ok(r.modified, 'the fix hook changed nothing');
  const text = fs.readFileSync(path.join(dir, 'kong.conf'), 'utf8');
  assert.match(text, /^tracing_instrumentations = all$/m);
  assert.match(text, /^# gateway$/m);
});
