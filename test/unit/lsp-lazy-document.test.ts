/**
 * LazyTextDocument (lsp/lazyDocument.ts) gives the same text, positions and line ranges
 * as the library's TextDocument for any sequence of incremental and full changes (LF,
 * CRLF, lone CR, edits across line breaks), while a burst of changes joins the text
 * only when it is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LazyTextDocument } from '../../server/src/lsp/lazyDocument';
import { mapSpan, unmapOffset } from '../../server/src/lsp/staleFindings';
import { prng } from '../../scripts/bench/gen-deck';

const PIECES = ['a', 'bc', '\n', '\r\n', '\r', 'x\ny', '  - name: z\n', '', 'é', '😀'];

test('same text and positions as TextDocument over random edits', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = prng(seed);
    const init = Array.from({ length: 30 }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
    const ref = TextDocument.create('file:///x', 'yaml', 1, init);
    const lazy = LazyTextDocument.create('file:///x', 'yaml', 1, init);
    for (let v = 2; v < 120; v++) {
      const text = ref.getText();
      const a = Math.floor(r() * (text.length + 3));
      const b = Math.min(text.length + 2, a + Math.floor(r() * 6));
      const range = { start: ref.positionAt(a), end: ref.positionAt(b) };
      if (r() < 0.3) range.end = { line: range.end.line + (r() < 0.5 ? 1 : 0), character: range.end.character + 3 };
      const change = r() < 0.03 ? { text: PIECES.join('') } : { range, text: PIECES[Math.floor(r() * PIECES.length)]! };
      TextDocument.update(ref, [change], v);
      lazy.update([change], v);
      if (r() < 0.2) assert.equal(lazy.getText(), ref.getText(), `seed ${seed} v${v}`);
      for (let k = 0; k < 3; k++) {
        const o = Math.floor(r() * (ref.getText().length + 2));
        assert.deepEqual(lazy.positionAt(o), ref.positionAt(o), `positionAt ${o}, seed ${seed} v${v}`);
        const p = { line: Math.floor(r() * (ref.lineCount + 1)), character: Math.floor(r() * 8) };
        assert.equal(lazy.offsetAt(p), ref.offsetAt(p), `offsetAt ${JSON.stringify(p)}, seed ${seed} v${v}`);
      }
      assert.equal(lazy.lineCount, ref.lineCount);
      assert.equal(lazy.version, ref.version);
    }
    assert.equal(lazy.getText(), ref.getText());
    for (let l = 0; l < ref.lineCount; l++) assert.deepEqual(lazy.getLineRange(l), ref.getLineRange(l));
  }
});

test('a burst of changes does not join the text until it is read', () => {
  const text = 'key: value\n'.repeat(100000);
  const doc = LazyTextDocument.create('file:///x', 'yaml', 1, text);
  doc.positionAt(0);
  for (let v = 2; v < 200; v++) doc.update([{ range: { start: { line: v * 7, character: 5 }, end: { line: v * 7, character: 5 } }, text: 'x' }], v);
  assert.ok(doc.segmentCount > 100, `the text is still in ${doc.segmentCount} segments`);
  const joined = doc.getText();
  assert.equal(doc.segmentCount, 1);
  assert.equal(joined.length, text.length + 198);
  assert.equal(doc.getText(), joined, 'read again: the same string, not joined again');
});

test('changesSince carries the spans of an older version to the current text: untouched spans keep their text, touched ones are dropped', () => {
  let carried = 0;
  let dropped = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const r = prng(seed);
    const init = Array.from({ length: 40 }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
    const doc = LazyTextDocument.create('file:///x', 'yaml', 1, init);
    const old = doc.getText();
    const edits = 1 + Math.floor(r() * 8);
    for (let v = 2; v < 2 + edits; v++) {
      const len = doc.getText().length;
      const a = Math.floor(r() * (len + 1));
      const b = Math.min(len, a + Math.floor(r() * 4));
      const text = PIECES[Math.floor(r() * PIECES.length)]!;
      doc.update([{ range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text }], v);
    }
    const changes = doc.changesSince(1)!;
    assert.ok(changes.length >= edits);
    const now = doc.getText();
    for (let k = 0; k < 30; k++) {
      const s = Math.floor(r() * (old.length + 1));
      const e = Math.min(old.length, s + Math.floor(r() * 6));
      const m = mapSpan(changes, s, e);
      if (!m) {
        dropped++;
        continue;
      }
      carried++;
      assert.equal(now.slice(m.start, m.end), old.slice(s, e), `seed ${seed}: [${s}, ${e}) carried to [${m.start}, ${m.end})`);
      // Mapped back, the current span lies within what it came from (or around it).
      assert.ok(unmapOffset(changes, m.start, 'start') <= s && unmapOffset(changes, m.end, 'end') >= e);
    }
    assert.deepEqual(doc.changesSince(doc.version), []);
    assert.equal(doc.changesSince(0), null, 'a version the document never had');
  }
  assert.ok(carried > 100 && dropped > 10, `${carried} carried, ${dropped} dropped`);
});

test('a version that does not grow forgets the change log (its spans cannot be told apart)', () => {
  const doc = LazyTextDocument.create('file:///x', 'yaml', 5, 'abc\n');
  doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], 6);
  assert.equal(doc.changesSince(5)!.length, 1);
  doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }], 6);
  assert.equal(doc.changesSince(5), null);
  assert.deepEqual(doc.changesSince(6), []);
});
