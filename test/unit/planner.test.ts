import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import releasesJson from '../../server/knowledge/releases.json';
import upgradeJson from '../../server/knowledge/upgrade.json';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { planUpgrade } from '../../server/src/core/planner/plan';
import { planToMarkdown } from '../../server/src/core/planner/markdown';
import { publishedTableRow, tableRows } from '../../server/src/core/planner/tables';
import type { PlanInput, PlannerKnowledge, UpgradeKnowledge, UpgradePlan } from '../../server/src/core/planner/types';
import { buildUpgrade } from '../../scripts/kb/upgrade';

/** assert.ok with a message always (a failing assert.ok without one makes node re-read the source). */
function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  assert.ok(value, message);
}

const K: PlannerKnowledge = { releases: releasesJson as unknown as ReleasesKnowledge, upgrade: upgradeJson as unknown as UpgradeKnowledge };
const SHARED = path.resolve(__dirname, '../../../shared');

const ee = (from: string, to: string, topology: PlanInput['topology'] = 'traditional', extra: Partial<PlanInput> = {}): UpgradePlan =>
  planUpgrade({ from, to, topology, edition: 'enterprise', ...extra }, K);
const oss = (from: string, to: string, topology: PlanInput['topology'] = 'traditional', extra: Partial<PlanInput> = {}): UpgradePlan =>
  planUpgrade({ from, to, topology, edition: 'oss', ...extra }, K);

/** Lines of the hops after any pre-hop ("3.0", "3.1", ...). */
const lines = (p: UpgradePlan) => p.hops.filter((h) => !h.prehop).map((h) => h.toLine);
/** Stops as the rules file renders them: the floor when one is set, else the line. */
const rendered = (p: UpgradePlan) => p.hops.filter((h) => !h.prehop).map((h) => h.minimum ?? h.toLine);
const latest = (line: string, edition: 'oss' | 'enterprise' = 'enterprise') => {
  const l = K.releases.lines.find((x) => x.minor === line);
  ok(l, `line ${line} in releases.json`);
  const ps = edition === 'oss' ? l.ossPatches : l.enterprisePatches;
  return ps[ps.length - 1];
};
const codes = (p: UpgradePlan, severity?: string) => p.notes.filter((n) => !severity || n.severity === severity).map((n) => n.code);
const ruleIds = (p: UpgradePlan, hop: number) => p.hops[hop].rules.map((r) => r.id);
const stepIds = (p: UpgradePlan, hop: number) => p.hops[hop].strategy.steps.map((s) => s.id);

describe('worked examples of upgrade-rules.md (section P)', () => {
  test('2.5 traditional -> 3.6 (Enterprise): 2.8.2 -> 3.4 -> 3.5 -> 3.6, with the 3.6 table and 2.5 -> 3.0 as alternatives', () => {
    const p = ee('2.5', '3.6');
    assert.equal(p.error, undefined);
    assert.deepEqual(lines(p), ['2.8', '3.4', '3.5', '3.6']);
    assert.deepEqual(rendered(p), ['2.8.2.0', '3.4', '3.5', '3.6']);
    assert.equal(p.hops[0].to, latest('2.8'), 'the 2.8 stop recommends its latest patch');
    assert.equal(p.hops[1].kind, 'lts');
    const alts = p.alternatives.map((a) => a.stops.join(' > '));
    ok(alts.includes('2.8.2.x (blue-green only) > 3.4 > 3.5 > 3.6'), alts.join(' | '));
    ok(
      alts.some((a) => a.startsWith('3.0 > ')),
      'direct 2.5 -> 3.0 (M2) offered',
    );
    ok(p.alternatives.find((a) => a.stops[0] === '3.0')?.rules.some((r) => r.id === 'M2'));
  });

  test('2.8 hybrid -> 3.2 (Enterprise): 3.0 -> 3.1.1.3 -> 3.2; alternative 3.1.1.3 -> 3.2', () => {
    const p = ee('2.8', '3.2', 'hybrid');
    assert.deepEqual(rendered(p), ['3.0', '3.1.1.3', '3.2']);
    assert.equal(p.hops[1].to, latest('3.1'));
    ok(ruleIds(p, 1).includes('C1'));
    const alt = p.alternatives.find((a) => a.stops.join('>') === '3.1.1.3>3.2');
    ok(alt, JSON.stringify(p.alternatives.map((a) => a.stops)));
    const ids = alt.rules.map((r) => r.id);
    ok(ids.includes('X3') && ids.includes('T1'), ids.join(','));
  });

  test('3.0 DB-less -> 3.5: 3.1.1.3 -> 3.2 -> 3.3 -> 3.4 -> 3.5; alternative 3.4 -> 3.5', () => {
    const p = ee('3.0', '3.5', 'dbless');
    assert.deepEqual(rendered(p), ['3.1.1.3', '3.2', '3.3', '3.4', '3.5']);
    ok(p.alternatives.some((a) => a.stops.join('>') === '3.4>3.5'));
    ok(p.hops.every((h) => h.guaranteed));
  });

  test('3.1.0.0 hybrid -> 3.4: 3.1.1.3 -> 3.2 -> 3.3 -> 3.4 (table agrees)', () => {
    const p = ee('3.1.0.0', '3.4', 'hybrid');
    assert.equal(p.hops[0].prehop, true);
    assert.equal(p.hops[0].minimum, '3.1.1.3');
    assert.equal(p.hops[0].from, '3.1.0.0');
    assert.deepEqual(
      p.hops.map((h) => h.toLine),
      ['3.1', '3.2', '3.3', '3.4'],
    );
    assert.deepEqual(
      p.prehops.map((x) => [x.minimum, x.required]),
      [['3.1.1.3', true]],
    );
    const table = p.alternatives.find((a) => a.description.includes('published upgrade table'));
    ok(table?.matchesPlan);
    assert.deepEqual(table.stops, ['3.1.1.3', '3.2', '3.3', '3.4']);
  });

  test('2.8 -> 3.14 (Enterprise): 3.4 -> 3.10 -> 3.14, each an LTS hop with its decK conversion', () => {
    const p = ee('2.8', '3.14');
    assert.deepEqual(lines(p), ['3.4', '3.10', '3.14']);
    assert.deepEqual(
      p.hops.map((h) => h.kind),
      ['lts', 'lts', 'lts'],
    );
    assert.deepEqual(
      p.hops.map((h) => h.deckConvert),
      [
        { from: '2.8', to: '3.4' },
        { from: '3.4', to: '3.10' },
        { from: '3.10', to: '3.14' },
      ],
    );
    ok(p.hops.every((h) => h.guaranteed));
  });

  test('2.8 -> 3.4 (OSS): 3.0 -> 3.1 -> 3.2 -> 3.3 -> 3.4, X4 warning when hybrid', () => {
    const hybrid = oss('2.8', '3.4', 'hybrid');
    assert.deepEqual(lines(hybrid), ['3.0', '3.1', '3.2', '3.3', '3.4']);
    ok(codes(hybrid, 'warning').includes('oss-hybrid-3.1'));
    ok(hybrid.notes.find((n) => n.code === 'oss-hybrid-3.1')?.rules.some((r) => r.id === 'X4'));
    assert.equal(hybrid.hops[1].minimum, undefined, 'no Enterprise 3.1.1.3 floor for OSS');
    assert.equal(hybrid.hops[1].to, latest('3.1', 'oss'));
    const trad = oss('2.8', '3.4');
    assert.deepEqual(lines(trad), ['3.0', '3.1', '3.2', '3.3', '3.4']);
    ok(!codes(trad).includes('oss-hybrid-3.1'));
    ok(codes(trad).includes('oss-no-lts'));
  });

  test('0.13 -> 2.8 (OSS): 0.14.1 -> 1.5 -> 2.8, low confidence', () => {
    const p = oss('0.13', '2.8');
    assert.deepEqual(rendered(p), ['0.14.1', '1.5', '2.8']);
    ok(p.hops[0].lowConfidence);
    ok(codes(p).includes('low-confidence'));
  });

  test('3.4 -> 3.10 (OSS): refused, Enterprise only', () => {
    const p = oss('3.4', '3.10');
    assert.equal(p.error?.code, 'not-oss');
    assert.equal(p.hops.length, 0);
    ok(p.notes[0].rules.some((r) => r.id === 'V5'));
  });
});

