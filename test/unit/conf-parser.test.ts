import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConf, isTemplated, parseBoolean, splitList, envNameToProperty, propertyToEnvName } from '../../server/src/core/conf/parser';
import { settingsFromConf } from '../../server/src/core/conf/settings';
import { applyEdits, LineIndex } from '../../server/src/core/text';

const slice = (t: string, s: { start: number; end: number }) => t.slice(s.start, s.end);

test('name = value lines, whitespace, comments and empty values', () => {
  const text = '  pg_host   =  db.local   # the db\n#commented = x\n\nlog_level=debug\nempty =\n';
  const r = parseConf(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.entries.map((e) => [e.name, e.value, e.line]),
    [
      ['pg_host', 'db.local', 0],
      ['log_level', 'debug', 3],
      ['empty', '', 4],
    ],
  );
  assert.equal(slice(text, r.entries[0]!.nameSpan), 'pg_host');
  assert.equal(slice(text, r.entries[0]!.valueSpan), 'db.local');
  assert.equal(slice(text, r.entries[1]!.valueSpan), 'debug');
  assert.equal(r.entries[2]!.valueSpan.start, r.entries[2]!.valueSpan.end);
});

test('\\# is a literal hash, # starts a comment', () => {
  const r = parseConf('pg_password = abc\\#def # secret\n');
  assert.equal(r.entries[0]!.value, 'abc#def');
});

test('a later duplicate wins and the earlier one is marked overridden', () => {
  const r = parseConf('a = 1\nb = 2\na = 3\n');
  assert.equal(r.entries[0]!.overriddenBy, r.entries[2]);
  assert.equal(r.entries[1]!.overriddenBy, undefined);
  assert.equal(r.entries[2]!.overriddenBy, undefined);
  const settings = settingsFromConf(r);
  assert.equal(settings[0]!.overriddenBy, settings[2]);
});

test('CRLF line endings and offsets', () => {
  const text = 'a = 1\r\nbb = two\r\n';
  const r = parseConf(text);
  assert.equal(slice(text, r.entries[1]!.valueSpan), 'two');
  assert.equal(r.entries[1]!.line, 1);
  const idx = new LineIndex(text);
  assert.deepEqual(idx.positionAt(r.entries[1]!.nameSpan.start), { line: 1, character: 0 });
  assert.equal(idx.offsetAt({ line: 1, character: 5 }), r.entries[1]!.valueSpan.start);
});

test('syntax problems are reported, never thrown', () => {
  const text = 'just words\n= value\nbad name! = 1\nok = 1\n\u0000\u0001\u0002 binary\n';
  const r = parseConf(text);
  assert.deepEqual(
    r.entries.map((e) => e.name),
    ['ok'],
  );
  assert.equal(r.errors.length, 4);
  assert.match(r.errors[0]!.message, /name = value/);
  assert.match(r.errors[1]!.message, /Missing property name/);
  assert.match(r.errors[2]!.message, /not a valid property name/);
});

test('random junk never throws', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 300; i++) {
    const len = Math.floor(rnd() * 200);
    let s = '';
    for (let j = 0; j < len; j++) s += String.fromCharCode(Math.floor(rnd() * 130));
    const r = parseConf(s);
    for (const e of r.entries) assert.ok(e.nameSpan.end <= s.length && e.valueSpan.end <= s.length);
  }
});

test('templates, booleans, lists and env names', () => {
  assert.ok(isTemplated('{{ vault "x" }}'));
  assert.ok(isTemplated('%(pg_host)s'));
  assert.ok(isTemplated('${PG_HOST}'));
  assert.ok(!isTemplated('db.local'));
  assert.equal(parseBoolean('On'), true);
  assert.equal(parseBoolean('false'), false);
  assert.equal(parseBoolean('yes'), null);
  assert.deepEqual(
    splitList(' a, b ,c').map((x) => x.text),
    ['a', 'b', 'c'],
  );
  assert.equal(envNameToProperty('KONG_PG_HOST'), 'pg_host');
  assert.equal(envNameToProperty('PATH'), null);
  assert.equal(propertyToEnvName('pg_host'), 'KONG_PG_HOST');
});

test('comment-out keeps the line', () => {
  const text = 'x = 1\nnginx_optimizations = on\n';
  const s = settingsFromConf(parseConf(text))[1]!;
  assert.equal(applyEdits(text, s.commentOut()!), 'x = 1\n#nginx_optimizations = on\n');
});
