import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PluginKnowledge } from '../../server/src/core/knowledge/pluginTypes';
import {
  convertRules,
  convertRulesForPlugin,
  deckRefusesFormat,
  defaultChangesForPlugin,
  fieldAt,
  fieldLife,
  fieldsAt,
  formatVersionsAccepted,
  isRegexLikePath,
  pathNeedsRegexPrefix,
  pluginAt,
  pluginDocsUrl,
  pluginLine,
  pluginsAt,
  topFieldAt,
} from '../../server/src/core/knowledge/plugins';
import { buildPlugins } from '../../scripts/kb/plugins';

const root = path.resolve(__dirname, '../..');
const kbFile = path.join(root, 'server/knowledge/plugins.json');
const kb = JSON.parse(fs.readFileSync(kbFile, 'utf8')) as PluginKnowledge;
const factsDir = path.resolve(__dirname, '../../../shared/kong-facts');

test('shape: 118 plugins, both editions, descriptions, compact file', () => {
  const names = Object.keys(kb.plugins);
  assert.equal(names.length, 118);
  const eds = new Set(names.map((n) => kb.plugins[n].edition));
  assert.deepEqual([...eds].sort(), ['enterprise', 'oss']);
  assert.equal(kb.lines[0], '1.0');
  assert.equal(kb.lines[kb.lines.length - 1], '3.16');
  for (const n of names) {
    const d = kb.plugins[n].description;
    assert.ok(d.length >= 20 && d.length <= 160, `description of ${n}: ${d}`);
    assert.equal(kb.plugins[n].lines.length, kb.plugins[n].lineEditions.length, n);
  }
  assert.ok(fs.statSync(kbFile).size <= 3 * 1024 * 1024, 'plugins.json stays under 3 MB');
  assert.equal(pluginDocsUrl(kb, 'acl', 'reference'), 'https://developer.konghq.com/plugins/acl/reference/');
  // States are compressed: a state only starts when something changes.
  for (const n of names) {
    for (const [p, fr] of Object.entries(kb.plugins[n].fields)) {
      for (let i = 1; i < fr.states.length; i++) {
        const { from: _a, ...a } = fr.states[i - 1];
        const { from: _b, ...b } = fr.states[i];
        assert.notDeepEqual(a, b, `${n} ${p}: repeated state at ${fr.states[i].from}`);
      }
    }
  }
});

test('version mapping: patches and Enterprise 4-part versions use their minor line; out-of-range versions clamp', () => {
  assert.equal(pluginLine(kb, '2.8.5'), '2.8');
  assert.equal(pluginLine(kb, '3.4.3.19'), '3.4');
  assert.equal(pluginLine(kb, '3.10'), '3.10');
  assert.equal(pluginLine(kb, '3.99.0'), '3.16');
  assert.equal(pluginLine(kb, '4.2'), '3.16');
  assert.equal(pluginLine(kb, '0.14.1'), '1.0');
  assert.equal(pluginLine(kb, 'banana'), undefined);
});

test('rate-limiting redis_host -> redis.host: plain field before 3.6, deprecated alias from 3.6', () => {
  const before = fieldAt(kb, 'rate-limiting', 'redis_host', '3.5.0');
  assert.equal(before.status, 'accepted');
  assert.equal(before.status === 'accepted' && before.alias, false);
  for (const v of ['3.6.1', '3.8', '3.12.0.1', '3.15', '3.16']) {
    const r = fieldAt(kb, 'rate-limiting', 'config.redis_host', v);
    assert.equal(r.status, 'deprecated', v);
    if (r.status !== 'deprecated') continue;
    assert.deepEqual(r.replacement, ['redis.host']);
    assert.equal(r.since, '3.6');
    assert.equal(r.removalIn, '4.0');
    assert.equal(r.alias, true);
    assert.equal(r.valueIgnored, false);
  }
  const host35 = fieldAt(kb, 'rate-limiting', 'redis.host', '3.5');
  assert.equal(host35.status, 'unknown');
  assert.equal(host35.status === 'unknown' && host35.laterIn, '3.6');
  assert.equal(fieldAt(kb, 'rate-limiting', 'redis.host', '3.6').status, 'accepted');
  const life = fieldLife(kb, 'rate-limiting', 'redis.host');
  const rename = life.find((e) => e.kind === 'renamed');
  assert.ok(rename, 'a rename into redis.host is reported');
  assert.equal(rename!.path, 'redis_host');
  assert.equal(rename!.version, '3.6');
  assert.equal(rename!.stillAccepted, true);
  assert.match(rename!.source, /plugin-changes\.json/);
  // the same move in response-ratelimiting, from the same data
  const rr = fieldAt(kb, 'response-ratelimiting', 'redis_port', '3.6');
  assert.equal(rr.status === 'deprecated' && rr.replacement[0], 'redis.port');
});

