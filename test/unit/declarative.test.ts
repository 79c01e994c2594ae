/**
 * Declarative (decK / DB-less) files: detection, the model (offsets, every place a plugin
 * can sit, multi-document, anchors, flow style, JSON), the rules with their fixes, the
 * incremental session (must always equal a fresh full check) and the shared corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import releases from '../../server/knowledge/releases.json';
import pluginsJson from '../../server/knowledge/plugins.json';
import { resolveVersion } from '../../server/src/core/version';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import type { PluginKnowledge } from '../../server/src/core/knowledge/pluginTypes';
import type { Finding } from '../../server/src/core/model';
import { applyEdits } from '../../server/src/core/text';
import { checkDeclarative, checkDeclarativeFull, DeclarativeSession, changedRegion, globMatch, isDeclarativeFile, parseDeclarative, type DeclarativeContext } from '../../server/src/core/declarative';
import { prng } from '../../scripts/bench/gen-deck';
import { sized } from '../support/exhaustive';
import confJson from '../../server/knowledge/kong-conf.json';
import type { ConfKnowledge } from '../../server/src/core/knowledge/types';
import { fixAll as productFixAll, type CheckEnv } from '../../server/src/core/check';
import { generateDeckText } from '../../scripts/bench/gen-deck';
import { parseYamlFast, Unsupported } from '../../server/src/core/declarative/yamlFast';
import { toJS } from '../../server/src/core/declarative/nodes';

const kb = pluginsJson as unknown as PluginKnowledge;
const fixtures = path.resolve(__dirname, '..', 'fixtures', 'declarative');
const corpusDir = path.resolve(__dirname, '../../../shared/corpus/declarative');

function ver(v: string) {
  const r = resolveVersion(releases as unknown as ReleasesKnowledge, v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
function ctx(from = '2.8', to = '3.10', customPlugins: string[] = []): DeclarativeContext {
  return { plugins: kb, current: ver(from), target: ver(to), customPlugins };
}
/** The fix-all the product runs (LSP source.fixAll.kong, CLI --fix), for a declarative context. */
function fixAll(text: string, c: DeclarativeContext): { text: string; applied: number } {
  const env: CheckEnv = {
    knowledge: { conf: confJson as unknown as ConfKnowledge, releases: releases as unknown as ReleasesKnowledge, plugins: c.plugins },
    current: c.current,
    target: c.target,
    customPlugins: c.customPlugins,
    declarativeGlobs: [],
  };
  return productFixAll('declarative', text, env);
}
function fixture(name: string): string {
  return fs.readFileSync(path.join(fixtures, name), 'utf8');
}
function parseAll(text: string): unknown[] {
  const docs = YAML.parseAllDocuments(text, { merge: true });
  const arr = Array.isArray(docs) ? docs : [docs];
  for (const d of arr)
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      'text parses without errors',
    );
  return arr.map((d) => d.toJS());
}
function brief(text: string, fs_: Finding[]) {
  return fs_.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end)]);
}
function applyFirst(text: string, f: Finding): string {
  const fx = f.fixes?.[0];
  assert.ok(fx, `finding ${f.code} on ${text.slice(f.span.start, f.span.end)} has a fix`);
  return applyEdits(text, fx.edits);
}
/** Rename/move keys inside every plugin config of parsed data (the expected effect of a fix). */
function mapConfigs(data: unknown, fn: (plugin: string, cfg: Record<string, unknown>) => void): unknown {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.name === 'string' && o.config && typeof o.config === 'object' && !Array.isArray(o.config)) fn(o.name, o.config as Record<string, unknown>);
      for (const k of Object.keys(o)) walk(o[k]);
    }
  };
  const copy = structuredClone(data);
  walk(copy);
  return copy;
}
function renameIn(cfg: Record<string, unknown>, from: string, to: string): void {
  if (!(from in cfg)) return;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cfg)) out[k === from ? to : k] = v;
  for (const k of Object.keys(cfg)) delete cfg[k];
  Object.assign(cfg, out);
}
/** Compare data ignoring key order. */
function sameData(a: unknown, b: unknown, msg?: string): void {
  const norm = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(norm)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
          )
        : v;
  assert.deepEqual(norm(a), norm(b), msg);
}

// ---------------------------------------------------------------------------------------
// Detection

test('detection: names, _format_version, globs; other YAML is not claimed', () => {
  assert.ok(isDeclarativeFile('/x/kong.yml', ''));
  assert.ok(isDeclarativeFile('C:\\x\\kong.yaml', ''));
  assert.ok(isDeclarativeFile('/x/prod.kong.yaml', ''));
  assert.ok(isDeclarativeFile('/x/prod.kong.yml', ''));
  assert.ok(isDeclarativeFile('/x/deck/gateway.yaml', '# comment\n_format_version: "3.0"\nservices: []\n'));
  assert.ok(isDeclarativeFile('/x/gateway.json', '{\n  "services": [],\n  "_format_version": "3.0"\n}'));
  assert.ok(!isDeclarativeFile('/x/gateway.json', '{ "a": { "_format_version": "3.0" } }'), 'nested key does not count');
  assert.ok(!isDeclarativeFile('/x/values.yaml', 'image:\n  tag: 3.4\nenv:\n  _format_version: "3.0"\n'), 'indented key does not count');
  assert.ok(!isDeclarativeFile('/x/docker-compose.yml', 'services:\n  kong:\n    image: kong\n'));
  assert.ok(!isDeclarativeFile('/x/notes.txt', '_format_version: "3.0"\n'));
  assert.ok(isDeclarativeFile('/repo/deck/prod/gw.yaml', 'services: []\n', ['deck/**/*.yaml']));
  assert.ok(!isDeclarativeFile('/repo/other/gw.yaml', 'services: []\n', ['deck/**/*.yaml']));
  assert.ok(globMatch('*.deck.{yml,yaml}', '/a/b/x.deck.yml'));
  assert.ok(!globMatch('*.deck.{yml,yaml}', '/a/b/x.deck.json'));
  assert.ok(globMatch('**/gw-?.yaml', 'a/b/gw-1.yaml'));
  assert.ok(!globMatch('gw/*.yaml', 'gw/a/b.yaml'), '* does not cross /');
});

