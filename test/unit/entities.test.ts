/**
 * Entity rules (entity-default-change, entity-change, entity-value-refused) and
 * ineffective-plugin-field, with their knowledge (server/knowledge/entities.json).
 *
 * Their fixture folders (test/rules/<rule>/) are run by test/unit/rules.test.ts, the
 * runner of every rule's fixtures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, resolveEnv, workspaceSettings, type KnowledgeSet, type WorkspaceSettings } from '../../server/src/core/check';
import { pinEntityDefaultsEdits } from '../../server/src/core/declarative';
import { applyEdits } from '../../server/src/core/text';
import { buildEntities } from '../../scripts/kb/entities';
import { planForWorkspace } from '../../server/src/core/planner/workspace';
import { runCli } from '../../server/src/cli';
import YAML from 'yaml';
import type { Finding } from '../../server/src/core/model';
import { keepsEveryValue, parseData } from './helpers/dataValues';
import { fakeCliIO as fakeIO } from './helpers/cliIo';

const root = path.resolve(__dirname, '..', 'rules');
const factsDir = path.resolve(__dirname, '../../../shared/kong-facts');
const corpusDir = path.resolve(__dirname, '../../../shared/corpus/declarative');
const knowledge: KnowledgeSet = loadKnowledge();

function envFor(from: string, to: string, edition: 'oss' | 'enterprise' = 'enterprise', settings?: WorkspaceSettings) {
  const r = resolveEnv(knowledge, { current: from, target: to, edition }, settings ? { settings } : {});
  assert.ok(r.ok, 'versions resolve');
  return r.env;
}

test('drift: committed entities.json equals a rebuild from ../shared/kong-facts', (t) => {
  if (!fs.existsSync(path.join(factsDir, 'upgrade/entity-changes.json'))) {
    t.skip(`facts directory ${factsDir} is absent; cannot rebuild to compare`);
    return;
  }
  assert.deepEqual(JSON.parse(JSON.stringify(buildEntities(factsDir))), knowledge.entities);
});

test('every entity change record keeps its sources and our own words', () => {
  const kb = knowledge.entities!;
  assert.ok(kb.changes.length >= 20);
  for (const c of kb.changes) {
    assert.ok(c.sources.length, `${c.id} has sources`);
    assert.ok(c.change && c.effect && c.keep, `${c.id} has messages`);
  }
  for (const l of kb.deckLint) assert.match(l.source.commit, /^[0-9a-f]{40}$/);
});

// ---------------------------------------------------------------------------------------
// Real decK files: 3.10 -> 3.14 must report every route without protocols, every affected
// auth plugin and every https service without tls_verify. The expectation is computed here
// from the facts and the `yaml` package, independently of our walker.

interface Expect {
  file: string;
  what: string;
  name: string | undefined;
}

function expectedIn(file: string, data: unknown, facts: { hide: string[]; tlsProtocols: string[] }): Expect[] {
  const out: Expect[] = [];
  const rec = (x: unknown): Record<string, unknown> | null => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null);
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  const route = (r: unknown) => {
    const m = rec(r);
    if (!m) return;
    if (!('protocols' in m)) out.push({ file, what: 'route', name: m.name as string | undefined });
    for (const p of list(m.plugins)) plugin(p);
  };
  const plugin = (p: unknown) => {
    const m = rec(p);
    if (!m || typeof m.name !== 'string' || !facts.hide.includes(m.name)) return;
    const cfg = rec(m.config);
    if (!cfg || !('hide_credentials' in cfg)) out.push({ file, what: 'plugin', name: m.name });
  };
  for (const doc of list(data)) {
    const d = rec(doc);
    if (!d) continue;
    for (const s of list(d.services)) {
      const m = rec(s);
      if (!m) continue;
      const scheme = typeof m.url === 'string' ? /^([a-z]+):\/\//i.exec(m.url)?.[1]?.toLowerCase() : undefined;
      const proto = (m.protocol as string | undefined) ?? scheme ?? 'http';
      if (facts.tlsProtocols.includes(proto) && !('tls_verify' in m)) out.push({ file, what: 'service', name: m.name as string | undefined });
      for (const r of list(m.routes)) route(r);
      for (const p of list(m.plugins)) plugin(p);
    }
    for (const r of list(d.routes)) route(r);
    for (const p of list(d.plugins)) plugin(p);
    for (const c of list(d.consumers)) for (const p of list(rec(c)?.plugins)) plugin(p);
  }
  return out;
}

test('corpus: on real decK files written for 3.x, 3.10 -> 3.14 reports every route without protocols, affected auth plugin and https service without tls_verify', (t) => {
  const factsFile = path.join(factsDir, 'upgrade/entity-changes.json');
  if (!fs.existsSync(corpusDir) || !fs.existsSync(factsFile)) {
    t.skip('../shared/corpus/declarative or the facts are absent');
    return;
  }
  const facts = JSON.parse(fs.readFileSync(factsFile, 'utf8'));
  const hide: string[] = facts.changes.find((c: { id: string }) => c.id === 'E314-hide-credentials').plugins;
  const tlsProtocols: string[] = facts.deck.convert_314.service_tls_protocols;
  const env = envFor('3.10', '3.14');
  let expected = 0;
  let files = 0;
  for (const file of fs.readdirSync(corpusDir).sort()) {
    const full = path.join(corpusDir, file);
    const text = fs.readFileSync(full, 'utf8');
    const json = file.endsWith('.json');
    const data = json ? [JSON.parse(text)] : YAML.parseAllDocuments(text).map((d) => d.toJS());
    const fv = String((data[0] as Record<string, unknown> | undefined)?._format_version ?? '');
    if (!fv.startsWith('3')) continue;
    files++;
    const want = expectedIn(file, data, { hide, tlsProtocols });
    const got = checkText('declarative', text, env, full).findings.filter((f) => f.code === 'entity-default-change');
    const count = (pred: (f: Finding) => boolean) => got.filter(pred).length;
    const routes = want.filter((w) => w.what === 'route').length;
    const services = want.filter((w) => w.what === 'service').length;
    const plugins = want.filter((w) => w.what === 'plugin').length;
    expected += want.length;
    assert.equal(
      count((f) => /^The route\b/.test(f.message) && / protocols\./.test(f.message)),
      routes,
      `${file}: routes without protocols`,
    );
    assert.equal(
      count((f) => /^The service\b/.test(f.message) && / tls_verify\./.test(f.message)),
      services,
      `${file}: https services without tls_verify`,
    );
    assert.equal(
      count((f) => f.field === 'hide_credentials'),
      plugins,
      `${file}: auth plugins without hide_credentials`,
    );
    for (const w of want.filter((x) => x.name && x.what !== 'plugin')) {
      assert.ok(
        got.some((f) => text.slice(f.span.start, f.span.end) === w.name),
        `${file}: the finding sits on ${w.what} ${w.name}`,
      );
    }
  }
  assert.ok(files >= 10, `read ${files} 3.x files`);
  assert.ok(expected >= 20, `the corpus has ${expected} affected entities`);
});

test('corpus property: every entity fix and the whole-file pin keep every value and re-parse', (t) => {
  if (!fs.existsSync(corpusDir)) {
    t.skip('../shared/corpus/declarative is absent');
    return;
  }
  for (const [from, to] of [
    ['3.10', '3.14'],
    ['2.8', '3.4'],
  ] as const) {
    const env = envFor(from, to);
    for (const file of fs.readdirSync(corpusDir).sort()) {
      const full = path.join(corpusDir, file);
      const text = fs.readFileSync(full, 'utf8');
      if (text.length > 400_000) continue;
      const json = file.endsWith('.json');
      const before = parseData(text, json);
      const found = checkText('declarative', text, env, full).findings.filter((f) => f.code === 'entity-default-change' || f.code === 'entity-change');
      for (const f of found) for (const fx of f.fixes ?? []) keepsEveryValue(before, parseData(applyEdits(text, fx.edits), json));
      const pin = pinEntityDefaultsEdits(found);
      if (pin) {
        const after = applyEdits(text, pin.edits);
        keepsEveryValue(before, parseData(after, json));
        // Pinned: the changes it pins are gone.
        const again = checkText('declarative', after, env, full).findings.filter((f) => f.fixes?.some((x) => x.pin));
        assert.equal(again.length, 0, `${file} ${from}->${to}: nothing left to pin (${again.map((f) => f.message.slice(0, 80)).join(' | ')})`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------
// Cross-file: tls_certificate_verify

const TLS_FILE = `_format_version: "3.0"
services:
- name: legacy
  url: https://legacy.internal
  tls_verify: false
- name: fresh
  protocol: https
  host: fresh.internal
`;

test('workspaceSettings reads kong.conf and KONG_* files, kong.conf first', () => {
  const s = workspaceSettings([
    { path: '.env', kind: 'env', text: 'KONG_TLS_CERTIFICATE_VERIFY=on\n' },
    { path: 'kong.conf', kind: 'kong-conf', text: 'tls_certificate_verify = off\n' },
    { path: 'kong.yaml', kind: 'declarative', text: TLS_FILE },
  ]);
  assert.deepEqual(s.tls_certificate_verify, { value: 'off', path: 'kong.conf' });
  assert.deepEqual(workspaceSettings([{ path: 'docker-compose.yml', kind: 'env', text: 'KONG_TLS_CERTIFICATE_VERIFY=off\n' }]).tls_certificate_verify?.value, 'off');
});

test('a pinned tls_verify: false is refused unless the workspace turns tls_certificate_verify off', () => {
  const on = checkText('declarative', TLS_FILE, envFor('3.10', '3.14'), 'kong.yaml').findings;
  const refused = on.filter((f) => f.code === 'entity-value-refused');
  assert.equal(refused.length, 1);
  assert.match(refused[0]!.message, /tls_certificate_verify = off in kong\.conf/);
  assert.equal(refused[0]!.fixes?.[0]?.preferred, false);
  const fresh = on.find((f) => f.code === 'entity-default-change' && /"fresh"/.test(f.message))!;
  assert.ok(fresh, 'the https service without tls_verify is reported');
  // The pin is offered but says what else must change, and the whole-file action leaves it out.
  assert.match(fresh.fixes![0]!.title, /refuses it unless tls_certificate_verify = off/);
  assert.equal(fresh.fixes![0]!.pin, undefined);
  assert.equal(pinEntityDefaultsEdits(on), null);

  const off = checkText('declarative', TLS_FILE, envFor('3.10', '3.14', 'enterprise', { tls_certificate_verify: { value: 'off', path: 'conf/kong.conf' } }), 'kong.yaml').findings;
  assert.equal(off.filter((f) => f.code === 'entity-value-refused').length, 0);
  // With verification off, an unset tls_verify keeps today's behaviour: nothing to report.
  assert.equal(off.filter((f) => f.code === 'entity-default-change' && /"fresh"/.test(f.message)).length, 0);
});

test('CLI: a kong.conf given beside the decK file decides whether tls_verify: false is accepted, in every format', () => {
  // SARIF lists every rule of the registry in its driver: only its results say what was found.
  const reported = (format: string, out: string[]) => {
    const text = out.join('\n');
    if (format !== 'sarif') return text;
    const log = JSON.parse(text) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    return log.runs.flatMap((r) => r.results.map((x) => x.ruleId)).join('\n');
  };
  for (const format of ['text', 'json', 'sarif']) {
    const alone = fakeIO({ 'kong.yaml': TLS_FILE });
    assert.equal(runCli(['check', 'kong.yaml', '--from', '3.10', '--to', '3.14', '--edition', 'enterprise', '--format', format], alone.io, knowledge), 1);
    assert.match(reported(format, alone.out), /entity-value-refused/);
    const both = fakeIO({ 'kong.yaml': TLS_FILE, 'kong.conf': 'tls_certificate_verify = off\n' });
    runCli(['check', 'kong.yaml', 'kong.conf', '--from', '3.10', '--to', '3.14', '--edition', 'enterprise', '--format', format], both.io, knowledge);
    assert.doesNotMatch(reported(format, both.out), /entity-value-refused/);
  }
  const env = fakeIO({ 'kong.yaml': TLS_FILE, '.env': 'KONG_TLS_CERTIFICATE_VERIFY=off\n' });
  runCli(['check', 'kong.yaml', '.env', '--from', '3.10', '--to', '3.14', '--edition', 'enterprise'], env.io, knowledge);
  assert.doesNotMatch(env.out.join('\n'), /entity-value-refused/);
});

// ---------------------------------------------------------------------------------------
// The plan: each hop lists the entities that change at that hop.

test('plan: the 3.10 -> 3.14 hop lists the entities that change there, the earlier hops do not', () => {
  const text = fs.readFileSync(path.join(root, 'entity-default-change', 'lts-310-314.yaml'), 'utf8');
  const k = { ...knowledge, upgrade: knowledge.upgrade! };
  const plan = planForWorkspace({ from: '3.4', to: '3.14', topology: 'traditional', edition: 'enterprise' }, [{ path: 'kong.yaml', text, kind: 'declarative' }], k);
  assert.equal(plan.error, undefined);
  const hop = plan.hops.find((h) => h.to.startsWith('3.14'))!;
  const early = plan.hops.find((h) => h.to.startsWith('3.10'))!;
  const ent = (h: typeof hop) => h.findings.filter((f) => f.code === 'entity-default-change');
  assert.ok(ent(hop).some((f) => /route "orders-route" does not set protocols/.test(f.message)));
  assert.ok(ent(hop).some((f) => f.plugin === 'key-auth' && f.field === 'hide_credentials'));
  assert.ok(ent(hop).some((f) => /service "orders" does not set tls_verify/.test(f.message)));
  assert.ok(ent(hop).some((f) => /partial "shared-redis"/.test(f.message)));
  assert.ok(ent(hop).some((f) => /event hook/.test(f.message)));
  assert.equal(ent(early).length, 0);
  // With the workspace's kong.conf turning verification off, the service is not listed.
  const withConf = planForWorkspace(
    { from: '3.4', to: '3.14', topology: 'traditional', edition: 'enterprise' },
    [
      { path: 'kong.yaml', text, kind: 'declarative' },
      { path: 'kong.conf', text: 'tls_certificate_verify = off\n', kind: 'kong-conf' },
    ],
    k,
  );
  const hop2 = withConf.hops.find((h) => h.to.startsWith('3.14'))!;
  assert.ok(!hop2.findings.some((f) => /service "orders" does not set tls_verify/.test(f.message)));
});
