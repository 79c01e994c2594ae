/**
 * Hover and completion on an open decK YAML file read only the cursor's entry, from the
 * document's line table and line shapes, without joining its text (lsp/requestText.ts).
 * They must answer exactly as the whole text does: the same entry found, the same hover
 * and the same completion entries and edits, over real files, generated ones and shapes
 * chosen to be awkward (documents, comments, flow, anchors, CRLF, lone CR), while
 * characters and lines are typed and deleted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LazyTextDocument } from '../../server/src/lsp/lazyDocument';
import { requestText } from '../../server/src/lsp/requestText';
import { loadKnowledge } from '../../server/src/knowledge';
import { detectKind, resolveEnv } from '../../server/src/core/check';
import { hoverAt } from '../../server/src/core/hover';
import { completeAt } from '../../server/src/core/complete';
import { entryAround, lineShape } from '../../server/src/core/yamlCursor';
import { generateDeckText, prng } from '../../scripts/bench/gen-deck';

const r0 = resolveEnv(loadKnowledge(), { current: '2.8', target: '3.10', edition: 'oss' });
if (!r0.ok) throw new Error(r0.problems.join('; '));
const env = r0.env;

const corpus = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'declarative');

const AWKWARD: Array<[string, string]> = [
  [
    'documents and comments',
    '_format_version: "3.0"\n# top\nservices:\n  # a service\n  - name: a\n    host: x\n    plugins:\n    - name: rate-limiting\n      config:\n        minute: 5\n        # policy: local\n        policy: redis\n---\n_format_version: "3.0"\nplugins:\n- name: cors\n  config:\n    origins: ["*"]\n...\n',
  ],
  [
    'items at column 0, flow, anchors',
    '_format_version: "3.0"\nx-base: &base\n  minute: 5\nplugins:\n- name: rate-limiting\n  config:\n    <<: *base\n    hour: 10\n- name: key-auth\n  config: {key_names: [apikey], hide_credentials: true}\nconsumers:\n- username: u\n',
  ],
  ['crlf', '_format_version: "3.0"\r\nservices:\r\n- name: a\r\n  plugins:\r\n  - name: acl\r\n    config:\r\n      whitelist:\r\n      - g\r\n'],
  ['lone cr', '_format_version: "3.0"\nservices:\r- name: a\n  plugins:\n  - name: acl\r    config:\n      allow: [g]\n'],
  [
    'deep and blank',
    `_format_version: "3.0"\nservices:\n${'  \n'.repeat(600)}- name: s\n  routes:\n  - name: r\n    plugins:\n    - name: jwt\n      config:\n        claims_to_verify:\n        - exp\n${'\n'.repeat(300)}`,
  ],
];

function files(): Array<[string, string]> {
  const out: Array<[string, string]> = [...AWKWARD, ['generated', generateDeckText(0.05)]];
  if (fs.existsSync(corpus)) {
    for (const f of fs.readdirSync(corpus).sort()) if (/\.ya?ml$/.test(f)) out.push([f, fs.readFileSync(path.join(corpus, f), 'utf8')]);
  }
  return out;
}

const PIECES = ['x', ' ', ': ', '\n', '\n  ', '\n- ', '#', '- ', '---', '\n    name: ', '"', '\r\n', ''];

const answered = { hovers: 0, completions: 0 };

/** Answers through the entry (what the server does) and through the whole text, side by side. */
function compare(doc: LazyTextDocument, p: string, offset: number, where: string): number {
  const whole = doc.getText();
  const kind = detectKind(p, whole, env);
  let windowed = 0;
  for (const purpose of ['hover', 'completion'] as const) {
    const rt = requestText(doc, p, env, offset, purpose);
    if (kind === 'unknown') {
      assert.equal(rt, null, where);
      continue;
    }
    assert.ok(rt, where);
    assert.equal(rt.kind, kind, where);
    if (rt.delta !== 0 || rt.text !== whole) windowed++;
    const back = Math.min(rt.offset, 3);
    assert.equal(rt.text.slice(rt.offset - back, rt.offset), whole.slice(offset - back, offset), `${where}: the cursor maps back (${JSON.stringify(rt)})`);
    if (purpose === 'hover') {
      const got = hoverAt(rt.kind, rt.text, rt.offset, env);
      const want = hoverAt(kind, whole, offset, env);
      if (want) answered.hovers++;
      assert.deepEqual(got && { markdown: got.markdown, span: { start: got.span.start + rt.delta, end: got.span.end + rt.delta } }, want, `${where}: hover`);
    } else {
      const got = completeAt(rt.kind, rt.text, rt.offset, env).map((c) => (c.edit ? { ...c, edit: { ...c.edit, start: c.edit.start + rt.delta, end: c.edit.end + rt.delta } } : c));
      const want = completeAt(kind, whole, offset, env);
      if (want.length) answered.completions++;
      assert.deepEqual(got, want, `${where}: completion`);
    }
  }
  return windowed;
}