// ---------------------------------------------------------------------------------------
// Model

const EXPECTED_PLACES: Array<[string, string, string]> = [
  ['plugins[0]', 'global', 'acl'],
  ['plugins[1]', 'consumer', 'key-auth'],
  ['services[0].plugins[0]', 'service', 'acl'],
  ['services[0].routes[0].plugins[0]', 'route', 'acl'],
  ['routes[0].plugins[0]', 'route', 'pre-function'],
  ['consumers[0].plugins[0]', 'consumer', 'acl'],
  ['consumer_groups[0].plugins[0]', 'consumer_group', 'acl'],
];

test('model (YAML): every place a plugin can sit, with exact spans', () => {
  const text = fixture('every-place.yaml');
  const m = parseDeclarative(text);
  assert.equal(m.format, 'yaml');
  assert.deepEqual(m.errors, []);
  assert.deepEqual(
    m.plugins.map((p) => [p.where, p.scope, p.name]),
    EXPECTED_PLACES,
  );
  for (const p of m.plugins) {
    assert.equal(text.slice(p.nameSpan.start, p.nameSpan.end), p.name);
    for (const f of p.fields) assert.equal(text.slice(f.keySpan.start, f.keySpan.end), f.key, `key span of ${f.path}`);
  }
  const acl = m.plugins[2]!;
  assert.deepEqual(
    acl.fields.map((f) => [f.path, f.value, f.valueKind]),
    [
      ['whitelist', ['a', 'b'], 'seq'],
      ['hide_groups_header', true, 'boolean'],
    ],
  );
  assert.equal(text.slice(acl.fields[0]!.valueSpan.start, acl.fields[0]!.valueSpan.end), '[a, b]');
  assert.equal(m.formatVersion?.value, '2.1');
  assert.equal(text.slice(m.formatVersion!.span.start, m.formatVersion!.span.end), '"2.1"');
  assert.deepEqual(
    m.routePaths.map((r) => [r.where, r.value, text.slice(r.span.start, r.span.end)]),
    [
      ['services[0].routes[0].paths[0]', '/plain', '/plain'],
      ['services[0].routes[0].paths[1]', '/users/\\d+', '/users/\\d+'],
      ['routes[0].paths[0]', '/orders/(new|old)', '"/orders/(new|old)"'],
    ],
  );
});

test('model (JSON): same places and spans', () => {
  const text = fixture('every-place.json');
  const m = parseDeclarative(text);
  assert.equal(m.format, 'json');
  assert.deepEqual(m.errors, []);
  assert.deepEqual(
    m.plugins.map((p) => [p.where, p.scope, p.name]),
    [
      ['plugins[0]', 'global', 'acl'],
      ['services[0].plugins[0]', 'service', 'acl'],
      ['services[0].routes[0].plugins[0]', 'route', 'acl'],
      ['services[1].plugins[0]', 'service', 'rate-limiting'],
      ['routes[0].plugins[0]', 'route', 'pre-function'],
      ['consumers[0].plugins[0]', 'consumer', 'acl'],
      ['consumer_groups[0].plugins[0]', 'consumer_group', 'acl'],
    ],
  );
  for (const p of m.plugins) for (const f of p.fields) assert.equal(text.slice(f.keySpan.start, f.keySpan.end), JSON.stringify(f.key));
  assert.deepEqual(
    m.routePaths.map((r) => text.slice(r.span.start, r.span.end)),
    ['"/plain"', '"/users/\\\\d+"', '"/orders/(new|old)"'],
  );
});

test('model: several documents, anchors/aliases and merge keys resolve to where the data is written', () => {
  const text = fixture('multi-doc-anchors.yaml');
  const m = parseDeclarative(text);
  assert.deepEqual(m.errors, []);
  assert.equal(m.documents.length, 2);
  assert.deepEqual(
    m.documents.map((d) => d.formatVersion?.value),
    ['1.1', '3.0'],
  );
  const rl = m.plugins.filter((p) => p.name === 'rate-limiting');
  assert.equal(rl.length, 2);
  const host = text.indexOf('redis_host');
  for (const p of rl) {
    const f = p.fields.find((x) => x.path === 'redis_host');
    assert.ok(f, `${p.where} sees the aliased redis_host`);
    assert.equal(f.keySpan.start, host, 'span points at the anchor');
  }
  assert.deepEqual(rl[1]!.fields.map((f) => f.path).sort(), ['minute', 'policy', 'redis_host']);
  // Data equals what the yaml package reads.
  const res = checkDeclarativeFull(text, null);
  sameData(res.data(), parseAll(text));
});

