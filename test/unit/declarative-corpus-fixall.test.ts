/**
 * Fix-all never loses user data in declarative files. A property over the real files of
 * ../shared/corpus/declarative and over generated decK files: after the façade's fix-all
 * (what `kong-upgrade check --fix` and `source.fixAll.kong` run), the file parses, and its
 * data equals the original's once the applied findings' own changes are replayed on the
 * original data:
 *   - a key moved or renamed by a field finding: everything under `config.<field>` of that
 *     plugin now sits under `config.<replacement>`;
 *   - a key commented out: its leaves are gone from the data, and each of its original
 *     lines is in the fixed text as a comment line;
 *   - `_format_version` set or added: its value is the finding's replacement;
 *   - a regex route path: gained the `~` prefix (the finding's replacement).
 * Nothing else may change. Each pass of fix-all is checked against the findings it applied
 * (moves compose over passes), and fix-all is stable: running it again changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { loadKnowledge } from '../../server/src/knowledge';
import { DocumentChecker, fixAll, fixAllEdits, resolveEnv, type CheckEnv, type KnowledgeSet } from '../../server/src/core/check';
import type { FileKind, Finding, TextEdit } from '../../server/src/core/model';
import { applyEdits } from '../../server/src/core/text';
import { EXHAUSTIVE, sized } from '../support/exhaustive';
import { generateDeckText } from '../../scripts/bench/gen-deck';

const shared = path.resolve(__dirname, '../../../shared');
const corpusDir = path.join(shared, 'corpus', 'declarative');
const knowledge = loadKnowledge() as KnowledgeSet;

function env(from: string, to: string): CheckEnv {
  const r = resolveEnv(knowledge, { current: from, target: to, edition: 'oss' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.env;
}

// ---------------------------------------------------------------------------------------
// Data: leaves with their paths, and where each key/scalar of the text shows up in the data.

type Seg = string | number;
type Leaves = Map<string, unknown>;
const pkey = (p: Seg[]) => JSON.stringify(p);

/** Every scalar (and every empty list/map) of the data, by its path. */
function leavesOf(docs: unknown[]): Leaves {
  const out: Leaves = new Map();
  const walk = (v: unknown, p: Seg[]): void => {
    if (Array.isArray(v)) {
      if (!v.length) out.set(pkey(p), []);
      v.forEach((x, i) => walk(x, [...p, i]));
    } else if (v && typeof v === 'object') {
      const ks = Object.keys(v);
      if (!ks.length) out.set(pkey(p), {});
      for (const k of ks) walk((v as Record<string, unknown>)[k], [...p, k]);
    } else out.set(pkey(p), v);
  };
  docs.forEach((d, i) => walk(d, [i]));
  return out;
}

interface Place {
  paths: Seg[][];
  /** End of the pair (key nodes) or the scalar (value nodes). */
  end: number;
}

interface Parsed {
  data: unknown[];
  /** Key and scalar nodes by start offset: every data path they appear at (aliases, merge keys). */
  places: Map<number, Place>;
  /** Start offset of each document's content. */
  docStarts: number[];
}

