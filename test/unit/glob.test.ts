import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, globMatch, globProblem, globProblems } from '../../server/src/core/glob';
import { isDeclarativeFile } from '../../server/src/core/declarative';

test('globs: base-name patterns, relative patterns at any depth, anchored ones, braces, dot files', () => {
  assert.ok(globMatch('*.deck.{yml,yaml}', '/a/b/x.deck.yml'));
  assert.ok(globMatch('*.deck.{yml,yaml}', 'C:\\repo\\x.deck.yaml'));
  assert.ok(!globMatch('*.deck.{yml,yaml}', '/a/b/x.deck.json'));
  assert.ok(globMatch('deck/**/*.yaml', '/repo/deck/prod/eu/gw.yaml'));
  assert.ok(globMatch('deck/**/*.yaml', 'deck/gw.yaml'));
  assert.ok(globMatch('./deck/*.yaml', '/repo/deck/gw.yaml'));
  assert.ok(!globMatch('deck/*.yaml', '/repo/deck/a/gw.yaml'), '* does not cross /');
  assert.ok(globMatch('/repo/deck/*.yaml', '/repo/deck/gw.yaml'));
  assert.ok(!globMatch('/repo/deck/*.yaml', '/other/repo/deck/gw.yaml'), 'anchored');
  assert.ok(globMatch('**/.hidden/*.yaml', '/r/.hidden/x.yaml'), 'dot directories match');
  assert.ok(!globMatch('', '/x.yaml'));
});

test('the **a**a…b.json pattern from a repository settings file is refused at once, not matched for ever', () => {
  const evil = '**' + 'a**'.repeat(28) + 'b.json';
  const t = Date.now();
  assert.match(globProblem(evil)!, /more than 3 wildcards/);
  assert.equal(globMatch(evil, '/r/' + 'a'.repeat(200) + '.json'), false);
  assert.ok(!isDeclarativeFile('/r/' + 'a'.repeat(200) + '.json', '{}', [evil]));
  assert.ok(Date.now() - t < 500, `took ${Date.now() - t} ms`);
  assert.equal(compileGlob(evil).matcher, null);
  assert.deepEqual(globProblems(['*.yaml', evil]).length, 1);
});

test('the worst pattern still accepted matches a 255-character name quickly', () => {
  const worst = '*a*a*ab.json';
  assert.equal(globProblem(worst), null);
  const t = Date.now();
  assert.equal(globMatch(worst, '/r/' + 'a'.repeat(250) + '.json'), false);
  assert.ok(Date.now() - t < 1000, `took ${Date.now() - t} ms`);
});

test('brace bombs and extglobs are not expanded', () => {
  assert.match(globProblem('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.yaml')!, /\{…\} groups/);
  // Extglob syntax is literal text (noext), so nested quantifiers never reach a regular expression.
  assert.equal(globMatch('+(+(a))b.yaml', '/r/aaab.yaml'), false);
  assert.equal(globMatch('+(+(a))b.yaml', '/r/+(+(a))b.yaml'), true);
});
