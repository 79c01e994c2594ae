/**
 * The GitHub Action (action.yml) run the way a runner runs a composite action: each step in
 * order, `if:` evaluated, `${{ … }}` expressions in `env`/`with` resolved from the inputs
 * (defaults from action.yml), every `run:` executed with `bash --noprofile --norc -eo pipefail`
 * in the workspace with GITHUB_ACTIONS, GITHUB_WORKSPACE and GITHUB_OUTPUT set, and step
 * outputs read back from GITHUB_OUTPUT. `uses:` steps (upload-sarif) cannot run offline:
 * their resolved `with` is checked instead. The CLI is the real bundle, built into a copy
 * of the action's folder, so the install step takes its "already built" path.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildCliPackage } from './cliBundle';
import { runCli } from '../../server/src/cli';

const root = path.resolve(__dirname, '..', '..');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;
let tmp: string;
let actionDir: string;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-action-'));
  actionDir = path.join(tmp, 'action');
  fs.mkdirSync(actionDir);
  fs.cpSync(path.join(root, 'scripts', 'action'), path.join(actionDir, 'scripts', 'action'), { recursive: true });
  await buildCliPackage(actionDir);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface StepRun {
  step: Step;
  skipped: boolean;
  status?: number;
  stdout?: string;
  stderr?: string;
  with?: Record<string, string>;
}

/** A `${{ … }}` expression of the kinds action.yml uses. */
function evaluate(expr: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  const e = expr.trim();
  let m: RegExpExecArray | null;
  if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
    assert.ok(m[1]! in action.inputs, `action.yml refers to an undeclared input ${m[1]}`);
    return inputs[m[1]!] ?? action.inputs[m[1]!]!.default ?? '';
  }
  if (e === 'github.action_path') return actionDir;
  if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return outputs[m[1]!]?.[m[2]!] ?? '';
  if ((m = /^inputs\.([\w-]+) == '([^']*)'$/.exec(e))) return String(evaluate(`inputs.${m[1]}`, inputs, outputs) === m[2]);
  throw new Error(`the test does not know how to evaluate \${{ ${e} }}`);
}

function substitute(s: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return s.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => evaluate(e, inputs, outputs));
}

/** Runs the action's steps in `workspace` as a runner would; stops at the first failing step. */
function runAction(workspace: string, inputs: Record<string, string>): { steps: StepRun[]; outputs: Record<string, Record<string, string>> } {
  for (const [name, spec] of Object.entries(action.inputs)) if (spec.required) assert.ok(name in inputs, `required input ${name}`);
  const outputs: Record<string, Record<string, string>> = {};
  const steps: StepRun[] = [];
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.if !== undefined && evaluate(step.if.replace(/^\$\{\{(.*)\}\}$/s, '$1'), inputs, outputs) !== 'true') {
      steps.push({ step, skipped: true });
      continue;
    }
    if (step.uses) {
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), inputs, outputs)]));
      steps.push({ step, skipped: false, with: w });
      continue;
    }
    assert.equal(step.shell, 'bash', `step ${step.name}: shell`);
    const outFile = path.join(tmp, `output-${i}-${Date.now()}`);
    fs.writeFileSync(outFile, '');
    const script = path.join(tmp, `step-${i}.sh`);
    fs.writeFileSync(script, step.run!);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmp,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outFile,
      GITHUB_ACTION_PATH: actionDir,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v), inputs, outputs);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
    if (step.id) {
      outputs[step.id] = {};
      for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) outputs[step.id][line.slice(0, eq)] = line.slice(eq + 1);
      }
    }
    steps.push({ step, skipped: false, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  return { steps, outputs };
}

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'ws-'));
  fs.mkdirSync(path.join(dir, 'gateway conf'));
  fs.copyFileSync(path.join(root, 'examples', 'kong.conf'), path.join(dir, 'gateway conf', 'kong.conf'));
  fs.copyFileSync(path.join(root, 'examples', 'kong.yaml'), path.join(dir, 'kong.yaml'));
  return dir;
}