test('session: cookie_lifetime -> rolling_timeout and cookie_renew ignored from 3.2', () => {
  const old = fieldAt(kb, 'session', 'cookie_lifetime', '3.1');
  assert.equal(old.status, 'accepted');
  assert.equal(old.status === 'accepted' && old.default, 3600);
  const r = fieldAt(kb, 'session', 'cookie_lifetime', '3.2.2');
  assert.equal(r.status, 'deprecated');
  assert.deepEqual(r.status === 'deprecated' && r.replacement, ['rolling_timeout']);
  assert.equal(fieldAt(kb, 'session', 'rolling_timeout', '3.1').status, 'unknown');
  assert.equal(fieldAt(kb, 'session', 'rolling_timeout', '3.2').status, 'accepted');
  const renew = fieldAt(kb, 'session', 'cookie_renew', '3.2');
  assert.equal(renew.status, 'deprecated');
  assert.equal(renew.status === 'deprecated' && renew.valueIgnored, true);
  assert.deepEqual(renew.status === 'deprecated' && renew.replacement, []);
  const ev = fieldLife(kb, 'session', 'cookie_lifetime').find((e) => e.kind === 'renamed');
  assert.equal(ev?.version, '3.2');
  assert.equal(ev?.new, 'rolling_timeout');
  // session data starts at 2.2 (separately packaged before): no data, not "absent"
  const s20 = pluginAt(kb, 'session', '2.0');
  assert.equal(s20.status, 'no_data');
});

test('openid-connect and saml session_* renames (Enterprise)', () => {
  for (const plugin of ['openid-connect', 'saml']) {
    const r = fieldAt(kb, plugin, 'session_cookie_lifetime', '3.2', 'enterprise');
    assert.equal(r.status, 'deprecated', plugin);
    assert.deepEqual(r.status === 'deprecated' && r.replacement, ['session_rolling_timeout'], plugin);
    assert.equal(fieldAt(kb, plugin, 'session_cookie_lifetime', '3.1', 'enterprise').status, 'accepted', plugin);
    const idle = fieldAt(kb, plugin, 'session_cookie_idletime', '3.2', 'enterprise');
    assert.deepEqual(idle.status === 'deprecated' && idle.replacement, ['session_idling_timeout'], plugin);
    // 3.8: session_redis_* became aliases of redis.*
    const host = fieldAt(kb, plugin, 'session_redis_host', '3.8', 'enterprise');
    assert.deepEqual(host.status === 'deprecated' && host.replacement, ['redis.host'], plugin);
    assert.equal(fieldAt(kb, plugin, 'session_redis_host', '3.7', 'enterprise').status, 'accepted', plugin);
  }
  // openid-connect dropped the 3.2 alias in 3.8, saml kept it pointing at redis.*
  const oidc = fieldAt(kb, 'openid-connect', 'session_redis_cluster_maxredirections', '3.8', 'enterprise');
  assert.equal(oidc.status, 'removed');
  if (oidc.status === 'removed') {
    assert.equal(oidc.since, '3.8');
    assert.equal(oidc.lastSeen, '3.7');
    assert.equal(oidc.wasAlias, true);
    assert.deepEqual(oidc.replacement, ['session_redis_cluster_max_redirections']);
    assert.deepEqual(oidc.currentReplacement, ['redis.cluster_max_redirections']);
  }
  const saml = fieldAt(kb, 'saml', 'session_redis_cluster_maxredirections', '3.8', 'enterprise');
  assert.deepEqual(saml.status === 'deprecated' && saml.replacement, ['redis.cluster_max_redirections']);
});

