/**
 * Issue 13 regressions: bounded parsing (alias cycles, billion laughs, big merges, deep
 * nesting), internal failures shown as `check-incomplete`, fixes proven before they are
 * offered, the comment-out and `_format_version` data-loss bugs, completion edits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentChecker, checkText, fixAll, type CheckEnv } from '../../server/src/core/check';
import { completeAt, completeAtUnsafe } from '../../server/src/core/complete';
import { proveDeclarative, proveSettings, editsProblem } from '../../server/src/core/prove';
import { toJS } from '../../server/src/core/declarative/nodes';
import type { DNode } from '../../server/src/core/declarative/types';
import type { Finding } from '../../server/src/core/model';
import * as YAML from 'yaml';
import { fuzzEnvs } from '../fuzz/harness';
import { ALIAS_CYCLE, bigMerge, billionLaughs, blockNesting, dashChain } from './helpers/hostile';
import { hoverAt } from '../../server/src/core/hover';
import { settingsOf } from '../../server/src/core/fileSettings';
import * as fs from 'node:fs';
import * as path from 'node:path';

const env = (): CheckEnv => fuzzEnvs()[0]!;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = Date.now();
  const value = fn();
  return { value, ms: Date.now() - t };
}

/** The check of `text` ends promptly with one check-incomplete information finding and no syntax error about our own failure. */
function assertIncomplete(text: string, path = 'kong.yaml', why: RegExp): Finding[] {
  const { value: r, ms } = timed(() => checkText('declarative', text, env(), path));
  const inc = r.findings.filter((f) => f.code === 'check-incomplete');
  assert.equal(inc.length, 1, JSON.stringify(r.findings.map((f) => [f.code, f.message])));
  assert.equal(inc[0]!.severity, 'information');
  assert.match(inc[0]!.message, /The check could not finish for this file/);
  assert.match(inc[0]!.message, why);
  assert.ok(!r.findings.some((f) => f.code === 'syntax' && /call stack|nested|alias|repeat data/i.test(f.message)), "never shown as the user's syntax error");
  assert.ok(ms < 10_000, `took ${ms} ms`);
  // Fix-all on it terminates too.
  fixAll('declarative', text, env(), 8, path);
  return r.findings;
}

test('alias cycles: check-incomplete at once, no stack overflow, no endless expansion', () => {
  assertIncomplete(ALIAS_CYCLE, 'kong.yaml', /cycle/);
  const self = '_format_version: "3.0"\nplugins:\n- name: cors\n  config: &a\n    x: *a\n';
  assertIncomplete(self, 'kong.yaml', /cycle/);
});

test('billion laughs (517 bytes) and a 2,000-key anchor merged into 200 plugins: bounded expansion', () => {
  const laughs = billionLaughs();
  assert.ok(laughs.length < 600, `${laughs.length} bytes`);
  const before = process.memoryUsage().rss;
  assertIncomplete(laughs, 'kong.yaml', /repeat data/);
  const merge = bigMerge();
  assertIncomplete(merge, 'kong.yaml', /repeat data/);
  assert.ok(process.memoryUsage().rss - before < 400_000_000, 'memory stays bounded');
  // Ordinary anchors and merges are still read and checked.
  const ok = '_format_version: "3.0"\nx: &m\n  minute: 5\nplugins:\n' + Array.from({ length: 50 }, () => '- name: rate-limiting\n  config:\n    <<: *m\n').join('');
  const r = checkText('declarative', ok, env());
  assert.ok(!r.findings.some((f) => f.code === 'check-incomplete' || f.code === 'syntax'), JSON.stringify(r.findings.slice(0, 3)));
});

test('deep nesting (flow, block, `- ` chains, JSON) is a limit, not a syntax error or a crash', () => {
  assertIncomplete('_format_version: "3.0"\nx: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', 'kong.yaml', /nested/);
  assertIncomplete('_format_version: "3.0"\nx: ' + '{a: '.repeat(5000) + '1' + '}'.repeat(5000) + '\n', 'kong.yaml', /nested/);
  assertIncomplete(blockNesting(3000), 'kong.yaml', /nested/);
  assertIncomplete(dashChain(10000), 'kong.yaml', /nested/);
  assertIncomplete('{"_format_version":"3.0","x":' + '['.repeat(5000) + ']'.repeat(5000) + '}', 'kong.json', /nested/);
  // KONG_* YAML files too.
  const compose = 'services:\n  kong:\n    environment:\n      KONG_DATABASE: "off"\n    x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
  const r = checkText('docker-compose', compose, env(), 'docker-compose.yml');
  assert.ok(r.findings.some((f) => f.code === 'check-incomplete'));
  assert.ok(!r.findings.some((f) => f.code === 'syntax' && /call stack/.test(f.message)));
  // A deep tree built by hand goes through toJS without the call stack.
  let n: DNode = { kind: 'scalar', value: 1, style: 'plain', start: 0, end: 1 };
  for (let i = 0; i < 100_000; i++) n = { kind: 'seq', flow: true, items: [n], start: 0, end: 1 };
  assert.ok(Array.isArray(toJS(n)));
});

