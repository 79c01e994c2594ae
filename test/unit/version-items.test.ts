/**
 * Items of the version quick pick (client/src/versionItems.ts), from a `kong/knownVersions`
 * answer built out of server/knowledge/releases.json the same way the language server does.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { knownVersions } from '../../server/src/lsp/versions';
import { compareVersions, newestLts } from '../../server/src/core/version';
import type { KnownVersionsResult } from '../../server/src/protocol';
import { startingValue, statusLabel, versionItems, type VersionPickItem } from '../../client/src/versionItems';

const releases = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'server', 'knowledge', 'releases.json'), 'utf8')) as ReleasesKnowledge;

const known = knownVersions(releases); // the server's own answer to kong/knownVersions
const byVersion = (items: VersionPickItem[], v: string) => {
  const it = items.find((i) => i.version === v && i.label === v);
  assert.ok(it, `no item for ${v}`);
  return it;
};
const marks = (it: VersionPickItem) => it.description.split(' · ').filter(Boolean);

describe('version quick pick items', () => {
  test('one item per release line, newest first, even when the answer is not sorted', () => {
    const items = versionItems(known, 'targetVersion', '3.10');
    assert.equal(items.length, known.versions.length);
    for (let i = 1; i < items.length; i++) {
      assert.ok(compareVersions(items[i - 1]!.version, items[i]!.version) > 0, `${items[i - 1]!.version} before ${items[i]!.version}`);
    }
    // 3.10 sorts above 3.9 (numeric, not string order).
    const order = items.map((i) => i.version);
    assert.ok(order.indexOf('3.10') < order.indexOf('3.9'), order.join(' '));

    const shuffled: KnownVersionsResult = { ...known, versions: [...known.versions].reverse() };
    assert.deepEqual(
      versionItems(shuffled, 'targetVersion', '3.10').map((i) => i.version),
      order,
    );
  });

  test('LTS lines are marked, others are not', () => {
    const items = versionItems(known, 'currentVersion', '2.8');
    for (const line of releases.lines) {
      const it = byVersion(items, line.minor);
      assert.equal(marks(it).includes('LTS'), line.lts, `${line.minor}: ${it.description}`);
    }
    assert.ok(marks(byVersion(items, '2.8')).includes('LTS'));
    assert.ok(!marks(byVersion(items, '3.5')).includes('LTS'));
  });

  test('Enterprise-only lines are marked; lines with an open-source release are not', () => {
    const items = versionItems(known, 'targetVersion', '');
    for (const v of known.versions) {
      assert.equal(marks(byVersion(items, v.minor)).includes('Enterprise only'), v.enterprise && !v.oss, v.minor);
    }
    assert.ok(marks(byVersion(items, '3.10')).includes('Enterprise only'), '3.10 has no open-source release');
    assert.ok(!marks(byVersion(items, '3.4')).includes('Enterprise only'));
  });

  test('the default target is marked in the target picker only', () => {
    assert.equal(known.defaultTarget, newestLts(releases));
    const target = versionItems(known, 'targetVersion', '3.4');
    const flagged = target.filter((i) => marks(i).includes('default target')).map((i) => i.version);
    assert.deepEqual(flagged, [known.defaultTarget]);
    const current = versionItems(known, 'currentVersion', '3.4');
    assert.deepEqual(
      current.filter((i) => marks(i).includes('default target')),
      [],
    );

    // Follows the answer, not a fixed version.
    const other = versionItems({ ...known, defaultTarget: '3.4' }, 'targetVersion', '3.4');
    assert.deepEqual(
      other.filter((i) => marks(i).includes('default target')).map((i) => i.version),
      ['3.4'],
    );
  });

  test('an empty target starts from the default target, which is then picked', () => {
    assert.equal(startingValue('targetVersion', '  ', known), known.defaultTarget);
    assert.equal(startingValue('targetVersion', '3.10', known), '3.10');
    assert.equal(startingValue('currentVersion', '2.8', known), '2.8');
    const items = versionItems(known, 'targetVersion', startingValue('targetVersion', '', known));
    assert.deepEqual(
      items.filter((i) => i.picked).map((i) => i.version),
      [known.defaultTarget],
    );
  });

  test('exactly the current release line is picked', () => {
    for (const v of ['2.8', '3.10', '1.0']) {
      const items = versionItems(known, 'currentVersion', v);
      assert.deepEqual(
        items.filter((i) => i.picked).map((i) => i.version),
        [v],
      );
    }
    assert.deepEqual(
      versionItems(known, 'currentVersion', '9.9').filter((i) => i.picked),
      [],
      'an unknown line picks nothing',
    );
  });

  test('a patch version as the setting gets its own first item, picked, so accepting it keeps the setting', () => {
    const items = versionItems(known, 'currentVersion', '3.4.3.19');
    assert.equal(items.length, known.versions.length + 1);
    assert.deepEqual(
      items.filter((i) => i.picked).map((i) => i.version),
      ['3.4.3.19'],
    );
    assert.equal(items[0]!.version, '3.4.3.19');
    assert.match(items[0]!.detail ?? '', /\b3\.4\b/, 'names its release line');
    assert.equal(byVersion(items, '3.4').picked, false);
    assert.ok(marks(versionItems(known, 'targetVersion', '3.10.0.3')[0]!).includes('Enterprise only'));
  });

  test('detail: latest patch and support state in words', () => {
    const items = versionItems(known, 'targetVersion', '3.10');
    for (const v of known.versions) {
      const it = byVersion(items, v.minor);
      if (v.latestPatch) assert.ok(it.detail?.includes(`latest patch ${v.latestPatch}`), `${v.minor}: ${it.detail}`);
      if (v.status) {
        assert.ok(it.detail?.includes(statusLabel(v.status)), `${v.minor}: ${it.detail}`);
        assert.ok(!/full-support|sunset-support|end-of-life|not-released|oss-only/.test(it.detail ?? ''), `no raw status id in ${it.detail}`);
      }
    }
    assert.equal(statusLabel('end-of-life'), 'end of life');
    assert.equal(statusLabel('some-new-state'), 'some new state');
    const bare = versionItems({ defaultTarget: '1.0', versions: [{ minor: '1.0', lts: false, oss: true, enterprise: false, latestPatch: null }] }, 'currentVersion', '1.0');
    assert.equal(bare[0]!.detail, undefined);
    assert.equal(bare[0]!.description, '');
  });
});