describe('kong-upgrade plan --from 2.5.0 --to 3.10 --topology hybrid', () => {
  test('Enterprise: 2.5 -> 2.8 (>= 2.8.2) -> 3.4 -> 3.10, with reasons', () => {
    const p = ee('2.5.0', '3.10', 'hybrid');
    assert.equal(p.error, undefined);
    assert.deepEqual(lines(p), ['2.8', '3.4', '3.10']);
    ok(codes(p, 'info').includes('version'), '2.5.0 is an OSS-shaped version: only the line is used');
    assert.equal(p.hops[0].from, '2.5');
    assert.equal(p.hops[0].minimum, '2.8.2.0');
    ok(ruleIds(p, 0).includes('E4') && ruleIds(p, 0).includes('C2'));
    assert.equal(p.hops[0].guaranteed, false);
    ok(ruleIds(p, 1).includes('G3') && ruleIds(p, 2).includes('G3'));
    assert.equal(p.hops[2].to, latest('3.10'));
    // Hybrid: control planes first, data planes roll.
    for (const h of p.hops) {
      assert.equal(h.strategy.kind, 'rolling');
      assert.equal(h.strategy.controlPlane, 'dual-cluster');
    }
    const warn = p.notes.filter((n) => n.severity === 'warning');
    ok(warn.some((n) => n.code === 'declarative-3.0' && n.hop === 1));
    ok(warn.some((n) => n.code === 'consumer-groups-3.4' && n.hop === 1));
    ok(warn.some((n) => n.code === 'devportal-check' && n.hop === 2));
    ok(warn.some((n) => n.code === 'os-3.10' && n.hop === 2));
    ok(!warn.some((n) => n.code === 'tls-3.14'));
  });

  test('OSS: refused because 3.10 is Enterprise only', () => {
    assert.equal(oss('2.5.0', '3.10', 'hybrid').error?.code, 'not-oss');
  });
});

