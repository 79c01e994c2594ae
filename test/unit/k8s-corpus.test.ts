/**
 * The real manifests of ../shared/corpus/k8s-plugins (KongPlugins written by Kong users,
 * with Ingresses, KongConsumers and Secrets around them) and the Kubernetes files of
 * ../shared/corpus/env: no crash, and every finding's message agrees with the facts and
 * with the text it points at. (Fix-all keeping the data: declarative-corpus-fixall.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, detectKind, resolveEnv, type CheckEnv, type KnowledgeSet } from '../../server/src/core/check';
import { fieldAt, pluginAt, topFieldAt } from '../../server/src/core/knowledge/plugins';
import { kongPluginScopeOf } from '../../server/src/core/k8s/check';
import { readKongResources } from '../../server/src/core/k8s/resources';
import type { Finding } from '../../server/src/core/model';
import { compareVersions } from '../../server/src/core/version';

const shared = path.resolve(__dirname, '../../../shared/corpus');
const knowledge = loadKnowledge() as KnowledgeSet;
const kb = knowledge.plugins!;
const PAIRS: Array<[string, string, 'oss' | 'enterprise']> = [
  ['2.8', '3.4', 'oss'],
  ['2.8', '3.10', 'enterprise'],
  ['3.4', '3.14', 'enterprise'],
  ['2.5', '3.16', 'enterprise'],
];

function env(from: string, to: string, edition: 'oss' | 'enterprise', scope?: CheckEnv['kongPlugins']): CheckEnv {
  const r = resolveEnv(knowledge, { current: from, target: to, edition }, scope ? { kongPlugins: scope } : {});
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}

function filesIn(dir: string): Array<[string, string]> {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}

/** One finding against the facts and the text. */
function assertTrue(label: string, text: string, f: Finding, e: CheckEnv, defined: Set<string>): void {
  const written = text.slice(f.span.start, f.span.end);
  const where = `${label}: ${f.code} "${written}" (${f.message})`;
  assert.ok(f.span.start <= f.span.end && f.span.end <= text.length, `${where}: span inside the text`);
  for (const fx of f.fixes ?? []) for (const ed of fx.edits) assert.ok(ed.start <= ed.end && ed.end <= text.length, `${where}: edit inside the text`);
  const ed = (name: string) => (kb.plugins[name]?.edition === 'enterprise' ? 'enterprise' : e.target.edition);
  switch (f.code) {
    case 'deprecated-plugin-field':
    case 'removed-plugin-field':
    case 'unknown-plugin-field':
    case 'invalid-plugin-value':
    case 'declarative-format': {
      assert.ok(f.plugin && f.field, `${where}: names plugin and field`);
      assert.equal(written, f.field.slice(f.field.lastIndexOf('.') + 1).replace(/\[\]$/, ''), `${where}: points at the field's key`);
      assert.ok(f.message.includes(`config.${f.field}`), `${where}: the message names config.${f.field}`);
      const r = fieldAt(kb, f.plugin, f.field, e.target.version, ed(f.plugin));
      if (f.code === 'deprecated-plugin-field') {
        assert.equal(r.status, 'deprecated', where);
        if (r.status === 'deprecated' && !r.valueIgnored) assert.ok(f.message.includes(`since Kong ${r.since}`), `${where}: since ${r.since}`);
      } else if (f.code === 'removed-plugin-field') {
        assert.equal(r.status, 'removed', where);
        if (r.status === 'removed') assert.ok(f.message.includes(`Kong ${r.since} dropped`), `${where}: dropped in ${r.since}`);
      } else if (f.code === 'unknown-plugin-field') assert.equal(r.status, 'unknown', where);
      else if (f.code === 'declarative-format') assert.notEqual(r.status, 'accepted', where);
      else assert.equal(r.status, 'accepted', where);
      break;
    }
    case 'unknown-plugin':
    case 'removed-plugin': {
      assert.ok(f.plugin, where);
      assert.equal(written, f.plugin, `${where}: points at the plugin: value`);
      const at = pluginAt(kb, f.plugin, e.target.version, ed(f.plugin));
      if (f.code === 'removed-plugin') assert.equal(at.status, 'removed', where);
      else assert.ok(at.status === 'unknown' || at.status === 'absent', `${where}: ${at.status}`);
      break;
    }
    case 'config-not-checked':
      assert.ok(written === 'configFrom' || written === 'configPatches' || /^Kong(Cluster)?Plugin$/.test(written), where);
      assert.ok(f.message.includes(written === 'configFrom' || written === 'configPatches' ? written : 'has no plugin: key'), where);
      break;
    case 'plugin-scope': {
      assert.ok(f.plugin, where);
      const field = /scoped to a consumer group/.test(f.message) ? 'consumer_group' : 'consumer';
      const r = topFieldAt(kb, f.plugin, field, e.target.version, ed(f.plugin));
      assert.ok((r.status === 'accepted' || r.status === 'deprecated') && r.mustBeNull, `${where}: ${field} must be null at the target`);
      break;
    }
    case 'entity-default-change':
    case 'entity-change':
    case 'entity-value-refused': {
      // A plugin change of the entity facts, on the way from the current to the target, about config fields only.
      assert.ok(f.plugin, `${where}: names the plugin`);
      const refused = f.code === 'entity-value-refused';
      const changes = (knowledge.entities?.changes ?? []).filter(
        (c) =>
          c.code === f.code &&
          c.entity === 'plugin' &&
          [...(c.plugins ?? []), ...Object.keys(c.fieldsByPlugin ?? {})].includes(f.plugin!) &&
          compareVersions(c.version, e.target.version) <= 0 &&
          (refused || compareVersions(c.version, e.current.version) > 0),
      );
      assert.ok(changes.length, `${where}: a plugin change of the facts between ${e.current.version} and ${e.target.version}`);
      assert.ok(
        changes.some((c) => (c.fieldsByPlugin?.[f.plugin!] ?? c.fields).every((x) => x.startsWith('config.'))),
        `${where}: about config fields`,
      );
      if (f.code !== 'entity-value-refused')
        assert.ok(
          changes.some((c) => f.message.includes(`From Kong ${c.version},`)),
          `${where}: since`,
        );
      assert.ok(!/decK/.test(f.message), `${where}: no decK advice on a Kubernetes resource`);
      break;
    }
    case 'missing-kong-plugin':
      assert.ok(!defined.has(written.slice(written.indexOf(':') + 1)), `${where}: really not defined`);
      assert.ok(f.message.includes(`"${written.slice(written.indexOf(':') + 1)}"`), where);
      break;
    default:
      // KONG_* findings of the same file: the property checks cover them (env.test.ts, corpus-conf.test.ts).
      assert.ok(f.property !== undefined || f.code === 'syntax', `${where}: a finding of another kind`);
  }
}

