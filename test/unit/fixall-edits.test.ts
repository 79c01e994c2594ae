/** fixAllEdits: the one choice of edits behind the LSP's source.fixAll.kong, the CLI's --fix and fixAll. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAllEdits } from '../../server/src/core/check';
import type { Finding, Fix, TextEdit } from '../../server/src/core/model';

const ed = (start: number, end: number, newText = 'x'): TextEdit => ({ start, end, newText });
function finding(start: number, ...fixes: Fix[]): Finding {
  return { code: 'unknown-property', severity: 'warning', message: 'm', span: { start, end: start + 1 }, fixes };
}
const fix = (edits: TextEdit[], preferred = true): Fix => ({ title: 't', edits, preferred });

test('a fix shared by several findings is applied once', () => {
  const shared = fix([ed(0, 5, 'a'), ed(20, 20, 'b')]);
  const copy = fix([ed(0, 5, 'a'), ed(20, 20, 'b')]);
  assert.deepEqual(fixAllEdits([finding(0, shared), finding(1, shared), finding(2, copy)]), [ed(0, 5, 'a'), ed(20, 20, 'b')]);
});

test('overlapping replacements: the first wins, the rest wait for the next pass', () => {
  const got = fixAllEdits([finding(0, fix([ed(10, 20)])), finding(1, fix([ed(15, 25)])), finding(2, fix([ed(5, 11)])), finding(3, fix([ed(20, 30)]))]);
  assert.deepEqual(got, [ed(10, 20), ed(20, 30)]);
});

test('two insertions at one offset conflict; an insertion at a range boundary does not; one strictly inside does', () => {
  const got = fixAllEdits([
    finding(0, fix([ed(10, 10, 'a')])),
    finding(1, fix([ed(10, 10, 'b')])),
    finding(2, fix([ed(10, 20, 'c')])),
    finding(3, fix([ed(20, 20, 'd')])),
    finding(4, fix([ed(15, 15, 'e')])),
    finding(5, fix([ed(30, 40, 'f')])),
    finding(6, fix([ed(25, 35, 'g')])),
    finding(7, fix([ed(5, 50, 'h')])),
  ]);
  assert.deepEqual(got, [ed(10, 10, 'a'), ed(10, 20, 'c'), ed(20, 20, 'd'), ed(30, 40, 'f')]);
});

test('a fix is taken whole or not at all; only preferred fixes count', () => {
  const got = fixAllEdits([finding(0, fix([ed(0, 2)])), finding(1, fix([ed(4, 6), ed(1, 3)])), finding(2, fix([ed(8, 9)], false)), finding(3, fix([ed(10, 11)]))]);
  assert.deepEqual(got, [ed(0, 2), ed(10, 11)]);
});

test('the choice grows linearly with the findings (no quadratic scan on files with 100k findings)', () => {
  const make = (n: number) => {
    const fs: Finding[] = [];
    for (let i = 0; i < n; i++) fs.push(finding(i * 10, fix([ed(i * 10, i * 10 + 5), ed(i * 10 + 7, i * 10 + 7, 'i')])));
    return fs;
  };
  const best = (fs: Finding[]) => {
    let t = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      assert.equal(fixAllEdits(fs).length, fs.length * 2);
      t = Math.min(t, performance.now() - t0);
    }
    return t;
  };
  const small = best(make(10_000));
  const big = best(make(40_000));
  // 4x the findings: linear is ~4x the time, quadratic ~16x.
  assert.ok(big / small < 9, `10k findings: ${small.toFixed(0)} ms, 40k: ${big.toFixed(0)} ms`);
});
