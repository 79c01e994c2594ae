/**
 * Declarative fixes are built on first read of `fixes`; a check that builds them while
 * checking (`eagerFixes`) must give exactly the same findings: codes, messages, spans and,
 * once read, the same fixes (titles, preferred, every edit). Compared over the corpus
 * (../shared/corpus/declarative), generated decK files (YAML, JSON, CRLF) and a session's
 * edits, where cached findings move with their piece before anything reads their fixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { declarativeContext, resolveEnv, type KnowledgeSet } from '../../server/src/core/check';
import { DeclarativeSession, checkDeclarativeFull } from '../../server/src/core/declarative';
import type { DeclarativeContext } from '../../server/src/core/declarative';
import { fixesPending } from '../../server/src/core/declarative/lazyFixes';
import type { Finding } from '../../server/src/core/model';
import { generateDeckText } from '../../scripts/bench/gen-deck';
import { EXHAUSTIVE, sized } from '../support/exhaustive';

const shared = path.resolve(__dirname, '../../../shared');
const corpusDir = path.join(shared, 'corpus', 'declarative');
const knowledge = loadKnowledge() as KnowledgeSet;

function ctxOf(from: string, to: string, eager = false): DeclarativeContext {
  const r = resolveEnv(knowledge, { current: from, target: to, edition: 'oss' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  const c = declarativeContext(r.env);
  if (!c) throw new Error('no plugin knowledge');
  return eager ? { ...c, eagerFixes: true } : c;
}

/** Everything a reader can see, fixes included (reading them builds them). */
function plain(fs: Finding[]): unknown[] {
  return fs.map((f) => JSON.parse(JSON.stringify(f)));
}

function pendingCount(fs: Finding[]): number {
  return fs.filter((f) => fixesPending(f.fixes)).length;
}

/** Lazy and eager agree; returns how many lazy findings still had their fixes pending. */
function compare(label: string, lazy: Finding[], eager: Finding[]): number {
  const pending = pendingCount(lazy);
  assert.equal(pendingCount(eager), 0, `${label}: an eager check leaves nothing to build`);
  assert.equal(lazy.length, eager.length, `${label}: as many findings`);
  // Keys in the same order, as many fixes, before anything is built.
  for (let i = 0; i < lazy.length; i++) {
    assert.deepEqual(Object.keys(lazy[i]!), Object.keys(eager[i]!), `${label}: keys of finding ${i}`);
    assert.equal(lazy[i]!.fixes?.length, eager[i]!.fixes?.length, `${label}: number of fixes of finding ${i}`);
  }
  assert.equal(pendingCount(lazy), pending, `${label}: counting fixes builds nothing`);
  assert.deepEqual(plain(lazy), plain(eager), `${label}: findings and their fixes`);
  assert.deepEqual(lazy, eager, `${label}: findings and their fixes, as objects`);
  assert.equal(pendingCount(lazy), 0, `${label}: every fix is built once read`);
  // Read twice: the same value (built once, kept).
  for (const f of lazy) if (f.fixes) assert.equal(f.fixes[0], f.fixes[0]);
  return pending;
}

const PAIRS: Array<[string, string]> = [
  ['2.8', '3.10'],
  ['1.5', '3.4'],
  ['3.4', '3.10'],
];