describe('rules, one by one', () => {
  test('V2: a 3-part version for Enterprise keeps only its line; a known 4-part one is exact', () => {
    const a = ee('3.4.2', '3.5');
    assert.equal(a.hops[0].from, '3.4');
    const b = ee('3.4.3.5', '3.5');
    assert.equal(b.hops[0].from, '3.4.3.5');
    ok(!codes(b).includes('version'));
  });

  test('V7: changes of patch releases inside the range are listed (3.4.3.5 breaking entry on 3.4.3.4 -> 3.5)', () => {
    const p = ee('3.4.3.4', '3.5');
    const versions = p.hops.flatMap((h) => [...h.changes.breaking, ...h.changes.deprecations].map((c) => c.version));
    ok(
      versions.some((v) => v.startsWith('3.4.3.')),
      versions.join(','),
    );
    const later = ee('3.4.3.29', '3.5');
    const laterVersions = later.hops.flatMap((h) => h.changes.breaking.map((c) => c.version));
    ok(!laterVersions.some((v) => v.startsWith('3.4.')), 'nothing at or below the current patch');
  });

  test('G1: same line -> one guaranteed patch hop', () => {
    const p = ee('3.4.3.5', '3.4');
    assert.equal(p.hops.length, 1);
    assert.equal(p.hops[0].kind, 'patch');
    assert.equal(p.hops[0].to, latest('3.4'));
    ok(p.hops[0].guaranteed && p.direct);
    const exact = ee('3.4.3.5', '3.4.3.20');
    assert.equal(exact.hops[0].to, '3.4.3.20');
  });

  test('G2: adjacent minors are guaranteed, 2.8 -> 3.0 is not (other major)', () => {
    const p = ee('3.5', '3.7');
    assert.deepEqual(
      p.hops.map((h) => [h.kind, h.guaranteed]),
      [
        ['minor', true],
        ['minor', true],
      ],
    );
    const q = ee('2.8', '3.0');
    assert.equal(q.hops[0].guaranteed, false);
    ok(ruleIds(q, 0).includes('M1') && ruleIds(q, 0).includes('G4'));
  });

  test('G3/L2/P4: LTS jump only between adjacent LTS lines, never overshooting', () => {
    assert.deepEqual(lines(ee('3.4', '3.12')), ['3.10', '3.11', '3.12']);
    assert.deepEqual(lines(ee('3.4', '3.9')), ['3.5', '3.6', '3.7', '3.8', '3.9']);
    assert.deepEqual(lines(ee('3.5', '3.14')), ['3.6', '3.7', '3.8', '3.9', '3.10', '3.14']);
    assert.deepEqual(lines(ee('3.10', '3.15')), ['3.14', '3.15']);
  });

  test('C4: OSS takes no LTS jump', () => {
    assert.deepEqual(lines(oss('2.8', '3.9')), ['3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9']);
    ok(oss('2.8', '3.9').hops.every((h) => h.kind !== 'lts'));
  });

  test('L4: optional pre-check stop 3.10.0.11 before 3.10 -> 3.14', () => {
    const p = ee('3.10.0.5', '3.14');
    const pre = p.prehops.find((x) => x.minimum === '3.10.0.11');
    ok(pre && !pre.required);
    ok(!p.hops.some((h) => h.prehop), 'optional pre-hops are not hops');
    assert.equal(ee('3.10.0.12', '3.14').prehops.filter((x) => x.minimum === '3.10.0.11').length, 0);
  });

  test('L5/S1: blue-green only for patch hops; LTS hops fall back to dual-cluster', () => {
    const p = ee('2.8.4.0', '3.4', 'traditional', { blueGreen: true });
    const lts = p.hops.find((h) => h.kind === 'lts');
    assert.equal(lts?.strategy.kind, 'dual-cluster');
    assert.match(lts?.strategy.why ?? '', /blue-green/i);
    const patch = ee('3.4.3.5', '3.4.3.20', 'traditional', { blueGreen: true });
    assert.equal(patch.hops[0].strategy.kind, 'blue-green');
    ok(stepIds(patch, 0).includes('bg-finish'));
    assert.equal(patch.hops[0].strategy.steps.find((s) => s.id === 'bg-finish')?.phase, 'after');
  });

  test('L6/X5: Cassandra blocks hops that land on 3.4 or later', () => {
    const p = ee('2.8', '3.5', 'traditional', { cassandra: true });
    ok(p.notes.some((n) => n.severity === 'blocker' && n.code === 'cassandra-blocker' && n.hop === 0));
    assert.equal(p.hops.length, 2, 'the plan is still produced');
    ok(!codes(ee('2.8', '3.3', 'traditional', { cassandra: true })).includes('cassandra-blocker'));
    ok(!codes(ee('2.8', '3.5')).includes('cassandra-blocker'));
  });

  test('L6: OS builds before 3.10, TLS before 3.14', () => {
    const p = ee('3.4', '3.14');
    ok(p.notes.some((n) => n.code === 'os-3.10' && n.hop === 0));
    ok(p.notes.some((n) => n.code === 'tls-3.14' && n.hop === 1));
  });

  test('X6: Dev Portal/Vitals blocker when in use, check when unknown, nothing when not used', () => {
    ok(codes(ee('3.4', '3.6', 'traditional', { devPortalOrVitals: true }), 'blocker').includes('devportal-blocker'));
    ok(codes(ee('3.4', '3.6'), 'warning').includes('devportal-check'));
    const none = codes(ee('3.4', '3.6', 'traditional', { devPortalOrVitals: false }));
    ok(!none.includes('devportal-check') && !none.includes('devportal-blocker'));
    ok(!codes(ee('3.5', '3.6')).includes('devportal-check'));
  });

  test('X7: consumer-group warning for hybrid Enterprise crossing 3.4 unless the user says none', () => {
    ok(codes(ee('3.3', '3.4', 'hybrid')).includes('consumer-groups-3.4'));
    ok(!codes(ee('3.3', '3.4', 'hybrid', { consumerGroupPlugins: false })).includes('consumer-groups-3.4'));
    ok(!codes(ee('3.3', '3.4', 'traditional')).includes('consumer-groups-3.4'));
  });

  test('X1/X2/C1: hybrid on 3.1.0.0-3.1.1.2 must pass 3.1.1.3 first; other topologies need not', () => {
    for (const v of ['3.1.0.0', '3.1.1.1', '3.1.1.2']) {
      const p = ee(v, '3.2', 'hybrid');
      ok(p.hops[0].prehop, v);
      assert.equal(p.hops[0].minimum, '3.1.1.3');
      ok(ruleIds(p, 0).includes('X2'));
    }
    ok(!ee('3.1.1.3', '3.2', 'hybrid').hops[0].prehop);
    ok(!ee('3.1.0.0', '3.2', 'traditional').prehops.some((x) => x.required));
    const lineOnly = ee('3.1', '3.2', 'hybrid');
    ok(lineOnly.prehops[0]?.required && lineOnly.prehops[0].conditional, 'unknown patch: required, skip if already there');
    const c1 = lineOnly.hops[0].rules.find((r) => r.id === 'C1');
    ok(c1 && /3\.1\.1\.3/.test(c1.citation) && /3\.1\.1\.2/.test(c1.citation) && /DOCS:tables/.test(c1.citation) && /DEV:reference/.test(c1.citation), 'both sides cited');
  });

  test('M1/M6/K5: 2.8 -> 3.0 converts decK state with kong-gateway-2.x -> 3.x', () => {
    const p = ee('2.8', '3.0');
    assert.equal(p.hops[0].kind, 'major');
    assert.deepEqual(p.hops[0].deckConvert, { from: 'kong-gateway-2.x', to: 'kong-gateway-3.x' });
    const step = p.hops[0].strategy.steps.find((s) => s.id === 'deck-convert');
    assert.match(step?.command ?? '', /deck file convert --from kong-gateway-2\.x --to kong-gateway-3\.x/);
    ok(!ee('3.5', '3.6').hops[0].deckConvert);
  });

  test('M3/C2/P3: below 2.8 with a 3.x target the 2.8 stop is at least 2.8.2, for every topology', () => {
    for (const t of ['traditional', 'hybrid', 'dbless'] as const) {
      const p = ee('2.3', '3.2', t);
      assert.deepEqual(rendered(p), ['2.8.2.0', '3.0', '3.1.1.3', '3.2'], t);
    }
    assert.deepEqual(rendered(oss('2.3', '3.2')), ['2.8.2', '3.0', '3.1', '3.2']);
  });

  test('M4: 2.8.0-2.8.1 with blue-green toward 3.x needs 2.8.2 first', () => {
    const p = ee('2.8.1.0', '3.0', 'traditional', { blueGreen: true });
    ok(p.hops[0].prehop);
    assert.equal(p.hops[0].minimum, '2.8.2.0');
    ok(!ee('2.8.1.0', '3.0').hops[0].prehop, 'without blue-green the pre-hop is only recommended');
    ok(ee('2.8.1.0', '3.0').prehops.some((x) => !x.required));
  });

  test('M7: custom plugins warning and steps crossing 3.0', () => {
    const p = ee('2.8', '3.0', 'traditional', { customPlugins: true });
    ok(stepIds(p, 0).includes('prepare-custom-plugins-3x'));
    ok(codes(p).includes('custom-plugins-3.0'));
    ok(!codes(ee('2.8', '3.0', 'traditional', { customPlugins: false })).includes('custom-plugins-3.0'));
  });

  test('O1: OSS below 0.4.2 reaches 0.4.2 before 0.5', () => {
    const p = oss('0.4.1', '0.6');
    ok(p.hops[0].prehop);
    assert.equal(p.hops[0].to, '0.4.2');
    assert.deepEqual(lines(p), ['0.5', '0.6']);
  });

  test('O3/C10: OSS 0.x walks each minor to 0.14.1, then any 1.x', () => {
    assert.deepEqual(rendered(oss('0.11', '1.2')), ['0.12', '0.13', '0.14.1', '1.2']);
  });

  test('O7: OSS 1.x -> any 2.x directly; 2.x -> later 2.x directly', () => {
    assert.deepEqual(lines(oss('1.1', '2.5')), ['2.5']);
    assert.deepEqual(lines(oss('2.0', '2.8')), ['2.8']);
    assert.deepEqual(lines(oss('0.14', '2.2')), ['1.5', '2.2']);
  });

  test('E1/E2: Enterprise legacy chain 0.31 -> 0.34 -> 0.35 -> 0.36 -> 1.3 -> 1.5 -> 2.1', () => {
    const p = ee('0.31', '2.1');
    assert.deepEqual(lines(p), ['0.34', '0.35', '0.36', '1.3', '1.5', '2.1']);
    assert.equal(p.hops[0].minimum, '0.34-1');
  });

  test('E3/C9: Enterprise 2.1 -> 2.5 walks every minor; E4: 1.3 -> 2.8 is direct', () => {
    assert.deepEqual(lines(ee('2.1', '2.5')), ['2.2', '2.3', '2.4', '2.5']);
    assert.deepEqual(lines(ee('1.3', '2.8')), ['2.8']);
    assert.deepEqual(lines(ee('2.2', '2.7')), ['2.7']);
  });

  test('E5: Kong Manager OIDC note when crossing 2.7 (Enterprise)', () => {
    ok(codes(ee('2.5', '2.8')).includes('oidc-claim'));
    ok(!codes(ee('2.7', '2.8')).includes('oidc-claim'));
  });

  test('C3/T4: 3.0-3.3 never jump to 3.4 by default, the table route is only an alternative', () => {
    const p = ee('3.2', '3.6');
    assert.deepEqual(lines(p), ['3.3', '3.4', '3.5', '3.6']);
    ok(p.alternatives.some((a) => a.stops.join('>') === '3.4>3.5>3.6'));
  });

  test('C5: 2.8 -> 3.1 goes through 3.0', () => {
    assert.deepEqual(rendered(ee('2.8', '3.1')), ['3.0', '3.1.1.3']);
  });

  test('C6/C7: 2.x-2.7 DB-less stops on 2.8 and then takes the LTS jump', () => {
    assert.deepEqual(lines(ee('2.6', '3.4', 'dbless')), ['2.8', '3.4']);
    assert.deepEqual(lines(ee('2.6', '3.4', 'traditional')), ['2.8', '3.4']);
  });

  test('H1/S3/S4: hybrid steps upgrade control planes before data planes', () => {
    const p = ee('3.5', '3.6', 'hybrid', { customPlugins: true });
    const ids = stepIds(p, 0);
    ok(ids.indexOf('hybrid-cp-first') < ids.indexOf('hybrid-dp-rolling'));
    ok(ids.indexOf('migrations-finish') < ids.indexOf('hybrid-dp-rolling'));
    ok(ids.includes('hybrid-plugins-cp'));
    assert.match(p.hops[0].strategy.steps.find((s) => s.id === 'hybrid-cp-first')?.text ?? '', /never run a newer minor/);
  });

  test('S5/K3: DB-less backs up and converts the declarative file, no database steps', () => {
    const p = ee('2.8', '3.0', 'dbless');
    const ids = stepIds(p, 0);
    ok(ids.includes('backup-dbless') && ids.includes('prepare-dbless-convert') && ids.includes('freeze-dbless'));
    ok(!ids.includes('migrations-up') && !ids.includes('backup-pg'));
    assert.equal(p.hops[0].strategy.kind, 'rolling');
    assert.equal(p.hops[0].strategy.steps.find((s) => s.id === 'prepare-dbless-convert')?.phase, 'before');
  });

  test('K2-K8: traditional hop has freeze, pg_dump + decK dump, migrations up/finish, verify, rollback, in phases', () => {
    const p = ee('3.5', '3.6', 'traditional', { keyring: true });
    const steps = p.hops[0].strategy.steps;
    const phase = (id: string) => steps.find((s) => s.id === id)?.phase;
    assert.equal(phase('freeze'), 'before');
    assert.equal(phase('backup-pg'), 'before');
    assert.match(steps.find((s) => s.id === 'backup-pg')?.command ?? '', /^pg_dump /);
    assert.equal(phase('backup-deck'), 'before');
    assert.equal(phase('backup-keyring'), 'before');
    assert.equal(phase('migrations-up'), 'during');
    assert.equal(phase('migrations-finish'), 'during');
    assert.equal(phase('verify'), 'after');
    assert.equal(phase('rollback-restore'), 'after');
    const order = steps.map((s) => s.phase);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => ['before', 'during', 'after'].indexOf(a) - ['before', 'during', 'after'].indexOf(b)),
    );
    assert.equal(p.hops[0].strategy.kind, 'dual-cluster');
    const inPlace = ee('3.5', '3.6', 'traditional', { strategy: 'in-place' });
    ok(stepIds(inPlace, 0).includes('inplace-stop') && !stepIds(inPlace, 0).includes('dual-restore'));
  });

  test('Konnect: rolling DPs, Konnect backup, DCGW note', () => {
    const p = ee('3.8', '3.9', 'konnect');
    ok(stepIds(p, 0).includes('backup-konnect') && stepIds(p, 0).includes('konnect-rolling'));
    ok(codes(p).includes('konnect-dcgw'));
  });

  test('Helm: chart and image separately, migrations as jobs, split pre/post upgrade', () => {
    const p = ee('3.5', '3.6', 'traditional', { helm: true });
    const ids = stepIds(p, 0);
    ok(ids.includes('helm-separate') && ids.includes('helm-migrations') && ids.includes('helm-split') && ids.includes('helm-split-releases'), ids.join(','));
    ok(p.hops[0].rules.length > 0 && p.hops[0].strategy.steps.find((s) => s.id === 'helm-separate')?.rules.includes('HELM2'), 'Helm steps cite the chart notes');
    const dbless = stepIds(ee('3.5', '3.6', 'dbless', { helm: true }), 0);
    ok(dbless.includes('helm-dbless') && !dbless.includes('helm-migrations'), dbless.join(','));
    assert.match(p.hops[0].strategy.steps.find((s) => s.id === 'helm-split')?.command ?? '', /migrations\.postUpgrade=false/);
    ok(!stepIds(ee('3.5', '3.6'), 0).some((id) => id.startsWith('helm')));
  });

  test('Custom Nginx template: compare on every hop, flag Kong.serve_admin_api only on the hop into 3.0', () => {
    const p = ee('2.8', '3.1', 'traditional', { customNginxTemplate: true });
    const flagged = p.hops.map((h) => h.strategy.steps.some((s) => s.text.includes('Kong.serve_admin_api') && s.text.includes('Kong.admin_content')));
    assert.deepEqual(flagged, [true, false]);
    ok(p.hops.every((h) => h.strategy.steps.some((s) => s.id === 'prepare-nginx-template')));
  });

  test('changes: breaking entries per hop, edition-aware', () => {
    const p = ee('2.8.4.14', '3.0');
    ok(p.hops[0].changes.breaking.some((c) => c.id === '3.0.0.0/kong-ee[86]'));
    const o = oss('2.8.5', '3.0');
    ok(o.hops[0].changes.breaking.length > 0);
    ok(
      o.hops[0].changes.breaking.every((c) => c.oss),
      'OSS plans list open-source entries only',
    );
    ok(!o.hops[0].changes.breaking.some((c) => c.id === '3.0.0.0/kong-ee[152]' && !c.oss), 'no Enterprise-only entry');
    for (const c of p.hops[0].changes.breaking) ok(c.link.startsWith('https://'));
  });

  test('target status: sunset or end-of-life targets warn', () => {
    ok(codes(ee('3.2', '3.3')).includes('target-status'));
    ok(!codes(ee('3.13', '3.14')).includes('target-status'));
  });
});

