/** Versions before 1.0, release candidates and versions an edition never shipped (issue 9 §3). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import releasesJson from '../../server/knowledge/releases.json';
import confJson from '../../server/knowledge/kong-conf.json';
import upgradeJson from '../../server/knowledge/upgrade.json';
import type { ConfKnowledge, ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import type { PlannerKnowledge, UpgradeKnowledge } from '../../server/src/core/planner/types';
import { resolveVersion } from '../../server/src/core/version';
import { checkText, resolveEnv } from '../../server/src/core/check';
import { planUpgrade } from '../../server/src/core/planner/plan';

const R = releasesJson as unknown as ReleasesKnowledge;
const C = confJson as unknown as ConfKnowledge;
const K: PlannerKnowledge = { releases: R, upgrade: upgradeJson as unknown as UpgradeKnowledge };

describe('origins before 1.0', () => {
  test('the release facts keep the 0.x and legacy Enterprise lines apart', () => {
    assert.ok(R.legacyLines.some((l) => l.minor === '0.14' && l.ossPatches.includes('0.14.1')));
    const e34 = R.legacyLines.find((l) => l.minor === '0.34')!;
    assert.deepEqual(e34.enterprisePatches, ['0.34', '0.34-1']);
    assert.equal(e34.inheritsOss, '0.13.1');
  });

  test('OSS 0.14.1 and 0.13 resolve to the 0.14.1 facts, with a note', () => {
    const r = resolveVersion(R, '0.14.1');
    assert.ok(r.ok);
    assert.equal(r.value.version, '0.14.1');
    const old = resolveVersion(R, '0.13');
    assert.ok(old.ok);
    assert.equal(old.value.version, '0.14.1');
    assert.match(old.value.note ?? '', /first version they describe/);
  });

  test('Enterprise 0.34-1 and 0.36 use the open-source release they were built on', () => {
    const a = resolveVersion(R, '0.34-1', 'enterprise');
    assert.ok(a.ok);
    assert.equal(a.value.version, '0.14.1');
    const b = resolveVersion(R, '0.36', 'enterprise');
    assert.ok(b.ok);
    assert.equal(b.value.version, '1.2.1');
    assert.match(b.value.note ?? '', /built on open-source Kong 1\.2\.1/);
  });

  test('a 0.x current version gets findings, and properties of 0.14.1 are known there', () => {
    const r = resolveEnv({ conf: C, releases: R }, { current: '0.14.1', target: '3.4', edition: 'oss' });
    assert.ok(r.ok, JSON.stringify(r));
    const res = checkText('kong-conf', 'prefix = /k\nnginx_optimizations = on\ncustom_plugins = a\n', r.env, 'kong.conf');
    const codes = res.findings.map((f) => `${f.code}:${f.property}`);
    assert.ok(!codes.includes('new-in-target:prefix'), `prefix existed in 0.14.1: ${codes}`);
    assert.ok(codes.includes('removed-property:nginx_optimizations'), codes.join());
    assert.ok(codes.includes('removed-property:custom_plugins'), codes.join());
  });

  test('release candidates are checked and planned as their release', () => {
    const r = resolveVersion(R, '1.0.0rc1');
    assert.ok(r.ok);
    assert.equal(r.value.version, '1.0.0');
    assert.match(r.value.note ?? '', /pre-release \(rc1\)/);
    const p = planUpgrade({ from: '1.0.0rc1', to: '1.5', topology: 'traditional', edition: 'oss' }, K);
    assert.equal(p.error, undefined);
    assert.ok(p.hops.length > 0);
  });

  test('0.x plans are made, not refused', () => {
    for (const [from, edition] of [
      ['0.14', 'oss'],
      ['0.34', 'enterprise'],
      ['0.14.0rc3', 'oss'],
    ] as const) {
      const p = planUpgrade({ from, to: '1.5', topology: 'traditional', edition }, K);
      assert.equal(p.error, undefined, `${from}: ${p.error?.message}`);
    }
  });
});

describe('did you mean', () => {
  test('Enterprise has no 2.0: its 2.x starts at 2.1', () => {
    const r = resolveVersion(R, '2.0', 'enterprise');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /Enterprise has no 2\.0 release; did you mean 1\.5 or 2\.1\?/);
    const p = planUpgrade({ from: '2.0', to: '3.4', topology: 'traditional', edition: 'enterprise' }, K);
    assert.match(p.error?.message ?? '', /did you mean 1\.5 or 2\.1\?/);
  });
  test('unknown lines name their neighbours', () => {
    const r = resolveVersion(R, '2.9');
    assert.match(!r.ok ? r.message : '', /did you mean 2\.8 or 3\.0\?/);
  });
});