test('acl whitelist: plain field to 2.0, alias of allow 2.1-2.8, removed in 3.0', () => {
  const a20 = fieldAt(kb, 'acl', 'whitelist', '2.0.5');
  assert.equal(a20.status, 'accepted');
  const a21 = fieldAt(kb, 'acl', 'whitelist', '2.1');
  assert.equal(a21.status, 'deprecated');
  assert.deepEqual(a21.status === 'deprecated' && a21.replacement, ['allow']);
  assert.equal(fieldAt(kb, 'acl', 'whitelist', '2.8.5').status, 'deprecated');
  const a30 = fieldAt(kb, 'acl', 'whitelist', '3.0');
  assert.equal(a30.status, 'removed');
  if (a30.status === 'removed') {
    assert.equal(a30.since, '3.0');
    assert.deepEqual(a30.replacement, ['allow']);
    assert.match(a30.source, /plugin-changes\.json/);
  }
  assert.equal(fieldAt(kb, 'acl', 'blacklist', '3.4').status, 'removed');
  assert.equal(fieldAt(kb, 'acl', 'allow', '2.0').status, 'unknown');
  assert.equal(fieldAt(kb, 'acl', 'allow', '2.1').status, 'accepted');
});

test('removed field and removed plugin', () => {
  const ps = fieldAt(kb, 'aws-lambda', 'proxy_scheme', '3.4.2');
  assert.equal(ps.status, 'removed');
  assert.equal(ps.status === 'removed' && ps.since, '3.0');
  assert.equal(fieldAt(kb, 'aws-lambda', 'proxy_scheme', '2.8').status !== 'removed', true);
  const run = topFieldAt(kb, 'acl', 'run_on', '2.0');
  assert.equal(run.status, 'removed');
  assert.equal(topFieldAt(kb, 'acl', 'run_on', '1.5').status, 'accepted');

  const dt = pluginAt(kb, 'datadog-tracing', '3.4', 'enterprise');
  assert.equal(dt.status, 'removed');
  if (dt.status === 'removed') {
    assert.equal(dt.lastLine, '3.2');
    assert.equal(dt.lowConfidence, true);
  }
  assert.equal(pluginAt(kb, 'datadog-tracing', '3.2', 'enterprise').status, 'known');
  const otel = pluginAt(kb, 'opentelemetry', '2.8');
  assert.equal(otel.status, 'absent');
  assert.equal(otel.status === 'absent' && otel.addedIn, '3.0');
  assert.equal(pluginAt(kb, 'aws-lambda', '2.1').status, 'no_data'); // gap in the facts
  assert.equal(pluginAt(kb, 'my-custom-plugin', '3.4').status, 'unknown');
  const oidc = pluginAt(kb, 'openid-connect', '3.4', 'oss');
  assert.equal(oidc.status === 'known' && oidc.enterpriseOnly, true);
  assert.ok(pluginsAt(kb, '3.4', 'oss').includes('rate-limiting'));
  assert.ok(!pluginsAt(kb, '3.4', 'oss').includes('openid-connect'));
  assert.ok(!pluginsAt(kb, '3.4', 'enterprise').includes('datadog-tracing'));
  // a field of a plugin without data at the line is no_data, never "unknown"
  assert.equal(fieldAt(kb, 'session', 'secret', '2.0').status, 'no_data');
});

