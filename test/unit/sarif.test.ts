/**
 * SARIF that GitHub code scanning accepts. The CLI's SARIF over the real files of
 * ../shared/corpus (and over a folder whose names have spaces, `#` and non-ASCII letters)
 * is validated by Microsoft's SARIF Multitool (`validate --rule-kind Gh;Sarif`: the SARIF
 * schema, SARIF's own rules and GitHub's ingestion rules) with 0 errors and 0 warnings,
 * and checked here for what GitHub documents: every rule described, relative
 * %SRCROOT% locations, fingerprints, the invocation's exit status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { runCli, type CliIO } from '../../server/src/cli';
import { RULES, RULE_IDS } from '../../server/src/core/rules/registry';
import { FINGERPRINT_KEY, SRCROOT } from '../../server/src/cli/sarif';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus');

function dirIO(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readFile: (p) => fs.readFileSync(path.resolve(cwd, p)),
    writeFile: (p, d) => fs.writeFileSync(path.resolve(cwd, p), d),
    exists: (p) => fs.existsSync(path.resolve(cwd, p)),
    env: {},
    cwd: () => cwd,
  };
}

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Runs `check --format sarif` in `cwd` over `files`; returns the log and the exit code. */
function sarifOf(cwd: string, files: string[], extra: string[] = []): { log: Sarif.Log; text: string; code: number } {
  const io = dirIO(cwd);
  const code = runCli(['check', ...files, '--format', 'sarif', ...extra], io);
  const text = io.out.join('');
  assert.ok(code === 0 || code === 1, `check ${files.length} file(s) ${extra.join(' ')} exited ${code}: ${io.err.join('\n')}`);
  return { log: JSON.parse(text) as Sarif.Log, text, code };
}

/** A temporary repository whose paths need URI encoding. */
function oddRepo(): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-sarif-'));
  const sub = path.join(dir, 'conf dir ünï');
  fs.mkdirSync(sub);
  fs.copyFileSync(path.join(root, 'examples', 'kong.conf'), path.join(sub, 'kong #1 100%.conf'));
  fs.copyFileSync(path.join(root, 'examples', 'kong.yaml'), path.join(sub, 'kong.yaml'));
  return { dir, files: ['conf dir ünï/kong #1 100%.conf', 'conf dir ünï/kong.yaml'] };
}