test('action.yml: a composite action with the documented inputs, no expression inside a script', () => {
  assert.equal(action.runs.using, 'composite');
  for (const input of ['paths', 'current-version', 'target-version', 'edition', 'fail-on', 'format', 'upload-sarif']) assert.ok(input in action.inputs, input);
  for (const s of action.runs.steps) {
    if (s.run) assert.doesNotMatch(s.run, /\$\{\{/, `step "${s.name}" splices an expression into its script (inputs must arrive as environment variables)`);
  }
  const upload = action.runs.steps.find((s) => s.uses);
  assert.match(upload?.uses ?? '', /^github\/codeql-action\/upload-sarif@v\d+$/);
});

test('the action annotates findings and fails the job at fail-on; nothing uploaded by default', () => {
  const ws = workspace();
  const { steps } = runAction(ws, { paths: 'gateway conf/kong.conf\nkong.yaml', 'current-version': '2.8', 'target-version': '3.10', edition: 'enterprise' });
  const [install, sarif, upload, check] = steps;
  assert.equal(install!.status, 0, install!.stderr);
  assert.ok(sarif!.skipped && upload!.skipped);
  assert.equal(check!.status, 1, check!.stderr);
  const lines = check!.stdout!.trim().split('\n');
  assert.ok(
    lines.some((l) => l.startsWith('::error file=gateway conf/kong.conf,line=')),
    lines.slice(0, 3).join('\n'),
  );
  assert.ok(lines.some((l) => l.startsWith('::') && l.includes('file=kong.yaml,')));
});

test('fail-on never passes; format text prints the text report', () => {
  const ws = workspace();
  const { steps } = runAction(ws, { paths: 'kong.yaml', 'current-version': '2.8', 'target-version': '3.10', 'fail-on': 'never', format: 'text' });
  const check = steps[steps.length - 1]!;
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout!, /^kong\.yaml:\d+:\d+ (error|warning) /m);
});

test('upload-sarif writes SARIF, hands it to upload-sarif, and the check still decides the job', () => {
  const ws = workspace();
  const { steps, outputs } = runAction(ws, { paths: 'gateway conf/kong.conf\n', 'current-version': '2.8', 'target-version': '3.10', 'upload-sarif': 'true', 'sarif-file': 'kong.sarif' });
  const [, sarif, upload, check] = steps;
  assert.equal(sarif!.status, 0, sarif!.stderr);
  assert.equal(outputs.sarif?.['sarif-file'], 'kong.sarif');
  assert.equal(upload!.with?.sarif_file, 'kong.sarif');
  const log = JSON.parse(fs.readFileSync(path.join(ws, 'kong.sarif'), 'utf8'));
  assert.ok(log.runs[0].results.length > 0);
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'gateway%20conf/kong.conf');
  assert.equal(check!.status, 1);
});

test('README "Use in CI": the workflow uses declared inputs, the hooks exist, the GitLab command lines are accepted', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use in CI'), readme.indexOf('\n## ', readme.indexOf('## Use in CI') + 5));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!));
  assert.equal(blocks.length, 3);
  const workflow = blocks[0] as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }> };
  const step = Object.values(workflow.jobs)[0]!.steps.find((s) => /kong-upgrade-assistant@/.test(s.uses ?? ''))!;
  for (const k of Object.keys(step.with ?? {})) assert.ok(k in action.inputs, `README uses an undeclared input ${k}`);
  const gitlab = blocks[1] as Record<string, { script: string[] }>;
  const lines = Object.values(gitlab)[0]!.script.filter((l) => l.startsWith('kong-upgrade '));
  assert.equal(lines.length, 2);
  for (const line of lines) {
    const argv = line.split(/\s+/).slice(1);
    const written: Record<string, string> = {};
    const io = {
      stdout: () => {},
      stderr: (s: string) => assert.fail(`${line}: ${s}`),
      exists: () => true,
      readFile: (p: string) => fs.readFileSync(path.join(root, 'examples', path.basename(p))),
      writeFile: (p: string, d: string) => void (written[p] = d),
      env: {},
      cwd: () => '/ci',
    };
    const code = runCli(argv, io);
    assert.ok(code === 0 || code === 1, `${line} exits ${code}`);
    assert.equal(Object.keys(written).length, 1);
  }
  const hookIds = (parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>).map((h) => h.id);
  const preCommit = blocks[2] as { repos: Array<{ hooks: Array<{ id: string; args?: string[] }> }> };
  for (const h of preCommit.repos[0]!.hooks) assert.ok(hookIds.includes(h.id), h.id);
  // The hook's args are accepted by the entry (`kong-upgrade check`) with a staged file after them.
  for (const h of preCommit.repos[0]!.hooks) {
    const err: string[] = [];
    const code = runCli(['check', ...(h.args ?? []), 'kong.conf'], {
      stdout: () => {},
      stderr: (s: string) => void err.push(s),
      exists: () => true,
      readFile: (p: string) => fs.readFileSync(path.join(root, 'examples', path.basename(p))),
      writeFile: () => assert.fail('the check hook writes nothing'),
      env: {},
      cwd: () => '/ci',
    });
    assert.ok(code === 0 || code === 1, `${h.id} ${h.args?.join(' ')} exits ${code}: ${err.join('\n')}`);
  }
  // The GitLab job installs the tarball that npm run pack:cli makes for this version.
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const install = Object.values(gitlab)[0]!.script.find((l) => l.startsWith('npm install'));
  assert.match(install ?? '', new RegExp(`^npm install --global \\./kong-upgrade-${version.replace(/\./g, '\\.')}\\.tgz(\\s|$)`));
});