test('corpus k8s-plugins: recognised, no crash, every finding true to the facts and the text', (t) => {
  const dir = path.join(shared, 'k8s-plugins');
  if (!fs.existsSync(dir)) {
    t.skip(`no corpus at ${dir} (../shared beside the repo)`);
    return;
  }
  const files = filesIn(dir);
  assert.ok(files.length >= 10);
  const scope = kongPluginScopeOf(
    files.map(([, text]) => text),
    'the workspace',
  );
  const counts = new Map<string, number>();
  let plugins = 0;
  for (const [name, text] of files) {
    assert.equal(detectKind(`/ws/${name}`, text), 'kubernetes', `${name} is a Kubernetes manifest`);
    plugins += readKongResources(text).resources.length;
    for (const [from, to, edition] of PAIRS) {
      const e = env(from, to, edition, scope);
      for (const f of checkText('kubernetes', text, e, name).findings) {
        assertTrue(`${name} ${from}->${to}`, text, f, e, scope.names as Set<string>);
        counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      }
    }
  }
  t.diagnostic(`${plugins} plugin resources; findings: ${[...counts].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  assert.ok(plugins >= 40, `the corpus's plugin resources are read (${plugins})`);
  // Not vacuous: the corpus has deprecated fields, decK-convert moves, custom plugins and resources without plugin:.
  for (const c of ['deprecated-plugin-field', 'declarative-format', 'unknown-plugin', 'config-not-checked']) assert.ok(counts.get(c), `some ${c}`);
});

test('corpus env: Kubernetes files keep their KONG_* findings; CRD schemas that mention KongPlugin are not plugins', (t) => {
  const dir = path.join(shared, 'env');
  if (!fs.existsSync(dir)) {
    t.skip(`no corpus at ${dir} (../shared beside the repo)`);
    return;
  }
  let k8s = 0;
  for (const [name, text] of filesIn(dir)) {
    const kind = detectKind(`/ws/${name}`, text);
    if (kind !== 'kubernetes') continue;
    k8s++;
    const res = readKongResources(text);
    for (const [from, to, edition] of PAIRS) {
      const e = env(from, to, edition, kongPluginScopeOf([text], 'the workspace'));
      const fs_ = checkText(kind, text, e, name).findings;
      for (const f of fs_) assertTrue(`${name} ${from}->${to}`, text, f, e, new Set());
      if (!res.resources.length && !res.references.length)
        assert.ok(
          fs_.every((f) => f.property !== undefined || f.code === 'syntax'),
          `${name}: only KONG_* findings`,
        );
    }
  }
  assert.ok(k8s > 0, 'the env corpus has Kubernetes files');
});