function parseText(text: string, json: boolean, label: string): Parsed {
  const docs = YAML.parseAllDocuments(text, { merge: true });
  assert.ok(Array.isArray(docs), `${label}: parses as YAML documents`);
  for (const d of docs)
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      `${label}: parses without errors`,
    );
  const data = json ? [JSON.parse(text) as unknown] : docs.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown);
  if (json)
    assert.deepEqual(
      data,
      docs.map((d) => d.toJS()),
      `${label}: JSON.parse and the yaml package agree`,
    );
  const places = new Map<number, Place>();
  const note = (off: number | undefined, p: Seg[], end: number) => {
    if (off === undefined) return;
    let pl = places.get(off);
    if (!pl) places.set(off, (pl = { paths: [], end }));
    if (!pl.paths.some((x) => pkey(x) === pkey(p))) pl.paths.push(p);
  };
  const docStarts: number[] = [];
  docs.forEach((doc, di) => {
    docStarts.push(doc.contents?.range?.[0] ?? doc.range[0]);
    const walk = (node: unknown, p: Seg[], depth: number): void => {
      if (depth > 64 || node == null) return;
      if (YAML.isAlias(node)) {
        walk(node.resolve(doc), p, depth + 1);
        return;
      }
      if (YAML.isScalar(node)) {
        note(node.range?.[0], p, node.range?.[1] ?? 0);
        return;
      }
      if (YAML.isSeq(node)) {
        node.items.forEach((x, i) => walk(x, [...p, i], depth + 1));
        return;
      }
      if (YAML.isMap(node)) {
        for (const pair of node.items) {
          const k = pair.key;
          if (YAML.isScalar(k) && (typeof k.value === 'symbol' || (k.value === '<<' && k.type === 'PLAIN'))) {
            // Merge key: the merged maps' pairs belong to this map (unless written here too).
            const srcs = YAML.isSeq(pair.value) ? pair.value.items : [pair.value];
            for (const s of srcs) {
              const m = YAML.isAlias(s) ? s.resolve(doc) : s;
              if (YAML.isMap(m))
                for (const mp of m.items) if (YAML.isScalar(mp.key) && !node.items.some((q) => YAML.isScalar(q.key) && q.key.value === (mp.key as YAML.Scalar).value)) walkPair(mp, p, depth);
            }
            continue;
          }
          walkPair(pair, p, depth);
        }
      }
    };
    const walkPair = (pair: YAML.Pair, p: Seg[], depth: number) => {
      const k = pair.key;
      if (!YAML.isScalar(k)) return;
      const kp = [...p, String(k.value)];
      const v = pair.value as { range?: [number, number, number] } | null;
      note(k.range?.[0], kp, v?.range?.[1] ?? k.range?.[1] ?? 0);
      walk(pair.value, kp, depth + 1);
    };
    walk(doc.contents, [di], 0);
  });
  return { data, places, docStarts };
}

/** Split a dotted field path ("redis.host", "functions[0]") into segments. */
function segs(field: string): Seg[] {
  const out: Seg[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const ix of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(ix[1]));
  }
  return out;
}

const startsWith = (p: Seg[], pre: Seg[]) => pre.length <= p.length && pre.every((s, i) => p[i] === s);

/** Lines of `text` between two offsets, as fix-all's comment-out would write them. */
function commentedLines(text: string, start: number, end: number): string[] {
  let ls = start;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  // Whole lines: a comment after the value goes with it.
  let le = end;
  if (le > 0 && text[le - 1] !== '\n') {
    const nl = text.indexOf('\n', le);
    le = nl < 0 ? text.length : nl;
  }
  return text
    .slice(ls, le)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const ind = /^ */.exec(l)![0];
      return `${ind}# ${l.slice(ind.length)}`;
    });
}

function textLines(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.replace(/\r$/, '')));
}

// ---------------------------------------------------------------------------------------
// The property for one pass: replay the applied findings on the original data.

interface Accounted {
  moves: number;
  commented: number;
  formatVersion: number;
  tilde: number;
  /** Comment lines that must survive to the end. */
  evidence: string[];
}

