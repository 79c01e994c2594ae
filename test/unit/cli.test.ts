import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../server/src/cli';
import { fakeCliIO as fakeIO } from './helpers/cliIo';

const CONF = '# mine\nnginx_optimizations = on\nopentelemetry_tracing = all # keep\npg_hots = x\n';

test('text format: file:line:col severity code message, exit 1 on errors', () => {
  const f = fakeIO({ 'kong.conf': CONF });
  const code = runCli(['check', 'kong.conf', '--from', '2.8', '--to', '3.10'], f.io);
  assert.equal(code, 1);
  const text = f.out.join('\n');
  assert.match(text, /^kong\.conf:2:1 error removed-property "nginx_optimizations" was removed in Kong 3\.0\.0/m);
  assert.match(text, /^kong\.conf:3:1 warning deprecated-property /m);
  assert.match(text, /^kong\.conf:4:1 error unknown-property .*Did you mean "pg_host"\?/m);
});

test('json format has the documented shape with 0-based positions', () => {
  const f = fakeIO({ 'kong.conf': CONF });
  runCli(['check', 'kong.conf', '--from', '2.8', '--to', '3.10', '--format', 'json'], f.io);
  const j = JSON.parse(f.out.join(''));
  assert.equal(j.from, '2.8');
  assert.equal(j.to, '3.10');
  assert.equal(j.files[0].path, 'kong.conf');
  assert.equal(j.files[0].kind, 'kong-conf');
  const removed = j.files[0].findings.find((x: { code: string }) => x.code === 'removed-property');
  assert.deepEqual(removed.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 19 } });
  assert.equal(removed.property, 'nginx_optimizations');
  assert.equal(removed.replacement, null);
  const dep = j.files[0].findings.find((x: { code: string }) => x.code === 'deprecated-property');
  assert.equal(dep.replacement, 'tracing_instrumentations');
  assert.deepEqual(Object.keys(dep).sort(), ['code', 'message', 'property', 'range', 'replacement', 'severity']);
});

test('sarif 2.1.0 for code scanning', () => {
  const f = fakeIO({ 'conf/kong.conf': CONF });
  runCli(['check', 'conf/kong.conf', '--from', '2.8', '--to', '3.10', '--format', 'sarif'], f.io);
  const s = JSON.parse(f.out.join(''));
  assert.equal(s.version, '2.1.0');
  const run = s.runs[0];
  assert.equal(run.tool.driver.name, 'kong-upgrade');
  assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'removed-property'));
  const r = run.results.find((x: { ruleId: string }) => x.ruleId === 'removed-property');
  assert.equal(r.level, 'error');
  assert.deepEqual(r.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 20 });
  assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'conf/kong.conf');
});

test('--fail-on controls the exit code', () => {
  const warnOnly = 'opentelemetry_tracing = all\n';
  assert.equal(runCli(['check', 'k.conf', '--from', '3.1', '--to', '3.4'], fakeIO({ 'k.conf': warnOnly }).io), 1);
  assert.equal(runCli(['check', 'k.conf', '--from', '3.1', '--to', '3.4', '--fail-on', 'error'], fakeIO({ 'k.conf': warnOnly }).io), 0);
  assert.equal(runCli(['check', 'k.conf', '--from', '2.8', '--to', '3.10', '--fail-on', 'never'], fakeIO({ 'k.conf': CONF }).io), 0);
  assert.equal(runCli(['check', 'k.conf', '--from', '3.4', '--to', '3.4'], fakeIO({ 'k.conf': 'log_level = debug\n' }).io), 0);
});

test('--fix applies fix-all and writes the file, keeping comments', () => {
  const f = fakeIO({ 'kong.conf': CONF });
  const code = runCli(['check', 'kong.conf', '--from', '2.8', '--to', '3.10', '--fix'], f.io);
  assert.equal(f.written['kong.conf'], '# mine\n#nginx_optimizations = on\ntracing_instrumentations = all # keep\npg_hots = x\n');
  assert.equal(code, 1, 'the unknown property remains (no safe automatic fix)');
  assert.match(f.err.join('\n'), /applied 2 fix/);
});

test('usage and input errors exit 2 with one line on stderr', () => {
  const cases: Array<[string[], RegExp]> = [
    [['check', 'missing.conf', '--from', '2.8', '--to', '3.10'], /file not found: missing\.conf/],
    [['check', 'kong.conf', '--from', '9.9', '--to', '3.10'], /9\.9/],
    [['check', 'kong.conf', '--from', 'banana'], /not a Kong version/],
    [['check', 'kong.conf', '--to', '3.10'], /--from/],
    [['check', '-', '--from', '2.8'], /standard input \("-"\) needs --kind/],
    [['check', 'kong.conf', '--from', '2.8', '--format', 'xml'], /--format must be one of/],
    [['check', 'kong.conf', '--from', '2.8', '--bogus'], /unknown option --bogus/],
    [['frobnicate'], /unknown command/],
  ];
  for (const [argv, re] of cases) {
    const f = fakeIO({ 'kong.conf': CONF });
    assert.equal(runCli(argv, f.io), 2, argv.join(' '));
    assert.equal(f.err.length, 1, argv.join(' '));
    assert.match(f.err[0]!, re);
    assert.ok(!f.err[0]!.includes('\n    at '), 'no stack trace');
  }
});

test('binary and oversized files are skipped with a note, not a crash', () => {
  const f = fakeIO({ 'bin.conf': Buffer.from([0, 1, 2, 3, 0, 255]), 'kong.conf': 'log_level = debug\n' });
  assert.equal(runCli(['check', 'bin.conf', 'kong.conf', '--from', '3.4', '--to', '3.4'], f.io), 0);
  assert.match(f.out.join('\n'), /bin\.conf: skipped: this is a binary file/);
});
