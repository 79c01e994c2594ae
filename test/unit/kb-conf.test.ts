import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfKnowledge, ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { defaultChanges, lifeOf, namesAt, propertyAt, isKnownProperty, prefixFor, eventsBetween } from '../../server/src/core/knowledge/conf';
import { resolveVersion, newestLts } from '../../server/src/core/version';
import { buildConf } from '../../scripts/kb/conf';
import { buildReleases } from '../../scripts/kb/releases';

const root = path.resolve(__dirname, '../..');
const conf = JSON.parse(fs.readFileSync(path.join(root, 'server/knowledge/kong-conf.json'), 'utf8')) as ConfKnowledge;
const releases = JSON.parse(fs.readFileSync(path.join(root, 'server/knowledge/releases.json'), 'utf8')) as ReleasesKnowledge;
const factsDir = path.resolve(__dirname, '../../../shared/kong-facts');

test('releases: lines 1.0 to 3.16, LTS flags, edition patch lists', () => {
  assert.equal(releases.lines[0].minor, '1.0');
  assert.equal(releases.newestLine, '3.16');
  // 3.16 is released (3.16.0.1); its data comes from the release branch, and it is offered like any line.
  const l316 = releases.lines.find((l) => l.minor === '3.16');
  assert.ok(l316 && l316.enterprise && l316.enterprisePatches.includes('3.16.0.1'), '3.16 is a released line');
  assert.deepEqual(releases.ltsLines, ['2.8', '3.4', '3.10', '3.14']);
  const l34 = releases.lines.find((l) => l.minor === '3.4')!;
  assert.equal(l34.lts, true);
  assert.deepEqual(l34.ossPatches, ['3.4.0', '3.4.1', '3.4.2']);
  assert.equal(l34.enterprisePatches[l34.enterprisePatches.length - 1], '3.4.3.29');
  const l310 = releases.lines.find((l) => l.minor === '3.10')!;
  assert.equal(l310.oss, false);
  assert.equal(l310.enterprise, true);
  // beta Enterprise builds are not released patches
  const l21 = releases.lines.find((l) => l.minor === '2.1')!;
  assert.ok(!l21.enterprisePatches.includes('2.1.0.0'));
  for (const l of releases.lines) for (const p of l.enterprisePatches) assert.equal(p.split('.').length, 4, p);
  assert.equal(newestLts(releases), '3.14');
  const r = resolveVersion(releases, '3.10', 'oss');
  assert.ok(r.ok && r.value.edition === 'enterprise');
});

test('pg_ssl_version: values restricted and default tlsv1 -> tlsv1_2 from Enterprise 3.2.1.0', () => {
  const before = propertyAt(conf, 'pg_ssl_version', '3.1.1.0', 'enterprise');
  assert.equal(before.status, 'accepted');
  assert.equal(before.state?.default, 'tlsv1');
  assert.equal(before.state?.allowed, undefined);
  const after = propertyAt(conf, 'pg_ssl_version', '3.2.1.0', 'enterprise');
  assert.equal(after.state?.default, 'tlsv1_2');
  assert.deepEqual([...(after.state?.allowed ?? [])].sort(), ['any', 'tlsv1_1', 'tlsv1_2', 'tlsv1_3']);
  assert.equal(conf.properties.pg_ssl_version.enterpriseOnly, true);
  assert.equal(propertyAt(conf, 'pg_ssl_version', '3.2.1', 'oss').status, 'unknown');
  const ch = defaultChanges(conf, '2.8.4.14', '3.4.3.29', 'enterprise').find((c) => c.name === 'pg_ssl_version');
  assert.deepEqual(ch && { old: ch.old, new: ch.new }, { old: 'tlsv1', new: 'tlsv1_2' });
});

test('worker_consistency: default strict -> eventual and deprecated in 3.0.0 (not 2.7)', () => {
  assert.equal(propertyAt(conf, 'worker_consistency', '2.8.5', 'oss').state?.default, 'strict');
  assert.equal(propertyAt(conf, 'worker_consistency', '2.8.5', 'oss').status, 'accepted');
  const at = propertyAt(conf, 'worker_consistency', '3.0.0', 'oss');
  assert.equal(at.status, 'deprecated');
  assert.equal(at.state?.default, 'eventual');
  assert.deepEqual(
    at.state?.deprecatedValues?.map((d) => d.value),
    ['strict'],
  );
  const ch = defaultChanges(conf, '2.8.5', '3.4.2', 'oss').find((c) => c.name === 'worker_consistency');
  assert.equal(ch?.version, '3.0.0');
  const ev = lifeOf(conf, 'worker_consistency').find((e) => e.kind === 'default_changed');
  assert.equal(ev?.version, '3.0.0');
  assert.ok(ev?.note && /2\.7/.test(ev.note), 'note explains the changelog filing under 2.7.0');
});