describe('refusals and edge cases', () => {
  test('downgrade across lines and inside a line', () => {
    for (const p of [ee('3.10', '3.4'), ee('3.4.3.29', '3.4.3.5')]) {
      assert.equal(p.error?.code, 'downgrade');
      assert.equal(p.hops.length, 0);
      assert.match(p.error.message, /backup/);
    }
  });

  test('unknown versions and garbage never throw', () => {
    assert.equal(ee('9.9', '3.4').error?.code, 'unknown-version');
    assert.equal(ee('3.4', 'banana').error?.code, 'unknown-version');
    assert.equal(ee('', '').error?.code, 'unknown-version');
    assert.equal(planUpgrade({ from: '3.4', to: '3.5', topology: 'mesh' as never, edition: 'enterprise' }, K).error?.code, 'unknown-version');
    assert.equal(planUpgrade({ from: '3.4', to: '3.5', topology: 'hybrid', edition: 'free' as never }, K).error?.code, 'edition-mismatch');
    assert.doesNotThrow(() => planUpgrade(null as never, K));
    assert.doesNotThrow(() => planUpgrade({ from: 3.4 as never, to: undefined as never, topology: 'hybrid', edition: 'oss' }, K));
  });

  test('edition mismatch: Enterprise has no 1.0 line', () => {
    assert.equal(ee('1.0', '2.8').error?.code, 'edition-mismatch');
  });

  test('same version: zero hops and a note', () => {
    for (const p of [ee('3.4.3.29', '3.4'), ee('3.4', '3.4'), oss('3.9.3', '3.9.3')]) {
      assert.equal(p.error, undefined);
      assert.equal(p.hops.length, 0);
      ok(codes(p).includes('same-version'));
    }
  });

  test('unknown patch of a known line plans from the line with a note', () => {
    const p = ee('3.4.9.99', '3.5');
    assert.equal(p.error, undefined);
    ok(codes(p).includes('version'));
    assert.deepEqual(lines(p), ['3.5']);
  });

  test('target below a floor gets a warning', () => {
    ok(codes(ee('3.0.2.0', '3.1.1.1')).includes('below-minimum'));
  });

  test('P11: a new LTS line adds one LTS edge, nothing else changes', () => {
    const releases: ReleasesKnowledge = JSON.parse(JSON.stringify(K.releases));
    for (const m of ['3.16', '3.17', '3.18']) {
      releases.lines.push({ minor: m, lts: m === '3.18', oss: false, enterprise: true, ossPatches: [], enterprisePatches: [`${m}.0.0`] });
    }
    releases.ltsLines.push('3.18');
    const p = planUpgrade({ from: '3.10', to: '3.18', topology: 'traditional', edition: 'enterprise' }, { releases, upgrade: K.upgrade });
    assert.deepEqual(lines(p), ['3.14', '3.18']);
    assert.equal(p.hops[1].kind, 'lts');
    assert.equal(p.hops[1].to, '3.18.0.0');
  });
});

