/**
 * Every message true (issue 9 §4): for every finding on the real files of ../shared/corpus,
 * the claim its message makes (status, "since" version, replacement) is compared with the
 * knowledge base for the same property or plugin field at the same target.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, detectKind, resolveEnv, type KnowledgeSet } from '../../server/src/core/check';
import { propertyAt, lifeOf } from '../../server/src/core/knowledge/conf';
import { fieldAt } from '../../server/src/core/knowledge/plugins';
import { replacementNames } from '../../server/src/core/conf/rules';
import { compareVersions } from '../../server/src/core/version';
import type { Finding } from '../../server/src/core/model';

const corpus = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const k = loadKnowledge() as KnowledgeSet;
const targets = ['3.4', '3.10', '3.14', '3.16'];

function versionOf(file: string): string {
  const m = /-(\d+\.\d+)(\.x)?\.[a-z]+$/.exec(file);
  const line = m?.[1];
  return line && [...k.releases.lines, ...k.releases.legacyLines].some((l) => l.minor === line && l.oss) ? line : '2.8';
}
const norm = (n: string) => n.toLowerCase().replace(/^kong_/, '');
/** `Use "a" and "b"` / `Use config.x, config.y` -> names. */
const quoted = (msg: string, after: RegExp) => {
  const m = after.exec(msg);
  return m ? [...m[1]!.matchAll(/"([^"]+)"|config\.([\w.[\]*-]+)/g)].map((x) => norm((x[1] ?? x[2])!.replace(/[.,]$/, ''))) : [];
};

let checked = 0;
function judge(f: Finding, env: ReturnType<typeof envFor>, label: string): void {
  const T = env.target.version;
  const ed = env.target.edition;
  const msg = f.message;
  const where = `${label}: ${f.code} ${f.plugin ? `${f.plugin} ${f.field}` : f.property}: ${msg}`;
  if (f.plugin && f.field && k.plugins) {
    const at = fieldAt(k.plugins, f.plugin, f.field, T, ed);
    if (f.code === 'deprecated-plugin-field') {
      assert.equal(at.status, 'deprecated', where);
      if (at.status !== 'deprecated') return;
      const since = /since (?:Kong )?(\d+\.\d+(?:\.\d+)*)/.exec(msg)?.[1];
      if (since) assert.equal(since, at.since, `${where} (since)`);
      for (const r of quoted(msg, /Use ((?:config\.[\w.[\]*-]+[,.]?\s?)+)/)) assert.ok(at.replacement.map(norm).includes(r), `${where} (replacement ${r})`);
      checked++;
    } else if (f.code === 'removed-plugin-field') {
      assert.equal(at.status, 'removed', where);
      if (at.status !== 'removed') return;
      const since = /Kong (\d+\.\d+(?:\.\d+)*) dropped/.exec(msg)?.[1];
      if (since) assert.equal(since, at.since, `${where} (since)`);
      checked++;
    } else if (f.code === 'unknown-plugin-field') {
      assert.equal(at.status, 'unknown', where);
      checked++;
    }
    return;
  }
  if (!f.property) return;
  const at = propertyAt(k.conf, f.property, T, ed);
  switch (f.code) {
    case 'deprecated-property': {
      assert.equal(at.status, 'deprecated', where);
      const since = /deprecated since Kong (\S+?);/.exec(msg)?.[1];
      if (since)
        assert.ok(
          lifeOf(k.conf, f.property).some((e) => (e.kind === 'deprecated' || e.kind === 'renamed') && e.version === since && compareVersions(since, T) <= 0),
          `${where} (since)`,
        );
      const named = replacementNames(at.replacement ?? null).map(norm);
      for (const r of quoted(msg, /Use (.+?) instead/)) assert.ok(named.includes(r), `${where} (replacement ${r})`);
      checked++;
      break;
    }
    case 'removed-property': {
      assert.ok(['removed', 'prefix', 'unknown'].includes(at.status), where);
      const since = /removed in Kong (\S+?);/.exec(msg)?.[1] ?? /since Kong (\S+?);/.exec(msg)?.[1];
      if (since && at.status !== 'unknown') assert.equal(since, at.removedIn, `${where} (since)`);
      if (at.status === 'removed') {
        const named = replacementNames(at.replacement ?? null).map(norm);
        for (const r of quoted(msg, /Use (.+?) instead/)) assert.ok(named.includes(r), `${where} (replacement ${r})`);
      }
      checked++;
      break;
    }
    case 'unknown-property':
      assert.ok(at.status === 'unknown' || (ed === 'oss' && propertyAt(k.conf, f.property, T, 'enterprise').status !== 'unknown'), where);
      checked++;
      break;
    case 'new-in-target': {
      assert.ok(['accepted', 'deprecated', 'prefix'].includes(at.status), where);
      const now = propertyAt(k.conf, f.property, env.current.version, env.current.edition).status;
      assert.ok(now === 'unknown' || now === 'removed', `${where} (the current version must not read it: ${now})`);
      checked++;
      break;
    }
    case 'deprecated-value': {
      const v = /The value "([^"]*)"/.exec(msg)?.[1];
      assert.ok(v !== undefined && at.state?.deprecatedValues?.some((d) => d.value === v), where);
      checked++;
      break;
    }
    default:
      break;
  }
}

function envFor(current: string, target: string) {
  const r = resolveEnv(k, { current, target, edition: 'oss' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}

for (const sub of ['kong-conf', 'env', 'declarative']) {
  const dir = path.join(corpus, sub);
  if (!fs.existsSync(dir)) {
    test(`corpus truth: ${sub}`, (t) => t.skip(`../shared/corpus/${sub} is not present beside the project`));
    continue;
  }
  test(`corpus truth: every ${sub} message agrees with the knowledge base`, () => {
    for (const file of fs.readdirSync(dir).sort()) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const name = sub === 'kong-conf' ? 'kong.conf' : sub === 'declarative' ? file : file.endsWith('.env') ? '.env' : /compose/.test(file) ? 'docker-compose.yml' : file;
      const kind = sub === 'declarative' ? 'declarative' : detectKind(name, text);
      if (kind === 'unknown') continue;
      for (const to of targets) {
        // decK file names carry their _format_version, not a Kong version: check them from 2.8.
        const from = sub === 'declarative' ? '2.8' : versionOf(file);
        const env = envFor(from, to);
        for (const f of checkText(kind, text, env, name).findings) judge(f, env, `${sub}/${file} ${from}->${to}`);
      }
    }
  });
}

test('corpus truth checked findings', (t) => {
  if (!fs.existsSync(corpus)) return t.skip('no corpus');
  assert.ok(checked > 100, `only ${checked} findings were compared`);
});