test('hover and completion from the entry alone answer as the whole text does, while the text is edited', () => {
  let asked = 0;
  let windowed = 0;
  for (const [name, text] of files()) {
    const r = prng(name.length * 7919 + text.length);
    const p = `/work/${name.endsWith('.yml') || name.endsWith('.yaml') ? name : `${name}.kong.yaml`}`.replace(/\s+/g, '-');
    const doc = LazyTextDocument.create(`file://${p}`, 'yaml', 1, text);
    const ref = TextDocument.create(`file://${p}`, 'yaml', 1, text);
    const rounds = name === 'generated' || AWKWARD.some(([n]) => n === name) ? 40 : 8;
    for (let v = 2; v < 2 + rounds; v++) {
      // Ask at a few places, then edit (mostly typing at one place, sometimes anywhere).
      for (let k = 0; k < 3; k++) {
        const cur = ref.getText();
        const at = Math.floor(r() * (cur.length + 1));
        windowed += compare(doc, p, at, `${name} v${v} at ${at}`);
        asked++;
      }
      const cur = ref.getText();
      const a = Math.floor(r() * (cur.length + 1));
      const b = r() < 0.7 ? a : Math.min(cur.length, a + Math.floor(r() * 12));
      const change = { range: { start: ref.positionAt(a), end: ref.positionAt(b) }, text: PIECES[Math.floor(r() * PIECES.length)]! };
      TextDocument.update(ref, [change], v);
      doc.update([change], v);
    }
    assert.equal(doc.getText(), ref.getText(), name);
  }
  assert.ok(asked > 300, `asked ${asked} times`);
  assert.ok(windowed > asked / 2, `most answers came from the entry alone (${windowed} of ${asked * 2})`);
  // (Random places: enough of them land on plugin names, fields and completion spots.)
  assert.ok(answered.hovers > 20 && answered.completions > 40, JSON.stringify(answered));
});

test('the document line view gives the same entry as the joined text, line shapes kept through edits', () => {
  const text = generateDeckText(0.2);
  const r = prng(5);
  const doc = LazyTextDocument.create('file:///x/kong.yaml', 'yaml', 1, text);
  const ref = TextDocument.create('file:///x/kong.yaml', 'yaml', 1, text);
  for (let v = 2; v < 400; v++) {
    const cur = ref.getText();
    // Typing clusters at a place, as people type; sometimes elsewhere, sometimes a line.
    const a = v % 25 === 0 || v < 3 ? Math.floor(r() * cur.length) : Math.min(cur.length, doc.offsetAt(ref.positionAt(Math.floor(r() * cur.length))));
    const b = r() < 0.8 ? a : Math.min(cur.length, a + Math.floor(r() * 30));
    const change = { range: { start: ref.positionAt(a), end: ref.positionAt(b) }, text: PIECES[Math.floor(r() * PIECES.length)]! };
    TextDocument.update(ref, [change], v);
    doc.update([change], v);
    if (v % 7) continue;
    const view = doc.lineView();
    assert.ok(view, 'no lone CR here');
    const whole = ref.getText();
    assert.equal(view.length, whole.length);
    for (let i = 0; i < ref.lineCount; i++) {
      const s = ref.offsetAt({ line: i, character: 0 });
      assert.equal(view.start(i), s, `line ${i} starts at ${s} (v${v})`);
      const e = whole.indexOf('\n', s);
      assert.equal(view.shape(i), lineShape(whole, s, e < 0 ? whole.length : e), `shape of line ${i} (v${v})`);
    }
    for (let k = 0; k < 20; k++) {
      const o = Math.floor(r() * (whole.length + 1));
      const { headerLines: _a, ...got } = entryAround(view, o);
      const { headerLines: _b, ...want } = entryAround(whole, o);
      assert.deepEqual(got, want, `entry at ${o} (v${v})`);
      assert.equal(doc.slice(o, o + 50), whole.slice(o, o + 50));
    }
  }
});

test('a text with a lone CR is read whole (LSP counts it as a line break, the YAML line reads do not)', () => {
  const doc = LazyTextDocument.create('file:///x/kong.yaml', 'yaml', 1, '_format_version: "3.0"\nservices:\n- name: a\n  host: b\n');
  assert.ok(doc.lineView());
  doc.update([{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, text: 'x\ry' }], 2);
  assert.equal(doc.lineView(), null);
  const rt = requestText(doc, '/x/kong.yaml', env, 5, 'completion')!;
  assert.equal(rt.delta, 0);
  assert.equal(rt.text, doc.getText());
});

test('a request on an edited decK YAML file reads its entry without joining the text', () => {
  const text = generateDeckText(0.5);
  const doc = LazyTextDocument.create('file:///x/kong.yaml', 'yaml', 1, text);
  doc.lineView();
  const line = text.split('\n').findIndex((l, i) => i > 3000 && /^\s+host: \S/.test(l));
  for (let v = 2; v < 40; v++) doc.update([{ range: { start: { line, character: 10 }, end: { line, character: 10 } }, text: 'x' }], v);
  assert.ok(doc.segmentCount > 1, 'edited: the text is in segments');
  for (const purpose of ['hover', 'completion'] as const) {
    const rt = requestText(doc, '/x/kong.yaml', env, doc.offsetAt({ line, character: 12 }), purpose)!;
    assert.ok(rt.text.length < 5000 && rt.delta > 0, `${purpose}: the entry alone (${rt.text.length} characters)`);
  }
  assert.ok(doc.segmentCount > 1, `still in ${doc.segmentCount} segments: nothing joined the text`);
});
