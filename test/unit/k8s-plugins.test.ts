/**
 * Kong's Kubernetes resources: KongPlugin / KongClusterPlugin documents among other
 * Kubernetes YAML get the decK plugin checks on their `config` (same codes, messages and
 * fixes), Deployments and ConfigMaps around them stay as they were (their KONG_* checks
 * keep working), configFrom / configPatches are noted, annotations naming an undefined
 * plugin resource are reported when the workspace is known; hover, completion, CLI, plan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, detectKind, fixAll, resolveEnv, type CheckEnv, type KnowledgeSet } from '../../server/src/core/check';
import { hoverAt } from '../../server/src/core/hover';
import { completeAt } from '../../server/src/core/complete';
import { applyEdits } from '../../server/src/core/text';
import { kongPluginScopeOf } from '../../server/src/core/k8s/check';
import { kongPluginsDefined, readKongResources } from '../../server/src/core/k8s/resources';
import { planForWorkspace } from '../../server/src/core/planner/workspace';
import { runCli } from '../../server/src/cli';
import type { Finding } from '../../server/src/core/model';
import { fakeCliIO as fakeIO } from './helpers/cliIo';

const knowledge = loadKnowledge() as KnowledgeSet;
const fixtures = path.resolve(__dirname, '..', 'fixtures', 'k8s');
const BLOCK = fs.readFileSync(path.join(fixtures, 'plugins-block.yaml'), 'utf8');
const FLOW = fs.readFileSync(path.join(fixtures, 'plugins-flow.yaml'), 'utf8');

function env(from = '2.8', to = '3.10', extra: Parameters<typeof resolveEnv>[2] = {}): CheckEnv {
  const r = resolveEnv(knowledge, { current: from, target: to, edition: 'enterprise' }, extra);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}

const at = (text: string, f: Finding) => text.slice(f.span.start, f.span.end);
const lineOf = (text: string, off: number) => text.slice(0, off).split('\n').length;

test('detection: manifests with Kong resources are kubernetes files; other YAML is not claimed', () => {
  assert.equal(detectKind('/w/plugins.yaml', BLOCK), 'kubernetes');
  assert.equal(detectKind('/w/plugins.yaml', FLOW), 'kubernetes');
  // Named like a decK file but holding KongPlugins (no _format_version): a manifest.
  assert.equal(detectKind('/w/kong.yaml', FLOW), 'kubernetes');
  // A decK file stays declarative even when a comment mentions the API group.
  assert.equal(detectKind('/w/kong.yaml', '_format_version: "3.0"\n# configuration.konghq.com/v1\nplugins: []\n'), 'declarative');
  // Kubernetes YAML without KONG_* settings or Kong resources is nobody's.
  const plain = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n';
  assert.equal(detectKind('/w/web.yaml', plain), 'unknown');
  // A ConfigMap whose data looks like a plugin is not a plugin resource.
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {app: configuration.konghq.com/v1}\ndata:\n  plugin: acl\n';
  assert.equal(detectKind('/w/cm.yaml', cm), 'unknown');
  assert.equal(readKongResources(cm).local.plugins.length, 0);
});

test('KongPlugin config gets the decK plugin checks; Deployment and ConfigMap around them are not claimed by them', () => {
  const e = env('2.8', '3.10', { kongPlugins: kongPluginScopeOf([BLOCK], 'the workspace') });
  const fs_ = checkText('kubernetes', BLOCK, e, 'plugins.yaml').findings;
  const got = fs_.map((f) => `${lineOf(BLOCK, f.span.start)} ${f.code} ${at(BLOCK, f)}`);
  assert.deepEqual(got, [
    '36 deprecated-plugin-field redis_host',
    '37 deprecated-plugin-field redis_port',
    '45 declarative-format whitelist',
    '57 deprecated-plugin-field cookie_lifetime',
    '64 config-not-checked configFrom',
    '74 missing-kong-plugin admin-only',
  ]);
  // Nothing inside the ConfigMap (its `plugin:` and `config:` keys are data, not a plugin).
  const cmStart = BLOCK.indexOf('kind: ConfigMap');
  const cmEnd = BLOCK.indexOf('---', cmStart);
  assert.ok(!fs_.some((f) => f.span.start >= cmStart && f.span.start < cmEnd));
  const byKey = (k: string) => fs_.find((f) => at(BLOCK, f) === k)!;
  assert.equal(byKey('redis_host').plugin, 'rate-limiting');
  assert.equal(byKey('redis_host').replacement, 'redis.host');
  assert.match(byKey('redis_host').message, /^config\.redis_host of rate-limiting is deprecated since Kong 3\.6/);
  assert.equal(byKey('whitelist').replacement, 'allow');
  assert.match(byKey('configFrom').message, /configFrom of KongPlugin "from-secret" takes configuration values from a Secret.*not checked against the openid-connect plugin's fields/);
  const miss = byKey('admin-only');
  assert.equal(miss.severity, 'information');
  assert.match(miss.message, /No KongPlugin or KongClusterPlugin named "admin-only" is defined in the workspace \(did you mean "admins-only"\?\).*Ingress "api" runs without that plugin/);
  assert.equal(miss.fixes![0]!.preferred, false, 'a guessed name is offered, never applied by fix-all');
  assert.equal(applyEdits(BLOCK, miss.fixes![0]!.edits).includes('konghq.com/plugins: rl, admins-only\n'), true);
});

test('Helm-rendered output (# Source: comments, empty documents) and a Kustomize patch of a KongPlugin', () => {
  const rendered = [
    '---',
    '# Source: kong/templates/service-account.yaml',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: kong',
    '---',
    '# Source: api/templates/plugins.yaml',
    '',
    '---',
    '# Source: api/templates/plugins.yaml',
    'apiVersion: "configuration.konghq.com/v1"',
    'kind: "KongPlugin"',
    'metadata:',
    '  name: "api-rl"',
    '  labels:',
    '    helm.sh/chart: "api-0.1.0"',
    'plugin: "rate-limiting"',
    'config:',
    '  "minute": 10',
    '  "redis_host": "redis-master"',
    '',
  ].join('\n');
  assert.equal(detectKind('/chart/rendered.yaml', rendered), 'kubernetes');
  const f = checkText('kubernetes', rendered, env('2.8', '3.10')).findings;
  assert.deepEqual(
    f.map((x) => `${x.code} ${at(rendered, x)}`),
    ['deprecated-plugin-field "redis_host"'],
  );
  assert.ok(fixAll('kubernetes', rendered, env('2.8', '3.10')).text.includes('  "minute": 10\n  redis:\n    "host": "redis-master"\n'), fixAll('kubernetes', rendered, env('2.8', '3.10')).text);
  // An overlay patch: only the fields it changes.
  const patch = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: admins-only\nplugin: acl\nconfig:\n  whitelist: [ops]\n';
  assert.deepEqual(
    checkText('kubernetes', patch, env('2.8', '3.10')).findings.map((x) => x.code),
    ['declarative-format'],
  );
});

test('the KONG_* checks of the Deployment keep working in a file with KongPlugins', () => {
  const text = BLOCK.replace('KONG_PROXY_LISTEN', 'KONG_CASSANDRA_CONTACT_POINTS');
  const fs_ = checkText('kubernetes', text, env('2.8', '3.10'), 'plugins.yaml').findings;
  const envFinding = fs_.find((f) => f.property === 'cassandra_contact_points');
  assert.ok(envFinding, 'the KONG_* variable is still checked');
  assert.equal(envFinding.code, 'removed-property');
  assert.ok(
    fs_.some((f) => f.code === 'deprecated-plugin-field'),
    'and the plugins too',
  );
});

test('exactly the decK checks: the same config in a decK file gives the same codes, messages and fix texts', () => {
  const deck = [
    '_format_version: "3.0"',
    'plugins:',
    '- name: rate-limiting',
    '  config:',
    '    minute: 100',
    '    policy: redis',
    '    # where redis lives',
    '    redis_host: redis.default.svc   # the service',
    '    redis_port: 6380',
    '- name: acl',
    '  config:',
    '    whitelist:',
    '      - admins   # ops team',
    '    hide_groups_header: true',
    '- name: session',
    '  config:',
    '    cookie_lifetime: 3600',
    '',
  ].join('\n');
  const e = env('2.8', '3.10');
  const norm = (text: string, fs_: Finding[]) =>
    fs_
      .filter((f) => f.plugin && f.code !== 'config-not-checked')
      .map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        key: at(text, f),
        fixes: (f.fixes ?? []).map((x) => ({ title: x.title, preferred: x.preferred, texts: x.edits.map((ed) => ed.newText.replace(/^ +/gm, '')) })),
      }));
  const k8s = norm(BLOCK, checkText('kubernetes', BLOCK, e).findings);
  const dk = norm(deck, checkText('declarative', deck, e).findings);
  assert.deepEqual(k8s, dk);
});

test('fix-all on the manifest: minimal edits that keep comments, other documents byte for byte', () => {
  const e = env('2.8', '3.10', { kongPlugins: kongPluginScopeOf([BLOCK], 'the workspace') });
  const fixed = fixAll('kubernetes', BLOCK, e, 8, 'plugins.yaml').text;
  assert.ok(fixed.includes('  # where redis lives\n  redis:\n    host: redis.default.svc   # the service\n    port: 6380\n'), fixed);
  assert.ok(fixed.includes('config:\n  allow:\n    - admins   # ops team\n'), fixed);
  // Everything before the first plugin document is untouched.
  const firstPlugin = BLOCK.indexOf('kind: KongPlugin');
  assert.equal(fixed.slice(0, firstPlugin), BLOCK.slice(0, firstPlugin));
  // The annotation keeps its guessed name unfixed (not a preferred fix).
  assert.ok(fixed.includes('konghq.com/plugins: rl, admin-only\n'));
  // The data: each moved value sits at its new place, nothing else changed.
  const before = YAML.parseAllDocuments(BLOCK).map((d) => d.toJS());
  const after = YAML.parseAllDocuments(fixed).map((d) => d.toJS());
  assert.deepEqual(after[2].config.redis, { host: 'redis.default.svc', port: 6380 });
  assert.deepEqual(after[3].config.allow, before[3].config.whitelist);
  for (const i of [0, 1, 5, 6]) assert.deepEqual(after[i], before[i]);
  // Nothing left for fix-all to do.
  assert.equal(fixAll('kubernetes', fixed, e).applied, 0);
});

test('flow style: several per file, a mistyped plugin name, annotations resolved within the file', () => {
  const e = env('2.8', '3.10', { kongPlugins: kongPluginScopeOf([], 'the workspace') });
  const fs_ = checkText('kubernetes', FLOW, e, 'flow.yaml').findings;
  assert.deepEqual(
    fs_.map((f) => `${f.code} ${at(FLOW, f)}`),
    ['deprecated-plugin-field redis_host', 'deprecated-plugin-field redis_port', 'declarative-format whitelist', 'unknown-plugin ldap-auth-advancedd'],
  );
  const unknown = fs_.find((f) => f.code === 'unknown-plugin')!;
  assert.match(unknown.message, /did you mean "ldap-auth-advanced"/);
  assert.equal(applyEdits(FLOW, unknown.fixes![0]!.edits).includes('plugin: ldap-auth-advanced\n'), true, 'the fix rewrites the plugin: value');
  const fixed = fixAll('kubernetes', FLOW, e).text;
  assert.ok(fixed.includes('config: {minute: 5, redis: {host: h, port: 6380}}'), fixed);
  assert.ok(fixed.includes('config: {allow: [a, b]}}'), fixed);
});

test('custom plugins are silent; a plugin the target no longer ships is reported as in decK files', () => {
  const text =
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: mine\nplugin: my-header\nconfig:\n  x: 1\n---\napiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: reg\nplugin: application-registration\nconfig: {}\n';
  const noCustom = checkText('kubernetes', text, env('2.8', '3.10')).findings;
  assert.deepEqual(
    noCustom.map((f) => `${f.code} ${at(text, f)}`),
    ['unknown-plugin my-header', 'removed-plugin application-registration'],
  );
  const withCustom = checkText('kubernetes', text, env('2.8', '3.10', { customPlugins: ['my-header'] })).findings;
  assert.deepEqual(
    withCustom.map((f) => f.code),
    ['removed-plugin'],
  );
});

test('no workspace context: an annotation is never called missing; KIC 0.x resources without plugin: are noted', () => {
  const fs_ = checkText('kubernetes', BLOCK, env('2.8', '3.10')).findings;
  assert.ok(!fs_.some((f) => f.code === 'missing-kong-plugin'));
  const old = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: t\nconfig:\n  remove:\n    headers: host\n';
  const r = checkText('kubernetes', old, env('2.8', '3.10')).findings;
  assert.deepEqual(
    r.map((f) => f.code),
    ['config-not-checked'],
  );
  assert.match(r[0]!.message, /has no plugin: key/);
  // The old annotation name and namespace:name references are read too.
  const refs = readKongResources('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    plugins.konghq.com: "other:rl, ,x"\n').references;
  assert.deepEqual(
    refs.map((x) => [x.name, x.written]),
    [
      ['rl', 'other:rl'],
      ['x', 'x'],
    ],
  );
  assert.deepEqual(
    kongPluginsDefined(BLOCK).map((d) => `${d.name}=${d.plugin}`),
    ['rl=rate-limiting', 'admins-only=acl', 'session=session', 'from-secret=openid-connect'],
  );
});

test('KongConsumer / KongConsumerGroup annotations: a plugin the target cannot scope to a consumer (group) is reported where the facts say so', () => {
  const text = [
    'apiVersion: configuration.konghq.com/v1',
    'kind: KongPlugin',
    'metadata: {name: ka}',
    'plugin: key-auth',
    '---',
    'apiVersion: configuration.konghq.com/v1',
    'kind: KongPlugin',
    'metadata: {name: rl}',
    'plugin: rate-limiting',
    'config: {minute: 5}',
    '---',
    'apiVersion: configuration.konghq.com/v1',
    'kind: KongConsumer',
    'metadata:',
    '  name: alice',
    '  annotations:',
    '    konghq.com/plugins: rl, ka, elsewhere',
    'username: alice',
    '---',
    'apiVersion: configuration.konghq.com/v1beta1',
    'kind: KongConsumerGroup',
    'metadata:',
    '  name: gold',
    '  annotations:',
    '    konghq.com/plugins: ka',
    '',
  ].join('\n');
  const scope = { names: new Set(['elsewhere']), where: 'the workspace', types: new Map([['elsewhere', 'cors']]) };
  const fs_ = checkText('kubernetes', text, env('2.8', '3.10', { kongPlugins: scope })).findings;
  assert.deepEqual(
    fs_.map((f) => `${lineOf(text, f.span.start)} ${f.code} ${at(text, f)}`),
    ['17 plugin-scope ka', '17 plugin-scope elsewhere', '25 plugin-scope ka'],
  );
  assert.match(fs_[0]!.message, /^Kong 3\.10 does not run the key-auth plugin scoped to a consumer: its consumer field must stay empty\. KongPlugin "ka" attached to KongConsumer "alice"/);
  assert.match(fs_[2]!.message, /scoped to a consumer group: its consumer_group field must stay empty/);
  // Where the facts do not say (the 3.14 schema renderings carry no scoping data), no scope is claimed;
  // the key-auth resource still gets the 3.14 hide_credentials default flip of the entity facts.
  assert.deepEqual(
    checkText('kubernetes', text, env('3.10', '3.14', { kongPlugins: scope })).findings.map((f) => `${f.code} ${at(text, f)}`),
    ['entity-default-change key-auth'],
  );
  // Custom plugins are not judged.
  assert.deepEqual(
    checkText('kubernetes', text, env('2.8', '3.10', { kongPlugins: scope, customPlugins: ['key-auth', 'cors'] })).findings.map((f) => f.code),
    [],
  );
});

test('broken and odd input never throws', () => {
  const e = env('2.8', '3.10', { kongPlugins: kongPluginScopeOf(['x'], 'the workspace') });
  for (const t of [
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nplugin: [\n',
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nplugin: acl\nconfig: 5\n',
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nplugin: acl\nconfig:\n  whitelist: *nope\n',
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nplugin: {{ .Values.x }}\nconfig: {}\n',
    'metadata:\n  annotations:\n    konghq.com/plugins: 5\n---\n- konghq.com/plugins\n',
    'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\n' + 'config:\n' + '  a:\n'.repeat(1) + '['.repeat(5000),
  ]) {
    checkText('kubernetes', t, e);
    detectKind('/x.yaml', t);
    hoverAt('kubernetes', t, t.length >> 1, e);
    completeAt('kubernetes', t, t.length, e);
  }
});

test('hover on a KongPlugin field and name; completion of fields, values and plugin names', () => {
  const e = env('2.8', '3.10');
  // (The ConfigMap's `redis_host: nope` gets no plugin hover.)
  assert.equal(hoverAt('kubernetes', BLOCK, BLOCK.indexOf('redis_host: nope') + 2, e), null);
  const h = hoverAt('kubernetes', BLOCK, BLOCK.indexOf('redis_host: redis') + 2, e)!;
  assert.ok(h, 'hover on a config key');
  assert.match(h.markdown, /redis_host/);
  assert.equal(BLOCK.slice(h.span.start, h.span.end), 'redis_host');
  const hn = hoverAt('kubernetes', BLOCK, BLOCK.indexOf('plugin: session') + 10, e)!;
  assert.equal(BLOCK.slice(hn.span.start, hn.span.end), 'session');
  // The env hover still answers on the KONG_* variable.
  assert.ok(hoverAt('kubernetes', BLOCK, BLOCK.indexOf('KONG_PROXY_LISTEN') + 3, e));
  // Fields under config: of a KongPlugin.
  const typing = BLOCK.replace('  minute: 100\n', '  minute: 100\n  redi\n');
  const items = completeAt('kubernetes', typing, typing.indexOf('  redi\n') + 6, e);
  assert.ok(
    items.some((i) => i.label === 'redis'),
    'redis offered',
  );
  assert.ok(!items.some((i) => i.label === 'minute'), 'keys already written are not offered');
  // Values of an enumerated field.
  const pol = completeAt('kubernetes', BLOCK, BLOCK.indexOf('policy: redis') + 'policy: '.length, e);
  assert.deepEqual(pol.map((i) => i.label).sort(), ['cluster', 'local', 'redis']);
  // Plugin names after plugin:
  const names = completeAt('kubernetes', BLOCK, BLOCK.indexOf('plugin: acl') + 'plugin: '.length, e);
  assert.ok(names.some((i) => i.label === 'rate-limiting') && names.some((i) => i.label === 'acl'));
  // Not inside the ConfigMap's data.
  const cm = completeAt('kubernetes', BLOCK, BLOCK.indexOf('plugin: rate-limiting') + 'plugin: '.length, e);
  assert.ok(!cm.some((i) => i.label === 'acl'));
});

test('CLI: findings of KongPlugins, annotations against the files checked, --fix', () => {
  const other = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: admin-only\nplugin: acl\nconfig:\n  allow: [a]\n';
  const f = fakeIO({ 'k8s/plugins.yaml': BLOCK, 'k8s/more.yaml': other });
  const code = runCli(['check', 'k8s/plugins.yaml', '--from', '2.8', '--to', '3.10', '--format', 'json'], f.io);
  assert.equal(code, 1);
  const j = JSON.parse(f.out.join(''));
  assert.equal(j.files[0].kind, 'kubernetes');
  const codes = j.files[0].findings.map((x: { code: string }) => x.code);
  assert.ok(codes.includes('deprecated-plugin-field') && codes.includes('declarative-format') && codes.includes('missing-kong-plugin'));
  // Given both files, the annotation resolves.
  const g = fakeIO({ 'k8s/plugins.yaml': BLOCK, 'k8s/more.yaml': other });
  runCli(['check', 'k8s/plugins.yaml', 'k8s/more.yaml', '--from', '2.8', '--to', '3.10', '--format', 'json'], g.io);
  assert.ok(!JSON.parse(g.out.join('')).files[0].findings.some((x: { code: string }) => x.code === 'missing-kong-plugin'));
  const h = fakeIO({ 'k8s/plugins.yaml': BLOCK });
  runCli(['check', 'k8s/plugins.yaml', '--from', '2.8', '--to', '3.10', '--fix'], h.io);
  assert.ok(h.files['k8s/plugins.yaml']!.includes('  redis:\n    host: redis.default.svc   # the service\n'));
});

test('plan: KongPlugin findings are listed per hop like decK findings; their plugins count as used', () => {
  const k = { ...knowledge, upgrade: knowledge.upgrade! };
  const plan = planForWorkspace({ from: '2.8', to: '3.10', topology: 'traditional', edition: 'enterprise' }, [{ path: 'k8s/plugins.yaml', text: BLOCK, kind: 'kubernetes' }], k);
  const all = plan.hops.flatMap((h) => h.findings.map((f) => `${h.from}->${h.to} ${f.code} ${f.field ?? ''} ${f.line}`));
  assert.ok(
    all.some((x) => /^2\.8\S*->3\.4\.\S+ declarative-format whitelist 45$/.test(x)),
    all.join('\n'),
  );
  assert.ok(
    all.some((x) => /->3\.10\.\S+ deprecated-plugin-field redis_host 36$/.test(x)),
    all.join('\n'),
  );
  assert.ok(
    all.some((x) => /->3\.4\.\S+ deprecated-plugin-field cookie_lifetime 57$/.test(x)),
    all.join('\n'),
  );
  // A missing plugin resource is not something a hop changes: not listed on a hop.
  assert.ok(!all.some((x) => /missing-kong-plugin/.test(x)));
  // The plugins of KongPlugin resources count as used by the workspace.
  assert.ok(!plan.notes.some((n) => /rate-limiting/.test(n.message)));
});
