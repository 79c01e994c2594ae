/**
 * Pin actions through the prover (issue 13, "fixes proven before they are offered"): the
 * kong.conf / KONG_* "Pin defaults" action and the declarative "keep today's behaviour"
 * pins (each quick fix and the whole-file action) are applied in memory and kept only when
 * the result reads, exactly the pinned keys appear with their old default, and nothing
 * else changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { DocumentChecker, provePinFix, provenPinEntityDefaults, resolveEnv, type KnowledgeSet, type WorkspaceSettings } from '../../server/src/core/check';
import { pinDefaultsEdits, pinEditsFor, pinnableDefaultChanges, provePin } from '../../server/src/core/conf/pin';
import { pinEntityDefaultsEdits } from '../../server/src/core/declarative';
import { applyEdits } from '../../server/src/core/text';
import type { Finding, TextEdit } from '../../server/src/core/model';

const knowledge: KnowledgeSet = loadKnowledge();
const rules = path.resolve(__dirname, '..', 'rules');

function envFor(from: string, to: string, edition: 'oss' | 'enterprise' = 'enterprise', settings?: WorkspaceSettings) {
  const r = resolveEnv(knowledge, { current: from, target: to, edition }, settings ? { settings } : {});
  assert.ok(r.ok, 'versions resolve');
  return r.env;
}

/** The `.pinned.*` fixtures' inputs, with their versions (first-line header). */
function pinnedCases(): Array<{ file: string; text: string; env: ReturnType<typeof envFor> }> {
  const out: Array<{ file: string; text: string; env: ReturnType<typeof envFor> }> = [];
  for (const rule of fs.readdirSync(rules).filter((d) => d.startsWith('entity-'))) {
    const dir = path.join(rules, rule);
    for (const f of fs.readdirSync(dir).filter((x) => /\.pinned\.(ya?ml|json)$/.test(x))) {
      const file = path.join(dir, f.replace('.pinned', ''));
      const text = fs.readFileSync(file, 'utf8');
      const h = Object.fromEntries(
        (/^# check: (.*)$/m.exec(text)?.[1] ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((kv) => kv.split('=') as [string, string]),
      );
      // `set=property:value,...`: what other files of the workspace set.
      const settings = Object.fromEntries(
        (h.set ?? '')
          .split(',')
          .filter(Boolean)
          .map((s) => [s.split(':')[0]!, { value: s.split(':')[1]!, path: 'kong.conf' }]),
      );
      out.push({ file, text, env: envFor(h.from ?? '3.10', h.to ?? '3.14', h.edition === 'oss' ? 'oss' : 'enterprise', h.set ? settings : undefined) });
    }
  }
  return out;
}

test('every pin of the entity fixtures proves, alone and together, and the whole-file action is unchanged by the proof', () => {
  const cases = pinnedCases();
  assert.ok(cases.length >= 3, `the .pinned fixtures are found (${cases.length})`);
  for (const c of cases) {
    const findings = new DocumentChecker(c.file, { eagerFixes: true }).check('declarative', c.text, c.env).findings;
    const t = { kind: 'declarative' as const, text: c.text, path: c.file };
    const pinned = findings.filter((f) => f.fixes?.some((x) => x.pin));
    assert.ok(pinned.length, `${c.file}: has pins`);
    for (const f of findings) {
      for (const fx of f.fixes ?? []) {
        if (!fx.pinned) continue;
        const r = provePinFix(t, fx.edits, [f]);
        assert.deepEqual(r, { ok: true }, `${c.file}: "${fx.title}" proves`);
      }
    }
    assert.deepEqual(provenPinEntityDefaults(t, findings), pinEntityDefaultsEdits(findings), `${c.file}: the whole-file pin proves as it is`);
    // What the editor offers is the proven action.
    assert.deepEqual(new DocumentChecker(c.file).pinEntityDefaults('declarative', c.text, findings), pinEntityDefaultsEdits(findings));
  }
});

const YAML_CASE = ['_format_version: "3.0"', 'services:', '- name: s', '  protocol: https', '  host: a.example', '  port: 443', 'routes:', '- name: r', '  paths: [/x]', ''].join('\n');

function servicePin(text: string, settings?: WorkspaceSettings): { findings: Finding[]; f: Finding; edits: TextEdit[] } {
  const env = envFor('3.10', '3.14', 'enterprise', settings);
  const findings = new DocumentChecker('kong.yaml', { eagerFixes: true }).check('declarative', text, env).findings;
  const f = findings.find((x) => x.fixes?.some((y) => y.pinned?.fields.includes('tls_verify')));
  assert.ok(f, `the service has a tls_verify pin: ${findings.map((x) => x.code + ' ' + x.message.slice(0, 60)).join(' | ')}`);
  return { findings, f, edits: f.fixes!.find((y) => y.pinned)!.edits };
}

test('a pin that writes another value, lands elsewhere, adds another key or changes other data does not prove', () => {
  const t = { kind: 'declarative' as const, text: YAML_CASE, path: 'kong.yaml' };
  const { f, edits } = servicePin(YAML_CASE);
  assert.deepEqual(provePinFix(t, edits, [f]), { ok: true });
  assert.match(applyEdits(YAML_CASE, edits), /^ {2}tls_verify: false$/m);
  const e = edits[0]!;
  const at = (s: string, newText: string): TextEdit => ({ start: YAML_CASE.indexOf(s), end: YAML_CASE.indexOf(s), newText });
  // Another value.
  assert.equal(provePinFix(t, [{ ...e, newText: e.newText.replace('false', 'true') }], [f]).ok, false, 'another value');
  // Another key beside the pinned one.
  assert.equal(provePinFix(t, [{ ...e, newText: e.newText + e.newText.replace('tls_verify', 'retries').replace('false', '3') }], [f]).ok, false, 'an extra key');
  // The right key in the wrong entity (the route).
  assert.equal(provePinFix(t, [at('  paths:', '  tls_verify: false\n')], [f]).ok, false, 'written into another entity');
  // The pin plus a change elsewhere.
  const port = YAML_CASE.indexOf('443');
  const withChange = [...edits, { start: port, end: port + 3, newText: '8443' }].sort((a, b) => a.start - b.start);
  assert.equal(provePinFix(t, withChange, [f]).ok, false, 'a value outside the pin changes');
  // A pin that breaks the file.
  assert.equal(provePinFix(t, [{ ...e, newText: e.newText + ' [' }], [f]).ok, false, 'a syntax error');
  // Edits out of range.
  assert.equal(provePinFix(t, [{ start: YAML_CASE.length + 5, end: YAML_CASE.length + 5, newText: 'x' }], [f]).ok, false);
});

test('the whole-file entity pin keeps only the pins that prove (a tampered pin is left out, not applied)', () => {
  const text = YAML_CASE.replace('  paths: [/x]\n', '  paths: [/x]\n- name: r2\n  paths: [/y]\n- name: r3\n  paths: [/z]\n');
  const env = envFor('3.10', '3.14');
  const findings = new DocumentChecker('kong.yaml', { eagerFixes: true }).check('declarative', text, env).findings;
  const good = pinEntityDefaultsEdits(findings)!;
  assert.equal(good?.count, 3, 'three route pins');
  // Tamper with the first route's pin: it now also rewrites the service's port.
  const f = findings.find((x) => x.fixes?.some((y) => y.pin))!;
  const port = text.indexOf('443');
  const fx = f.fixes!.find((x) => x.pin)!;
  const tampered: Finding = { ...f, fixes: [{ ...fx, edits: [{ start: port, end: port + 3, newText: '1' }, ...fx.edits] }] };
  const all = findings.map((x) => (x === f ? tampered : x));
  const t = { kind: 'declarative' as const, text, path: 'kong.yaml' };
  assert.equal(
    provePinFix(
      t,
      pinEntityDefaultsEdits(all)!.edits,
      all.filter((x) => x.fixes?.some((y) => y.pin)),
    ).ok,
    false,
    'together they do not prove',
  );
  const got = provenPinEntityDefaults(t, all);
  assert.ok(got, 'the other pins are still offered');
  assert.equal(got!.count, 2, 'the tampered pin is left out');
  const out = applyEdits(text, got!.edits);
  assert.match(out, /port: 443/);
  assert.equal((out.match(/protocols:/g) ?? []).length, 2);
  assert.deepEqual(provenPinEntityDefaults(t, findings), good, 'untampered: all three');
});

test('the kong.conf / .env pin action is proven: exactly the pinned properties, each read back as its old default', () => {
  const env = envFor('2.8', '3.4', 'oss');
  for (const [kind, text] of [
    ['kong-conf', 'pg_host = db # the database\n'],
    ['env', 'KONG_PG_HOST=db\r\n'],
  ] as const) {
    const changes = pinnableDefaultChanges(kind, text, env);
    const pin = pinDefaultsEdits(kind, text, env);
    assert.ok(pin && changes.length, `${kind}: something to pin`);
    assert.deepEqual(
      pin!.properties,
      changes.map((c) => c.property),
      `${kind}: every pinnable default proves`,
    );
    assert.deepEqual(provePin(kind, text, pin!, changes), { ok: true });
    // A pin that also changes a setting the file already has does not prove.
    const other = { edits: [{ start: 0, end: 0, newText: kind === 'env' ? 'KONG_PG_PORT=1\n' : 'pg_port = 1\n' }, ...pin!.edits] };
    const withPgHostChange = { edits: [{ start: text.indexOf('db'), end: text.indexOf('db') + 2, newText: 'other' }, ...pin!.edits] };
    assert.equal(provePin(kind, text, withPgHostChange, changes).ok, false, `${kind}: an existing setting changes`);
    assert.equal(provePin(kind, text, other, changes).ok, false, `${kind}: a setting the pin is not about appears`);
    // A pin whose value is not the old default does not prove.
    const c = changes.find((x) => x.property === 'upstream_keepalive_pool_size')!;
    const wrong = pinEditsFor(kind, text, env, [{ ...c, old: '61' }]);
    assert.equal(provePin(kind, text, wrong, [c]).ok, false, `${kind}: another value`);
  }
});

test('a pin whose line would not read back is left out of the pin action, the rest is offered', () => {
  const env = envFor('2.8', '3.4', 'oss');
  const text = 'pg_host = db\n';
  const changes = pinnableDefaultChanges('kong-conf', text, env);
  const c = changes.find((x) => x.property === 'upstream_keepalive_pool_size')!;
  // A default with a newline cannot be one kong.conf line: its pin does not prove.
  const broken = { ...c, old: '60\nproxy_listen = off' };
  assert.equal(provePin('kong-conf', text, pinEditsFor('kong-conf', text, env, [broken]), [broken]).ok, false);
});
