/**
 * Hovers and completion for declarative (decK / DB-less) files and the KONG_* YAML
 * sources, through the same `hoverAt` / `completeAt` the language server calls.
 * Expectations are checked against the plugin and kong.conf knowledge, not hard-coded lists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/knowledge';
import { resolveEnv, type CheckEnv } from '../../server/src/core/check';
import { hoverAt } from '../../server/src/core/hover';
import { completeAt, type CompletionEntry } from '../../server/src/core/complete';
import { fieldsAt, fieldAt, pluginsAt, fieldName } from '../../server/src/core/knowledge/plugins';
import { namesAt, propertyAt } from '../../server/src/core/knowledge/conf';
import { yamlCursorAt } from '../../server/src/core/yamlCursor';
import { applyEdits } from '../../server/src/core/text';
import { parseDeclarative } from '../../server/src/core/declarative';

const k = loadKnowledge();
const kb = k.plugins!;

function envFor(current: string, target: string, edition: 'oss' | 'enterprise' = 'oss', customPlugins: string[] = []): CheckEnv {
  const r = resolveEnv(k, { current, target, edition }, { customPlugins });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}

const ENV = envFor('2.8', '3.10');

/** Offset of `needle` (the `nth` occurrence) plus `delta`. */
function at(text: string, needle: string, delta = 0, nth = 0): number {
  let i = -1;
  for (let n = 0; n <= nth; n++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `"${needle}" not in text`);
  }
  return i + delta;
}