test('3.0.0 removals with their replacements', () => {
  const expect: Record<string, string | null> = {
    nginx_optimizations: null,
    upstream_keepalive: 'upstream_keepalive_pool_size',
    nginx_http_upstream_keepalive: 'upstream_keepalive_pool_size',
    nginx_http_upstream_keepalive_requests: 'upstream_keepalive_max_requests',
    nginx_http_upstream_keepalive_timeout: 'upstream_keepalive_idle_timeout',
    client_max_body_size: 'nginx_http_client_max_body_size',
  };
  for (const [name, repl] of Object.entries(expect)) {
    const old = propertyAt(conf, name, '2.8.5', 'oss');
    assert.ok(old.status === 'accepted' || old.status === 'deprecated', `${name} read in 2.8.5 (${old.status})`);
    const at = propertyAt(conf, name, '3.0.0', 'oss');
    assert.equal(at.status, 'removed', name);
    assert.equal(at.removedIn, '3.0.0', name);
    assert.equal(at.replacement ?? null, repl, name);
  }
  // nginx_upstream_keepalive stops being a property in 3.0.0 but still passes through the nginx_upstream_ prefix
  const nuk = propertyAt(conf, 'nginx_upstream_keepalive', '3.0.0', 'oss');
  assert.equal(nuk.status, 'prefix');
  assert.equal(nuk.removedIn, '3.0.0');
  assert.equal(nuk.replacement, 'upstream_keepalive_pool_size');
  // router_update_frequency: called a rename in 2.1.0, but the loader stops reading it right there
  const ruf = propertyAt(conf, 'router_update_frequency', '2.8.5', 'oss');
  assert.equal(ruf.status, 'removed');
  assert.equal(ruf.removedIn, '2.1.0');
  assert.equal(ruf.replacement, 'worker_state_update_frequency');
  // nginx_optimizations: 2.0 changelog calls it removed, but 2.x still reads it with a warning
  assert.equal(propertyAt(conf, 'nginx_optimizations', '2.0.0', 'oss').status, 'deprecated');
  // client_body_buffer_size is still read in 3.x but has no effect
  const cb = propertyAt(conf, 'client_body_buffer_size', '3.4.2', 'oss');
  assert.equal(cb.status, 'deprecated');
  assert.equal(cb.ineffective, true);
  assert.equal(cb.replacement, 'nginx_http_client_body_buffer_size');
});

test('admin_api_uri -> admin_gui_api_url from Enterprise 3.4.0.0', () => {
  assert.equal(propertyAt(conf, 'admin_api_uri', '3.3.1.1', 'enterprise').status, 'accepted');
  const at = propertyAt(conf, 'admin_api_uri', '3.4.0.0', 'enterprise');
  assert.equal(at.status, 'deprecated');
  assert.equal(at.replacement, 'admin_gui_api_url');
  assert.equal(propertyAt(conf, 'admin_gui_api_url', '3.4.0', 'oss').status, 'accepted');
});

test('privileged_agent -> dedicated_config_processing (old name silently dropped in 3.5.0)', () => {
  assert.equal(propertyAt(conf, 'privileged_agent', '3.4.2', 'oss').status, 'accepted');
  const at = propertyAt(conf, 'privileged_agent', '3.5.0', 'oss');
  assert.equal(at.status, 'removed');
  assert.equal(at.replacement, 'dedicated_config_processing');
  assert.equal(propertyAt(conf, 'dedicated_config_processing', '3.5.0', 'oss').state?.default, 'on');
});

test('tls_certificate_verify: added 3.13 (off), default on in 3.14', () => {
  assert.equal(propertyAt(conf, 'tls_certificate_verify', '3.12.0.11', 'enterprise').status, 'unknown');
  assert.equal(propertyAt(conf, 'tls_certificate_verify', '3.13.0.0', 'enterprise').state?.default, 'off');
  assert.equal(propertyAt(conf, 'tls_certificate_verify', '3.14.0.0', 'enterprise').state?.default, 'on');
  const names = defaultChanges(conf, '3.10.0.17', '3.14.0.13', 'enterprise').map((c) => c.name);
  assert.ok(names.includes('pg_ssl_verify') && names.includes('untrusted_lua'));
  // lua_ssl_verify_depth flips 1 -> 5 in 3.10.0.15 and 3.14.0.7: 5 at both ends, so no change reported
  assert.ok(!names.includes('lua_ssl_verify_depth'));
  const ul = defaultChanges(conf, '3.10.0.17', '3.14.0.13', 'enterprise').find((c) => c.name === 'untrusted_lua');
  assert.deepEqual(ul && [ul.old, ul.new, ul.version], ['sandbox', 'strict', '3.14.0.0']);
  // not read at 3.10, so not a default change for that hop
  assert.ok(!names.includes('tls_certificate_verify'));
});