/**
 * Kong's published tables (last revision of docs.konghq.com
 * app/_includes/md/gateway/upgrade-paths.md), targets 3.1-3.5, transcribed row by row:
 * topology | current version | direct? | stops ("(bg)" = needed for blue-green only).
 */
const KONG_TABLES: Record<string, string> = {
  '3.1': `
traditional | 2.x-2.7.x | No | 2.8.2.x(bg), 3.0.x, 3.1.1.3
hybrid | 2.x-2.7.x | No | 2.8.2.x, 3.0.x, 3.1.1.3
dbless | 2.x-2.7.x | No | 2.8.x, 3.1.1.3
traditional | 2.8.x | Yes | 3.1.1.3
hybrid | 2.8.x | Yes | 3.1.1.3
dbless | 2.8.x | Yes | 3.1.1.3
traditional | 3.0.x | Yes | 3.1.1.3
hybrid | 3.0.x | Yes | 3.1.1.3
dbless | 3.0.x | Yes | 3.1.1.3`,
  '3.2': `
traditional | 2.x-2.7.x | No | 2.8.2.x(bg), 3.0.x, 3.1.x, 3.2.x
hybrid | 2.x-2.7.x | No | 2.8.2.x, 3.0.x, 3.1.x, 3.2.x
dbless | 2.x-2.7.x | No | 3.0.x, 3.1.x, 3.2.x
traditional | 2.8.x | No | 3.1.1.3, 3.2.x
hybrid | 2.8.x | No | 3.1.1.3, 3.2.x
dbless | 2.8.x | No | 3.1.1.3, 3.2.x
traditional | 3.0.x | No | 3.1.x, 3.2.x
hybrid | 3.0.x | No | 3.1.x, 3.2.x
dbless | 3.0.x | No | 3.1.x, 3.2.x
traditional | 3.1.x | Yes | 3.2.x
hybrid | 3.1.0.x-3.1.1.2 | No | 3.1.1.3, 3.2.x
hybrid | 3.1.1.3 | Yes | 3.2.x
dbless | 3.1.x | Yes | 3.2.x`,
  '3.3': `
traditional | 2.x-2.7.x | No | 2.8.2.x(bg), 3.0.x, 3.1.x, 3.2.x, 3.3.x
hybrid | 2.x-2.7.x | No | 2.8.2.x, 3.0.x, 3.1.x, 3.2.x, 3.3.x
dbless | 2.x-2.7.x | No | 3.0.x, 3.1.x, 3.2.x, 3.3.x
traditional | 2.8.x | No | 3.1.1.3, 3.2.x, 3.3.x
hybrid | 2.8.x | No | 3.1.1.3, 3.2.x, 3.3.x
dbless | 2.8.x | No | 3.1.1.3, 3.2.x, 3.3.x
traditional | 3.0.x | No | 3.1.x, 3.2.x, 3.3.x
hybrid | 3.0.x | No | 3.1.x, 3.2.x, 3.3.x
dbless | 3.0.x | No | 3.1.x, 3.2.x, 3.3.x
traditional | 3.1.x | No | 3.2.x, 3.3.x
hybrid | 3.1.0.x-3.1.1.2 | No | 3.1.1.3, 3.2.x, 3.3.x
hybrid | 3.1.1.3 | No | 3.2.x, 3.3.x
dbless | 3.1.x | No | 3.2.x, 3.3.x
traditional | 3.2.x | Yes | 3.3.x
hybrid | 3.2.x | Yes | 3.3.x
dbless | 3.2.x | Yes | 3.3.x`,
  '3.4': `
traditional | 2.x-2.7.x | No | 2.8.2.x(bg), 3.0.x, 3.1.x, 3.2.x, 3.3.x, 3.4.x
hybrid | 2.x-2.7.x | No | 2.8.2.x, 3.0.x, 3.1.x, 3.2.x, 3.3.x, 3.4.x
dbless | 2.x-2.7.x | No | 3.0.x, 3.1.x, 3.2.x, 3.3.x, 3.4.x
traditional | 2.8.x | Yes | 3.4.x
hybrid | 2.8.x | Yes | 3.4.x
dbless | 2.8.x | Yes | 3.4.x
traditional | 3.0.x | No | 3.1.x, 3.2.x, 3.3.x, 3.4.x
hybrid | 3.0.x | No | 3.1.x, 3.2.x, 3.3.x, 3.4.x
dbless | 3.0.x | No | 3.1.x, 3.2.x, 3.3.x, 3.4.x
traditional | 3.1.x | No | 3.2.x, 3.3.x, 3.4.x
hybrid | 3.1.0.x-3.1.1.2 | No | 3.1.1.3, 3.2.x, 3.3.x, 3.4.x
hybrid | 3.1.1.3 | No | 3.2.x, 3.3.x, 3.4.x
dbless | 3.1.x | No | 3.2.x, 3.3.x, 3.4.x
traditional | 3.2.x | No | 3.3.x, 3.4.x
hybrid | 3.2.x | No | 3.3.x, 3.4.x
dbless | 3.2.x | No | 3.3.x, 3.4.x
traditional | 3.3.x | Yes | 3.4.x
hybrid | 3.3.x | Yes | 3.4.x
dbless | 3.3.x | Yes | 3.4.x`,
  '3.5': `
traditional | 2.x-2.7.x | No | 2.8.2.x(bg), 3.4.x, 3.5.x
hybrid | 2.x-2.7.x | No | 2.8.2.x, 3.4.x, 3.5.x
dbless | 2.x-2.7.x | No | 3.0.x, 3.1.x, 3.2.x, 3.3.x, 3.4.x, 3.5.x
traditional | 2.8.x | No | 3.4.x, 3.5.x
hybrid | 2.8.x | No | 3.4.x, 3.5.x
dbless | 2.8.x | No | 3.4.x, 3.5.x
traditional | 3.0.x | No | 3.4.x, 3.5.x
hybrid | 3.0.x | No | 3.4.x, 3.5.x
dbless | 3.0.x | No | 3.4.x, 3.5.x
traditional | 3.1.x | No | 3.4.x, 3.5.x
hybrid | 3.1.0.x-3.1.1.2 | No | 3.1.1.3, 3.2.x, 3.3.x, 3.4.x, 3.5.x
hybrid | 3.1.1.3 | No | 3.4.x, 3.5.x
dbless | 3.1.x | No | 3.4.x, 3.5.x
traditional | 3.2.x | No | 3.4.x, 3.5.x
hybrid | 3.2.x | No | 3.4.x, 3.5.x
dbless | 3.2.x | No | 3.4.x, 3.5.x
traditional | 3.3.x | No | 3.4.x, 3.5.x
hybrid | 3.3.x | No | 3.4.x, 3.5.x
dbless | 3.3.x | No | 3.4.x, 3.5.x
traditional | 3.4.x | Yes | 3.5.x
hybrid | 3.4.x | Yes | 3.5.x
dbless | 3.4.x | Yes | 3.5.x`,
};

