/**
 * The hooks of .pre-commit-hooks.yaml installed and run by the real pre-commit framework, as a
 * user gets them: a `.pre-commit-config.yaml` naming this repository (a git repository made
 * from the working tree, at a commit sha) as `repo:`, `pre-commit run` on staged files, and
 * `git commit` through the hook that `pre-commit install` writes.
 *
 * pre-commit installs a `language: node` hook by running, in its clone of the repository,
 * `npm install` (all dependencies, the build tools included), `npm pack` (whose `prepare`
 * builds the gitignored bundles, and whose stdout must be the tarball's name alone: .npmrc)
 * and `npm install -g <tarball>` into an environment of its own. The root package has no
 * runtime dependencies, so that last step needs no registry; the first one is served from
 * the npm cache that `npm ci` filled (prefer-offline), so the test reaches no network when
 * the project is installed.
 *
 * Not part of `npm test` (the first install takes about a minute): `npm run test:precommit`,
 * which .ci/run runs after installing pre-commit (Debian's package).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const ARGS = '[--from, "2.8", --to, "3.10"]';
const OLD_CONF = '# gateway\nnginx_optimizations = on\nopentelemetry_tracing = all\n';

function skipReason(): string | undefined {
  const pc = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (pc.error || pc.status !== 0) return 'the pre-commit framework is not installed (apt-get install pre-commit, or pip install pre-commit; .ci/run installs it)';
  if (spawnSync('git', ['--version']).status !== 0) return 'git is not installed';
  if (spawnSync('git', ['rev-parse', '--git-dir'], { cwd: root }).status !== 0) return 'the project is not a git working tree (the hook repository is made from its files)';
  return undefined;
}

const skip = skipReason();
let tmp: string;
let hookRepo: string;
let sha: string;
/** Where pre-commit keeps its clones and environments (PRE_COMMIT_HOME). */
let cache: string;
let env: NodeJS.ProcessEnv;

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 600_000 });
}

function git(cwd: string, ...args: string[]): string {
  const r = run('git', args, cwd);
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(() => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-pre-commit-fw-'));
  cache = path.join(tmp, 'pre-commit-home');
  env = {
    ...process.env,
    PRE_COMMIT_HOME: cache,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.invalid',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.invalid',
    GITHUB_ACTIONS: '',
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // The hook repository: the working tree's files that git would commit (tracked or new, not
  // ignored), so the test covers uncommitted changes too, committed in a repository of its own.
  hookRepo = path.join(tmp, 'kong-upgrade-assistant');
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(root, f)));
  for (const f of files) {
    const from = path.join(root, f);
    const to = path.join(hookRepo, f);
    const st = fs.lstatSync(from);
    if (!st.isFile() && !st.isSymbolicLink()) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else fs.copyFileSync(from, to);
  }
  git(hookRepo, 'init', '-q');
  git(hookRepo, 'add', '-A');
  git(hookRepo, 'commit', '-q', '-m', 'hook repository under test');
  sha = git(hookRepo, 'rev-parse', 'HEAD').trim();
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A user's repository with our hooks in its .pre-commit-config.yaml and the given files staged. */
function userRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'user-'));
  git(dir, 'init', '-q');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(
    path.join(dir, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${JSON.stringify(hookRepo)}\n    rev: ${sha}\n    hooks:\n      - id: kong-upgrade\n        args: ${ARGS}\n      - id: kong-upgrade-fix\n        args: ${ARGS}\n        stages: [manual]\n`,
  );
  git(dir, 'add', '-A');
  return dir;
}

test('pre-commit installs the kong-upgrade hook from a clone of the repository and it fails a staged kong.conf with findings', { skip, timeout: 600_000 }, () => {
  const dir = userRepo({ 'conf/kong.conf': OLD_CONF, 'README.md': '# nothing to check\n' });
  const r = run('pre-commit', ['run', 'kong-upgrade', '--verbose'], dir);
  const out = r.stdout + r.stderr;
  assert.doesNotMatch(out, /Executable `kong-upgrade` not found|An unexpected error has occurred/, out);
  assert.equal(r.status, 1, out);
  assert.match(out, /^kong-upgrade check\.+Failed$/m);
  assert.match(out, /^conf\/kong\.conf:2:1 error removed-property /m);
  assert.doesNotMatch(out, /README/);

  // What pre-commit installed: the package with the bundles and the knowledge base, and no
  // dependencies (so its `npm install -g` needed no registry).
  const envs = fs
    .readdirSync(cache)
    .filter((d) => d.startsWith('repo'))
    .flatMap((d) => fs.readdirSync(path.join(cache, d)).map((e) => path.join(cache, d, e)))
    .filter((p) => path.basename(p).startsWith('node_env'));
  assert.equal(envs.length, 1, `one node environment: ${envs.join(', ')}`);
  const installed = path.join(envs[0]!, 'lib', 'node_modules', 'kong-upgrade-assistant');
  for (const f of ['server/out/cli.js', 'server/out/server.js', 'server/knowledge/releases.json', 'server/knowledge/entities.json'])
    assert.ok(fs.existsSync(path.join(installed, f)), `${f} installed`);
  assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'the hook package installed no dependencies');
  assert.ok(!fs.existsSync(path.join(installed, 'server', 'src')), 'sources are not shipped');
});

test('a clean kong.conf passes, and `git commit` through the installed hook is refused until the finding is fixed', { skip, timeout: 600_000 }, () => {
  const dir = userRepo({ 'kong.conf': '# gateway\nlog_level = info\n' });
  const clean = run('pre-commit', ['run', 'kong-upgrade'], dir);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /^kong-upgrade check\.+Passed$/m);

  const inst = run('pre-commit', ['install'], dir);
  assert.equal(inst.status, 0, inst.stdout + inst.stderr);
  fs.writeFileSync(path.join(dir, 'kong.conf'), OLD_CONF);
  git(dir, 'add', 'kong.conf');
  const refused = run('git', ['commit', '-q', '-m', 'old settings'], dir);
  assert.notEqual(refused.status, 0, 'the commit went through');
  assert.match(refused.stdout + refused.stderr, /^kong\.conf:2:1 error removed-property /m);
  assert.notEqual(run('git', ['rev-parse', '--verify', '-q', 'HEAD'], dir).status, 0, 'no commit was made');

  fs.writeFileSync(path.join(dir, 'kong.conf'), '# gateway\nlog_level = info\n');
  git(dir, 'add', 'kong.conf');
  const ok = run('git', ['commit', '-q', '-m', 'clean settings'], dir);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
});

test('the kong-upgrade-fix hook rewrites the staged file with the safe fixes and stops for review', { skip, timeout: 600_000 }, () => {
  const dir = userRepo({ 'kong.conf': OLD_CONF });
  const r = run('pre-commit', ['run', '--hook-stage', 'manual', 'kong-upgrade-fix'], dir);
  const out = r.stdout + r.stderr;
  assert.equal(r.status, 1, out);
  assert.match(out, /files were modified by this hook/);
  const text = fs.readFileSync(path.join(dir, 'kong.conf'), 'utf8');
  assert.match(text, /^tracing_instrumentations = all$/m);
  assert.match(text, /^# gateway$/m);
  git(dir, 'add', 'kong.conf');
  const again = run('pre-commit', ['run', 'kong-upgrade'], dir);
  assert.equal(again.status, 0, again.stdout + again.stderr);
});