test('allowed values, defaults and edition differences', () => {
  const policy = fieldAt(kb, 'rate-limiting', 'policy', '3.4');
  assert.equal(policy.status, 'accepted');
  if (policy.status === 'accepted') {
    assert.deepEqual(policy.allowed, ['local', 'cluster', 'redis']);
    assert.equal(policy.default, 'local');
  }
  const ossLimit = fieldAt(kb, 'rate-limiting', 'limit_by', '3.6', 'oss');
  const entLimit = fieldAt(kb, 'rate-limiting', 'limit_by', '3.6', 'enterprise');
  assert.ok(ossLimit.status === 'accepted' && !ossLimit.allowed!.includes('consumer-group'));
  assert.ok(entLimit.status === 'accepted' && entLimit.allowed!.includes('consumer-group'));
  const cgOss = topFieldAt(kb, 'acl', 'consumer_group', '3.4', 'oss');
  assert.equal(cgOss.status, 'unknown');
  assert.equal(cgOss.status === 'unknown' && cgOss.onlyIn, 'enterprise');
  assert.equal(topFieldAt(kb, 'acl', 'consumer_group', '3.4', 'enterprise').status, 'accepted');
  const pol = fieldAt(kb, 'rate-limiting', 'policy', '3.6');
  assert.ok(pol.status === 'accepted' && pol.description && /redis/i.test(pol.description), 'common fields carry our description');
  const protocols = topFieldAt(kb, 'rate-limiting', 'protocols', '3.6');
  assert.ok(protocols.status === 'accepted' && protocols.elementsAllowed!.includes('grpcs'));
});

test('children for completion: records and arrays of records', () => {
  const redis = fieldsAt(kb, 'rate-limiting', 'redis', '3.6').map((f) => f.path);
  assert.ok(redis.includes('redis.host') && redis.includes('redis.port'));
  assert.ok(!redis.some((p) => p.split('.').length > 2));
  const root = fieldsAt(kb, 'rate-limiting', '', '3.6').map((f) => f.path);
  assert.ok(root.includes('redis_host') && root.includes('policy') && !root.includes('redis.host'));
  assert.ok(!fieldsAt(kb, 'rate-limiting', '', '3.5').some((f) => f.path === 'redis'));
  const nodes = fieldsAt(kb, 'openid-connect', 'session_redis_cluster_nodes', '3.4', 'enterprise').map((f) => f.path);
  assert.deepEqual(nodes, ['session_redis_cluster_nodes[].ip', 'session_redis_cluster_nodes[].port']);
  assert.equal(fieldAt(kb, 'openid-connect', 'session_redis_cluster_nodes[2].port', '3.4', 'enterprise').status, 'accepted');
});

test('default changes between versions (3.14 secure by default)', () => {
  const ka = defaultChangesForPlugin(kb, 'key-auth', '3.10', '3.14');
  const hc = ka.find((c) => c.path === 'hide_credentials');
  assert.ok(hc, 'hide_credentials default change reported');
  assert.equal(hc!.old, false);
  assert.equal(hc!.new, true);
  assert.equal(hc!.version, '3.14');
  assert.deepEqual(
    defaultChangesForPlugin(kb, 'key-auth', '3.14', '3.15').filter((c) => c.path === 'hide_credentials'),
    [],
  );
  assert.deepEqual(
    defaultChangesForPlugin(kb, 'key-auth', '3.4', '3.10').filter((c) => c.path === 'hide_credentials'),
    [],
  );
});