interface Row {
  topology: 'traditional' | 'hybrid' | 'dbless';
  row: string;
  direct: boolean;
  stops: string[];
  bg: string[];
}

function parseTable(text: string): Row[] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.split('|').map((x) => x.trim()))
    .map(([topology, row, direct, stops]) => {
      const list = stops.split(',').map((s) => s.trim());
      return {
        topology: topology as Row['topology'],
        row,
        direct: direct === 'Yes',
        stops: list.map((s) => s.replace('(bg)', '').replace(/\.x$/, '')),
        bg: list.filter((s) => s.endsWith('(bg)')).map((s) => s.replace('(bg)', '').replace(/\.x$/, '')),
      };
    });
}

/** Representative current version for a table row. */
function fromFor(row: string): string {
  if (row === '2.x-2.7.x') return '2.5';
  if (row === '3.1.0.x-3.1.1.2') return '3.1.1.1';
  if (row === '3.1.1.3') return '3.1.1.3';
  return row.replace(/\.x$/, '');
}

/**
 * What the conservative planner must give for a row (section P): stop on 2.8 (C2, C6),
 * take the 2.8 -> 3.4 LTS jump when the target is 3.4 or later (C7), otherwise walk each
 * minor (G2, C3, C5); hybrid 3.1.0.x-3.1.1.2 first takes the 3.1.1.3 pre-hop (X2).
 */
