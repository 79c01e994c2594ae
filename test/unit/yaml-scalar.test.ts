/** One YAML scalar policy (core/yamlScalar.ts) for decK files, KONG_* YAML sources and completions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { doubleQuoted, isPlainSafe, plainOrDoubleQuoted, scalarAtCursor } from '../../server/src/core/yamlScalar';
import { formatScalar } from '../../server/src/core/declarative/edits';

const tricky = [
  'on',
  'Off',
  'yes',
  'y',
  'N',
  '1_000',
  '1:30',
  '0x1F',
  '0o17',
  '2001-12-14',
  '.inf',
  '~',
  'null',
  'true',
  '8000',
  '3.0',
  'a: b',
  'x #y',
  '- x',
  '*a',
  '&a x',
  '!t x',
  '%x',
  '@x',
  '',
  ' a',
  'a\nb',
  'a\tb',
];
const plain = ['postgres', '/api/v1/(.*)', '0.0.0.0:8000', 'LAST,SRV,A', 'a#b', 'http://x:1/y', 'tlsv1_2', '-x', 'ab-c'];

test('isPlainSafe: a string stays plain only when YAML 1.2 and 1.1 readers both get it back', () => {
  for (const v of tricky) assert.equal(isPlainSafe(v), false, JSON.stringify(v));
  for (const v of plain) assert.equal(isPlainSafe(v), true, JSON.stringify(v));
  assert.equal(isPlainSafe('a,b', true), false, 'flow context');
  for (const v of plain) {
    assert.equal(parse(v, { version: '1.1' }), v);
    assert.equal(parse(v, { version: '1.2' }), v);
  }
});

test('every writer reads back as the same string in YAML 1.1 and 1.2', () => {
  for (const v of [...tricky, ...plain, 'quote " and \\ back', 'ctl \u0001 \u007f', 'é ✓']) {
    for (const out of [plainOrDoubleQuoted(v), doubleQuoted(v), formatScalar(v, 'plain'), formatScalar(v, 'double'), `"${scalarAtCursor(v, '"')}"`]) {
      assert.equal(parse(out, { version: '1.2' }), v, `${JSON.stringify(v)} -> ${out}`);
      assert.equal(parse(out, { version: '1.1' }), v, `${JSON.stringify(v)} -> ${out} (1.1)`);
    }
    if (!/[\r\n]/.test(v)) assert.equal(parse(formatScalar(v, 'single')), v);
  }
});

test('a decK key or value renamed to a YAML 1.1 boolean word is quoted (Kong reads YAML 1.1)', () => {
  assert.equal(formatScalar('on', 'plain'), '"on"');
  assert.equal(formatScalar('postgres', 'plain'), 'postgres');
  assert.equal(scalarAtCursor('off', undefined), '"off"');
  assert.equal(scalarAtCursor(true, undefined), 'true');
  assert.equal(scalarAtCursor("it's", "'"), "it''s");
});
