/**
 * Values Kong itself judges (loader limits, sizes, listen flags, value lists written only in
 * the docs), no false positives on values Kong accepts, prefix renames, several replacements,
 * removals and advice that agree with the plan (issue 9 §3, §4).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import releasesJson from '../../server/knowledge/releases.json';
import confJson from '../../server/knowledge/kong-conf.json';
import pluginsJson from '../../server/knowledge/plugins.json';
import type { ConfKnowledge, ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import type { PluginKnowledge } from '../../server/src/core/knowledge/pluginTypes';
import { checkText, fixAll, resolveEnv } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/model';
import { propertyHover } from '../../server/src/core/hover';

const R = releasesJson as unknown as ReleasesKnowledge;
const C = confJson as unknown as ConfKnowledge;
const P = pluginsJson as unknown as PluginKnowledge;

function env(current: string, target: string, edition: 'oss' | 'enterprise' = 'oss') {
  const r = resolveEnv({ conf: C, releases: R, plugins: P }, { current, target, edition });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}
const check = (text: string, current: string, target: string, edition: 'oss' | 'enterprise' = 'oss'): Finding[] => checkText('kong-conf', text, env(current, target, edition), 'kong.conf').findings;
const only = (fs: Finding[], property: string) => fs.filter((f) => f.property === property);

describe('values Kong judges', () => {
  test('numeric limits from the loader: cluster_max_payload must be at least 4 MB', () => {
    for (const t of ['3.4', '3.16']) {
      const f = only(check('cluster_max_payload = 1000\n', '3.4', t, 'enterprise'), 'cluster_max_payload');
      assert.equal(f.length, 1, t);
      assert.equal(f[0]!.code, 'invalid-value');
      assert.match(f[0]!.message, /at least 4194304 \(4 MB\)/);
      assert.deepEqual(check('cluster_max_payload = 4194304\n', '3.4', t, 'enterprise'), []);
    }
    assert.match(check('lua_max_req_headers = 5000\n', '3.4', '3.10', 'enterprise')[0]?.message ?? '', /at most 1000/);
  });

  test('sizes: mem_cache_size = 128x is rejected, 128m and plain bytes are not', () => {
    assert.equal(only(check('mem_cache_size = 128x\n', '2.8', '3.4'), 'mem_cache_size')[0]?.code, 'invalid-value');
    assert.deepEqual(
      check('mem_cache_size = 128m\nmem_cache_size = 1024\n', '2.8', '3.4').filter((f) => f.code === 'invalid-value'),
      [],
    );
  });

  test('listen flags per version: bogusflag is rejected; every documented default passes', () => {
    const f = check('proxy_listen = 0.0.0.0:8000 bogusflag, 0.0.0.0:8443 ssl http2\n', '2.8', '3.4');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /"bogusflag"/);
    for (const [name, rec] of Object.entries(C.properties)) {
      if (!name.endsWith('_listen')) continue;
      for (const st of rec.states) {
        if (!st.grammar || !st.default) continue;
        const line = R.lines.find((l) => l.minor === st.from.split('.').slice(0, 2).join('.'));
        if (!line) continue;
        const bad = check(`${name} = ${st.default}\n`, line.minor, line.minor, line.oss ? 'oss' : 'enterprise').filter((x) => x.code === 'invalid-value');
        assert.deepEqual(bad, [], `${name} default at ${st.from}`);
      }
    }
    assert.deepEqual(
      check('stream_listen = 0.0.0.0:5555 udp reuseport\nadmin_listen = off\n', '3.4', '3.4').filter((x) => x.code === 'invalid-value'),
      [],
    );
  });

  test('value lists written only in newer docs: schema_alias_conflict_mode', () => {
    const f = only(check('schema_alias_conflict_mode = foo\n', '3.14', '3.16', 'enterprise'), 'schema_alias_conflict_mode');
    assert.equal(f[0]?.code, 'invalid-value');
    assert.match(f[0]!.message, /Allowed: error, warn/);
    assert.deepEqual(check('schema_alias_conflict_mode = warn\n', '3.14', '3.16', 'enterprise'), []);
  });
});

describe('no false positives', () => {
  test('headers = off is valid in every released line', () => {
    for (const l of R.lines) {
      const edition = l.oss ? 'oss' : 'enterprise';
      const f = check('headers = off\n', l.minor, l.minor, edition).filter((x) => x.code === 'invalid-value');
      assert.deepEqual(f, [], l.minor);
    }
  });
});

describe('prefixes', () => {
  test('a renamed prefix renames every key under it (nginx_wasm_shm_* -> nginx_wasm_shm_kv_* in 3.6)', () => {
    const text = 'nginx_wasm_shm_foo = 1m\n';
    const f = check(text, '3.4', '3.6', 'enterprise');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.code, 'removed-property');
    assert.equal(f[0]!.replacement, 'nginx_wasm_shm_kv_foo');
    assert.equal(fixAll('kong-conf', text, env('3.4', '3.6', 'enterprise')).text, 'nginx_wasm_shm_kv_foo = 1m\n');
    assert.equal(check(text, '3.6', '3.8', 'enterprise').length, 0, 'nothing to say once past the rename');
  });

  test('a removed property now under a prefix is still reported, with its replacement and what Kong does with the name', () => {
    const f = check('nginx_upstream_keepalive_requests = 100\n', '2.8', '3.0');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.code, 'removed-property');
    assert.equal(f[0]!.replacement, 'upstream_keepalive_max_requests');
    assert.match(f[0]!.message, /nginx_upstream_ prefix as the Nginx directive "keepalive_requests"/);
    assert.deepEqual(check('nginx_upstream_keepalive_requests = 100\n', '3.4', '3.10', 'enterprise'), [], 'already on a version that reads it as a directive');
  });
});

describe('replacements and removals the way the facts and the plan say', () => {
  test('several replacements are all named', () => {
    const f = only(check('cassandra_consistency = ONE\n', '2.8', '3.0'), 'cassandra_consistency')[0]!;
    assert.match(f.message, /"cassandra_write_consistency" and "cassandra_read_consistency"/);
    const later = only(check('cassandra_consistency = ONE\n', '2.8', '3.16', 'enterprise'), 'cassandra_consistency')[0]!;
    assert.match(later.message, /replaced by "cassandra_write_consistency" and "cassandra_read_consistency", which Kong 3\.16 no longer reads either/);
  });

  test('Enterprise Vitals and Dev Portal settings are removed in 3.5.0.0', () => {
    for (const name of ['vitals', 'portal']) {
      const f = only(check(`${name} = on\n`, '3.4', '3.5', 'enterprise'), name)[0]!;
      assert.equal(f.code, 'removed-property', name);
      assert.match(f.message, /removed in Kong 3\.5\.0\.0/);
    }
  });

  test('Go plugin server settings point to the Go PDK and warn about Go plugins still named in plugins', () => {
    const text = 'plugins = bundled,go-hello\ngo_plugins_dir = /usr/local/kong/go\n';
    const f = only(check(text, '2.8', '3.4'), 'go_plugins_dir')[0]!;
    assert.equal(f.code, 'removed-property');
    assert.match(f.message, /Go PDK/);
    assert.match(f.message, /"go-hello"/);
    assert.match(f.fixes?.[0]?.title ?? '', /go-hello/);
    const plain = only(check('plugins = bundled,rate-limiting\ngo_plugins_dir = /x\n', '2.8', '3.4'), 'go_plugins_dir')[0]!;
    assert.doesNotMatch(plain.message, /still names/);
  });
});

describe('provenance in hovers', () => {
  test('3.16 kong.conf facts say they come from the release branch; removals carry the changelog advice', async () => {
    assert.match(propertyHover('analytics_enabled', env('3.14', '3.16', 'enterprise')), /3\.16 facts come from its release branch/);
    assert.doesNotMatch(propertyHover('analytics_enabled', env('3.14', '3.15', 'enterprise')), /release branch/);
    assert.match(propertyHover('go_plugins_dir', env('2.8', '3.4')), /Go PDK/);
  });
});