test('corpus: lazy fixes equal eager ones', (t) => {
  if (!fs.existsSync(corpusDir)) {
    t.skip(`no corpus at ${corpusDir}`);
    return;
  }
  const files = fs
    .readdirSync(corpusDir)
    .filter((n) => /\.(ya?ml|json)$/i.test(n))
    .sort();
  assert.ok(files.length > 0, 'corpus has declarative files');
  let withFixes = 0;
  for (const [i, name] of files.entries()) {
    const text = fs.readFileSync(path.join(corpusDir, name), 'utf8');
    const opts = /\.json$/i.test(name) ? { format: 'json' as const } : {};
    // Quick: every file 2.8 -> 3.10, the other pairs rotate over the files (KONG_EXHAUSTIVE=1: all pairs).
    for (const [from, to] of EXHAUSTIVE ? PAIRS : PAIRS.filter((_, k) => k === 0 || k === i % PAIRS.length)) {
      const lazy = checkDeclarativeFull(text, ctxOf(from, to), opts).findings;
      const eager = checkDeclarativeFull(text, ctxOf(from, to, true), opts).findings;
      withFixes += eager.filter((f) => f.fixes?.length).length;
      compare(`${name} ${from}->${to}`, lazy, eager);
    }
  }
  assert.ok(withFixes > 0, 'the corpus has findings with fixes to compare');
});

test('generated files (YAML, JSON, CRLF): lazy fixes equal eager ones, and are not built while checking', () => {
  for (const opts of [{}, { json: true }, { crlf: true }]) {
    // Quick: 0.12 MB each (KONG_EXHAUSTIVE=1: 0.3 MB).
    const text = generateDeckText(sized(0.12, 0.3), { ...opts, seed: 7 });
    const fmt = 'json' in opts ? { format: 'json' as const } : {};
    const lazy = checkDeclarativeFull(text, ctxOf('2.8', '3.10'), fmt).findings;
    const eager = checkDeclarativeFull(text, ctxOf('2.8', '3.10', true), fmt).findings;
    const withFixes = eager.filter((f) => f.fixes?.length).length;
    assert.ok(withFixes > 100, `${JSON.stringify(opts)}: many findings with fixes (${withFixes})`);
    const pending = compare(JSON.stringify(opts), lazy, eager);
    // Nearly all of them waited for a reader (format-version and unknown-plugin fixes are built at once).
    assert.ok(pending > withFixes * 0.9, `${JSON.stringify(opts)}: ${pending} of ${withFixes} fixes were pending`);
  }
});

test('session: findings moved with their piece (edits before them) keep fixes equal to a fresh eager check', () => {
  const ctx = ctxOf('2.8', '3.10');
  const base = generateDeckText(0.2, { seed: 11 });
  const session = new DeclarativeSession(ctx);
  const first = session.update(base).findings;
  assert.ok(pendingCount(first) > 0, 'first check leaves fixes pending');
  // Read a few of the first check's fixes before the edit: their batches are built, the rest not.
  const early = first.filter((f) => f.fixes).slice(0, 5);
  for (const f of early) void f.fixes![0];
  assert.ok(early.length === 5 && early.every((f) => !fixesPending(f.fixes)), 'reading an element builds the fixes');
  // Lines added at the top: every piece moves; a comment changed inside: a line-local edit.
  const lines = base.split('\n');
  const mid = Math.floor(lines.length / 2);
  const variants = ['# a comment\n# and another\n' + base, [...lines.slice(0, mid), '# inserted in the middle', ...lines.slice(mid)].join('\n'), base.replace(/^(\s*)name: /m, '$1name:  ')];
  for (const [i, text] of variants.entries()) {
    const lazy = session.update(text).findings;
    const eager = checkDeclarativeFull(text, ctxOf('2.8', '3.10', true)).findings;
    compare(`variant ${i}`, lazy, eager);
  }
  // And back: the first text's findings, from the cache or shifted again.
  compare('back', session.update(base).findings, checkDeclarativeFull(base, ctxOf('2.8', '3.10', true)).findings);
});

test('preview: the first stretch of a large file has the same fixes as an eager check', () => {
  const text = generateDeckText(0.5, { seed: 3 });
  const lazy = new DeclarativeSession(ctxOf('2.8', '3.10')).preview(text, 64 * 1024);
  const eager = new DeclarativeSession(ctxOf('2.8', '3.10', true)).preview(text, 64 * 1024);
  assert.ok(lazy && eager, 'a preview');
  assert.ok(eager.findings.length > 10);
  compare('preview', lazy.findings, eager.findings);
});