test('model: broken input never throws and reports errors with offsets inside the text', () => {
  for (const text of ['services:\n- name: a\n  plugins: [\n', '{ "services": [ { "name": "a", } ] }', 'a: b: c\n', '\t- x\n', '---\n--- !!str\n...\n', 'services:\n- *nope\n', '']) {
    const r = checkDeclarativeFull(text, ctx());
    for (const e of r.errors) {
      assert.ok(e.span.start >= 0 && e.span.end <= Math.max(text.length, 1), `error span inside text for ${JSON.stringify(text)}`);
      assert.ok(e.message.length > 0);
    }
    void r.model;
  }
  assert.ok(checkDeclarativeFull('a: b: c\n', null).errors.length > 0);
  assert.ok(checkDeclarativeFull('{ "services": [ { "name": "a", } ] }', null).errors.length > 0);
  assert.ok(
    checkDeclarativeFull('services: []\nservices: []\n', null).errors.some((e) => /twice/.test(e.message)),
    'duplicate top-level key across pieces',
  );
});

// ---------------------------------------------------------------------------------------
// Rules and fixes

test('every-place (YAML): convert rules, regex paths and format version, fix-all keeps comments and data', () => {
  const text = fixture('every-place.yaml');
  const r = checkDeclarativeFull(text, ctx('2.8', '3.10'));
  const got = brief(text, r.findings);
  assert.deepEqual(got, [
    ['format-version', 'information', '"2.1"'],
    ['declarative-format', 'error', 'whitelist'],
    ['declarative-format', 'error', 'whitelist'],
    ['regex-path-prefix', 'warning', '/users/\\d+'],
    ['declarative-format', 'error', 'blacklist'],
    ['regex-path-prefix', 'warning', '"/orders/(new|old)"'],
    ['declarative-format', 'error', 'functions'],
    ['declarative-format', 'error', 'whitelist'],
    ['declarative-format', 'error', 'whitelist'],
  ]);
  for (const f of r.findings.filter((x) => x.code === 'declarative-format')) {
    assert.ok(f.plugin && f.field, 'plugin and field set');
    assert.ok(f.replacement === 'allow' || f.replacement === 'deny' || f.replacement === 'access');
  }
  const fixed = fixAll(text, ctx('2.8', '3.10')).text;
  // Comments survive, in order.
  const comments = (t: string) =>
    t
      .split('\n')
      .filter((l) => /#/.test(l))
      .map((l) => l.slice(l.indexOf('#')));
  assert.deepEqual(comments(fixed), comments(text));
  const expected = mapConfigs(parseAll(text)[0], (_n, cfg) => {
    renameIn(cfg, 'whitelist', 'allow');
    renameIn(cfg, 'blacklist', 'deny');
    renameIn(cfg, 'functions', 'access');
  }) as Record<string, unknown>;
  expected._format_version = '3.0';
  const svc = (expected.services as Array<Record<string, unknown>>)[0]!;
  const nested = (svc.routes as Array<Record<string, unknown>>)[0]!;
  nested.paths = ['/plain', '~/users/\\d+'];
  (expected.routes as Array<Record<string, unknown>>)[0]!.paths = ['~/orders/(new|old)'];
  sameData(parseAll(fixed)[0], expected);
  assert.ok(fixed.includes('config: {allow: [a, b], hide_groups_header: true}'), 'flow map renamed in place');
  assert.ok(fixed.includes('paths: ["~/orders/(new|old)"]'), 'double quotes kept');
  assert.deepEqual(checkDeclarativeFull(fixed, ctx('2.8', '3.10')).findings, [], 'nothing left after fix-all');
});

test('every-place (JSON): renames, moves and tilde keep the JSON valid and the data equal', () => {
  const text = fixture('every-place.json');
  const c = ctx('2.8', '3.10');
  const r = checkDeclarativeFull(text, c);
  const codes = r.findings.map((f) => f.code);
  assert.equal(codes.filter((x) => x === 'declarative-format').length, 6);
  assert.equal(codes.filter((x) => x === 'deprecated-plugin-field').length, 2);
  assert.equal(codes.filter((x) => x === 'regex-path-prefix').length, 2);
  // Each fix alone keeps valid JSON.
  for (const f of r.findings) if (f.fixes?.length) JSON.parse(applyFirst(text, f));
  const fixed = fixAll(text, c).text;
  const expected = mapConfigs(JSON.parse(text), (name, cfg) => {
    renameIn(cfg, 'whitelist', 'allow');
    renameIn(cfg, 'blacklist', 'deny');
    renameIn(cfg, 'functions', 'access');
    if (name === 'rate-limiting') {
      cfg.redis = { host: cfg.redis_host, port: cfg.redis_port };
      delete cfg.redis_host;
      delete cfg.redis_port;
    }
  }) as Record<string, unknown>;
  expected._format_version = '3.0';
  const data = JSON.parse(fixed) as Record<string, unknown>;
  const routes = ((data.services as Array<Record<string, unknown>>)[0]!.routes as Array<Record<string, unknown>>)[0]!;
  assert.deepEqual(routes.paths, ['/plain', '~/users/\\d+']);
  routes.paths = ['/plain', '/users/\\d+'];
  (data.routes as Array<Record<string, unknown>>)[0]!.paths = ['/orders/(new|old)'];
  sameData(data, expected);
});

test('rate-limiting redis_* → redis.*: block style follows the file indentation and shares one fix', () => {
  const text = [
    '_format_version: "3.0"',
    'plugins:',
    '- name: rate-limiting',
    '  config:',
    '    minute: 5   # per minute',
    '    redis_host: redis.internal',
    '    # the port comment stays with the port',
    '    redis_port: 6380',
    '    policy: redis',
    '',
  ].join('\n');
  const r = checkDeclarativeFull(text, ctx('3.4', '3.10'));
  assert.deepEqual(brief(text, r.findings), [
    ['deprecated-plugin-field', 'warning', 'redis_host'],
    ['deprecated-plugin-field', 'warning', 'redis_port'],
  ]);
  const [a, b] = r.findings;
  assert.deepEqual(a!.tags, ['deprecated']);
  assert.equal(a!.field, 'redis_host');
  assert.equal(a!.replacement, 'redis.host');
  assert.deepEqual(a!.fixes, b!.fixes, 'the moves into one new map share one fix');
  const fixed = applyFirst(text, a!);
  assert.equal(
    fixed,
    [
      '_format_version: "3.0"',
      'plugins:',
      '- name: rate-limiting',
      '  config:',
      '    minute: 5   # per minute',
      '    redis:',
      '      host: redis.internal',
      '      port: 6380',
      '    # the port comment stays with the port',
      '    policy: redis',
      '',
    ].join('\n'),
  );
  assert.equal(fixAll(text, ctx('3.4', '3.10')).text, fixed);
});

test('moves merge into an existing redis map and never overwrite a key that is already there', () => {
  const text = ['_format_version: "3.0"', 'plugins:', '- name: rate-limiting', '  config:', '    redis:', '        port: 6380', '    redis_host: h', '    redis_port: 1234', '    minute: 5', ''].join(
    '\n',
  );
  const r = checkDeclarativeFull(text, ctx('3.4', '3.10'));
  const host = r.findings.find((f) => f.field === 'redis_host')!;
  const port = r.findings.find((f) => f.field === 'redis_port')!;
  assert.ok(host.fixes?.length);
  assert.equal(port.fixes, undefined, 'conflicting move has no fix');
  assert.match(port.message, /already set/);
  assert.equal(
    applyFirst(text, host),
    ['_format_version: "3.0"', 'plugins:', '- name: rate-limiting', '  config:', '    redis:', '        port: 6380', '        host: h', '    redis_port: 1234', '    minute: 5', ''].join('\n'),
  );
});

test('flow-style config maps get flow-style moves', () => {
  const text = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: {minute: 5, redis_host: r1, redis_port: 6380, policy: redis}\n';
  const fixed = fixAll(text, ctx('3.4', '3.10')).text;
  assert.equal(fixed, '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: {minute: 5, policy: redis, redis: {host: r1, port: 6380}}\n');
});

test('CRLF files stay CRLF; quoting of paths and keys is kept', () => {
  const text =
    "_format_version: '1.1'\r\nroutes:\r\n- name: r\r\n  paths:\r\n  - /a/\\d+\r\n  - '/b/(x|y)'\r\n  - \"/c/[0-9]+\"\r\n  - /plain\r\n  plugins:\r\n  - name: acl\r\n    config:\r\n      'whitelist':\r\n      - a\r\n  - name: rate-limiting\r\n    config:\r\n      minute: 1\r\n      redis_host: r\r\n";
  const fixed = fixAll(text, ctx('2.8', '3.10')).text;
  assert.equal(
    fixed,
    "_format_version: '3.0'\r\nroutes:\r\n- name: r\r\n  paths:\r\n  - ~/a/\\d+\r\n  - '~/b/(x|y)'\r\n  - \"~/c/[0-9]+\"\r\n  - /plain\r\n  plugins:\r\n  - name: acl\r\n    config:\r\n      'allow':\r\n      - a\r\n  - name: rate-limiting\r\n    config:\r\n      minute: 1\r\n      redis:\r\n        host: r\r\n",
  );
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
});

test('format-version: missing, unknown and old values', () => {
  const missing = 'services:\n- name: a\n  url: http://x\n';
  const m = checkDeclarativeFull(missing, ctx('2.8', '3.10')).findings;
  assert.deepEqual(
    brief(missing, m).map((x) => x.slice(0, 2)),
    [['format-version', 'error']],
  );
  assert.equal(applyFirst(missing, m[0]!), '_format_version: "3.0"\nservices:\n- name: a\n  url: http://x\n');
  const future = '_format_version: "3.0"\nservices: []\n';
  const f = checkDeclarativeFull(future, ctx('2.4', '2.8')).findings;
  assert.deepEqual(brief(future, f), [['format-version', 'error', '"3.0"']]);
  assert.match(f[0]!.message, /"1\.1", "2\.1"/);
  assert.equal(applyFirst(future, f[0]!), '_format_version: "2.1"\nservices: []\n');
  const plain = '_format_version: 1.1\nservices: []\n';
  const p = checkDeclarativeFull(plain, ctx('2.8', '3.10')).findings;
  assert.deepEqual(brief(plain, p), [['format-version', 'warning', '1.1']]);
  assert.equal(applyFirst(plain, p[0]!), '_format_version: "3.0"\nservices: []\n', 'plain 3.0 would be a number: quoted');
  assert.deepEqual(checkDeclarativeFull('_format_version: "3.0"\n', ctx('3.4', '3.10')).findings, []);
  const json = '{\n  "services": []\n}\n';
  const j = checkDeclarativeFull(json, ctx('2.8', '3.10')).findings;
  assert.equal(j.length, 1);
  assert.deepEqual(JSON.parse(applyFirst(json, j[0]!)), { _format_version: '3.0', services: [] });
});

test('regex-path-prefix: only when crossing 3.0; a 3.0-format file gets a hint without a preferred fix', () => {
  const t = '_format_version: "3.0"\nroutes:\n- name: r\n  paths: [/x/\\d+, ~/y/\\d+, /plain/v1.2_x~%20-]\n';
  const cross = checkDeclarativeFull(t, ctx('2.8', '3.10')).findings;
  assert.deepEqual(brief(t, cross), [['regex-path-prefix', 'warning', '/x/\\d+']]);
  const after = checkDeclarativeFull(t, ctx('3.4', '3.10')).findings;
  assert.deepEqual(brief(t, after), [['regex-path-prefix', 'hint', '/x/\\d+']]);
  assert.equal(after[0]!.fixes?.[0]?.preferred, false);
  assert.deepEqual(
    checkDeclarativeFull(t, ctx('2.4', '2.8')).findings.filter((f) => f.code === 'regex-path-prefix'),
    [],
  );
  // A plain scalar that would not stay a string gets quotes.
  const q = '_format_version: "2.1"\nroutes:\n- paths:\n  - /a:b\n';
  const f = checkDeclarativeFull(q, ctx('2.8', '3.10')).findings.find((x) => x.code === 'regex-path-prefix')!;
  const fixed = applyFirst(q, f);
  assert.deepEqual((parseAll(fixed)[0] as { routes: Array<{ paths: string[] }> }).routes[0]!.paths, ['~/a:b']);
});

test('a field of a later version names the first version that has it (not "only" that one)', () => {
  const text = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    minute: 5\n    redis:\n      host: r\n';
  const f = checkDeclarativeFull(text, ctx('3.4', '3.4')).findings.find((x) => x.code === 'unknown-plugin-field')!;
  assert.ok(f, 'redis.host is unknown in 3.4');
  assert.match(f.message, /Kong 3\.6 is the first version that has it\./);
});

test('plugins: unknown (did-you-mean, custom plugins silent), fields: unknown, invalid values, defaults', () => {
  const text = [
    '_format_version: "3.0"',
    'plugins:',
    '- name: rate-limitng',
    '- name: my-own',
    '- name: rate-limiting',
    '  config:',
    '    minuet: 5',
    '    policy: redsi',
    '    redis_port: 6379',
    '    redis_timeout: 3000',
    '- name: cors',
    "  config: {max_age: 'soon', origins: '*'}",
    '',
  ].join('\n');
  const r = checkDeclarativeFull(text, ctx('3.4', '3.10', ['my-own']));
  assert.deepEqual(brief(text, r.findings), [
    ['unknown-plugin', 'information', 'rate-limitng'],
    ['unknown-plugin-field', 'warning', 'minuet'],
    ['invalid-plugin-value', 'error', 'policy'],
    ['deprecated-plugin-field', 'hint', 'redis_port'],
    ['deprecated-plugin-field', 'warning', 'redis_timeout'],
    ['invalid-plugin-value', 'error', 'max_age'],
    ['invalid-plugin-value', 'error', 'origins'],
  ]);
  const byText = (s: string) => r.findings.find((f) => text.slice(f.span.start, f.span.end) === s)!;
  assert.equal(byText('rate-limitng').replacement, 'rate-limiting');
  assert.equal(byText('minuet').replacement, 'minute');
  assert.equal(applyFirst(text, byText('minuet')).includes('    minute: 5'), true);
  assert.equal(byText('policy').replacement, 'redis');
  assert.ok(applyFirst(text, byText('policy')).includes('policy: redis\n'));
  assert.match(byText('redis_port').message, /default/);
  assert.ok(byText('redis_port').fixes?.[0]?.preferred, 'default-valued keys still get the move');
  // Without the custom list, my-own is reported.
  assert.ok(checkDeclarativeFull(text, ctx('3.4', '3.10')).findings.some((f) => f.code === 'unknown-plugin' && f.message.includes('my-own')));
});

test('removed fields: rename when there is a replacement, comment out (never delete) when there is none', () => {
  const text = [
    '_format_version: "3.0"',
    'plugins:',
    '- name: acl',
    '  config:',
    '    whitelist: [a]',
    '- name: pre-function',
    '  config:',
    '    functions: [return 2]',
    '    access: [return 1]',
    '- name: aws-lambda',
    '  config:',
    '    function_name: f',
    '    proxy_scheme:   # old',
    '      https',
    '    aws_region: eu-west-1',
    '',
  ].join('\n');
  const r = checkDeclarativeFull(text, ctx('3.4', '3.10'));
  const wl = r.findings.find((f) => f.field === 'whitelist')!;
  assert.equal(wl.code, 'removed-plugin-field');
  assert.equal(wl.severity, 'error');
  assert.equal(wl.replacement, 'allow');
  assert.ok(applyFirst(text, wl).includes('    allow: [a]'));
  const fn = r.findings.find((f) => f.field === 'functions')!;
  assert.equal(fn.code, 'removed-plugin-field');
  assert.equal(fn.fixes, undefined, 'access is already set: no automatic fix');
  assert.match(fn.message, /already set/);
  const ps = r.findings.find((f) => f.field === 'proxy_scheme')!;
  assert.equal(ps.code, 'removed-plugin-field');
  assert.equal(ps.replacement, null);
  const fixed = applyFirst(text, ps);
  assert.ok(fixed.includes('    # proxy_scheme:   # old\n      # https\n'), fixed);
  const data = parseAll(fixed)[0] as { plugins: Array<{ config: Record<string, unknown> }> };
  assert.deepEqual(data.plugins[2]!.config, { function_name: 'f', aws_region: 'eu-west-1' });
});

test('multi-document file with anchors: aliased fields reported once, at the anchor', () => {
  const text = fixture('multi-doc-anchors.yaml');
  const r = checkDeclarativeFull(text, ctx('3.4', '3.10'));
  const host = r.findings.filter((f) => f.field === 'redis_host');
  assert.equal(host.length, 1);
  assert.equal(host[0]!.span.start, text.indexOf('redis_host'));
  const fv = r.findings.filter((f) => f.code === 'format-version');
  assert.equal(fv.length, 1, 'only the 1.1 document');
  assert.ok(fv[0]!.span.start < text.indexOf('---'));
  const fixed = fixAll(text, ctx('3.4', '3.10')).text;
  assert.ok(fixed.includes('&rl') && fixed.includes('*rl') && fixed.includes('<<: *rl'), 'anchors kept');
  parseAll(fixed);
});

test('checkDeclarative over an absolute model agrees with the session', () => {
  for (const name of ['every-place.yaml', 'every-place.json', 'multi-doc-anchors.yaml']) {
    const text = fixture(name);
    const c = ctx('2.8', '3.10');
    const res = checkDeclarativeFull(text, c);
    const direct = checkDeclarative(res.model, c, text);
    const norm = (fs_: Finding[]) => fs_.map((f) => JSON.stringify(f)).sort();
    assert.deepEqual(norm(direct), norm(res.findings), name);
  }
});

// ---------------------------------------------------------------------------------------
// Incremental session

function snapshot(r: ReturnType<typeof checkDeclarativeFull>): unknown {
  const m = r.model;
  return {
    format: r.format,
    findings: r.findings,
    errors: r.errors,
    plugins: m.plugins.map((p) => ({ where: p.where, name: p.name, scope: p.scope, nameSpan: p.nameSpan, fields: p.fields.map((f) => [f.path, f.keySpan, f.valueSpan, f.value]) })),
    paths: m.routePaths.map((x) => [x.where, x.value, x.span]),
    fv: m.documents.map((d) => d.formatVersion?.value ?? null),
  };
}

function randomEdit(text: string, r: () => number, pool: string[]): string {
  const lines = text.split(/(?<=\n)/);
  const i = Math.floor(r() * Math.max(1, lines.length));
  const kind = Math.floor(r() * 9);
  const line = lines[i] ?? '';
  switch (kind) {
    case 0: // delete a line
      lines.splice(i, 1);
      break;
    case 1: // duplicate a line
      lines.splice(i, 0, line);
      break;
    case 2: // insert a line from elsewhere in the corpus of snippets
      lines.splice(i, 0, pool[Math.floor(r() * pool.length)]!);
      break;
    case 3: {
      // change a key
      lines[i] = line.replace(/([A-Za-z_]+)(\s*:)/, (_m, k: string, c: string) => (r() < 0.5 ? k.toUpperCase() : k + 'x') + c);
      break;
    }
    case 4: // type a character somewhere
      {
        const at = Math.floor(r() * (line.length + 1));
        lines[i] = line.slice(0, at) + ' :-[{"#&*\'\t~'[Math.floor(r() * 13)] + line.slice(at);
      }
      break;
    case 5: // break then (later) fix: indentation change
      lines[i] = r() < 0.5 ? '  ' + line : line.replace(/^ {1,2}/, '');
      break;
    case 6: // swap two lines
      {
        const j = Math.floor(r() * lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', line];
      }
      break;
    case 7: // delete a character
      {
        const at = Math.floor(r() * line.length);
        lines[i] = line.slice(0, at) + line.slice(at + 1);
      }
      break;
    default: // rename a redis key back and forth
      lines[i] = line.includes('redis_host') ? line.replace('redis_host', 'redis_port') : line.replace('minute', 'redis_host');
  }
  return lines.join('');
}

test('incremental session equals a fresh full check after random edits (YAML and JSON)', () => {
  const c = ctx('2.8', '3.10');
  const seeds = [fixture('every-place.yaml'), fixture('multi-doc-anchors.yaml'), fixture('every-place.json'), fixture('every-place.yaml').replace(/\n/g, '\r\n')];
  const pool = [
    '- name: rate-limiting\n',
    '  config:\n',
    '    redis_host: r\n',
    '      whitelist: [x]\n',
    'services:\n',
    '---\n',
    '  - name: acl\n',
    '    paths: [/a/\\d+]\n',
    '"_format_version": "1.1",\n',
    '      { "name": "acl", "config": { "whitelist": ["z"] } },\n',
    'x: &a {minute: 1}\n',
    'y: *a\n',
  ];
  let checks = 0;
  // Quick: 60 random edits per seed (KONG_EXHAUSTIVE=1: 150).
  const steps = sized(60, 150);
  seeds.forEach((seedText, si) => {
    const r = prng(1234 + si);
    const session = new DeclarativeSession(c);
    let text = seedText;
    for (let step = 0; step < steps; step++) {
      text = r() < 0.05 ? seedText : randomEdit(text, r, pool);
      const inc = session.update(text);
      const full = checkDeclarativeFull(text, c);
      assert.deepEqual(snapshot(inc), snapshot(full), `seed ${si}, step ${step}`);
      checks++;
    }
  });
  assert.equal(checks, seeds.length * steps);
});

test('incremental session on a generated large file: only changed pieces are re-parsed', async () => {
  const c = ctx('2.8', '3.10');
  // Quick: a 0.1 MB file and 6 edits (KONG_EXHAUSTIVE=1: 0.3 MB, 15 edits).
  let text = generateDeckText(sized(0.1, 0.3));
  const session = new DeclarativeSession(c);
  const first = session.update(text);
  assert.ok(first.findings.length > 100);
  const r = prng(99);
  for (let i = 0; i < sized(6, 15); i++) {
    text = randomEdit(text, r, ['    redis_host: r\n', '  - /x/(a|b)\n']);
    const inc = session.update(text);
    const full = checkDeclarativeFull(text, c);
    assert.deepEqual(snapshot(inc), snapshot(full), `edit ${i}`);
  }
});

test('changedRegion finds the differing stretch (chunked prefix/suffix scan)', () => {
  const big = 'abcdefgh'.repeat(5000);
  assert.equal(changedRegion(big, big), null);
  assert.deepEqual(changedRegion(big, big.slice(0, 20000) + 'XY' + big.slice(20001)), { start: 20000, oldEnd: 20001, newEnd: 20002 });
  assert.deepEqual(changedRegion(big, big + 'z'), { start: big.length, oldEnd: big.length, newEnd: big.length + 1 });
  assert.deepEqual(changedRegion('xx' + big, big), { start: 0, oldEnd: 2, newEnd: 0 });
  // Repeating text: the prefix wins, the suffix never overlaps it.
  assert.deepEqual(changedRegion('aaaa', 'aaaaaa'), { start: 4, oldEnd: 4, newEnd: 6 });
});

test('incremental session: edits inside one line (the split is shifted, one piece re-parsed) equal a full check', async () => {
  const c = ctx('2.8', '3.10');
  const seeds = [
    fixture('every-place.yaml'),
    fixture('multi-doc-anchors.yaml'),
    fixture('every-place.yaml').replace(/\n/g, '\r\n'),
    // Quick: smaller generated files (each step re-checks the whole file for comparison).
    generateDeckText(sized(0.025, 0.1)),
    generateDeckText(sized(0.015, 0.05)).trimEnd(),
  ];
  const inserts = ['x', '1', ' ', ':', '#', '- ', '"', "'", '&a ', '*a', '{', '[', '\t', '~', 'redis_', ': 1', ''];
  // Quick: 60 edits per hand-written seed, 30 per generated one (KONG_EXHAUSTIVE=1: 120 each).
  seeds.forEach((seedText, si) => {
    const r = prng(777 + si);
    const session = new DeclarativeSession(c);
    let text = seedText;
    session.update(text);
    for (let step = 0; step < sized(si < 3 ? 60 : 30, 120); step++) {
      // A position inside some line (often past the indentation, sometimes right at it or at the end).
      const at = Math.floor(r() * (text.length + 1));
      const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      const del = Math.floor(r() * 3);
      const end = Math.min(lineEnd, at + del);
      const ins = inserts[Math.floor(r() * inserts.length)]!;
      text = text.slice(0, at) + ins + text.slice(end);
      const inc = session.update(text);
      const full = checkDeclarativeFull(text, c);
      assert.deepEqual(snapshot(inc), snapshot(full), `seed ${si}, step ${step}`);
    }
  });
});

test('preview: the first pieces of a large file give exactly what the full check gives there, and the update reuses them', async () => {
  const c = ctx('2.8', '3.10');
  const text = generateDeckText(0.3);
  const bytes = 64 * 1024;
  const session = new DeclarativeSession(c);
  const pv = session.preview(text, bytes);
  assert.ok(pv && pv.findings.length > 20, 'a preview with findings');
  assert.deepEqual(pv.errors, []);
  const full = checkDeclarativeFull(text, c);
  const n = pv.findings.length;
  assert.deepEqual(pv.findings, full.findings.slice(0, n), 'the same findings, in order, as the full check');
  assert.ok(pv.findings[n - 1]!.span.end <= bytes);
  assert.ok(full.findings[n]!.span.start > bytes - 4096, 'nothing of the first stretch is left out');
  assert.deepEqual(snapshot(session.update(text)), snapshot(full), 'the update after a preview equals a full check');
  // The update keeps the preview's split only for the same text: a text of the same length that differs is split again.
  const other = new DeclarativeSession(c);
  assert.ok(other.preview(text, bytes));
  const cut = text.lastIndexOf('\n', text.length - 300) + 1;
  const inserted = 'services:\n- name: late\n  host: x\n';
  const changed = text.slice(0, cut) + inserted + text.slice(cut + inserted.length);
  assert.equal(changed.length, text.length);
  assert.deepEqual(snapshot(other.update(changed)), snapshot(checkDeclarativeFull(changed, c)), 'an update of another text after a preview equals a full check');
  // No preview when it could differ from the full check, or is not needed.
  assert.equal(new DeclarativeSession(c).preview(text.replace(/^_format_version.*\n/m, ''), bytes), null, '_format_version not among the first pieces');
  assert.equal(new DeclarativeSession(c).preview(text, text.length + 1), null, 'small file');
  assert.equal(new DeclarativeSession(c).preview('---\n' + text + '---\nx: 1\n', bytes), null, 'several documents');
});

// ---------------------------------------------------------------------------------------
// Corpus

test('corpus: every real file parses like the yaml package, and every fix keeps the file valid', (t) => {
  if (!fs.existsSync(corpusDir)) {
    t.skip(`no corpus at ${corpusDir} (../shared beside the repo)`);
    return;
  }
  const files = fs.readdirSync(corpusDir).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.ok(files.length > 0);
  const contexts = [ctx('2.8', '3.10'), ctx('3.4', '3.10'), ctx('1.5', '3.4')];
  for (const f of files) {
    const text = fs.readFileSync(path.join(corpusDir, f), 'utf8');
    const original = parseAll(text);
    for (const c of contexts) {
      const res = checkDeclarativeFull(text, c);
      assert.deepEqual(res.errors, [], `${f}: no parse errors`);
      sameData(res.data(), original, `${f}: same data as yaml.parse`);
      // Each fix alone: the file parses and only the finding's key/value changed.
      for (const fd of res.findings) {
        for (const fx of fd.fixes ?? []) {
          const out = applyEdits(text, fx.edits);
          const after = parseAll(out);
          assert.equal(after.length, original.length, `${f}: ${fx.title}`);
          const group = res.findings.filter((g) => g.plugin === fd.plugin && g.fixes?.some((y) => JSON.stringify(y.edits) === JSON.stringify(fx.edits)));
          assertOnlyChanged(original, after, fd, group, `${f}: ${fx.title}`);
        }
      }
      const all = fixAll(text, c);
      parseAll(all.text);
      assert.equal(fixAll(all.text, c).applied, 0, `${f}: fix-all converges`);
    }
  }
});

/**
 * The data after a fix equals the original once the finding's own change is undone: the
 * plugin's config may differ only at the finding's field and its replacement (plus the
 * keys moved together with it), `_format_version` and route paths only by the fix.
 */
function assertOnlyChanged(before: unknown[], after: unknown[], fd: Finding, group: Finding[], msg: string): void {
  const scrub = (data: unknown): unknown => {
    if (fd.code === 'format-version') {
      return (data as Array<Record<string, unknown>>).map((d) => (d && typeof d === 'object' ? { ...d, _format_version: 'X' } : d));
    }
    if (fd.code === 'regex-path-prefix') {
      return JSON.parse(JSON.stringify(data, (_k, v) => (typeof v === 'string' && v.startsWith('~') ? v.slice(1) : v)));
    }
    if (fd.code === 'unknown-plugin') {
      return JSON.parse(JSON.stringify(data, (k, v) => (k === 'name' && (v === fd.plugin || v === fd.replacement) ? 'P' : v)));
    }
    const field = fd.field ?? '';
    const top = (s: string | null | undefined) => (s ?? '').split(/[.[]/)[0]!;
    const drop = new Set([top(field), top(fd.replacement)]);
    for (const g of group) {
      drop.add(top(g.field));
      drop.add(top(g.replacement));
    }
    return mapConfigs(data, (name, cfg) => {
      if (name !== fd.plugin) return;
      for (const k of Object.keys(cfg)) if (drop.has(k)) delete cfg[k];
    });
  };
  sameData(scrub(after), scrub(before), msg);
}

// ---------------------------------------------------------------------------------------
// Fast parser

test('fast YAML parser: whatever it accepts, the yaml package reads the same way (differential, random edits)', async () => {
  const sources = [fixture('every-place.yaml'), fixture('multi-doc-anchors.yaml').split('---')[0]!];
  if (fs.existsSync(corpusDir))
    for (const f of fs
      .readdirSync(corpusDir)
      .filter((x) => /\.ya?ml$/.test(x))
      .slice(0, 12))
      sources.push(fs.readFileSync(path.join(corpusDir, f), 'utf8'));
  const extra = [
    'a: b: c\n',
    'k: "x\\ty"\n',
    "k: 'it''s'\n",
    'k: [a, {b: 1}, "c"]\n',
    'k: {a: }\n',
    'k: -1\n',
    'k: 0x1F\n',
    'k: .inf\n',
    'k: 1e3\n',
    'k: ~\n',
    '- - a\n',
    'k:\n- a\n- b\nj: 1\n',
    'k: a #c\n',
    'k: a#c\n',
    'k:  \n  x\n',
    'k: "a\n  b"\n',
    '"q": 1\n',
  ];
  const r = prng(Number(process.env.DK_SEED ?? 5));
  let accepted = 0;
  let rejected = 0;
  const rounds = Number(process.env.DK_ROUNDS ?? 1500);
  for (let i = 0; i < rounds; i++) {
    let text = i < extra.length ? extra[i]! : sources[i % sources.length]!;
    if (i >= extra.length) for (let k = 0; k < 1 + (i % 4); k++) text = randomEdit(text, r, extra);
    if (text.includes('---')) continue;
    let node: ReturnType<typeof parseYamlFast>;
    try {
      node = parseYamlFast(text);
    } catch (e) {
      assert.ok(e instanceof Unsupported, 'only Unsupported escapes');
      rejected++;
      continue;
    }
    accepted++;
    const doc = YAML.parseDocument(text, { merge: true, uniqueKeys: true });
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
      `fast parser accepted text the yaml package rejects:\n${text}`,
    );
    if (process.env.DK_DUMP && !isDeepStrictEqualLocal(toJS(node), doc.toJS() ?? null)) fs.writeFileSync(process.env.DK_DUMP, text);
    assert.deepEqual(toJS(node), doc.toJS() ?? null, `same data for:\n${text}`);
  }
  assert.ok(accepted > 200 && rejected > 50, `both paths exercised (${accepted}/${rejected})`);
});
function isDeepStrictEqualLocal(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

test('a replacement that cannot take the old value (openid-connect header lists -> {header, path} records) is named, never written', () => {
  const text = [
    '_format_version: "3.0"',
    'plugins:',
    '- name: openid-connect',
    '  config:',
    '    issuer: https://idp.example/',
    '    downstream_headers_claims: [sub, email]',
    '    downstream_headers_names: [x-sub, x-email]',
    '',
  ].join('\n');
  const fs_ = checkDeclarativeFull(text, ctx('3.10', '3.14')).findings.filter((f) => f.code === 'deprecated-plugin-field');
  assert.deepEqual(fs_.map((f) => f.field).sort(), ['downstream_headers_claims', 'downstream_headers_names']);
  for (const f of fs_) {
    assert.equal(f.fixes, undefined, `${f.field}: no rename fix`);
    assert.match(f.message, /config\.downstream_headers/);
    assert.match(f.message, /by hand/);
  }
  // fix-all leaves both lists as they are (renaming both would write downstream_headers twice)
  assert.equal(fixAll(text, ctx('3.10', '3.14')).text, text);
});
