/** Text, tooltip and warning state of the Kong status bar item (client/src/statusText.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusParams } from '../../server/src/protocol';
import { editionName, statusText } from '../../client/src/statusText';

const status = (over: Partial<StatusParams> = {}): StatusParams => ({ current: '2.8', target: '3.4', edition: 'oss', problems: [], ...over });
/** Text without codicons such as `$(arrow-up)`. */
const plain = (t: string) => t.replace(/\$\([\w-]+\)\s*/g, '').trim();

describe('status bar text', () => {
  test('says current → target, as the server resolved them', () => {
    for (const [current, target] of [
      ['2.8', '3.4'],
      ['3.4.3.19', '3.10'],
      ['2.8.5', '3.10.0.3'],
    ] as const) {
      const t = statusText(status({ current, target }));
      assert.equal(plain(t.text), `Kong ${current} → ${target}`);
      assert.match(t.tooltip, new RegExp(`\\*\\*${current.replace(/\./g, '\\.')}\\*\\*.*\\*\\*${target.replace(/\./g, '\\.')}\\*\\*`));
    }
  });

  test('no problems: no warning, arrow icon, tooltip says how to change the target', () => {
    const t = statusText(status());
    assert.equal(t.warning, false);
    assert.ok(t.text.startsWith('$(arrow-up) '), t.text);
    assert.doesNotMatch(t.tooltip, /\$\(warning\)/);
    assert.match(t.tooltip, /pick the target/i);
  });

  test('problems make it a warning and are listed in the tooltip, each once', () => {
    const problems = ['Kong 9.9 is not a version this extension knows', 'The target 2.6 is older than the current version 2.8: this is a downgrade'];
    const t = statusText(status({ problems }));
    assert.equal(t.warning, true);
    assert.ok(t.text.startsWith('$(warning) '), t.text);
    assert.equal(plain(t.text), 'Kong 2.8 → 3.4', 'the versions stay readable');
    for (const p of problems) {
      assert.equal(t.tooltip.split(p).length - 1, 1, `${p} once in ${t.tooltip}`);
      assert.ok(t.tooltip.includes(`$(warning) ${p}`), t.tooltip);
    }
  });

  test('blank problems are no problems', () => {
    const t = statusText(status({ problems: ['', '  '] }));
    assert.equal(t.warning, false);
    assert.doesNotMatch(t.tooltip, /\$\(warning\)/);
  });

  test('edition: Enterprise is named and noted, open source is named', () => {
    const ee = statusText(status({ edition: 'enterprise', target: '3.10' }));
    assert.match(ee.tooltip, /\(Enterprise\)/);
    assert.match(ee.tooltip, /Enterprise-only properties and plugins/);
    const oss = statusText(status({ edition: 'oss' }));
    assert.match(oss.tooltip, /\(open source\)/);
    assert.doesNotMatch(oss.tooltip, /Enterprise/);
    assert.equal(editionName('enterprise'), 'Enterprise');
    assert.equal(editionName('oss'), 'open source');
  });
});

test('notes (e.g. a line only Enterprise ships) are shown but are not a warning', () => {
  const t = statusText({ current: '2.8', target: '3.10', edition: 'enterprise', problems: [], notes: ['Kong 3.10 is released only as Kong Gateway Enterprise; using its facts'] });
  assert.equal(t.warning, false);
  assert.equal(t.text, '$(arrow-up) Kong 2.8 → 3.10');
  assert.match(t.tooltip, /\$\(info\) Kong 3\.10 is released only as Kong Gateway Enterprise/);
});
