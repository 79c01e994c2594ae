/**
 * Declarative findings whose fix cannot be made say why, and say what the user must do:
 * a move blocked by a map merged in with `<<` (or a key that is not a map) names the key
 * that is in the way, and a removed key in a JSON file (no comments) asks for a removal by
 * hand, also through `kong-upgrade check --fix`. Plus a flow map whose members all move.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as YAML from 'yaml';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, fixAll, resolveEnv, type CheckEnv, type KnowledgeSet } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/model';
import { runCli } from '../../server/src/cli';
import { fakeCliIO } from './helpers/cliIo';

const knowledge = loadKnowledge() as KnowledgeSet;

function env(from: string, to: string): CheckEnv {
  const r = resolveEnv(knowledge, { current: from, target: to, edition: 'oss' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}

function findings(text: string, from: string, to: string, file = 'kong.yaml'): Finding[] {
  return checkText('declarative', text, env(from, to), file).findings;
}

function byField(fs: Finding[], field: string): Finding {
  const f = fs.find((x) => x.field === field);
  assert.ok(f, `a finding on config.${field} (got ${fs.map((x) => x.field ?? x.code).join(', ')})`);
  return f;
}

const MERGED = `_format_version: "3.0"
x-rl: &rlc
  minute: 5
  redis:
    host: a
plugins:
- name: rate-limiting
  config:
    <<: *rlc
    redis_port: 7000
`;

test('a move into a map merged in with << names that map, not the target key', () => {
  const f = byField(findings(MERGED, '3.4', '3.10'), 'redis_port');
  assert.equal(f.replacement, 'redis.port');
  assert.doesNotMatch(f.message, /config\.redis\.port is already set/, 'only redis.host exists (through the anchor)');
  assert.match(f.message, /config\.redis comes in through a << merge/);
  assert.match(f.message, /no automatic fix/);
  assert.ok(!f.fixes?.some((x) => x.preferred), 'fix-all must not write redis: here (it would hide the merged redis.host)');
  const fixed = fixAll('declarative', MERGED, env('3.4', '3.10'), 8, 'kong.yaml');
  assert.equal(fixed.text, MERGED, 'fix-all leaves the file as it is');
});

test('a tool-written default blocked by a merged map is commented out, and the message says why', () => {
  const text = MERGED.replace('redis_port: 7000', 'redis_port: 6379');
  const f = byField(findings(text, '3.4', '3.10'), 'redis_port');
  assert.match(f.message, /config\.redis comes in through a << merge.*so the fix only comments this key out/);
  const fixed = fixAll('declarative', text, env('3.4', '3.10'), 8, 'kong.yaml').text;
  assert.match(fixed, /^ {4}# redis_port: 6379$/m);
  assert.deepEqual(YAML.parse(fixed, { merge: true }).plugins[0].config, { minute: 5, redis: { host: 'a' } });
});

test('the target itself already set, or its parent not a map: each says so', () => {
  const taken = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    redis:\n      host: b\n    redis_host: a\n';
  assert.match(
    byField(findings(taken, '3.4', '3.10'), 'redis_host').message,
    /config\.redis\.host is already set to "b" while this key says "a": the values differ, so there is no automatic fix: keep one by hand\./,
  );
  const scalar = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    redis: none\n    redis_host: a\n';
  const m = byField(findings(scalar, '3.4', '3.10'), 'redis_host').message;
  assert.match(m, /config\.redis is already set to something other than a map/);
  assert.doesNotMatch(m, /redis\.host is already set/);
});

const LAMBDA_JSON = `{
  "_format_version": "3.0",
  "plugins": [
    { "name": "aws-lambda", "config": { "function_name": "f", "proxy_scheme": "https", "timeout": 1000 } }
  ]
}
`;

test('JSON: a removed key with nothing to move to gets no fix, and the message asks for removal by hand', () => {
  for (const [from, to] of [
    ['2.8', '3.10'],
    ['3.4', '3.14'],
  ] as const) {
    const f = byField(findings(LAMBDA_JSON, from, to, 'kong.json'), 'proxy_scheme');
    assert.equal(f.replacement, null);
    assert.equal(f.fixes, undefined, `${from}->${to}: no fix`);
    assert.match(f.message, /JSON has no comments, so no fix is offered: remove config\.proxy_scheme by hand\./, `${from}->${to}`);
    assert.doesNotMatch(f.message, /keeps it as a comment/, `${from}->${to}: no promise of a comment`);
  }
  // The same key in YAML is commented out, and the message does not ask for a hand edit.
  const yaml = '_format_version: "3.0"\nplugins:\n- name: aws-lambda\n  config:\n    function_name: f\n    proxy_scheme: https\n';
  const y = byField(findings(yaml, '3.4', '3.14'), 'proxy_scheme');
  assert.ok(y.fixes?.some((x) => x.preferred && /Comment out/.test(x.title)));
  assert.doesNotMatch(y.message, /by hand/);
});

test('kong-upgrade check --fix on a decK JSON file reports the key to remove by hand', () => {
  const { io, out, files } = fakeCliIO({ 'kong.json': LAMBDA_JSON });
  const code = runCli(['check', 'kong.json', '--from', '2.8', '--to', '3.10', '--fix'], io);
  assert.equal(code, 1, 'the removed key is still an error after --fix');
  assert.equal(files['kong.json'], LAMBDA_JSON, 'nothing silently changed or dropped');
  assert.match(out.join('\n'), /^kong\.json:4:\d+ error \S+ .*config\.proxy_scheme.*remove config\.proxy_scheme by hand\./m);
});

test('a flow map whose members all move keeps valid JSON and every value', () => {
  const text = '{"_format_version":"3.0","plugins":[{"name":"rate-limiting","config":{"redis_host":"a","redis_port":6380}}]}';
  const fixed = fixAll('declarative', text, env('3.4', '3.10'), 8, 'kong.json').text;
  const data = JSON.parse(fixed);
  assert.deepEqual(data.plugins[0].config, { redis: { host: 'a', port: 6380 } });
  const yaml = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: {redis_host: a, redis_port: 6380}\n';
  const fy = fixAll('declarative', yaml, env('3.4', '3.10'), 8, 'kong.yaml').text;
  assert.deepEqual(YAML.parse(fy).plugins[0].config, { redis: { host: 'a', port: 6380 } });
});

test('commenting out the only key of a block map keeps the map a map ({}), not null', () => {
  const text = '_format_version: "3.0"\nplugins:\n- name: aws-lambda\n  config:\n    proxy_scheme: https # old\n- name: aws-lambda\n  config:\n    proxy_scheme: https\n    timeout: 5\n';
  const fixed = fixAll('declarative', text, env('3.4', '3.14'), 8, 'kong.yaml').text;
  assert.equal(
    fixed,
    '_format_version: "3.0"\nplugins:\n- name: aws-lambda\n  config:\n    {}\n    # proxy_scheme: https # old\n- name: aws-lambda\n  config:\n    # proxy_scheme: https\n    timeout: 5\n',
  );
  assert.deepEqual(
    YAML.parse(fixed).plugins.map((p: { config: unknown }) => p.config),
    [{}, { timeout: 5 }],
  );
  const crlf = fixAll('declarative', text.replace(/\n/g, '\r\n'), env('3.4', '3.14'), 8, 'kong.yaml').text;
  assert.equal(crlf, fixed.replace(/\n/g, '\r\n'));
});
