import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyRuleConfig, CONFIG_KEYS, isPathIgnored, KNOWN_RULE_IDS, parseProjectConfig } from '../../server/src/core/config';
import { applySuppressions, BaselineMatcher, fingerprint, makeBaseline, suppressionFixes } from '../../server/src/core/suppress';
import type { Finding } from '../../server/src/core/model';

const root = path.resolve(__dirname, '..', '..');

test('a full config is read', () => {
  const { config, problems } = parseProjectConfig(
    'currentVersion: "2.8"\ntargetVersion: "3.10"\nedition: enterprise\ncustomPlugins: [a, b]\ndeclarativeFiles: ["deck/*.yaml"]\nrules:\n  new-in-target: off\n  deprecated-property: info\nignore:\n  - legacy/\n  - path: "x/*.yaml"\n    rules: [unknown-plugin]\n',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(config, {
    currentVersion: '2.8',
    targetVersion: '3.10',
    edition: 'enterprise',
    customPlugins: ['a', 'b'],
    declarativeFiles: ['deck/*.yaml'],
    rules: { 'new-in-target': 'off', 'deprecated-property': 'information' },
    ignore: [{ path: 'legacy/' }, { path: 'x/*.yaml', rules: ['unknown-plugin'] }],
  });
  assert.ok(isPathIgnored(config, 'legacy/a/kong.conf'));
  assert.ok(!isPathIgnored(config, 'x/a.yaml'), 'a rules entry does not ignore the whole file');
  assert.ok(!isPathIgnored(config, 'legacyx/kong.conf'));
});

test('bad configs: each problem in plain words, never a throw', () => {
  const cases: Array<[string, RegExp]> = [
    ['targetVersion: 3.10\n', /write the version in quotes \("3\.1"\)/],
    ['edition: free\n', /edition must be oss or enterprise/],
    ['rules:\n  nope: off\n', /unknown rule "nope"/],
    ['rules:\n  syntax: loud\n', /rules\.syntax must be one of/],
    ['- a\n- b\n', /must be a map/],
    ['a: [\n', /^YAML:/],
    ['customPlugins: x\n', /customPlugins must be a list/],
    ['ignore: [{rules: [syntax]}]\n', /each entry is a path glob/],
    ['declarativeFiles: ["**a**a**a**a**b"]\n', /wildcards/],
    ['a: &x [*x]\n', /unknown key "a"|YAML/],
  ];
  for (const [text, re] of cases) {
    const r = parseProjectConfig(text);
    assert.ok(
      r.problems.some((p) => re.test(p)),
      `${JSON.stringify(text)} → ${JSON.stringify(r.problems)}`,
    );
  }
  assert.deepEqual(parseProjectConfig(''), { config: {}, problems: [] });
});

test('the JSON schema contributed to the editor describes exactly what the parser reads', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'kong-upgrade.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties).sort(), [...CONFIG_KEYS].sort());
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...KNOWN_RULE_IDS].sort());
  assert.deepEqual(schema.properties.ignore.items.anyOf[1].properties.rules.items.enum.sort(), [...KNOWN_RULE_IDS].sort());
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const v = pkg.contributes.yamlValidation[0];
  assert.deepEqual(v.fileMatch, ['.kong-upgrade.yaml', '.kong-upgrade.yml']);
  assert.ok(fs.existsSync(path.join(root, v.url)));
});

const f = (code: Finding['code'], start: number, end = start + 1, extra: Partial<Finding> = {}): Finding => ({ code, severity: 'warning', message: code, span: { start, end }, ...extra });

test('rule config: off drops, a level replaces, a path entry drops only its rules there', () => {
  const config = { rules: { 'new-in-target': 'off' as const, syntax: 'hint' as const }, ignore: [{ path: 'a/*.conf', rules: ['unknown-property' as const] }] };
  const findings = [f('new-in-target', 0), f('syntax', 1), f('unknown-property', 2), f('removed-property', 3)];
  assert.deepEqual(
    applyRuleConfig(findings, config, 'a/kong.conf').map((x) => [x.code, x.severity]),
    [
      ['syntax', 'hint'],
      ['removed-property', 'warning'],
    ],
  );
  assert.deepEqual(
    applyRuleConfig(findings, config, 'b/kong.conf').map((x) => x.code),
    ['syntax', 'unknown-property', 'removed-property'],
  );
  assert.equal(applyRuleConfig(findings, {}, 'x'), findings, 'nothing to do: same array');
});