function isCommentOut(edits: TextEdit[]): boolean {
  // "# " before each line, plus a "{}" line when the key was alone in its map and a "# note" line saying why.
  return edits.some((e) => e.newText === '# ') && edits.every((e) => e.start === e.end && (e.newText === '# ' || /^ *\{\}\r?\n$/.test(e.newText) || /^ *# [^\n]*\r?\n$/.test(e.newText)));
}

function checkPass(label: string, before: string, beforeP: Parsed, after: string, afterP: Parsed, applied: Finding[], acc: Accounted): void {
  const orig = leavesOf(beforeP.data);
  const expected: Leaves = new Map(orig);
  const lines = textLines(after);
  // Source path prefix -> target path prefix (moves), and removed prefixes (comment-outs).
  const moves: Array<{ from: Seg[]; to: Seg[]; why: string }> = [];
  const removed: Seg[][] = [];
  for (const f of applied) {
    const fx = f.fixes!.find((x) => x.preferred)!;
    const why = `${f.code} ${f.plugin ?? ''} ${f.field ?? ''} (${fx.title})`;
    if (f.code === 'format-version') {
      // Set or add the document's _format_version to the finding's replacement.
      let di = 0;
      beforeP.docStarts.forEach((s, i) => {
        if (s <= f.span.start) di = i;
      });
      assert.equal(typeof f.replacement, 'string', `${label}: ${why} has a replacement`);
      expected.set(pkey([di, '_format_version']), f.replacement);
      acc.formatVersion++;
      continue;
    }
    if (f.code === 'regex-path-prefix') {
      const pl = beforeP.places.get(f.span.start);
      assert.ok(pl, `${label}: ${why}: the path scalar is found in the data`);
      for (const p of pl.paths) {
        assert.equal(`~${String(orig.get(pkey(p)))}`, f.replacement, `${label}: ${why}: the replacement is the path with "~"`);
        expected.set(pkey(p), f.replacement);
      }
      acc.tilde++;
      continue;
    }
    assert.ok(f.plugin && f.field, `${label}: a fix-all fix outside the known kinds: ${why}`);
    const pl = beforeP.places.get(f.span.start);
    assert.ok(pl, `${label}: ${why}: the key is found in the data`);
    if (isCommentOut(fx.edits)) {
      for (const p of pl.paths) removed.push(p);
      const ev = commentedLines(before, f.span.start, pl.end);
      for (const l of ev) assert.ok(lines.has(l), `${label}: ${why}: commented line kept: ${JSON.stringify(l)}`);
      acc.evidence.push(...ev);
      acc.commented++;
      continue;
    }
    if (fx.edits.every((e) => e.newText === '' && e.end > e.start)) {
      // A redundant old key removed: its new place already holds the same value (decK dumps of 3.6+).
      assert.ok(f.replacement, `${label}: ${why}: a removal names where the value lives`);
      const n = segs(f.field).length;
      for (const p of pl.paths) {
        const there: Seg[] = [...p.slice(0, p.length - n), ...segs(f.replacement)];
        for (const [k, val] of orig) {
          const kp = JSON.parse(k) as Seg[];
          if (!startsWith(kp, p)) continue;
          assert.deepEqual(orig.get(pkey([...there, ...kp.slice(p.length)])), val, `${label}: ${why}: the value is already at config.${f.replacement}`);
        }
        removed.push(p);
      }
      acc.commented++;
      continue;
    }
    assert.ok(f.replacement, `${label}: ${why}: a move has a replacement`);
    const n = segs(f.field).length;
    // The key's text shows up at every place its map is used (an anchor and its aliases).
    assert.ok(
      pl.paths.some((p) => p[p.length - n - 1] === 'config'),
      `${label}: ${why}: under a plugin's config`,
    );
    for (const p of pl.paths) {
      const config = p.slice(0, p.length - n);
      assert.deepEqual(p.slice(p.length - n), segs(f.field), `${label}: ${why}: the key sits at config.${f.field}`);
      moves.push({ from: p, to: [...config, ...segs(f.replacement)], why });
    }
    acc.moves++;
  }
  for (const [k] of orig) {
    const p = JSON.parse(k) as Seg[];
    if (removed.some((r) => startsWith(p, r))) {
      expected.delete(k);
      continue;
    }
    const mv = moves.find((m) => startsWith(p, m.from));
    if (mv) {
      expected.delete(k);
      const np = pkey([...mv.to, ...p.slice(mv.from.length)]);
      assert.ok(!orig.has(np) || moves.some((m) => startsWith(JSON.parse(np) as Seg[], m.from)), `${label}: ${mv.why} would overwrite ${np}`);
      expected.set(np, orig.get(k));
    }
  }
  // A map whose every key was commented out stays a map (the fix writes `{}`), not null.
  for (const r of removed) {
    const parent = r.slice(0, -1);
    if (![...expected.keys()].some((k) => startsWith(JSON.parse(k) as Seg[], parent))) expected.set(pkey(parent), {});
  }
  const got = leavesOf(afterP.data);
  const lost = [...expected].filter(([k, v]) => !got.has(k) || !Object.is(JSON.stringify(got.get(k)), JSON.stringify(v)));
  const extra = [...got].filter(([k]) => !expected.has(k));
  const show = (l: Array<[string, unknown]>) =>
    l
      .slice(0, 8)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}${got.has(k) ? ` (now ${JSON.stringify(got.get(k))})` : ''}`)
      .join('\n  ');
  assert.ok(!lost.length, `${label}: values lost or changed by fix-all (${applied.length} findings applied):\n  ${show(lost)}`);
  assert.ok(!extra.length, `${label}: values fix-all made up:\n  ${show(extra)}`);
}

/** Fix-all the way the façade does it, checking every pass; returns the fixed text. */
function fixAllChecked(label: string, text: string, e: CheckEnv, file: string, kind: FileKind = 'declarative'): { text: string; acc: Accounted; passes: number } {
  const json = /\.json$/i.test(file);
  const checker = new DocumentChecker(file);
  const acc: Accounted = { moves: 0, commented: 0, formatVersion: 0, tilde: 0, evidence: [] };
  let cur = text;
  let curP = parseText(cur, json, `${label} (original)`);
  let passes = 0;
  for (; passes < 8; passes++) {
    const findings = checker.check(kind, cur, e).findings;
    const edits = fixAllEdits(findings);
    if (!edits.length) break;
    // Findings of one shared fix (keys moved together) carry equal copies of its edits.
    const ek = (x: TextEdit) => `${x.start}:${x.end}:${x.newText}`;
    const chosen = new Set(edits.map(ek));
    const applied = findings.filter((f) => {
      const fx = f.fixes?.find((x) => x.preferred);
      return !!fx && fx.edits.length > 0 && fx.edits.every((x) => chosen.has(ek(x)));
    });
    const next = applyEdits(cur, edits);
    const nextP = parseText(next, json, `${label} pass ${passes + 1}`);
    checkPass(`${label} pass ${passes + 1}`, cur, curP, next, nextP, applied, acc);
    cur = next;
    curP = nextP;
  }
  // What the CLI and the editor run gives the same text.
  assert.equal(fixAll(kind, text, e, 8, file).text, cur, `${label}: façade fixAll gives the same text`);
  // Stable: converged before the pass limit, and a second run changes nothing.
  assert.ok(passes < 8, `${label}: fix-all converges (${passes} passes)`);
  const again = fixAll(kind, cur, e, 8, file);
  assert.equal(again.applied, 0, `${label}: running fix-all again applies nothing`);
  assert.equal(again.text, cur, `${label}: running fix-all again changes nothing`);
  // Every commented-out line is still there at the end.
  const finalLines = textLines(cur);
  for (const l of acc.evidence) assert.ok(finalLines.has(l), `${label}: commented line survives later passes: ${JSON.stringify(l)}`);
  if (/\r\n/.test(text)) assert.ok(!/(^|[^\r])\n/.test(cur), `${label}: a CRLF file stays CRLF`);
  return { text: cur, acc, passes };
}

// ---------------------------------------------------------------------------------------
// Corpus

const PAIRS: Array<[string, string]> = [
  ['2.8', '3.4'],
  ['2.8', '3.10'],
  ['3.4', '3.14'],
];

/** The Kong version SOURCES.tsv guesses for each corpus file, when it names one (X.Y). */
function sourceVersions(): Map<string, string> {
  const out = new Map<string, string>();
  const tsv = path.join(shared, 'corpus', 'SOURCES.tsv');
  if (!fs.existsSync(tsv)) return out;
  for (const line of fs.readFileSync(tsv, 'utf8').split('\n').slice(1)) {
    const [file, , , , guess] = line.split('\t');
    const m = guess && /^~?(\d+\.\d+)/.exec(guess.trim());
    if (file && m) out.set(path.basename(file), m[1]!);
  }
  return out;
}

test('corpus: fix-all keeps every value (moved, commented out, or changed only by its rule) and is stable', (t) => {
  if (!fs.existsSync(corpusDir)) {
    t.skip(`no corpus at ${corpusDir} (../shared beside the repo)`);
    return;
  }
  const files = fs
    .readdirSync(corpusDir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
  assert.ok(files.length > 0);
  const guesses = sourceVersions();
  const total: Accounted = { moves: 0, commented: 0, formatVersion: 0, tilde: 0, evidence: [] };
  let runs = 0;
  for (const [i, f] of files.entries()) {
    const text = fs.readFileSync(path.join(corpusDir, f), 'utf8');
    // Quick: every file crosses 2.8 -> 3.10 (format version, regex paths, moves, removals),
    // and the other pairs rotate over the files so each pair still meets a third of them.
    const pairs = EXHAUSTIVE ? [...PAIRS] : PAIRS.filter(([a, b], k) => (a === '2.8' && b === '3.10') || k === i % PAIRS.length);
    const g = guesses.get(f);
    if (g && (EXHAUSTIVE || i % 2 === 0) && resolveEnv(knowledge, { current: g, target: '3.10', edition: 'oss' }).ok) {
      for (const to of ['3.4', '3.10']) if (Number(g.split('.')[0]) * 100 + Number(g.split('.')[1]) < Number(to.split('.')[0]) * 100 + Number(to.split('.')[1])) pairs.push([g, to]);
    }
    for (const [from, to] of pairs) {
      const r = fixAllChecked(`${f} ${from}->${to}`, text, env(from, to), f);
      runs++;
      total.moves += r.acc.moves;
      total.commented += r.acc.commented;
      total.formatVersion += r.acc.formatVersion;
      total.tilde += r.acc.tilde;
    }
  }
  // The property is not vacuous: the corpus exercises every kind of change.
  assert.ok(runs >= files.length * (EXHAUSTIVE ? PAIRS.length : 1));
  assert.ok(total.moves > 0, 'some keys were moved or renamed');
  assert.ok(total.commented > 0, 'some keys were commented out');
  assert.ok(total.formatVersion > 0, 'some _format_version values were set');
  assert.ok(total.tilde > 0, 'some route paths gained "~"');
});

test('generated decK file (~200 KB, quick: ~60 KB; YAML, JSON, CRLF): fix-all keeps every value and is stable', async () => {
  const kb = sized(60, 200);
  const mb = kb / 1024;
  const variants: Array<[string, string]> = [
    ['gen.yaml', generateDeckText(mb)],
    ['gen.json', generateDeckText(mb, { json: true })],
    ['gen-crlf.yaml', generateDeckText(mb, { crlf: true })],
  ];
  for (const [name, text] of variants) {
    assert.ok(text.length > kb * 750 && text.length < kb * 2000, `${name}: about ${kb} KB (${text.length})`);
    const r = fixAllChecked(`${name} 2.8->3.10`, text, env('2.8', '3.10'), name);
    assert.ok(r.acc.moves > 10, `${name}: keys were moved`);
    assert.ok(r.acc.tilde > 10, `${name}: regex paths got "~"`);
    assert.equal(r.acc.formatVersion, 1, `${name}: _format_version set once`);
  }
});

/** Layouts the corpus lacks: merge keys, flow maps, JSON on one line, CRLF, no final newline, block scalars. */
const LAYOUTS: Record<string, string> = {
  'merge.yaml': '_format_version: "3.0"\nx: &rlc\n  minute: 5\n  redis:\n    host: a\nplugins:\n- name: rate-limiting\n  config:\n    <<: *rlc\n    redis_port: 7000\n',
  'flow.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: {minute: 5, redis_host: a, redis_port: 7000, redis: {database: 1}}\n',
  'flowml.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: {\n    minute: 5,\n    redis_host: a,\n    redis_port: 7000\n  }\n',
  'noeol.yaml': '_format_version: "3.0"\nplugins:\n- name: aws-lambda\n  config:\n    function_name: f\n    proxy_scheme: https',
  'noeol2.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    minute: 5\n    redis_host: a',
  'blockscalar.yaml': '_format_version: "1.1"\nplugins:\n- name: pre-function\n  config:\n    functions:\n    - |\n      local x = 1\n\n      kong.log(x)\n    - return\n',
  'comment.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    minute: 5   # m\n    redis_host: a   # host!\n    # between\n    redis_port: 7000\n    policy: redis\n',
  'existingredis.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    redis:\n      database: 2\n    minute: 5\n    redis_host: a\n    redis_port: 6379\n',
  'existingredis-conflict.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    redis:\n      host: b\n    minute: 5\n    redis_host: a\n    redis_port: 6379\n',
  'redis-null.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    redis:\n    minute: 5\n    redis_host: a\n',
  'dash-config.yaml': '_format_version: "3.0"\nplugins:\n- config:\n    redis_host: a\n    minute: 3\n  name: rate-limiting\n',
  'compact.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n      minute: 5\n      redis_host: a\n      redis_port: 70\n',
  'indent4.yaml': '_format_version: "3.0"\nplugins:\n    -   name: rate-limiting\n        config:\n            minute: 5\n            redis_host: a\n',
  'proxy-scheme.json': '{\n  "_format_version": "3.0",\n  "plugins": [\n    { "name": "aws-lambda", "config": { "function_name": "f", "proxy_scheme": "https" } }\n  ]\n}\n',
  'rl.json': '{\n  "_format_version": "3.0",\n  "plugins": [\n    { "name": "rate-limiting", "config": { "minute": 1, "redis_host": "a", "redis": { "port": 1 } } }\n  ]\n}\n',
  'rl2.json':
    '{"_format_version":"1.1","plugins":[{"name":"rate-limiting","config":{"redis_host":"a","redis_port":6379}},{"name":"acl","config":{"whitelist":["a"]}}],"routes":[{"name":"r","paths":["/a/\\\\d+"]}]}',
  'multi.yaml': 'plugins:\n- name: acl\n  config:\n    whitelist: [x]\n---\nroutes:\n- name: r\n  paths: ["/x/(a|b)", \'/y/\\d+\', /z/\\d+]\n',
  'flowmerge.yaml': '_format_version: "3.0"\nx: &a {minute: 5}\nplugins:\n- name: rate-limiting\n  config: {redis_host: h, <<: *a}\n',
  'flowmerge2.yaml': '_format_version: "3.0"\nx: &a {minute: 5}\nplugins:\n- name: rate-limiting\n  config: {<<: *a, redis_host: h}\n',
  'flowall.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config: {redis_host: h, redis_port: 1}\n',
  'flowallml.json': '{\n  "_format_version": "3.0",\n  "plugins": [{"name": "rate-limiting", "config": {\n    "redis_host": "h",\n    "redis_port": 1\n  }}]\n}\n',
  'acl-both.yaml': '_format_version: "1.1"\nplugins:\n- name: acl\n  config:\n    whitelist: [a]\n    allow: [b]\n',
  'empty-doc.yaml': '# nothing\n',
  'only-key.yaml': '_format_version: "3.0"\nplugins:\n- name: aws-lambda\n  config:\n    proxy_scheme: https\n- name: aws-lambda\n  config:\n    proxy_scheme: https\n    timeout: 5\n',
  'session.yaml': '_format_version: "3.0"\nplugins:\n- name: session\n  config:\n    cookie_lifetime: 100\n    cookie_renew: 600\n    rolling_timeout: 5\n',
  'quoted.yaml': '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    "redis_host": \'a\'\n    \'redis_port\': 1\n',
  'crlf.yaml': '_format_version: "1.1"\r\nplugins:\r\n- name: rate-limiting\r\n  config:\r\n    redis_host: a\r\n    redis_port: 1\r\nroutes:\r\n- name: r\r\n  paths:\r\n  - /a/\\d+\r\n',
  'tabs-comment-last.yaml': '_format_version: "3.0"\nplugins:\n- name: aws-lambda\n  config:\n    proxy_scheme: https # last\n# trailing comment\n',
};

test('hand-written layouts: fix-all keeps every value and is stable', () => {
  let changed = 0;
  for (const [f, text] of Object.entries(LAYOUTS)) {
    for (const [a, b] of PAIRS) {
      const r = fixAllChecked(`${f} ${a}->${b}`, text, env(a, b), f);
      if (r.text !== text) changed++;
    }
  }
  assert.ok(changed > 30, `fix-all changed most of them (${changed})`);
});

// ---------------------------------------------------------------------------------------
// The checker of the property itself must be able to fail.

test('the property catches a fix that drops or changes a value', () => {
  const text = '_format_version: "1.1"\nplugins:\n- name: acl\n  config:\n    whitelist: [a, b]\n    hide_groups_header: true\n';
  const e = env('2.8', '3.10');
  const p = parseText(text, false, 'x');
  const findings = new DocumentChecker('kong.yaml').check('declarative', text, e).findings;
  const mv = findings.find((f) => f.field === 'whitelist');
  assert.ok(
    mv?.fixes?.some((x) => x.preferred),
    'acl whitelist has a preferred fix',
  );
  const ok = applyEdits(text, mv!.fixes![0]!.edits);
  const acc: Accounted = { moves: 0, commented: 0, formatVersion: 0, tilde: 0, evidence: [] };
  checkPass('honest', text, p, ok, parseText(ok, false, 'ok'), [mv!], acc);
  // A "fix" that also loses a neighbour's value, or changes one, is caught.
  const lossy = ok.replace('    hide_groups_header: true\n', '');
  assert.throws(() => checkPass('lossy', text, p, lossy, parseText(lossy, false, 'l'), [mv!], acc), /lost or changed/);
  const changed = ok.replace('[a, b]', '[a, c]');
  assert.throws(() => checkPass('changed', text, p, changed, parseText(changed, false, 'c'), [mv!], acc), /lost or changed/);
  const invented = ok + 'services: []\n';
  assert.throws(() => checkPass('invented', text, p, invented, parseText(invented, false, 'i'), [mv!], acc), /made up/);
});

// ---------------------------------------------------------------------------------------
// Kubernetes: KongPlugin / KongClusterPlugin documents get the same fixes, under the same property.

const k8sCorpus = path.join(shared, 'corpus', 'k8s-plugins');
const k8sFixtures = path.resolve(__dirname, '..', 'fixtures', 'k8s');

/** Manifests the corpus lacks: several plugins per file, flow style, comments, CRLF, Deployments and ConfigMaps around them. */
const K8S_LAYOUTS: Record<string, string> = {
  'rl-acl.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  plugin: acl\n---\napiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: rl\nplugin: rate-limiting\nconfig:\n  minute: 5   # m\n  redis_host: a   # host!\n  # between\n  redis_port: 7000\n  policy: redis\n---\napiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata: {name: a}\nplugin: acl\nconfig: {whitelist: [x, y], hide_groups_header: true}\n',
  'crlf.yaml':
    'apiVersion: configuration.konghq.com/v1\r\nkind: KongPlugin\r\nmetadata:\r\n  name: rl\r\nplugin: rate-limiting\r\nconfig:\r\n  redis_host: a\r\n  redis:\r\n    database: 2\r\n---\r\napiVersion: configuration.konghq.com/v1\r\nkind: KongPlugin\r\nmetadata:\r\n  name: pf\r\nplugin: pre-function\r\nconfig:\r\n  functions:\r\n  - |\r\n    kong.log("x")\r\n',
  'only-key.yaml': 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: l\nplugin: aws-lambda\nconfig:\n  proxy_scheme: https\n',
  'session.yaml': 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: s\nplugin: session\nconfig:\n  cookie_lifetime: 3600\n  cookie_renew: 600\n',
};

test('KongPlugin manifests (corpus, fixtures, layouts): fix-all keeps every value and is stable', (t) => {
  const inputs: Array<[string, string]> = Object.entries(K8S_LAYOUTS);
  for (const f of fs.readdirSync(k8sFixtures).sort()) inputs.push([f, fs.readFileSync(path.join(k8sFixtures, f), 'utf8')]);
  if (fs.existsSync(k8sCorpus))
    for (const f of fs
      .readdirSync(k8sCorpus)
      .filter((x) => /\.ya?ml$/i.test(x))
      .sort())
      inputs.push([f, fs.readFileSync(path.join(k8sCorpus, f), 'utf8')]);
  else t.diagnostic(`no corpus at ${k8sCorpus}: fixtures and layouts only`);
  const total: Accounted = { moves: 0, commented: 0, formatVersion: 0, tilde: 0, evidence: [] };
  for (const [name, text] of inputs) {
    for (const [from, to] of [...PAIRS, ['2.5', '3.10'] as [string, string]]) {
      const r = fixAllChecked(`${name} ${from}->${to}`, text, env(from, to), name, 'kubernetes');
      total.moves += r.acc.moves;
      total.commented += r.acc.commented;
      total.formatVersion += r.acc.formatVersion;
    }
  }
  assert.ok(total.moves > 0, 'some keys were moved or renamed');
  assert.ok(total.commented > 0, 'some keys were commented out');
  assert.equal(total.formatVersion, 0, 'a manifest never gets a _format_version');
});