function conservativeFor(target: string, row: string): string[] {
  const t = Number(target.split('.')[1]);
  const walk = (fromMinor: number) => Array.from({ length: t - fromMinor }, (_, i) => `3.${fromMinor + 1 + i}`);
  const from28 = t >= 4 ? ['3.4', ...walk(4)] : ['3.0', ...walk(0)];
  if (row === '2.x-2.7.x') return ['2.8', ...from28];
  if (row === '2.8.x') return from28;
  const m = Number(row.split('.')[1]);
  return walk(m);
}

describe("Kong's published per-target tables, 3.1-3.5 (section T)", () => {
  for (const [target, text] of Object.entries(KONG_TABLES)) {
    const rows = parseTable(text);
    test(`target ${target}: the table has exactly Kong's rows`, () => {
      for (const topology of ['traditional', 'hybrid', 'dbless'] as const) {
        assert.deepEqual(
          tableRows(K, target, topology),
          rows.filter((r) => r.topology === topology).map((r) => r.row),
          topology,
        );
      }
    });
    for (const r of rows) {
      test(`target ${target}, ${r.topology}, from ${r.row}: ${r.stops.join(' -> ')}`, () => {
        const got = publishedTableRow(K, target, r.row, r.topology);
        ok(got, 'row reproduced');
        assert.deepEqual(
          got.stops.map((s) => s.replace(/\.x$/, '')),
          r.stops,
        );
        assert.deepEqual(
          got.blueGreenOnly.map((s) => s.replace(/\.x$/, '')),
          r.bg,
        );
        assert.equal(got.direct, r.direct);
        // The conservative plan for the same row.
        const p = ee(fromFor(r.row), target, r.topology);
        assert.equal(p.error, undefined);
        assert.deepEqual(lines(p), conservativeFor(target, r.row));
        assert.equal(
          p.hops.some((h) => h.prehop),
          r.row === '3.1.0.x-3.1.1.2',
        );
        // The table route is offered as an alternative, flagged when it is the same route.
        const alt = p.alternatives.find((a) => a.description.includes('published upgrade table'));
        ok(alt, 'table alternative present');
        assert.deepEqual(
          alt.stops.map((s) => s.replace(' (blue-green only)', '').replace(/\.x$/, '')),
          r.stops,
        );
      });
    }
  }

  test('targets 3.6-3.8: defects corrected (C8)', () => {
    assert.deepEqual(publishedTableRow(K, '3.6', '2.8.x', 'traditional')?.stops, ['3.4', '3.5', '3.6']);
    assert.deepEqual(publishedTableRow(K, '3.6', '3.0.x', 'hybrid')?.stops, ['3.4', '3.5', '3.6']);
    const r38 = publishedTableRow(K, '3.8', '3.6.x', 'hybrid');
    assert.deepEqual(r38?.stops, ['3.7', '3.8']);
    assert.equal(r38?.direct, false);
    assert.deepEqual(publishedTableRow(K, '3.8', '2.x-2.7.x', 'dbless')?.stops, ['3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8']);
    assert.deepEqual(publishedTableRow(K, '3.7', '3.1.0.x-3.1.1.2', 'hybrid')?.stops, ['3.1.1.3', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7']);
    assert.equal(publishedTableRow(K, '3.9', '3.8.x', 'hybrid'), undefined, 'no table above 3.8');
  });
});

describe('Markdown export', () => {
  test('checklist structure: path, hops, phases, checkboxes, notes, citations', () => {
    const p = ee('2.8.1.0', '3.4', 'hybrid', { blueGreen: true });
    const md = planToMarkdown(p);
    assert.match(md, /^# Kong Gateway upgrade plan: 2\.8\.1\.0 → 3\.4\n/);
    assert.match(md, /- Path: 2\.8\.1\.0 → 2\.8\.4\.\d+ → 3\.4\.3\.\d+/);
    assert.equal((md.match(/^## Hop \d+:/gm) ?? []).length, p.hops.length);
    assert.match(md, /## Hop 1: .*required patch pre-hop/);
    for (const phase of ['Before', 'During', 'After']) assert.match(md, new RegExp(`^### ${phase}$`, 'm'));
    const boxes = md.match(/^- \[ \] /gm) ?? [];
    const steps = p.hops.reduce((n, h) => n + h.strategy.steps.length, 0);
    assert.equal(boxes.length, steps + p.prehops.length + p.notes.filter((n) => n.severity === 'blocker').length);
    assert.match(md, /`deck file convert --from 2\.8 --to 3\.4`/);
    assert.match(md, /^## Rules and sources$/m);
    assert.match(md, /^- \*\*M4\*\* Blue-green into 3\.x needs 2\.8\.2 — /m);
    assert.match(md, /^- \*\*G3\*\* /m);
    assert.match(md, /`kong migrations up`/);
    // Before comes before During inside each hop.
    const hop2 = md.slice(md.indexOf('## Hop 2'));
    ok(hop2.indexOf('### Before') < hop2.indexOf('### During') && hop2.indexOf('### During') < hop2.indexOf('### After'));
  });

  test('findings render as relative links with line anchors', () => {
    const p = ee('3.5', '3.6');
    p.hops[0].findings.push(
      { code: 'KUA-CONF-REMOVED', severity: 'error', message: 'gone in 3.6', path: 'conf/kong.conf', line: 12 },
      { code: 'KUA-DECK', severity: 'warning', message: 'check', path: 'deck/my file.yaml', line: 3 },
    );
    const md = planToMarkdown(p, { linkBase: '../' });
    assert.match(md, /- \[ \] \[conf\/kong\.conf:12\]\(\.\.\/conf\/kong\.conf#L12\) \*\*error\*\* `KUA-CONF-REMOVED`: gone in 3\.6/);
    assert.match(md, /\[deck\/my file\.yaml:3\]\(\.\.\/deck\/my%20file\.yaml#L3\)/);
  });

  test('blockers become checkboxes at the top; refusals render without hops', () => {
    const md = planToMarkdown(ee('3.3', '3.5', 'traditional', { cassandra: true }));
    ok(md.indexOf('## Blockers') < md.indexOf('## Hop 1'));
    assert.match(md, /## Blockers\n\n- \[ \] Cassandra/);
    const refused = planToMarkdown(oss('3.4', '3.10'));
    assert.match(refused, /\*\*No plan:\*\* .*Enterprise only/);
    assert.doesNotMatch(refused, /## Hop/);
  });
});

describe('knowledge build', () => {
  test('scripts/kb/upgrade.ts reproduces the committed upgrade.json', async (t) => {
    if (!fs.existsSync(path.join(SHARED, 'kong-facts/upgrade/upgrade-rules.md'))) {
      t.skip('../shared/kong-facts is not present beside the repository');
      return;
    }
    assert.deepEqual(JSON.parse(JSON.stringify(buildUpgrade(path.join(SHARED, 'kong-facts')))), upgradeJson);
  });

  test('every rule ID of upgrade-rules.md used by the planner is defined with sources', async (t) => {
    const spec = path.join(SHARED, 'kong-facts/upgrade/upgrade-rules.md');
    if (!fs.existsSync(spec)) {
      t.skip('../shared/kong-facts is not present beside the repository');
      return;
    }
    const text = fs.readFileSync(spec, 'utf8');
    const specIds = new Set([...text.matchAll(/^\| ([A-Z]+\d+) \|/gm)].map((m) => m[1]));
    const defined = Object.keys(K.upgrade.rules).filter((id) => !/^P\d/.test(id));
    for (const id of specIds) ok(K.upgrade.rules[id], `rule ${id} of the spec is encoded`);
    for (const id of defined) ok(specIds.has(id) || /^K\d$/.test(id) || /^HELM\d$/.test(id), `rule ${id} exists in the spec`);
  });

  test('rule statements are in our own words (no sentence of the spec copied)', async (t) => {
    const spec = path.join(SHARED, 'kong-facts/upgrade/upgrade-rules.md');
    if (!fs.existsSync(spec)) {
      t.skip('../shared/kong-facts is not present beside the repository');
      return;
    }
    const text = fs.readFileSync(spec, 'utf8').replace(/\s+/g, ' ');
    const ours = [...Object.values(K.upgrade.rules).flatMap((r) => [r.statement, r.choice ?? '']), ...K.upgrade.steps.map((s) => s.text), ...K.upgrade.notes.map((n) => n.text)];
    for (const s of ours) {
      for (const sentence of s.split(/(?<=[.;:])\s+/)) {
        if (sentence.length < 50) continue;
        ok(!text.includes(sentence), `copied: ${sentence}`);
      }
    }
  });

  test('changelog references keep no Kong text', () => {
    for (const c of K.upgrade.changelog) {
      ok(c.label.length < 300);
      assert.match(c.label, /^(Breaking change|Deprecation) in /);
    }
  });
});