test('suppressions: next line skips blank and comment lines; several rules; whole file; JSON has none', () => {
  const text = 'a = 1\n# kong-upgrade-ignore-next-line x-rule, unknown-property -- reason\n\n# note\nb = 2\nc = 3\n';
  const b = text.indexOf('b = 2');
  const c = text.indexOf('c = 3');
  const out = applySuppressions(text, [f('unknown-property', b), f('removed-property', b), f('unknown-property', c)], 'kong-conf');
  assert.deepEqual(
    out.map((x) => [x.code, x.span.start]),
    [
      ['removed-property', b],
      ['unknown-property', c],
    ],
  );
  const all = '# kong-upgrade-ignore-file\nb = 2\n';
  assert.deepEqual(applySuppressions(all, [f('syntax', 27)], 'kong-conf'), []);
  const notAComment = 'x = "kong-upgrade-ignore-file"\n';
  assert.equal(applySuppressions(notAComment, [f('syntax', 0)], 'kong-conf').length, 1, 'only whole-line comments count');
  const json = '{"#": "# kong-upgrade-ignore-file"}';
  assert.equal(applySuppressions(json, [f('syntax', 0)], 'declarative', 'x.json').length, 1);
});

test('suppression quick fixes keep indentation and CRLF, extend an existing directive, and are never preferred', () => {
  const text = 'services:\r\n  - name: a\r\n    url: x\r\n';
  const at = text.indexOf('url');
  const fixes = suppressionFixes(text, f('unknown-plugin', at), 'declarative', 'kong.yaml');
  assert.deepEqual(
    fixes.map((x) => [x.title, x.edits[0]!.newText, x.preferred]),
    [
      ['Ignore unknown-plugin on this line', '    # kong-upgrade-ignore-next-line unknown-plugin\r\n', false],
      ['Ignore unknown-plugin in this file', '# kong-upgrade-ignore-file unknown-plugin\r\n', false],
    ],
  );
  const withOne = 'a = 1\n  # kong-upgrade-ignore-next-line syntax -- why\nb = 2\n';
  const more = suppressionFixes(withOne, f('unknown-property', withOne.indexOf('b = 2')), 'kong-conf');
  const e = more[0]!.edits[0]!;
  assert.equal(withOne.slice(0, e.start) + e.newText + withOne.slice(e.end), 'a = 1\n  # kong-upgrade-ignore-next-line syntax, unknown-property -- why\nb = 2\n');
  assert.deepEqual(suppressionFixes('{}', f('syntax', 0), 'declarative', 'k.json'), []);
});

test('fingerprints ignore line numbers and indentation, and change with the line', () => {
  const a = 'x = 1\npg_hots = 2\n';
  const b = '# new\n\n  pg_hots   = 2\n';
  const c = 'pg_hots = 3\n';
  const fa = fingerprint(a, f('unknown-property', 6, 13, { property: 'pg_hots' }));
  assert.equal(fingerprint(b, f('unknown-property', 9, 16, { property: 'pg_hots' })), fa);
  assert.notEqual(fingerprint(c, f('unknown-property', 0, 7, { property: 'pg_hots' })), fa);
  assert.match(fa, /^[0-9a-f]{16}$/);
  // Two identical lines need two baseline entries.
  const twice = 'pg_hots = 2\npg_hots = 2\n';
  const two = [f('unknown-property', 0, 7, { property: 'pg_hots' }), f('unknown-property', 12, 19, { property: 'pg_hots' })];
  const base = makeBaseline([{ path: 'k.conf', text: a, findings: [f('unknown-property', 6, 13, { property: 'pg_hots' })] }]);
  const r = new BaselineMatcher(base).filter('k.conf', twice, two);
  assert.equal(r.accepted, 1);
  assert.equal(r.fresh.length, 1);
  assert.equal(new BaselineMatcher(base).filter('other.conf', twice, two).accepted, 0, 'the path counts');
});