test('an internal failure is one check-incomplete information finding (with the error for the log), never syntax, never silence', () => {
  const e = env();
  const broken: CheckEnv = {
    ...e,
    knowledge: {
      ...e.knowledge,
      plugins: new Proxy(e.knowledge.plugins!, {
        get() {
          throw new Error('boom');
        },
      }),
    },
  };
  const checker = new DocumentChecker('kong.yaml');
  const r = checker.check('declarative', '_format_version: "3.0"\nplugins:\n- name: acl\n', broken);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]!.code, 'check-incomplete');
  assert.equal(r.findings[0]!.severity, 'information');
  assert.match(r.internalError!.message, /boom/);
  // The checker recovers with a good environment.
  const ok = checker.check('declarative', '_format_version: "3.0"\nplugins:\n- name: acl\n  config:\n    whitelist: [a]\n', e);
  assert.ok(
    ok.findings.some((f) => f.field === 'whitelist'),
    JSON.stringify(ok.findings),
  );
});

test('comment-out next to a block scalar or an anchor leaves the next plugin and the next key alone', () => {
  const cases = [
    ['_format_version: "3.0"', 'plugins:', '- name: aws-lambda', '  config:', '    function_name: |', '      f', '    proxy_scheme:', '    - https', '- name: cors', '  protocols:', '  - http', ''],
    ['_format_version: "3.0"', 'plugins:', '- name: aws-lambda', '  config: &c', '    function_name: f', '    proxy_scheme:', '      a: https', '  protocols:', '  - http', ''],
    [
      '_format_version: "3.0"',
      'plugins:',
      '- name: aws-lambda',
      '  config: !!map',
      '    function_name: "a',
      '      b"',
      '    proxy_scheme:',
      '    - https',
      '  protocols:',
      '  - http',
      '- name: cors',
      '',
    ],
  ].map((l) => l.join('\n'));
  for (const text of cases) {
    const r = fixAll('declarative', text, env(), 8, 'kong.yaml');
    assert.ok(r.applied > 0, text);
    const data = YAML.parse(r.text) as { plugins: Array<Record<string, unknown>> };
    const orig = YAML.parse(text) as { plugins: Array<Record<string, unknown>> };
    assert.equal(data.plugins.length, orig.plugins.length, r.text);
    assert.deepEqual(data.plugins[0]!.protocols, orig.plugins[0]!.protocols, r.text);
    assert.ok(!('proxy_scheme' in (data.plugins[0]!.config as object)), r.text);
    assert.match(r.text, /# proxy_scheme:/);
  }
});

test('_format_version: an empty or ~ value is set, never a second key; a document on the --- line gets nothing in the previous one', () => {
  for (const [text, want] of [
    ['_format_version:\nservices: []\n', '_format_version: "3.0"\nservices: []\n'],
    ['_format_version: ~ # keep\nservices: []\n', '_format_version: "3.0" # keep\nservices: []\n'],
    ['_format_version: null\r\nservices: []\r\n', '_format_version: "3.0"\r\nservices: []\r\n'],
  ] as const) {
    const r = fixAll('declarative', text, env(), 8, 'kong.yaml');
    assert.equal(r.text, want);
    assert.equal(fixAll('declarative', r.text, env(), 8, 'kong.yaml').applied, 0, 'idempotent');
  }
  for (const text of ['_format_version: "3.0"\nservices: []\n--- |\n  x\n', '_format_version: "3.0"\n---\rservices: []\n', 'services: []\n--- {services: []}\n']) {
    const once = fixAll('declarative', text, env(), 8, 'kong.yaml').text;
    const twice = fixAll('declarative', once, env(), 8, 'kong.yaml').text;
    assert.equal(twice, once, 'no growth pass after pass');
    assert.ok((once.match(/_format_version/g) ?? []).length <= 2, once);
    const docs = YAML.parseAllDocuments(once);
    if (docs.length > 1 && !docs[0]!.errors.length) assert.ok(YAML.stringify(docs[0]!.toJS()).split('_format_version').length <= 2, once);
  }
});

test('completion right before a quoted plugin name replaces the value (start <= end)', () => {
  const text = '_format_version: "3.0"\nplugins:\n- name: "cors"\n';
  const off = text.indexOf('"cors"');
  const items = completeAtUnsafe('declarative', text, off, env());
  assert.ok(items.length > 0);
  for (const c of items) assert.equal(editsProblem(text, [c.edit!]), null, JSON.stringify(c.edit));
  assert.deepEqual(completeAt('declarative', text, off, env()).length, items.length);
});

test('proofs turn down fixes that break the file, touch other data or lie outside the document', () => {
  const text = '_format_version: "3.0"\nplugins:\n- name: acl\n  config:\n    whitelist: [a]\n- name: cors\n';
  const r = checkText('declarative', text, env());
  const f = r.findings.find((x) => x.field === 'whitelist')!;
  const good = f.fixes!.find((x) => x.preferred)!;
  assert.deepEqual(proveDeclarative(text, good.edits, [f], undefined), { ok: true });
  // Commenting out the next plugin's name as well: other data changes.
  const at = text.indexOf('- name: cors');
  const bad = proveDeclarative(text, [...good.edits, { start: at, end: at, newText: '# ' }], [f], undefined);
  assert.equal(bad.ok, false);
  // A syntax error.
  assert.equal(proveDeclarative(text, [{ start: at, end: at, newText: '  [' }], [f], undefined).ok, false);
  // Outside the document, inverted.
  assert.match(editsProblem(text, [{ start: text.length + 1, end: text.length + 1, newText: 'x' }])!, /outside/);
  assert.match(editsProblem(text, [{ start: 5, end: 2, newText: 'x' }])!, /ends before/);
  // kong.conf: a fix that changes another property is not automatic.
  const conf = 'nginx_optimizations = on\npg_host = db\n';
  assert.equal(proveSettings('kong-conf', conf, [{ start: 0, end: 0, newText: '# ' }], new Set(['nginx_optimizations'])).ok, true);
  assert.equal(proveSettings('kong-conf', conf, [{ start: conf.indexOf('pg_host'), end: conf.indexOf('pg_host'), newText: '# ' }], new Set(['nginx_optimizations'])).ok, false);
});

test('300,000 duplicate kong.conf lines: listed up to a cap, one summary for the rest, bounded memory', () => {
  const text = 'pg_host = db\n'.repeat(300_000);
  const before = process.memoryUsage().heapUsed;
  const r = checkText('kong-conf', text, env(), 'kong.conf');
  const dups = r.findings.filter((f) => f.code === 'duplicate-property');
  assert.equal(dups.length, 10_001);
  const summary = dups.find((f) => f.severity === 'information')!;
  assert.match(summary.message, /289,999 more lines/);
  // Listed findings share their texts.
  assert.equal(dups[0]!.message, dups[1]!.message);
  assert.ok(process.memoryUsage().heapUsed - before < 200_000_000);
});

test('300,000 unknown kong.conf properties: the first 10,000 listed (with suggestions), one note for the rest, bounded memory', () => {
  const lines: string[] = [];
  for (let i = 0; i < 300_000; i++) lines.push(i === 3 ? 'pg_hots = db' : `x${i} = 1`);
  const text = lines.join('\n') + '\n';
  const before = process.memoryUsage().heapUsed;
  const r = checkText('kong-conf', text, env(), 'kong.conf');
  assert.equal(r.findings.length, 10_001);
  assert.equal(r.findings.filter((f) => f.code === 'unknown-property').length, 10_000);
  const note = r.findings.find((f) => f.code === 'check-incomplete')!;
  assert.equal(note.severity, 'information');
  assert.match(note.message, /more than 10,000 findings: 290,000 more from here on \(290,000 errors\) are not listed/);
  assert.equal(text.slice(note.span.start, note.span.end), 'x10000', 'the note sits on the first line not listed');
  // Listed findings still suggest, and a finding without a suggestion has no empty fix list.
  const typo = r.findings.find((f) => f.property === 'pg_hots')!;
  assert.equal(typo.replacement, 'pg_host');
  assert.ok(!('fixes' in r.findings.find((f) => f.property === 'x0')!), 'no fixes: no `fixes` key');
  assert.ok(process.memoryUsage().heapUsed - before < 300_000_000);
});

test('kong.conf hover reads only the line under the cursor, with the same result as reading the whole file', () => {
  const base = fs.readFileSync(path.resolve(__dirname, '../../examples/kong.conf'), 'utf8');
  for (const text of [base, base.replace(/\n/g, '\r\n'), 'pg_host = a\nnginx_optimizations=on', '  admin_listen  =  1 # x\n\n']) {
    const { settings } = settingsOf('kong-conf', text);
    for (let off = 0; off <= text.length; off++) {
      const s = settings.find((x) => off >= x.keySpan.start && off <= x.keySpan.end);
      const h = hoverAt('kong-conf', text, off, env());
      assert.deepEqual(h?.span ?? null, s ? s.keySpan : null, `offset ${off}`);
      if (s) assert.match(h!.markdown, new RegExp(s.property));
    }
  }
});

test('completion in a YAML text that starts with a line break ends (it looped on the first line)', () => {
  const text = '\n      KONG_DATABASE: cassandra\n    ports: ["8000:8000"]\n';
  for (const off of [0, 1, 2, 5]) {
    const { ms } = timed(() => completeAtUnsafe('docker-compose', text, off, env()));
    assert.ok(ms < 2000);
    completeAtUnsafe('declarative', '\n\nplugins:\n- name: ', off, env());
  }
});

test('a duplicate empty key at the very end of the file (fuzz: ":\\n&") is reported inside the document', () => {
  for (const text of [':\n&', ':\n&a', 'x: 1\n:\n&']) {
    const r = checkText('declarative', text, env(), 'kong.yaml');
    assert.ok(
      r.findings.some((f) => f.message === 'Map keys must be unique'),
      'the duplicate is still reported',
    );
    for (const f of r.findings) assert.ok(f.span.start <= f.span.end && f.span.end <= text.length, `${f.code} ${JSON.stringify(f.span)} of ${text.length}`);
  }
});
