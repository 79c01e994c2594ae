/**
 * The CI outputs of `kong-upgrade check`: GitHub workflow annotations (and their escaping,
 * chosen by default under GitHub Actions), JUnit XML, GitLab Code Quality, --output and --quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runCli } from '../../server/src/cli';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/github';
import { xmlEscape } from '../../server/src/cli/junit';
import type { FileReport } from '../../server/src/cli/format';
import { fakeCliIO } from './helpers/cliIo';

const fakeIO = (files: Record<string, string>, env: Record<string, string> = {}) => fakeCliIO(files, { env, cwd: () => '/repo' });

// removed (error), deprecated (warning), unknown (error) and a duplicate (warning).
const CONF = '# mine\nnginx_optimizations = on\nopentelemetry_tracing = all # keep\npg_hots = x\nlog_level = warn\nlog_level = info\n';
const ARGS = ['--from', '2.8', '--to', '3.10'];

test('github: one workflow command per finding, with level, position and title', () => {
  const f = fakeIO({ 'conf/kong.conf': CONF });
  assert.equal(runCli(['check', 'conf/kong.conf', ...ARGS, '--format', 'github'], f.io), 1);
  const lines = f.out.join('\n').split('\n');
  assert.ok(lines.length >= 4);
  for (const l of lines) assert.match(l, /^::(error|warning|notice) file=conf\/kong\.conf,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=kong-upgrade [a-z-]+::\S/);
  assert.ok(lines.some((l) => l.startsWith('::error file=conf/kong.conf,line=2,col=1,endLine=2,endColumn=20,title=kong-upgrade removed-property::')));
  assert.ok(lines.some((l) => /^::warning .*deprecated-property::/.test(l)));
});

test("github: the runner's escaping of %, CR, LF, and of : and , in properties", () => {
  assert.equal(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
  assert.equal(escapeProperty('dir: a,b%\n'), 'dir%3A a%2Cb%25%0A');
  const report: FileReport = {
    path: 'we:ird,dir/100%.conf',
    kind: 'kong-conf',
    text: 'x = 1\n',
    findings: [{ code: 'syntax', severity: 'error', message: 'line one\nline two: 100%', span: { start: 0, end: 1 } }],
  };
  assert.equal(formatGithub([report], '/repo'), '::error file=we%3Aird%2Cdir/100%25.conf,line=1,col=1,endLine=1,endColumn=2,title=kong-upgrade syntax::line one%0Aline two: 100%25');
});

test('github is the default under GitHub Actions; an explicit --format wins', () => {
  const gh = fakeIO({ 'kong.conf': CONF }, { GITHUB_ACTIONS: 'true' });
  runCli(['check', 'kong.conf', ...ARGS], gh.io);
  assert.match(gh.out.join('\n'), /^::error file=kong\.conf,/m);
  const text = fakeIO({ 'kong.conf': CONF }, { GITHUB_ACTIONS: 'true' });
  runCli(['check', 'kong.conf', ...ARGS, '--format', 'text'], text.io);
  assert.match(text.out.join('\n'), /^kong\.conf:2:1 error removed-property /m);
  const local = fakeIO({ 'kong.conf': CONF });
  runCli(['check', 'kong.conf', ...ARGS], local.io);
  assert.doesNotMatch(local.out.join('\n'), /^::/m);
});

test('junit: well-formed XML, one suite per file, findings reaching --fail-on are failures', () => {
  const f = fakeIO({ 'a & b.conf': CONF, 'clean.conf': 'log_level = info\n', 'notes.txt': 'hello <world>\n' });
  runCli(['check', 'a & b.conf', 'clean.conf', 'notes.txt', ...ARGS, '--format', 'junit', '--fail-on', 'error'], f.io);
  const xml = f.out.join('\n');
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml);
  const suites = doc.testsuites.testsuite as Array<{ name: string; failures: string; tests: string; testcase: Array<{ name: string; failure?: { type: string; message: string } }> }>;
  assert.deepEqual(
    suites.map((s) => s.name),
    ['a & b.conf', 'clean.conf', 'notes.txt'],
  );
  const a = suites[0]!;
  const failed = a.testcase.filter((c) => c.failure);
  assert.deepEqual(failed.map((c) => c.failure!.type).sort(), ['removed-property', 'unknown-property']);
  assert.equal(a.failures, '2');
  assert.ok(
    a.testcase.some((c) => !c.failure && /deprecated-property/.test(c.name)),
    'warnings pass under --fail-on error',
  );
  assert.equal(suites[1]!.testcase.length, 1);
  assert.equal(suites[1]!.failures, '0');
  assert.equal(doc.testsuites.failures, '2');
});

test('junit escaping: markup, quotes, newlines and characters XML cannot hold', () => {
  assert.equal(xmlEscape('<a href="x">&\'\n\u0001\uFFFE\uD800'), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;');
  assert.equal(XMLValidator.validate(`<x a="${xmlEscape('"\u0007<&>')}">${xmlEscape(']]>\u0000')}</x>`), true);
});

test('gitlab: Code Quality issues with unique, stable fingerprints', () => {
  const f = fakeIO({ 'conf/kong.conf': CONF });
  runCli(['check', 'conf/kong.conf', ...ARGS, '--format', 'gitlab'], f.io);
  const issues = JSON.parse(f.out.join('')) as Array<{
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; positions: { begin: { line: number } } };
  }>;
  assert.ok(issues.length >= 4);
  const removed = issues.find((i) => i.check_name === 'removed-property')!;
  assert.equal(removed.severity, 'major');
  assert.equal(removed.location.path, 'conf/kong.conf');
  assert.equal(removed.location.positions.begin.line, 2);
  assert.equal(issues.find((i) => i.check_name === 'deprecated-property')!.severity, 'minor');
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  // Lines added above the findings do not change their fingerprints.
  const moved = fakeIO({ 'conf/kong.conf': '# a\n# b\n' + CONF });
  runCli(['check', 'conf/kong.conf', ...ARGS, '--format', 'gitlab'], moved.io);
  const again = JSON.parse(moved.out.join('')) as typeof issues;
  assert.deepEqual(again.map((i) => i.fingerprint).sort(), issues.map((i) => i.fingerprint).sort());
  assert.equal(again.find((i) => i.check_name === 'removed-property')!.location.positions.begin.line, 4);
});

test('--output / -o writes the report to a file and nothing to stdout', () => {
  for (const flag of ['--output', '-o']) {
    const f = fakeIO({ 'kong.conf': CONF });
    assert.equal(runCli(['check', 'kong.conf', ...ARGS, '--format', 'sarif', flag, 'out.sarif'], f.io), 1);
    assert.deepEqual(f.out, []);
    assert.equal(JSON.parse(f.files['out.sarif']!).version, '2.1.0');
  }
});

test('--quiet reports errors only and no summary; the exit code still follows --fail-on', () => {
  const f = fakeIO({ 'kong.conf': CONF });
  assert.equal(runCli(['check', 'kong.conf', ...ARGS, '--quiet'], f.io), 1);
  const lines = f.out.join('\n').split('\n');
  assert.ok(lines.length >= 2);
  for (const l of lines) assert.match(l, /^kong\.conf:\d+:\d+ error /);
  const warnOnly = fakeIO({ 'k.conf': 'opentelemetry_tracing = all\n' });
  assert.equal(runCli(['check', 'k.conf', '--from', '3.1', '--to', '3.4', '--quiet'], warnOnly.io), 1);
  assert.equal(warnOnly.out.join(''), '');
  const json = fakeIO({ 'kong.conf': CONF });
  runCli(['check', 'kong.conf', ...ARGS, '--quiet', '--format', 'json'], json.io);
  assert.ok(JSON.parse(json.out.join('')).files[0].findings.every((x: { severity: string }) => x.severity === 'error'));
});