test('_format_version acceptance and decK refusal', () => {
  assert.deepEqual(formatVersionsAccepted(kb, '3.0.2')?.values, ['1.1', '2.1', '3.0']);
  assert.deepEqual(formatVersionsAccepted(kb, '3.14.0.1')?.values, ['1.1', '2.1', '3.0']);
  assert.deepEqual(formatVersionsAccepted(kb, '2.8.5')?.values, ['1.1', '2.1']);
  assert.deepEqual(formatVersionsAccepted(kb, '2.1')?.values, ['1.1', '2.1']);
  assert.deepEqual(formatVersionsAccepted(kb, '2.0')?.values, ['1.1']);
  assert.equal(formatVersionsAccepted(kb, '1.0'), undefined);
  assert.ok(deckRefusesFormat(kb, '1.1', '3.4'));
  assert.equal(deckRefusesFormat(kb, '1.1', '2.8'), undefined);
  assert.equal(deckRefusesFormat(kb, '3.0', '3.4'), undefined);
});

test('route regex paths need "~" from 3.0', () => {
  assert.equal(isRegexLikePath(kb, '/v1/users/\\d+'), true);
  assert.equal(isRegexLikePath(kb, '/api/(foo|bar)'), true);
  assert.equal(isRegexLikePath(kb, '/plain-prefix/v1.2_x~%20'), false);
  assert.equal(pathNeedsRegexPrefix(kb, '/v1/users/\\d+', '3.0'), true);
  assert.equal(pathNeedsRegexPrefix(kb, '~/v1/users/\\d+', '3.4'), false);
  assert.equal(pathNeedsRegexPrefix(kb, '/v1/users/\\d+', '2.8'), false);
});

test('deck file convert rules by upgrade span', () => {
  const r = convertRules(kb, '2.8.5', '3.4.2');
  const ids = r.map((x) => x.id);
  for (const id of ['format-version', 'route-regex-path-tilde', 'acl-like-whitelist', 'serverless-functions', 'aws-lambda-proxy-scheme']) assert.ok(ids.includes(id), id);
  assert.ok(!ids.includes('redis-cluster-addresses'));
  const wl = r.find((x) => x.id === 'acl-like-whitelist')!;
  assert.equal(wl.action, 'move');
  assert.equal(wl.plugins, '*');
  assert.equal(wl.old, 'whitelist');
  assert.equal(wl.new, 'allow');
  const fn = convertRulesForPlugin(kb, 'pre-function', '2.8', '3.4').find((x) => x.id === 'serverless-functions')!;
  assert.equal(fn.old, 'functions');
  assert.equal(fn.new, 'access');
  assert.equal(r.find((x) => x.id === 'format-version')!.value, '3.0');
  const later = convertRules(kb, '3.4', '3.10').map((x) => x.id);
  assert.ok(later.includes('redis-cluster-addresses') && !later.includes('format-version'));
  const sec = convertRules(kb, '3.10', '3.14').find((x) => x.id === 'ssl-verify-defaults')!;
  assert.deepEqual(sec.fieldsByPlugin!['rate-limiting'], ['redis.ssl_verify']);
  assert.equal(sec.value, false);
  // steps overlap the upgrade span: none between 3.14 and 3.15, none for an upgrade that stays on 2.x
  assert.deepEqual(convertRules(kb, '3.14', '3.15'), []);
  assert.deepEqual(convertRules(kb, '1.5', '2.8.5'), []);
  assert.ok(!convertRules(kb, '3.0', '3.2').some((x) => x.id === 'format-version'));
});

test('lookups are cached: many queries stay fast', () => {
  const paths = ['redis_host', 'redis.host', 'policy', 'limit_by', 'nope', 'minute'];
  const t0 = Date.now();
  for (let i = 0; i < 100_000; i++) fieldAt(kb, 'rate-limiting', paths[i % paths.length], `3.${i % 16}`);
  assert.ok(Date.now() - t0 < 3000, `100k lookups took ${Date.now() - t0} ms`);
});

test('drift: committed plugins.json equals a rebuild from ../shared/kong-facts', (t) => {
  if (!fs.existsSync(path.join(factsDir, 'plugins/plugin-fields.json'))) {
    t.skip(`facts directory ${factsDir} is absent; cannot rebuild to compare`);
    return;
  }
  assert.deepEqual(JSON.parse(JSON.stringify(buildPlugins(factsDir))), kb);
});
