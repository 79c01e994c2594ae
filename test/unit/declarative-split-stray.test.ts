/**
 * A character typed at column 0 inside a top-level list (a stray line) must not make the
 * line scan give up on the document: the stray line stays inside the item it falls in,
 * every other item stays its own piece, and the session still agrees with a fresh check.
 * (Before: the document became one piece, or one piece from the stray line to the end,
 * and every later check of a 3 MB file parsed it all with the slow parser, ~3 s each.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitYaml } from '../../server/src/core/declarative/split';
import { DeclarativeSession, checkDeclarativeFull } from '../../server/src/core/declarative/session';
import { declarativeContext, resolveEnv } from '../../server/src/core/check';
import { loadKnowledge } from '../../server/src/knowledge';

const k = loadKnowledge();
const r = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss' });
if (!r.ok) throw new Error(r.problems.join());
const ctx = declarativeContext(r.env)!;

const service = (i: number) =>
  `- name: s${i}\n  host: b${i}.internal\n  port: 8080\n  routes:\n  - name: r${i}\n    paths:\n    - /r${i}\n    protocols:\n    - http\n    - https\n  plugins:\n  - name: acl\n    config:\n      whitelist:\n      - a\n`;
const base = '_format_version: "1.1"\nservices:\n' + Array.from({ length: 30 }, (_, i) => service(i)).join('') + 'consumers:\n- username: u\n';

const items = (t: string) => splitYaml(t)[0]!.pieces.filter((p) => p.kind === 'item').length;
const sig = (t: string) =>
  checkDeclarativeFull(t, ctx)
    .findings.map((f) => `${f.code}:${f.message}`)
    .sort();

for (const [label, needle] of [
  ['a key-like line (x  port: 8080)', '\n  port: 8080\n'],
  ['a line that is not a key (x    - https)', '\n    - https\n'],
  ['a stray word', '\n  routes:\n'],
] as const) {
  test(`stray character at column 0 inside a top-level list: ${label}`, () => {
    const at = base.indexOf(needle, base.length / 2) + 1;
    const text = base.slice(0, at) + 'x' + base.slice(at);
    const d = splitYaml(text)[0]!;
    assert.equal(d.whole, false, 'the document is still split');
    assert.equal(items(text), items(base), 'every item is still its own piece');
    // Only the item holding the stray line changes: the other items' findings stay.
    const before = checkDeclarativeFull(base, ctx).findings.filter((f) => f.code !== 'syntax').length;
    const after = checkDeclarativeFull(text, ctx);
    assert.ok(after.errors.length > 0, 'the stray line is reported');
    assert.ok(after.findings.filter((f) => f.code !== 'syntax').length >= before - 3, 'findings of the other items are kept');
    // An incremental session that saw the clean text first agrees with a fresh check.
    const s = new DeclarativeSession(ctx);
    s.update(base);
    const inc = s
      .update(text)
      .findings.map((f) => `${f.code}:${f.message}`)
      .sort();
    assert.deepEqual(inc, sig(text));
  });
}

test('a key whose sequence follows an anchor, or a block scalar, still owns its column-0 items', () => {
  for (const t of [
    '_format_version: "3.0"\nservices: &s\n- name: a\n  host: x\n- name: b\n  host: y\n',
    '_format_version: "3.0"\nk: |\n  x\nservices:\n- name: a\n  host: x\n- name: b\n  host: y\n',
  ]) {
    const r = new DeclarativeSession(null).update(t);
    assert.deepEqual(r.errors, [], t);
    assert.deepEqual(
      (r.data()[0] as { services: Array<{ name: string }> }).services.map((x) => x.name),
      ['a', 'b'],
    );
  }
});
