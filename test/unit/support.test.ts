/**
 * Support status computed for the day the tool runs (kong-facts releases.json status_rules):
 * the pure core takes the day as input, so these tests pin it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import releasesJson from '../../server/knowledge/releases.json';
import upgradeJson from '../../server/knowledge/upgrade.json';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import type { PlannerKnowledge, UpgradeKnowledge } from '../../server/src/core/planner/types';
import { planUpgrade } from '../../server/src/core/planner/plan';
import { nextDay, statusDay, supportLines, supportOn, supportText } from '../../server/src/core/support';
import { knownVersions } from '../../server/src/lsp/versions';
import { versionItems } from '../../client/src/versionItems';
import { statusText } from '../../client/src/statusText';
import { runCli } from '../../server/src/cli';

const R = releasesJson as unknown as ReleasesKnowledge;
const K: PlannerKnowledge = { releases: R, upgrade: upgradeJson as unknown as UpgradeKnowledge };

describe('support status on a given day', () => {
  test('the knowledge base carries the dates, not a frozen status', () => {
    const l34 = R.lines.find((l) => l.minor === '3.4')!;
    assert.equal(l34.eol, '2026-08-31');
    assert.equal(l34.sunsetEnd, '2027-08-31');
    assert.ok(!('status' in l34), 'no status frozen at the facts date');
    assert.equal(R.factsDate, '2026-10-12', 'the newest day the facts speak for (3.16.0.1)');
  });

  test('never earlier than the facts own date; bad input falls back to it', () => {
    assert.equal(statusDay(R, '2020-01-01'), R.factsDate);
    assert.equal(statusDay(R, 'garbage'), R.factsDate);
    assert.equal(statusDay(R, undefined), R.factsDate);
    assert.equal(statusDay(R, '2027-03-01'), '2027-03-01');
    assert.equal(statusDay(R, new Date('2027-03-01T12:00:00Z')), '2027-03-01');
    assert.equal(nextDay('2026-12-31'), '2027-01-01');
  });

  test('3.4 left full support on 2026-08-31: sunset from 2026-09-01, end of life from 2027-09-01', () => {
    const s = supportOn(R, '3.4', '2026-12-07')!;
    assert.equal(s.state, 'sunset-support');
    assert.equal(s.since, '2026-09-01');
    assert.equal(supportText(s), 'sunset support since 2026-09-01 (no more patches), end of life from 2027-09-01');
    assert.equal(supportOn(R, '3.4', '2027-08-31')!.state, 'sunset-support', 'the sunset end day is inclusive');
    const eol = supportOn(R, '3.4', '2027-09-01')!;
    assert.equal(eol.state, 'end-of-life');
    assert.equal(supportText(eol), 'end of life since 2027-09-01');
  });

  test('eol is the last day of full support (3.13: eol 2026-12-18)', () => {
    assert.equal(supportOn(R, '3.13', '2026-12-18')!.state, 'full-support');
    assert.equal(supportText(supportOn(R, '3.13', '2026-12-18')!), 'full support until 2026-12-18, then sunset support until 2027-12-18');
    assert.equal(supportOn(R, '3.13', '2026-12-19')!.state, 'sunset-support');
    assert.equal(supportOn(R, '3.12', '2026-12-07')!.state, 'sunset-support', '3.12 left full support on 2026-10-01');
  });

  test('3.16 has no published dates: full support by policy until the lower bound, unknown after', () => {
    const s = supportOn(R, '3.16', '2026-12-07')!;
    assert.equal(s.state, 'full-support');
    assert.equal(s.estimated, true);
    assert.match(supportText(s), /not published yet.*2027-08-21/);
    assert.equal(supportOn(R, '3.16', '2027-09-15')!.state, 'unknown');
  });

  test('supportLines names each line once with its day', () => {
    assert.deepEqual(supportLines(R, ['3.4', '3.4', '3.14'], '2026-12-07'), [
      '3.4: sunset support since 2026-09-01 (no more patches), end of life from 2027-09-01 (as of 2026-12-07)',
      '3.14: full support until 2029-04-07, then sunset support until 2030-04-07 (as of 2026-12-07)',
    ]);
  });
});

describe('the planner, the picker and the status bar use the day', () => {
  test('plan names the support of both lines and warns for a target past its end of life', () => {
    const p = planUpgrade({ from: '3.4', to: '3.10', topology: 'traditional', edition: 'enterprise', today: '2026-12-07' }, K);
    const support = p.notes.filter((n) => n.code === 'support').map((n) => n.message);
    assert.ok(support.includes('3.4: sunset support since 2026-09-01 (no more patches), end of life from 2027-09-01 (as of 2026-12-07).'), support.join('\n'));
    assert.ok(!p.notes.some((n) => n.code === 'target-status'), '3.10 is fully supported');
    const late = planUpgrade({ from: '3.2', to: '3.4', topology: 'traditional', edition: 'enterprise', today: '2027-09-02' }, K);
    const warn = late.notes.find((n) => n.code === 'target-status');
    assert.equal(warn?.severity, 'warning');
    assert.match(warn!.message, /3\.4 is past its end of life \(since 2027-09-01\) as of 2027-09-02/);
    const sunset = planUpgrade({ from: '3.2', to: '3.4', topology: 'traditional', edition: 'enterprise', today: '2026-12-07' }, K);
    assert.match(sunset.notes.find((n) => n.code === 'target-status')!.message, /sunset support since 2026-09-01/);
  });

  test('picker items follow the calendar', () => {
    const before = knownVersions(R, '2026-12-18');
    const after = knownVersions(R, '2026-12-19');
    assert.equal(before.versions.find((v) => v.minor === '3.13')!.status, 'full-support');
    assert.equal(after.versions.find((v) => v.minor === '3.13')!.status, 'sunset-support');
    const items = versionItems(after, 'targetVersion', '3.14');
    assert.match(items.find((i) => i.version === '3.4')!.detail ?? '', /sunset support since 2026-09-01/);
    assert.match(items.find((i) => i.version === '3.16')!.detail ?? '', /release branch/);
  });

  test('status bar tooltip shows the dated support lines', () => {
    const t = statusText({ current: '3.4', target: '3.14', edition: 'enterprise', problems: [], support: supportLines(R, ['3.4', '3.14'], '2026-12-07') });
    assert.match(t.tooltip, /3\.4: sunset support since 2026-09-01/);
  });

  test('CLI plan takes today from its io', () => {
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: () => {}, readFile: () => Buffer.from(''), writeFile: () => {}, exists: () => true, today: () => '2027-09-02' };
    runCli(['plan', '--from', '3.2', '--to', '3.4', '--topology', 'traditional', '--edition', 'enterprise'], io);
    assert.match(out.join('\n'), /3\.4 is past its end of life \(since 2027-09-01\)/);
  });
});