test('Cassandra: database = cassandra deprecated in 2.7.0, rejected from 3.4.0', () => {
  const a = propertyAt(conf, 'database', '2.6.1', 'oss').state!;
  assert.ok(a.allowed?.includes('cassandra'));
  assert.equal(a.deprecatedValues, undefined);
  const b = propertyAt(conf, 'database', '2.7.0', 'oss').state!;
  assert.deepEqual(b.deprecatedValues, [{ value: 'cassandra', replacement: 'postgres' }]);
  const c = propertyAt(conf, 'database', '3.4.0', 'oss').state!;
  assert.deepEqual(c.allowed, ['postgres', 'off']);
  assert.equal(propertyAt(conf, 'cassandra_contact_points', '3.4.0', 'oss').status, 'removed');
});

test('3.11 removes wasm, wasm_filters, wasm_filters_path and the nginx_wasm_ prefixes', () => {
  for (const n of ['wasm', 'wasm_filters', 'wasm_filters_path']) {
    assert.equal(propertyAt(conf, n, '3.10.0.17', 'enterprise').status, 'accepted', n);
    const at = propertyAt(conf, n, '3.11.0.0', 'enterprise');
    assert.equal(at.status, 'removed', n);
    assert.equal(at.removedIn, '3.11.0.0', n);
  }
  assert.ok(prefixFor(conf, 'nginx_wasm_shm_kv_cache', '3.10.0.0'));
  assert.equal(prefixFor(conf, 'nginx_wasm_shm_kv_cache', '3.11.0.0'), undefined);
  assert.equal(propertyAt(conf, 'nginx_http_foo_bar', '2.8.5', 'oss').status, 'prefix');
});

test('patch-level OSS changes: keepalive defaults in 3.4.1, allow_debug_header in 3.2.0', () => {
  assert.equal(propertyAt(conf, 'upstream_keepalive_pool_size', '3.4.0', 'oss').state?.default, '60');
  assert.equal(propertyAt(conf, 'upstream_keepalive_pool_size', '3.4.1', 'oss').state?.default, '512');
  assert.equal(propertyAt(conf, 'allow_debug_header', '3.1.1', 'oss').status, 'unknown');
  assert.equal(propertyAt(conf, 'allow_debug_header', '3.2.0', 'oss').status, 'accepted');
  const ev = eventsBetween(conf, 'upstream_keepalive_pool_size', '3.4.0', '3.5.0', 'oss').map((e) => `${e.kind}@${e.version}`);
  assert.deepEqual(ev, ['default_changed@3.4.1']);
});

test('namesAt, isKnownProperty, descriptions and docs link', () => {
  const n28 = namesAt(conf, '2.8.5', 'oss');
  const n314 = namesAt(conf, '3.14.0.13', 'enterprise');
  assert.ok(n28.includes('nginx_optimizations') && !n314.includes('nginx_optimizations'));
  assert.ok(n314.includes('tls_certificate_verify') && !namesAt(conf, '3.9.3', 'oss').includes('tls_certificate_verify'));
  assert.ok(isKnownProperty(conf, 'proxy_listen') && !isKnownProperty(conf, 'proxy_listn'));
  assert.ok(!isKnownProperty(conf, 'constructor'));
  assert.equal(propertyAt(conf, 'toString', '3.4.2', 'oss').status, 'unknown');
  assert.match(conf.docsUrl, /^https:\/\/developer\.konghq\.com\/gateway\/configuration\/$/);
  const documented = Object.entries(conf.properties).filter(([, r]) => r.states.some((s) => s.documented));
  const missing = documented.filter(([, r]) => !r.description).map(([n]) => n);
  assert.deepEqual(missing, [], 'every documented property has a description');
  for (const [n, r] of Object.entries(conf.properties)) if (r.description) assert.ok(r.description.length <= 200, n);
});

test('drift: committed JSON equals a rebuild from ../shared/kong-facts', (t) => {
  if (!fs.existsSync(factsDir)) {
    t.skip(`facts directory ${factsDir} is absent; cannot rebuild to compare`);
    return;
  }
  assert.deepEqual(JSON.parse(JSON.stringify(buildReleases(factsDir))), releases);
  assert.deepEqual(JSON.parse(JSON.stringify(buildConf(factsDir))), conf);
});
