/**
 * The rule registry (server/src/core/rules/registry.ts) describes every code the core
 * emits. The type `Record<RuleId, RuleMeta>` catches an undescribed RuleId at compile time;
 * this checks at run time, over the examples, the rule fixtures and the real files of
 * ../shared/corpus, that every code the core actually emits is described, for the file kind
 * it was emitted in, and that a code whose findings carry fixes says it has fixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, detectKind, resolveEnv } from '../../server/src/core/check';
import { RULES, RULE_IDS, ruleMeta } from '../../server/src/core/rules/registry';
import type { FileKind } from '../../server/src/core/model';
import { withRuleTables } from '../../scripts/docs/readme-rules';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { runCli } from '../../server/src/cli';
import { LineIndex } from '../../server/src/core/text';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
const k = loadKnowledge();

test('every registry entry is complete and keyed by its own id', () => {
  for (const [key, meta] of Object.entries(RULES)) {
    assert.equal(meta.id, key);
    for (const field of ['title', 'description', 'help'] as const) assert.ok(meta[field].trim().length > 10, `${key}.${field} is empty`);
    assert.ok(!/\.$/.test(meta.title), `${key}.title ends with a period`);
    assert.match(meta.docsUrl, /^https:\/\/developer\.konghq\.com\//, `${key}.docsUrl`);
    assert.ok(meta.kinds.length > 0, `${key}.kinds`);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(meta.defaultSeverity));
  }
  assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
  assert.equal(ruleMeta('no-such-code'), undefined);
  assert.equal(ruleMeta('toString'), undefined);
});

interface Sample {
  name: string;
  file: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const walk = (dir: string, depth = 0) => {
    if (!fs.existsSync(dir) || depth > 4) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile() && !/\.(snap\.json|fixed\.[a-z]+|tsv|md)$/.test(e.name)) out.push({ name: e.name, file: p });
    }
  };
  walk(path.join(root, 'examples'));
  walk(path.join(root, 'test', 'rules'));
  walk(path.join(root, 'test', 'fixtures'));
  walk(corpus);
  return out;
}

/** The name detection sees: corpus files carry a numeric prefix and a version suffix. */
function nameFor(s: Sample): string {
  if (s.file.includes(`${path.sep}kong-conf${path.sep}`) || /\.conf(\.j2)?$/.test(s.name)) return 'kong.conf';
  if (/\.env$/.test(s.name)) return '.env';
  if (/compose/.test(s.name)) return 'docker-compose.yml';
  if (/helm|values/.test(s.name)) return 'values.yaml';
  return s.name;
}

test('every code the core emits over examples, fixtures and the corpus is in the registry, for that file kind', (t) => {
  if (!fs.existsSync(corpus)) t.diagnostic('../shared/corpus is absent: only examples and fixtures are checked');
  const seen = new Map<string, Set<FileKind>>();
  const withFix = new Set<string>();
  let files = 0;
  for (const s of samples()) {
    const text = fs.readFileSync(s.file, 'utf8');
    if (text.length > 2_000_000) continue;
    const kind = detectKind(nameFor(s), text);
    if (kind === 'unknown') continue;
    files++;
    for (const [from, to, edition] of [
      ['2.8', '3.14', 'enterprise'],
      ['1.0', '3.4', 'oss'],
    ] as const) {
      const r = resolveEnv(k, { current: from, target: to, edition });
      assert.ok(r.ok, `${from} → ${to} ${edition}: ${r.ok ? '' : r.problems.join('; ')}`);
      if (!r.ok) continue;
      for (const f of checkText(kind, text, r.env, s.name).findings) {
        if (!seen.has(f.code)) seen.set(f.code, new Set());
        seen.get(f.code)!.add(kind);
        if (f.fixes?.length) withFix.add(f.code);
      }
    }
  }
  assert.ok(files >= 10, `only ${files} files were checked`);
  for (const [code, kinds] of seen) {
    const meta = ruleMeta(code);
    assert.ok(meta, `the core emitted "${code}", which the registry does not describe`);
    for (const kind of kinds) assert.ok(meta.kinds.includes(kind), `"${code}" was emitted in a ${kind} file, which its registry entry does not list`);
  }
  for (const code of withFix) assert.ok(ruleMeta(code)?.hasFix, `"${code}" findings carry fixes but the registry says it has none`);
  // The samples exercise most of the registry: a code described but never seen is worth knowing about.
  t.diagnostic(`codes seen: ${[...seen.keys()].sort().join(', ')}; described but not seen: ${RULE_IDS.filter((id) => !seen.has(id)).join(', ')}`);
  assert.ok(seen.size >= 12, `only ${seen.size} codes were seen`);
});

test('the README rule tables are the ones the registry generates (npm run readme:rules)', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.equal(withRuleTables(readme), readme, 'README.md differs from the registry: run npm run readme:rules');
  for (const id of RULE_IDS) assert.ok(readme.includes(`[\`${id}\`](${RULES[id].docsUrl})`), `README does not list ${id}`);
});

test("a diagnostic links the finding's own page, else its rule's page from the registry", () => {
  const index = new LineIndex('a = b\n');
  const own = toDiagnostic(index, { code: 'removed-property', severity: 'error', message: 'm', span: { start: 0, end: 1 }, docsUrl: 'https://developer.konghq.com/gateway/configuration/#a' });
  assert.equal(own.codeDescription?.href, 'https://developer.konghq.com/gateway/configuration/#a');
  const syntax = toDiagnostic(index, { code: 'syntax', severity: 'error', message: 'm', span: { start: 0, end: 1 } });
  assert.equal(syntax.codeDescription?.href, RULES.syntax.docsUrl);
  const fv = toDiagnostic(index, { code: 'format-version', severity: 'error', message: 'm', span: { start: 0, end: 1 } });
  assert.equal(fv.codeDescription?.href, RULES['format-version'].docsUrl);
});

test('kong-upgrade --list-rules lists every registry code (text and JSON)', () => {
  const out: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: () => {}, readFile: () => Buffer.from(''), writeFile: () => {}, exists: () => false };
  assert.equal(runCli(['--list-rules'], io), 0);
  const text = out.join('\n');
  for (const id of RULE_IDS) assert.match(text, new RegExp(`^${id} +${RULES[id].defaultSeverity} `, 'm'));
  out.length = 0;
  assert.equal(runCli(['check', '--list-rules', '--format', 'json'], io), 0);
  const json = JSON.parse(out.join('')) as Array<{ id: string; docsUrl: string; hasFix: boolean }>;
  assert.deepEqual(
    json.map((r) => r.id),
    RULE_IDS,
  );
  assert.deepEqual(json[0], RULES[RULE_IDS[0]!]);
});
