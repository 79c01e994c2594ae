/**
 * Plugin fields as the rebuilt facts say (issue 9 §2, §3, §4): deprecations carried to every
 * later target with their provenance, values Kong accepts, values that cannot be moved, and
 * decK dumps holding both the old flat keys and the new nested ones.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, fixAll, resolveEnv, type CheckEnv, type KnowledgeSet } from '../../server/src/core/check';
import { fieldAt } from '../../server/src/core/knowledge/plugins';
import { fieldHover } from '../../server/src/core/declarative/hover';
import type { Finding } from '../../server/src/core/model';

const K = loadKnowledge() as KnowledgeSet;
const P = K.plugins!;
function env(from: string, to: string, edition: 'oss' | 'enterprise' = 'enterprise'): CheckEnv {
  const r = resolveEnv(K, { current: from, target: to, edition });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}
const check = (text: string, from: string, to: string): Finding[] => checkText('declarative', text, env(from, to), 'kong.yaml').findings;
const doc = (plugin: string, config: string) => `_format_version: "3.0"\nplugins:\n- name: ${plugin}\n  config:\n${config}`;

describe('deprecations stay until a version removes them', () => {
  for (const t of ['3.12', '3.13', '3.14', '3.15', '3.16']) {
    test(`target ${t}`, () => {
      const f = check(doc('http-log', '    http_endpoint: http://x\n    retry_count: 5\n    queue_size: 10\n    flush_timeout: 3\n'), '2.8', t);
      for (const k of ['retry_count', 'queue_size', 'flush_timeout']) {
        const x = f.find((y) => y.field === k);
        assert.equal(x?.code, 'deprecated-plugin-field', `${k} at ${t}`);
        assert.match(x!.message, /since (Kong )?3\.3\b/, `http-log queue fields are deprecated since 3.3: ${x!.message}`);
      }
      const z = check(doc('zipkin', '    http_endpoint: http://x\n    header_type: b3\n'), '2.8', t).find((y) => y.field === 'header_type');
      assert.equal(z?.code, 'deprecated-plugin-field', `zipkin header_type at ${t}`);
      const r = check(doc('rate-limiting', '    minute: 5\n    policy: redis\n    redis_host: h\n'), '2.8', t).find((y) => y.field === 'redis_host');
      assert.equal(r?.code, 'deprecated-plugin-field', `rate-limiting redis_host at ${t}`);
    });
  }

  test('provenance: carried deprecations and release-branch data say so', () => {
    const at = fieldAt(P, 'http-log', 'retry_count', '3.16', 'enterprise');
    assert.equal(at.status, 'deprecated');
    if (at.status !== 'deprecated') return;
    assert.equal(at.carriedFrom, '3.12');
    assert.equal(at.since, '3.3');
    assert.match(at.originalSource ?? '', /docs-plugin-toolkit.*http-log\/3\.12/);
    assert.ok(P.releaseBranchLines?.includes('3.16'));
    const h = fieldHover(P, 'http-log', 'retry_count', env('3.4', '3.16'));
    assert.match(h, /carried forward/);
    assert.match(h, /3\.16 facts come from its release branch/);
  });
});

describe('values Kong accepts are not flagged', () => {
  test('custom_fields_by_lua: [] (what db_export wrote before 3.13)', () => {
    for (const t of ['3.4', '3.12', '3.13', '3.16']) {
      const f = check(doc('file-log', '    path: /tmp/x\n    custom_fields_by_lua: []\n'), '2.8', t);
      assert.deepEqual(
        f.map((x) => `${x.code}:${x.field}`),
        [],
        t,
      );
    }
  });
  test('canary hash: none is not deprecated', () => {
    for (const t of ['2.8', '3.4', '3.12', '3.16']) {
      const f = check(doc('canary', '    hash: none\n    percentage: 10\n    upstream_host: x\n'), '2.8', t);
      assert.ok(!f.some((x) => x.field === 'hash'), `${t}: ${f.map((x) => x.message).join(' | ')}`);
    }
  });
});

describe('a value that means something else is commented out with a note, never renamed', () => {
  test('http-log retry_count (a count) is not queue.max_retry_time (seconds)', () => {
    const text = doc('http-log', '    http_endpoint: http://x\n    retry_count: 5\n');
    const f = check(text, '2.8', '3.4').find((x) => x.field === 'retry_count')!;
    assert.equal(f.replacement, 'queue.max_retry_time');
    assert.match(f.message, /does not carry over/);
    const fixed = fixAll('declarative', text, env('2.8', '3.4')).text;
    assert.doesNotMatch(fixed, /max_retry_time: 5/);
    assert.match(fixed, /# retry_count: 5/);
    assert.match(fixed, /# retry_count has no effect since Kong 3\.3 and does not carry over to config\.queue\.max_retry_time/);
  });
});

describe('decK dumps of 3.6+ with both the old flat keys and the new nested ones', () => {
  const text = doc('rate-limiting', '    minute: 5\n    policy: redis\n    redis_host: a\n    redis:\n      host: a\n      port: 6379\n    redis_port: 6380\n');
  test('same value: the fix removes the redundant old key', () => {
    const f = check(text, '3.6', '3.12').find((x) => x.field === 'redis_host')!;
    assert.match(f.message, /already set to the same value/);
    assert.equal(f.fixes?.length, 1);
    const fixed = fixAll('declarative', text, env('3.6', '3.12')).text;
    assert.doesNotMatch(fixed, /redis_host/);
    assert.match(fixed, /redis_port: 6380/, 'the differing one is left for a person');
  });
  test('different values: the message says which differ, no automatic fix', () => {
    const f = check(text, '3.6', '3.12').find((x) => x.field === 'redis_port')!;
    assert.match(f.message, /config\.redis\.port is already set to 6379 while this key says 6380/);
    assert.ok(!f.fixes?.length);
  });
});
