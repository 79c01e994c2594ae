/** Kong's own pre-checks (upgrade-rules L8-L10, P6) and the 2.8.2 blue-green floor (M4) in the plan. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import releasesJson from '../../server/knowledge/releases.json';
import upgradeJson from '../../server/knowledge/upgrade.json';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { planUpgrade } from '../../server/src/core/planner/plan';
import { planToText } from '../../server/src/core/planner/render';
import type { PlanInput, PlannerKnowledge, UpgradeKnowledge, UpgradePlan } from '../../server/src/core/planner/types';

const K: PlannerKnowledge = { releases: releasesJson as unknown as ReleasesKnowledge, upgrade: upgradeJson as unknown as UpgradeKnowledge };
const plan = (from: string, to: string, edition: PlanInput['edition'] = 'enterprise', extra: Partial<PlanInput> = {}): UpgradePlan =>
  planUpgrade({ from, to, topology: 'traditional', edition, today: '2026-12-07', ...extra }, K);
const commands = (p: UpgradePlan) => p.hops.flatMap((h) => h.strategy.steps.filter((s) => s.phase === 'before').map((s) => `${h.fromLine}->${h.toLine}: ${s.command ?? ''}`));

describe("Kong's kong.conf pre-checks", () => {
  test('3.10 -> 3.14: move to 3.10.0.11+ and run kong check --lts-314-compatibility before the hop', () => {
    const p = plan('3.10.0.3', '3.14');
    assert.ok(commands(p).includes('3.10->3.14: kong check --lts-314-compatibility <kong.conf>'), commands(p).join('\n'));
    const pre = p.prehops.filter((x) => x.minimum === '3.10.0.11');
    assert.equal(pre.length, 1);
    assert.ok(pre[0]!.rules.some((r) => r.id === 'L9'));
    assert.equal(p.prehops.filter((x) => x.to === pre[0]!.to).length, 1, 'one pre-hop to the newest patch, not two');
  });

  test('the text plan lists the patch pre-hops, required and recommended, as the Markdown plan does', () => {
    const p = plan('3.10.0.3', '3.14');
    const text = planToText(p);
    assert.ok(text.includes('Patch pre-hops:'), text);
    for (const x of p.prehops) assert.ok(text.includes(`${x.required ? 'required' : 'recommended'}: ${x.from} → ${x.to}`), `${JSON.stringify(x)}\n${text}`);
    assert.ok(/at least 3\.10\.0\.11.*\[.*L9/.test(text), text);
    assert.ok(!planToText(plan('3.14', '3.16')).includes('Patch pre-hops:') || plan('3.14', '3.16').prehops.length > 0);
  });

  test('2.8 -> 3.4: 2.8.4.14+ and kong check --lts-34-compatibility (Enterprise)', () => {
    const p = plan('2.8.1.0', '3.4');
    assert.ok(commands(p).includes('2.8->3.4: kong check --lts-34-compatibility <kong.conf>'), commands(p).join('\n'));
    const pre = p.prehops.find((x) => x.minimum === '2.8.4.14');
    assert.ok(pre && pre.rules.some((r) => r.id === 'L8'), JSON.stringify(p.prehops));
  });

  test('also when the LTS jump is the first hop of a longer plan (3.10 -> 3.16)', () => {
    assert.ok(commands(plan('3.10', '3.16')).includes('3.10->3.14: kong check --lts-314-compatibility <kong.conf>'));
  });

  test('no pre-check where Kong has none: 3.4 -> 3.10, open source, minor hops', () => {
    for (const p of [plan('3.4', '3.10'), plan('2.8.0', '3.4', 'oss'), plan('3.12', '3.13')]) {
      assert.ok(!commands(p).some((c) => /--lts-/.test(c)), commands(p).join('\n'));
      assert.ok(!p.prehops.some((x) => /Pre-check/.test(x.reason)));
    }
  });
});

describe('blue-green from 2.8.0 / 2.8.1 into 3.x passes through 2.8.2 (M4)', () => {
  for (const [from, edition] of [
    ['2.8.0', 'oss'],
    ['2.8.1', 'oss'],
    ['2.8.1.0', 'enterprise'],
  ] as const) {
    test(`${from} (${edition})`, () => {
      for (const extra of [{ blueGreen: true }, { strategy: 'blue-green' as const }]) {
        const p = plan(from, edition === 'oss' ? '3.1' : '3.4', edition, extra);
        const first = p.hops[0]!;
        assert.equal(first.prehop, true);
        assert.equal(first.toLine, '2.8');
        assert.equal(first.minimum, edition === 'oss' ? '2.8.2' : '2.8.2.0');
        assert.ok(first.rules.some((r) => r.id === 'M4'));
      }
      const plain = plan(from, edition === 'oss' ? '3.1' : '3.4', edition);
      assert.ok(!plain.hops[0]!.prehop, 'no required stop without blue-green');
    });
  }
});