function checkGithubRules(log: Sarif.Log, exitCode: number, label: string): number {
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules ?? [];
  // Every code the tool can emit is described once, whether or not this run found it.
  assert.deepEqual(
    rules.map((r) => r.id),
    RULE_IDS,
    `${label}: rules`,
  );
  for (const r of rules) {
    const meta = RULES[r.id as keyof typeof RULES];
    assert.ok(r.shortDescription?.text && r.fullDescription?.text, `${label}: ${r.id} descriptions`);
    assert.ok(r.help?.text && r.help.markdown, `${label}: ${r.id} help`);
    assert.equal(r.helpUri, meta.docsUrl);
    assert.ok(r.defaultConfiguration?.level, `${label}: ${r.id} default level`);
    assert.notEqual(r.name?.toLowerCase(), r.id.toLowerCase());
  }
  const base = run.originalUriBaseIds?.[SRCROOT]?.uri;
  assert.ok(base && /^file:\/\/.*\/$/.test(base), `${label}: %SRCROOT% is an absolute file URI ending in /`);
  const inv = run.invocations?.[0];
  assert.equal(inv?.exitCode, exitCode);
  assert.equal(inv?.executionSuccessful, true);
  const prints = new Set<string>();
  for (const res of run.results ?? []) {
    assert.equal(rules[res.ruleIndex!]?.id, res.ruleId);
    const loc = res.locations?.[0]?.physicalLocation;
    const art = loc?.artifactLocation;
    assert.equal(art?.uriBaseId, SRCROOT, `${label}: ${art?.uri} has no uriBaseId`);
    assert.ok(art?.uri && !/^[a-z]+:|^\//i.test(art.uri), `${label}: ${art?.uri} is not relative`);
    assert.doesNotMatch(art.uri, /[\s#?]|%(?![0-9A-F]{2})/, `${label}: ${art.uri} is not encoded`);
    assert.doesNotThrow(() => new URL(art.uri!, base));
    assert.ok((loc?.region?.startLine ?? 0) >= 1 && (loc?.region?.startColumn ?? 0) >= 1);
    const fp = res.partialFingerprints?.[FINGERPRINT_KEY];
    assert.match(fp ?? '', /^[0-9a-f]{32}$/);
    assert.ok(!prints.has(fp!), `${label}: duplicate fingerprint ${fp}`);
    prints.add(fp!);
  }
  return run.results?.length ?? 0;
}

function multitool(): { bin: string } | { skip: string } {
  let pkg: string;
  try {
    pkg = require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`);
  } catch {
    return { skip: `@microsoft/sarif-multitool-${process.platform} is not installed (npm ci installs it on linux, darwin and win32)` };
  }
  const bin = path.join(path.dirname(pkg), process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  if (!fs.existsSync(bin)) return { skip: `${bin} is missing` };
  return { bin };
}

/** Validates every file in one Multitool run (it takes a while to start); its findings by file and level. */
function validate(bin: string, files: string[]): Map<string, { errors: string[]; warnings: string[] }> {
  const out = path.join(path.dirname(files[0]!), 'validation.sarif');
  fs.rmSync(out, { force: true });
  const r = spawnSync(bin, ['validate', '--rule-kind', 'Gh;Sarif', '--output', out, ...files], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  assert.ok(fs.existsSync(out), `the Multitool wrote no log (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as Sarif.Log;
  const byFile = new Map(files.map((f) => [path.basename(f), { errors: [] as string[], warnings: [] as string[] }]));
  for (const n of log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? []) assert.notEqual(n.level, 'error', `Multitool: ${n.message.text}`);
  for (const res of log.runs[0]?.results ?? []) {
    const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const entry = byFile.get(decodeURIComponent(uri.split('/').pop() ?? ''));
    assert.ok(entry, `Multitool result for an unknown file ${uri}`);
    const line = `${res.ruleId}: ${res.message.id ?? ''} ${res.message.text ?? ''} ${(res.message.arguments ?? []).join(' ')}`;
    if (res.level === 'error') entry.errors.push(line);
    else if (res.level === undefined || res.level === 'warning') entry.warnings.push(line);
  }
  return byFile;
}

test('SARIF over the corpus and over paths that need encoding: GitHub rules hold, and the Multitool finds 0 errors', (t) => {
  const logs: Array<{ name: string; text: string }> = [];
  const repo = oddRepo();
  try {
    const odd = sarifOf(repo.dir, repo.files, ['--from', '2.8', '--to', '3.10', '--fail-on', 'never']);
    assert.equal(odd.code, 0);
    assert.ok(checkGithubRules(odd.log, 0, 'odd names') > 0);
    const uris = new Set(odd.log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
    assert.ok(uris.has('conf%20dir%20%C3%BCn%C3%AF/kong%20%231%20100%25.conf'), [...uris].join(' '));
    logs.push({ name: 'odd.sarif', text: odd.text });

    if (!fs.existsSync(corpus)) t.diagnostic('../shared/corpus is absent: only the odd-names repository is validated');
    else {
      const files = listFiles(corpus);
      const a = sarifOf(corpus, files, ['--from', '2.8', '--to', '3.10', '--edition', 'enterprise']);
      assert.equal(a.code, 1);
      const n = checkGithubRules(a.log, 1, 'corpus 2.8 → 3.10');
      assert.ok(n > 100, `only ${n} results over the corpus`);
      // Files that are not Kong files are noted, not dropped silently.
      assert.ok((a.log.runs[0]!.invocations![0]!.toolExecutionNotifications ?? []).some((x) => /SOURCES\.tsv/.test(x.message.text ?? '')));
      logs.push({ name: 'corpus-3.10.sarif', text: a.text });
      const b = sarifOf(corpus, files, ['--from', '1.3', '--to', '3.14', '--edition', 'enterprise', '--fail-on', 'never']);
      checkGithubRules(b.log, 0, 'corpus 1.3 → 3.14');
      logs.push({ name: 'corpus-3.14.sarif', text: b.text });
    }

    const tool = multitool();
    if ('skip' in tool) {
      t.skip(`SARIF Multitool not run: ${tool.skip}`);
      return;
    }
    const files = logs.map((l) => {
      const file = path.join(repo.dir, l.name);
      fs.writeFileSync(file, l.text);
      return file;
    });
    // A copy the Multitool must reject, so this test can fail: a rule without full description
    // and help, and a location whose path is not encoded.
    const broken = JSON.parse(logs[0]!.text) as Sarif.Log;
    delete broken.runs[0]!.tool.driver.rules![0]!.fullDescription;
    delete broken.runs[0]!.tool.driver.rules![0]!.help;
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = 'conf dir/kong.conf';
    files.push(path.join(repo.dir, 'broken.sarif'));
    fs.writeFileSync(files[files.length - 1]!, JSON.stringify(broken, null, 2));
    const v = validate(tool.bin, files);
    for (const l of logs) {
      assert.deepEqual(v.get(l.name)?.errors, [], `${l.name}: the Multitool reports errors`);
      assert.deepEqual(v.get(l.name)?.warnings, [], `${l.name}: the Multitool reports warnings`);
    }
    const b = v.get('broken.sarif')!.errors.join('\n');
    assert.match(b, /GH2012.*MissingFullDescription/);
    assert.match(b, /GH2012.*MissingHelp/);
    assert.match(b, /SARIF1002/);
  } finally {
    fs.rmSync(repo.dir, { recursive: true, force: true });
  }
});