/** Text with a `|` cursor marker removed, and the marker's offset. */
function cursor(src: string): { text: string; offset: number } {
  const offset = src.indexOf('|');
  assert.ok(offset >= 0);
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

const labels = (xs: CompletionEntry[]) => xs.map((x) => x.label);

const DECK = `_format_version: "3.0"
services:
- name: orders
  url: http://orders:8080
  plugins:
  - name: rate-limiting
    config:
      minute: 20
      policy: redis
      redis_host: redis.internal
      redis:
        port: 6379
  routes:
  - name: r1
    paths: [/orders]
    plugins:
    - name: pre-function
      config:
        functions:
        - return
plugins:
- name: session
  config:
    cookie_lifetime: 3600
`;

// ---------------------------------------------------------------------------------------
// Hover

test('hover on a plugin name: description, edition, status now and in the target, docs link', () => {
  const h = hoverAt('declarative', DECK, at(DECK, 'rate-limiting', 4), ENV);
  assert.ok(h);
  assert.equal(DECK.slice(h.span.start, h.span.end), 'rate-limiting');
  assert.match(h.markdown, /\*\*rate-limiting\*\*/);
  assert.ok(h.markdown.includes(kb.plugins['rate-limiting']!.description));
  assert.match(h.markdown, /OSS plugin/);
  assert.match(h.markdown, /\| status \| available \| available \|/);
  assert.ok(h.markdown.includes(`${kb.docsBase}rate-limiting/`));
});

test('hover on a plugin that is gone in the target says since when', () => {
  const removed = Object.entries(kb.plugins).find(([, r]) => r.events.some((e) => e.kind === 'removed'));
  assert.ok(removed, 'the facts know at least one removed plugin');
  const [name, rec] = removed;
  const ev = rec.events.find((e) => e.kind === 'removed')!;
  const text = `_format_version: "3.0"\nplugins:\n- name: ${name}\n`;
  const env = envFor(rec.lines[rec.lines.length - 1]!, '3.14', 'enterprise');
  const h = hoverAt('declarative', text, at(text, name, 1), env);
  assert.ok(h);
  assert.ok(h.markdown.includes(`removed in ${ev.version}`), h.markdown);
});

test('hover on a flat deprecated field: 2.8 accepted, 3.10 deprecated since 3.6 in favour of redis.host', () => {
  const h = hoverAt('declarative', DECK, at(DECK, 'redis_host', 3), ENV);
  assert.ok(h);
  assert.equal(DECK.slice(h.span.start, h.span.end), 'redis_host');
  assert.match(h.markdown, /`config\.redis_host`/);
  const row = h.markdown.split('\n').find((l) => l.startsWith('| status'))!;
  assert.match(row, /^\| status \| accepted \| deprecated since 3\.6 → `redis\.host`/);
  assert.match(h.markdown, /\*\*History\*\*/);
  assert.match(h.markdown, /- 3\.6: renamed to `redis\.host`/);
  assert.ok(h.markdown.includes(`${kb.docsBase}rate-limiting/reference/`));
});

test('hover on a nested field: dotted path, not yet there in 2.8, type and the rename into it', () => {
  const h = hoverAt('declarative', DECK, at(DECK, 'port: 6379', 1), ENV);
  assert.ok(h);
  assert.equal(DECK.slice(h.span.start, h.span.end), 'port');
  assert.match(h.markdown, /`config\.redis\.port`/);
  const tgt = fieldAt(kb, 'rate-limiting', 'redis.port', ENV.target.version, ENV.target.edition);
  assert.equal(tgt.status, 'accepted');
  assert.ok(tgt.status === 'accepted' && tgt.type);
  assert.match(h.markdown, new RegExp(`\\| type \\| — \\| ${tgt.type} \\|`));
  assert.match(h.markdown, /\| status \| not there yet \(added in 3\.6\) \| accepted \|/);
  assert.match(h.markdown, /`redis_port` renamed to this field/);
});

test('hover on a removed field names the version and the replacement', () => {
  const h = hoverAt('declarative', DECK, at(DECK, 'functions', 2), ENV);
  assert.ok(h);
  const f = fieldAt(kb, 'pre-function', 'functions', ENV.target.version, ENV.target.edition);
  assert.equal(f.status, 'removed');
  assert.ok(f.status === 'removed');
  const row = h.markdown.split('\n').find((l) => l.startsWith('| status'))!;
  assert.ok(row.includes(`removed since ${f.since}`), row);
  for (const r of f.currentReplacement ?? f.replacement ?? []) assert.ok(row.includes(`\`${r}\``), row);
});

test('hover on a renamed alias field with a default (session cookie_lifetime)', () => {
  const h = hoverAt('declarative', DECK, at(DECK, 'cookie_lifetime', 2), ENV);
  assert.ok(h);
  assert.match(h.markdown, /`config\.cookie_lifetime`/);
  assert.match(h.markdown, /\| default \| `3600` \|/);
  assert.match(h.markdown, /deprecated since [0-9.]+ → `rolling_timeout`/);
});

test('no hover on values, on non-plugin keys or outside config', () => {
  assert.equal(hoverAt('declarative', DECK, at(DECK, 'redis.internal', 2), ENV), null);
  assert.equal(hoverAt('declarative', DECK, at(DECK, 'url:', 1), ENV), null);
  assert.equal(hoverAt('declarative', DECK, at(DECK, 'orders', 1), ENV), null);
});

test('hover on a KONG_* variable in a docker-compose file goes through the settings', () => {
  const compose = 'services:\n  kong:\n    image: kong:2.8\n    environment:\n      KONG_LOG_LEVEL: notice\n      KONG_PG_HOST: db\n';
  const h = hoverAt('docker-compose', compose, at(compose, 'KONG_PG_HOST', 5), ENV);
  assert.ok(h);
  assert.equal(compose.slice(h.span.start, h.span.end), 'KONG_PG_HOST');
  assert.match(h.markdown, /\*\*pg_host\*\* \(as `KONG_PG_HOST`\)/);
});

// ---------------------------------------------------------------------------------------
// Completion: declarative

test('completion at the top of config: the target fields not yet written, deprecated ones tagged', () => {
  const { text, offset } = cursor(DECK.replace('      minute: 20\n', '      minute: 20\n      |\n'));
  const got = completeAt('declarative', text, offset, ENV);
  const expected = fieldsAt(kb, 'rate-limiting', '', ENV.target.version, ENV.target.edition)
    .map((f) => fieldName(f.path))
    .filter((n) => !['minute', 'policy', 'redis_host', 'redis'].includes(n));
  assert.deepEqual(new Set(labels(got)), new Set(expected));
  assert.ok(!labels(got).includes('policy'));
  const dep = got.find((c) => c.label === 'redis_port');
  assert.ok(dep?.deprecated);
  assert.match(dep.detail ?? '', /deprecated → redis\.port/);
  const hour = got.find((c) => c.label === 'hour')!;
  assert.equal(hour.deprecated, false);
  assert.equal(applyEdits(text, [hour.edit!]).split('\n')[8], '      hour: ');
});

test('completion in a nested record lists its children (redis:)', () => {
  const { text, offset } = cursor(DECK.replace('        port: 6379\n', '        port: 6379\n        h|\n'));
  const got = completeAt('declarative', text, offset, ENV);
  const expected = fieldsAt(kb, 'rate-limiting', 'redis', ENV.target.version, ENV.target.edition)
    .map((f) => fieldName(f.path))
    .filter((n) => n !== 'port');
  assert.ok(expected.includes('host'));
  assert.deepEqual(labels(got).sort(), expected.sort());
  const host = got.find((c) => c.label === 'host')!;
  assert.equal(text.slice(host.edit!.start, host.edit!.end), 'h');
});

test('completion of a key typed over an existing one keeps its colon', () => {
  const { text, offset } = cursor(DECK.replace('      minute: 20', '      min|ute: 20'));
  const got = completeAt('declarative', text, offset, ENV);
  const m = got.find((c) => c.label === 'minute')!;
  assert.ok(m);
  assert.equal(applyEdits(text, [m.edit!]).split('\n')[7], '      minute: 20');
});

test('completion of values for an enum field, and booleans', () => {
  const { text, offset } = cursor(DECK.replace('policy: redis', 'policy: lo|'));
  const got = completeAt('declarative', text, offset, ENV);
  const f = fieldAt(kb, 'rate-limiting', 'policy', ENV.target.version, ENV.target.edition);
  assert.ok(f.status === 'accepted' && f.allowed);
  assert.deepEqual(labels(got), f.allowed.map(String));
  const local = got.find((c) => c.label === 'local')!;
  assert.equal(text.slice(local.edit!.start, local.edit!.end), 'lo');
  assert.equal(local.detail, f.hasDefault && f.default === 'local' ? 'default' : undefined);
  const b = cursor(DECK.replace('      minute: 20', '      fault_tolerant: |'));
  assert.deepEqual(labels(completeAt('declarative', b.text, b.offset, ENV)), ['true', 'false']);
});

test('completion of plugin names: target plugins for the edition, plus custom plugins', () => {
  const { text, offset } = cursor(DECK.replace('- name: session', '- name: sess|'));
  const oss = envFor('2.8', '3.4', 'oss', ['my-auth']);
  const got = completeAt('declarative', text, offset, oss);
  const expected = pluginsAt(kb, oss.target.version, oss.target.edition);
  assert.deepEqual(
    labels(got).filter((l) => l !== 'my-auth'),
    expected,
  );
  assert.ok(!labels(got).includes('rate-limiting-advanced'), 'no Enterprise plugins for OSS');
  assert.equal(got.find((c) => c.label === 'my-auth')?.detail, 'custom plugin');
  const ent = completeAt('declarative', text, offset, envFor('2.8', '3.4', 'enterprise'));
  assert.ok(labels(ent).includes('rate-limiting-advanced'));
  const s = got.find((c) => c.label === 'session')!;
  assert.equal(text.slice(s.edit!.start, s.edit!.end), 'sess');
  // In a service's plugin list too.
  const svc = cursor(DECK.replace('  - name: rate-limiting', '  - name: |'));
  assert.ok(labels(completeAt('declarative', svc.text, svc.offset, ENV)).includes('rate-limiting'));
});

test('completion while the YAML is incomplete: indentation gives the context', () => {
  // A key without its colon, nothing after, and an unterminated plugin list above.
  const src = `_format_version: "3.0"
plugins:
- name: rate-limiting
  config:
    redis:
      ho|`;
  const { text, offset } = cursor(src);
  const got = completeAt('declarative', text, offset, ENV);
  assert.ok(labels(got).includes('host'));
  assert.ok(!labels(got).includes('minute'), 'redis children only');
  // The plugin's name written after its config, and a broken line elsewhere.
  const src2 = `plugins:
- config:
    |
  name: rate-limiting
  bad: [unclosed
services: {
`;
  const c2 = cursor(src2);
  const got2 = completeAt('declarative', c2.text, c2.offset, ENV);
  assert.ok(labels(got2).includes('minute'));
  assert.ok(labels(got2).includes('redis'));
  // Nothing outside a plugin's config.
  const c3 = cursor('_format_version: "3.0"\nservices:\n- name: a\n  |\n');
  assert.deepEqual(completeAt('declarative', c3.text, c3.offset, ENV), []);
  // Nothing in a comment.
  const c4 = cursor('plugins:\n- name: rate-limiting\n  config:\n    # mi|\n');
  assert.deepEqual(completeAt('declarative', c4.text, c4.offset, ENV), []);
});

test('yamlCursorAt: chain of keys and items, both list styles', () => {
  const { text, offset } = cursor('a:\n  - b: 1\n    c:\n      - d\n      - |\ne: 2\n');
  const c = yamlCursorAt(text, offset)!;
  assert.equal(c.mode, 'key');
  assert.deepEqual(
    c.path.map((n) => (n.kind === 'key' ? n.key : n.kind)),
    ['a', 'item', 'c', 'item'],
  );
  const v = cursor('x:\n- name: y\n  k: v|al\n');
  const cv = yamlCursorAt(v.text, v.offset)!;
  assert.equal(cv.mode, 'value');
  assert.equal(cv.key?.key, 'k');
  assert.equal(cv.typed, 'v');
  assert.equal(v.text.slice(cv.span.start, cv.span.end), 'val');
  assert.deepEqual(
    cv.path.map((n) => (n.kind === 'key' ? n.key : n.kind)),
    ['x', 'item'],
  );
  assert.equal(cv.container.children.find((n) => n.key === 'name')?.value, 'y');
  // Inside a block scalar: no context.
  const b = cursor('a: >\n  text |here\nb: 1\n');
  assert.equal(yamlCursorAt(b.text, b.offset), null);
});

// ---------------------------------------------------------------------------------------
// Completion: KONG_* YAML sources

const confNames = (env: CheckEnv) => namesAt(k.conf, env.target.version, env.target.edition);

test('docker-compose environment map: KONG_* names (not those already set), then values', () => {
  const { text, offset } = cursor('services:\n  kong:\n    image: kong\n    environment:\n      KONG_PG_HOST: db\n      KONG_LOG|\n');
  const got = completeAt('docker-compose', text, offset, ENV);
  const expected = confNames(ENV)
    .filter((n) => n !== 'pg_host')
    .map((n) => `KONG_${n.toUpperCase()}`);
  assert.deepEqual(labels(got), expected);
  const ll = got.find((c) => c.label === 'KONG_LOG_LEVEL')!;
  assert.equal(applyEdits(text, [ll.edit!]).split('\n')[5], '      KONG_LOG_LEVEL: ');
  // Values of an enum property.
  const v = cursor('services:\n  kong:\n    environment:\n      KONG_LOG_LEVEL: |\n');
  const st = propertyAt(k.conf, 'log_level', ENV.target.version, ENV.target.edition).state!;
  assert.deepEqual(labels(completeAt('docker-compose', v.text, v.offset, ENV)), st.allowed);
  // A boolean property's values are quoted for YAML (on/off would be booleans in YAML 1.1).
  const bp = confNames(ENV).find((n) => propertyAt(k.conf, n, ENV.target.version, ENV.target.edition).state?.type === 'boolean')!;
  const b = cursor(`services:\n  kong:\n    environment:\n      KONG_${bp.toUpperCase()}: |\n`);
  const bv = completeAt('docker-compose', b.text, b.offset, ENV);
  assert.deepEqual(labels(bv), ['on', 'off']);
  assert.equal(bv[0]!.edit!.newText, '"on"');
  // Not outside `environment:`.
  const o = cursor('services:\n  kong:\n    imag|\n');
  assert.deepEqual(completeAt('docker-compose', o.text, o.offset, ENV), []);
});

test('docker-compose environment list: KONG_X= names and raw values after =', () => {
  const { text, offset } = cursor('services:\n  kong:\n    environment:\n      - KONG_DATABASE=off\n      - KONG_LOG_L|\n');
  const got = completeAt('docker-compose', text, offset, ENV);
  assert.ok(!labels(got).includes('KONG_DATABASE'));
  const ll = got.find((c) => c.label === 'KONG_LOG_LEVEL')!;
  assert.equal(applyEdits(text, [ll.edit!]).split('\n')[4], '      - KONG_LOG_LEVEL=');
  const v = cursor('services:\n  kong:\n    environment:\n      - KONG_LOG_LEVEL=de|\n');
  const vals = completeAt('docker-compose', v.text, v.offset, ENV);
  const dbg = vals.find((c) => c.label === 'debug')!;
  assert.ok(dbg);
  assert.equal(applyEdits(v.text, [dbg.edit!]).split('\n')[3], '      - KONG_LOG_LEVEL=debug');
  // A fresh line in a list-form block gets the dash too.
  const n = cursor('services:\n  kong:\n    environment:\n      - KONG_DATABASE=off\n      |\n');
  const ng = completeAt('docker-compose', n.text, n.offset, ENV);
  const pl = ng.find((c) => c.label === 'KONG_PROXY_LISTEN')!;
  assert.equal(applyEdits(n.text, [pl.edit!]).split('\n')[4], '      - KONG_PROXY_LISTEN=');
  assert.ok(!labels(ng).includes('KONG_DATABASE'));
});

test('kubernetes env list and helm values env map', () => {
  const k8s = cursor(
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: kong\n        env:\n        - name: KONG_PG_HOST\n          value: db\n        - name: KONG_PR|\n',
  );
  const got = completeAt('kubernetes', k8s.text, k8s.offset, ENV);
  assert.ok(labels(got).includes('KONG_PROXY_LISTEN'));
  assert.ok(!labels(got).includes('KONG_PG_HOST'));
  const kv = cursor('spec:\n  containers:\n  - name: kong\n    env:\n    - name: KONG_LOG_LEVEL\n      value: |\n');
  assert.ok(labels(completeAt('kubernetes', kv.text, kv.offset, ENV)).includes('notice'));
  const helm = cursor('image:\n  tag: "3.4"\nenv:\n  database: "off"\n  log_l|\n');
  const hg = completeAt('helm-values', helm.text, helm.offset, ENV);
  assert.ok(labels(hg).includes('log_level'));
  assert.ok(!labels(hg).includes('database'));
  assert.ok(!labels(hg).some((l) => l.startsWith('KONG_')));
  const hn = cursor('image:\n  repository: kong\n  ta|\n');
  assert.deepEqual(completeAt('helm-values', hn.text, hn.offset, ENV), []);
});

test('kubernetes ConfigMap data in a multi-document file; the Deployment document is not a ConfigMap', () => {
  const src = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kong-env\ndata:\n  KONG_DATABASE: "off"\n  KONG_AD|\n---\napiVersion: v1\nkind: Service\n';
  const { text, offset } = cursor(src);
  const got = completeAt('kubernetes', text, offset, ENV);
  assert.ok(labels(got).includes('KONG_ADMIN_LISTEN'));
  assert.ok(!labels(got).includes('KONG_DATABASE'));
  const other = cursor('apiVersion: v1\nkind: ConfigMap\ndata:\n  KONG_X: "1"\n---\nkind: Secret\ndata:\n  KONG_AD|\n');
  assert.deepEqual(completeAt('kubernetes', other.text, other.offset, ENV), []);
});

test('CRLF line ends and documents after --- keep spans and context exact', () => {
  const src = '_format_version: "3.0"\r\n---\r\n_format_version: "3.0"\r\nplugins:\r\n- name: rate-limiting\r\n  config:\r\n    policy: |\r\n    minute: 1\r\n';
  const { text, offset } = cursor(src);
  const got = completeAt('declarative', text, offset, ENV);
  assert.ok(labels(got).includes('local'));
  assert.equal(got[0]!.edit!.start, offset);
  assert.equal(got[0]!.edit!.end, offset);
  const h = hoverAt('declarative', text, at(text, 'minute', 2), ENV);
  assert.ok(h);
  assert.equal(text.slice(h.span.start, h.span.end), 'minute');
});

test('hover works in flow-style YAML and in JSON decK files (through the parsed model)', () => {
  const flow = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: { minute: 1, redis_host: r }\n';
  const h = hoverAt('declarative', flow, at(flow, 'redis_host', 1), ENV);
  assert.ok(h);
  assert.match(h.markdown, /deprecated since 3\.6/);
  const json = '{"_format_version": "3.0", "plugins": [{"name": "session", "config": {"cookie_lifetime": 10}}]}';
  const hj = hoverAt('declarative', json, at(json, 'cookie_lifetime', 1), ENV);
  assert.ok(hj);
  assert.equal(json.slice(hj.span.start, hj.span.end), '"cookie_lifetime"');
  assert.match(hj.markdown, /`config\.cookie_lifetime`/);
  const hp = hoverAt('declarative', json, at(json, 'session', 1), ENV);
  assert.match(hp?.markdown ?? '', /\*\*session\*\*/);
});

test('completion context in a large file reads only the entry around the cursor', () => {
  let big = '_format_version: "3.0"\nservices:\n';
  for (let i = 0; i < 3000; i++) big += `- name: s${i}\n  url: http://s${i}\n  plugins:\n  - name: ${i % 2 ? 'session' : 'rate-limiting'}\n    config:\n      minute: 1\n`;
  // The last service (i = 2999) has session: its fields, not rate-limiting's.
  const i = big.lastIndexOf('      minute: 1');
  const got = completeAt('declarative', big, i + 6, ENV);
  const expected = fieldsAt(kb, 'session', '', ENV.target.version, ENV.target.edition).map((f) => fieldName(f.path));
  assert.deepEqual(new Set(labels(got)), new Set(expected));
});

test('hover reading only the entry around the cursor finds every plugin and field the full parse finds', () => {
  const indented = DECK.replace(/^(?=[ -])/gm, '  '); // every list indented under its key
  for (const text of [DECK, indented]) {
    const model = parseDeclarative(text);
    assert.ok(model.plugins.length >= 3);
    for (const p of model.plugins) {
      const h = hoverAt('declarative', text, p.nameSpan.start + 1, ENV);
      assert.deepEqual(h?.span, p.nameSpan, p.name);
      for (const f of p.fields) {
        const hf = hoverAt('declarative', text, f.keySpan.start + 1, ENV);
        assert.deepEqual(hf?.span, f.keySpan, f.path);
        assert.ok(hf.markdown.includes(`\`config.${f.path}\``));
      }
    }
  }
});

test('an alias to an anchor outside the entry still hovers (whole-text fallback)', () => {
  const text = '_format_version: "3.0"\nx-cfg: &cfg\n  minute: 1\n  redis_host: r\nplugins:\n- name: rate-limiting\n  config: *cfg\n';
  const h = hoverAt('declarative', text, at(text, 'redis_host', 2), ENV);
  assert.ok(h);
  assert.match(h.markdown, /`config\.redis_host`/);
});

test('completion in lists indented under their keys', () => {
  const { text, offset } = cursor('_format_version: "3.0"\nservices:\n  - name: a\n    plugins:\n      - name: rate-limiting\n        config:\n          redis:\n            po|\n  - name: b\n');
  const got = completeAt('declarative', text, offset, ENV);
  assert.ok(labels(got).includes('port'));
  assert.ok(!labels(got).includes('minute'));
});
