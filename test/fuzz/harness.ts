/**
 * The fuzz harness: inputs (seeded from ../shared/corpus and generated), and `examine`,
 * which runs one input through every entry point of the core (check, fix-all, each quick
 * fix's proof, hover, completion, the incremental session, the server's reading of a
 * request from the cursor's entry) and returns what went wrong.
 * The pin actions (kong.conf / KONG_* "Pin defaults", declarative "keep today's behaviour")
 * are checked like fix-all: what is offered is well placed and keeps the file readable.
 * Used by test/unit/fuzz.test.ts (a fixed-seed run in `npm test`) and scripts/fuzz.ts
 * (`npm run fuzz -- --count 100000`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadKnowledge } from '../../server/src/knowledge';
import { DocumentChecker, findingsOfFix, fixAll, provePinFix, resolveEnv, type CheckEnv, type KnowledgeSet } from '../../server/src/core/check';
import { pinDefaultsEdits } from '../../server/src/core/conf/pin';
import { editsProblem } from '../../server/src/core/prove';
import { hoverAt } from '../../server/src/core/hover';
import { completeAtUnsafe } from '../../server/src/core/complete';
import type { FileKind, Finding, TextEdit } from '../../server/src/core/model';
import { applyEdits } from '../../server/src/core/text';
import { detectKind } from '../../server/src/core/check';
import { LazyTextDocument } from '../../server/src/lsp/lazyDocument';
import { requestText } from '../../server/src/lsp/requestText';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

export interface FuzzInput {
  kind: FileKind;
  /** File name the checker sees (decides JSON vs YAML for declarative files). */
  path: string;
  text: string;
  /** A second version of the text (an edit), for the incremental session. */
  edited: string;
  /** Relative positions (0..1) for hover and completion. */
  probes: number[];
  env: number;
}

export interface Problem {
  kind: 'crash' | 'hang' | 'fix-breaks-file' | 'span' | 'not-idempotent' | 'session-differs' | 'window-differs' | 'internal';
  where: string;
  detail: string;
}

let envs: CheckEnv[] | undefined;

export function fuzzEnvs(): CheckEnv[] {
  if (envs) return envs;
  const k = loadKnowledge() as unknown as KnowledgeSet;
  const pairs: Array<[string, string, 'oss' | 'enterprise']> = [
    ['2.8', '3.10', 'enterprise'],
    ['2.8', '3.4', 'oss'],
    ['3.4', '3.14', 'enterprise'],
  ];
  envs = pairs.map(([current, target, edition]) => {
    const r = resolveEnv(k, { current, target, edition }, { customPlugins: ['my-plugin'] });
    if (!r.ok) throw new Error(r.problems.join('; '));
    return r.env;
  });
  return envs;
}

const KIND_OF_DIR: Record<string, { kind: FileKind; name: (f: string) => string }> = {
  declarative: { kind: 'declarative', name: (f) => (f.endsWith('.json') ? 'kong.json' : 'kong.yaml') },
  'kong-conf': { kind: 'kong-conf', name: () => 'kong.conf' },
  env: { kind: 'env', name: (f) => f },
  'k8s-plugins': { kind: 'kubernetes', name: () => 'k8s.yaml' },
};

/** Seeds are cut (at a line end) to this many characters. */
const SEED_MAX_CHARS = 6000;

export interface Seed {
  kind: FileKind;
  path: string;
  text: string;
}

/** The corpus files (empty when ../shared/corpus is absent), plus a few built-in seeds of every kind. */
export function seeds(): Seed[] {
  const out: Seed[] = [...BUILTIN];
  if (!fs.existsSync(CORPUS)) return out;
  for (const dir of fs.readdirSync(CORPUS)) {
    const d = path.join(CORPUS, dir);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) {
      const full = path.join(d, f);
      if (!fs.statSync(full).isFile()) continue;
      let text = fs.readFileSync(full, 'utf8');
      // Mutations of a large file exercise what those of its head do, at many times the cost.
      if (text.length > SEED_MAX_CHARS) text = text.slice(0, text.lastIndexOf('\n', SEED_MAX_CHARS) + 1);
      const m = KIND_OF_DIR[dir];
      let kind: FileKind = m?.kind ?? 'unknown';
      let name = m ? m.name(f) : f;
      if (dir === 'env') {
        if (/compose/i.test(f)) [kind, name] = ['docker-compose', 'docker-compose.yml'];
        else if (/values/i.test(f)) [kind, name] = ['helm-values', 'values.yaml'];
        else if (/\.ya?ml$/i.test(f)) [kind, name] = ['kubernetes', 'deploy.yaml'];
        else [kind, name] = ['env', '.env'];
      }
      if (kind !== 'unknown') out.push({ kind, path: name, text });
    }
  }
  return out;
}

const BUILTIN: Seed[] = [
  {
    kind: 'declarative',
    path: 'kong.yaml',
    text: [
      '_format_version: "1.1"',
      'services:',
      '- name: s1',
      '  url: http://example.invalid',
      '  routes:',
      '  - name: r1',
      '    paths: ["/v1/(?<id>\\\\d+)", /plain]',
      '    plugins:',
      '    - name: pre-function',
      '      config:',
      '        functions:',
      '        - |',
      '          kong.log("hi")',
      '    - name: aws-lambda',
      '      config: &cfg',
      '        function_name: f',
      '        proxy_scheme:',
      '        - https',
      '        aws_region: eu-west-1',
      '      protocols:',
      '      - http',
      'plugins:',
      '- name: acl',
      '  config:',
      '    whitelist: [a, b]',
      '- name: rate-limiting',
      '  config:',
      '    minute: 10',
      '    redis_host: r',
      '    redis_port: 6379',
      '- name: cors',
      '  config: {origins: ["*"], credentials: true}',
      '',
    ].join('\n'),
  },
  {
    kind: 'declarative',
    path: 'kong.json',
    text: '{"_format_version": "1.1", "plugins": [{"name": "acl", "config": {"whitelist": ["a"]}}, {"name": "rate-limiting", "config": {"minute": 1, "redis_host": "h"}}]}\n',
  },
  { kind: 'kong-conf', path: 'kong.conf', text: 'admin_listen = 0.0.0.0:8001\nproxy_listen = 0.0.0.0:8000\nnginx_optimizations = on\ncassandra_contact_points = a,b\npg_host = db # the database\n' },
  { kind: 'env', path: '.env', text: 'KONG_DATABASE=cassandra\nKONG_NGINX_OPTIMIZATIONS="on"\nexport KONG_PG_HOST=db\n' },
  // Templates (Ansible, Go, ERB): the markup a tool renders away, with settings in branches.
  {
    kind: 'kong-conf',
    path: 'kong.conf.j2',
    text: '# {{ ansible_managed }}\n{#\n  Datastore\n#}\n{% if db %}\npg_host = {{ db }}\n{% else %}\npg_host = localhost\n{% endif %}\nnginx_optimizations = on {# old #}\n{{- if .Values.x }}\nlog_level = debug\n{{- end }}\n<% if @a %>\nproxy_listen = <%= @p %>\n<% end %>\n',
  },
  { kind: 'env', path: 'prod.env.j2', text: '{# managed #}\n{% if x %}\nKONG_PG_HOST=a\n{% else %}\nKONG_PG_HOST="{{ b }}"\n{% endif %}\nKONG_NGINX_OPTIMIZATIONS=on\n' },
  {
    kind: 'docker-compose',
    path: 'docker-compose.yml',
    text: 'services:\n  kong:\n    image: kong:2.8\n    environment:\n      KONG_DATABASE: cassandra\n      KONG_NGINX_OPTIMIZATIONS: "on"\n    ports: ["8000:8000"]\n',
  },
  {
    kind: 'kubernetes',
    path: 'deploy.yaml',
    text: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: kong\n        env:\n        - name: KONG_DATABASE\n          value: cassandra\n        - name: KONG_NGINX_OPTIMIZATIONS\n          value: "on"\n',
  },
  { kind: 'helm-values', path: 'values.yaml', text: 'image:\n  tag: "2.8"\nenv:\n  database: cassandra\n  nginx_optimizations: "on"\n' },
  {
    // KongPlugins whose defaults flip on the way (pins under config:, with and without one).
    kind: 'kubernetes',
    path: 'plugins.yaml',
    text: 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: keys\nplugin: key-auth\n---\napiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: basic}\nplugin: basic-auth\nconfig:\n  anonymous: null # x\n---\napiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata:\n  name: logs\nplugin: http-log\nconfig:\n  http_endpoint: https://logs\n  headers:\n    x-a: [one, two]\n',
  },
];

/** Fragments mutations insert: YAML/JSON syntax, hostile structures, odd characters. */
const FRAGMENTS = [
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '\t',
  '- ',
  ': ',
  ':',
  '#',
  ' # c',
  '---\n',
  '--- ',
  '...\n',
  '|\n',
  '|-\n  x\n',
  '>\n',
  '&a ',
  '*a',
  '&a',
  '<<: *a\n',
  '!!str ',
  '!tag ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '{}',
  '[]',
  '~',
  'null',
  '""',
  "''",
  '\\',
  '\u0000',
  '\u202e',
  '\ud83d\ude00',
  '\ud800',
  'name: acl\n',
  'config:\n',
  '    whitelist: [x]\n',
  '  - name: pre-function\n',
  '_format_version: "3.0"\n',
  '_format_version:\n',
  '_format_version: ~\n',
  'paths: ["~/a(b)"]\n',
  'redis_host: h\n',
  'proxy_scheme:\n  - https\n',
  'functions:\n  - |\n    return\n',
  'admin_listen = 1\n',
  'KONG_DATABASE=off\n',
  'nginx_optimizations = on\n',
  'KONG_PG_HOST: x\n',
  '{#',
  '#}',
  '{% if a %}\n',
  '{% endif %}',
  '{{- end }}\n',
  '<% x %>',
  '%YAML 1.2\n',
  '[[[[[[[[[[[[',
  '{a: {b: {c: ',
  '- - - - - - ',
  'x: &x [*x]\n',
];

/** A mutation of a text: insert a fragment, delete or duplicate a range, change indentation. */
export function mutate(text: string, ops: Array<{ op: number; at: number; len: number; frag: number }>): string {
  let t = text;
  for (const o of ops) {
    const at = Math.floor(o.at * (t.length + 1));
    const len = Math.min(t.length - at, o.len);
    switch (o.op % 6) {
      case 0:
      case 1:
        t = t.slice(0, at) + FRAGMENTS[o.frag % FRAGMENTS.length] + t.slice(at);
        break;
      case 2:
        t = t.slice(0, at) + t.slice(at + len);
        break;
      case 3:
        t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at);
        break;
      case 4: {
        // Indent or dedent the line at `at`.
        const ls = t.lastIndexOf('\n', at - 1) + 1;
        t = o.len % 2 ? t.slice(0, ls) + '  ' + t.slice(ls) : t.slice(0, ls) + t.slice(ls).replace(/^ {1,2}/, '');
        break;
      }
      default: {
        // Swap the line at `at` with the next one.
        const ls = t.lastIndexOf('\n', at - 1) + 1;
        const le = t.indexOf('\n', ls);
        if (le < 0) break;
        const ne = t.indexOf('\n', le + 1);
        const next = ne < 0 ? t.slice(le + 1) : t.slice(le + 1, ne + 1);
        t = t.slice(0, ls) + next + (next.endsWith('\n') ? '' : '\n') + t.slice(ls, le) + (ne < 0 ? '' : '\n') + (ne < 0 ? '' : t.slice(ne + 1));
      }
    }
  }
  return t;
}

/** Generated inputs that stress limits (nesting, aliases, merges) at fuzz-friendly sizes. */
function hostile(n: number, which: number): string {
  const k = 20 + (n % 400);
  switch (which % 6) {
    case 0:
      return '_format_version: "3.0"\nx: ' + '['.repeat(k) + ']'.repeat(k) + '\n';
    case 1:
      return '_format_version: "3.0"\nx:\n' + Array.from({ length: k }, (_, i) => ' '.repeat(i + 1) + `k${i}:\n`).join('');
    case 2:
      return '_format_version: "3.0"\nplugins:\n- name: cors\n  config: &a {x: *a, y: *a}\n';
    case 3: {
      let t = '_format_version: "3.0"\na0: &a0 [x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i < 2 + (n % 9); i++) t += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`;
      return t;
    }
    case 4:
      return '_format_version: "3.0"\nx:\n' + '- '.repeat(k) + 'a\n';
    default:
      return (
        '_format_version: "3.0"\nm: &m\n' +
        Array.from({ length: k }, (_, i) => `  k${i}: ${i}\n`).join('') +
        'plugins:\n' +
        Array.from({ length: 1 + (n % 30) }, () => '- name: cors\n  config:\n    <<: *m\n').join('')
      );
  }
}

const opArb = fc.record({ op: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat({ max: 80 }), frag: fc.nat() });

/** The fast-check arbitrary of inputs over the given seeds. */
export function inputArb(all: Seed[]): fc.Arbitrary<FuzzInput> {
  const fromSeed = fc
    .record({
      seed: fc.nat({ max: all.length - 1 }),
      ops: fc.array(opArb, { maxLength: 6 }),
      edit: fc.array(opArb, { minLength: 1, maxLength: 2 }),
      probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
      env: fc.nat({ max: 2 }),
    })
    .map(({ seed, ops, edit, probes, env }) => {
      const s = all[seed]!;
      const text = mutate(s.text, ops);
      return { kind: s.kind, path: s.path, text, edited: mutate(text, edit), probes, env };
    });
  const generated = fc.record({ n: fc.nat({ max: 1000 }), which: fc.nat(), edit: fc.array(opArb, { minLength: 1, maxLength: 2 }), env: fc.nat({ max: 2 }) }).map(({ n, which, edit, env }) => {
    const text = hostile(n, which);
    return { kind: 'declarative' as FileKind, path: 'kong.yaml', text, edited: mutate(text, edit), probes: [0.5], env };
  });
  return fc.oneof({ arbitrary: fromSeed, weight: 9 }, { arbitrary: generated, weight: 1 });
}

function spanProblem(text: string, f: Finding): string | null {
  const s = f.span;
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length)) return `${f.code} span ${s.start}-${s.end} of ${text.length}`;
  for (const x of f.fixes ?? []) {
    const p = editsProblem(
      text,
      [...x.edits].sort((a, b) => a.start - b.start || a.end - b.end),
    );
    if (p) return `${f.code} fix "${x.title}": ${p}`;
  }
  return null;
}

export interface Stats {
  inputs: number;
  findings: number;
  fixAllEdits: number;
  preferredFixes: number;
  /** Preferred fixes the proof turned down (offered, but not as automatic). */
  unproven: number;
  /** Pin actions offered (after their proof), and single pin fixes the proof turned down. */
  pinActions: number;
  unprovenPins: number;
  /** Requests answered from the cursor's entry alone, compared with the whole text. */
  entryReads: number;
}

export function newStats(): Stats {
  return { inputs: 0, findings: 0, fixAllEdits: 0, preferredFixes: 0, unproven: 0, pinActions: 0, unprovenPins: 0, entryReads: 0 };
}

const sig = (f: Finding) => `${f.code}|${f.span.start}|${f.span.end}|${f.message}`;

/** Runs one input through every entry point; returns the problems found (empty: all good). */
export function examine(input: FuzzInput, stats: Stats = newStats(), opts: { hangMs?: number; quickFixes?: number } = {}): Problem[] {
  const problems: Problem[] = [];
  const env = fuzzEnvs()[input.env % fuzzEnvs().length]!;
  const { kind, text, path: p } = input;
  const t0 = Date.now();
  const step = (where: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      problems.push({ kind: 'crash', where, detail: (e as Error)?.stack?.split('\n').slice(0, 4).join(' | ') ?? String(e) });
    }
  };
  stats.inputs++;
  const checker = new DocumentChecker(p, { eagerFixes: true });
  let findings: Finding[] = [];
  step('check', () => {
    const r = checker.check(kind, text, env);
    findings = r.findings;
    if (r.internalError) problems.push({ kind: 'internal', where: 'check', detail: r.internalError.stack?.split('\n').slice(0, 4).join(' | ') ?? r.internalError.message });
  });
  stats.findings += findings.length;
  for (const f of findings) {
    const sp = spanProblem(text, f);
    if (sp) problems.push({ kind: 'span', where: 'check', detail: sp });
    if (f.code === 'syntax' && /call stack|internal error|is not a function|of undefined|of null/i.test(f.message))
      problems.push({ kind: 'internal', where: 'check', detail: `syntax finding from a failure: ${f.message}` });
  }
  // Each preferred quick fix: proven or turned down (never a crash).
  let qf = 0;
  step('quick-fix proof', () => {
    for (const f of findings) {
      const fx = f.fixes?.find((x) => x.preferred);
      if (!fx) continue;
      stats.preferredFixes++;
      if (qf++ >= (opts.quickFixes ?? 6)) continue;
      if (!checker.prove(kind, text, fx.edits, findingsOfFix(findings, fx.edits)).ok) stats.unproven++;
    }
  });
  // Fix-all: proven passes; the result must read as well as the input and a second run must find nothing to do.
  step('fix-all', () => {
    const r = fixAll(kind, text, env, 8, p);
    stats.fixAllEdits += r.applied;
    if (!r.applied) return;
    const before = findings.filter((f) => f.code === 'syntax').length;
    const fixedFindings = new DocumentChecker(p, { eagerFixes: true }).check(kind, r.text, env).findings;
    const after = fixedFindings.filter((f) => f.code === 'syntax').length;
    if (after > before) problems.push({ kind: 'fix-breaks-file', where: 'fix-all', detail: `${after - before} new syntax error(s)` });
    // Idempotent: on the fixed text, fix-all has nothing (proven) left to do.
    const again = new DocumentChecker(p, { eagerFixes: true }).fixAllEdits(kind, r.text, fixedFindings);
    if (again.length) problems.push({ kind: 'not-idempotent', where: 'fix-all', detail: `a second fix-all would apply ${again.length} more edit(s): ${JSON.stringify(again.slice(0, 2))}` });
  });
  // The fix-all edits must also be well-formed when applied by the editor (one pass).
  step('fix-all edits', () => {
    const edits = checker.fixAllEdits(kind, text, findings);
    const p2 = editsProblem(text, edits);
    if (p2) problems.push({ kind: 'span', where: 'fix-all edits', detail: p2 });
    else applyEdits(text, edits);
  });
  // Pin actions: each pin quick fix is proven or turned down; the whole-file action offered
  // (proven in the core) must be well placed and keep the file readable.
  step('pin', () => {
    let pin: { edits: TextEdit[] } | null = null;
    if (kind === 'kong-conf' || kind === 'env') pin = pinDefaultsEdits(kind, text, env);
    else if (kind === 'declarative') {
      let n = 0;
      for (const f of findings) {
        const fx = f.fixes?.find((x) => x.pinned);
        if (!fx || n++ >= (opts.quickFixes ?? 6)) continue;
        if (!provePinFix({ kind, text, path: p }, fx.edits, [f]).ok) stats.unprovenPins++;
      }
      pin = checker.pinEntityDefaults(kind, text, findings);
    } else if (kind === 'kubernetes') {
      // KongPlugin pins ("keep today's behaviour" under config:): each keeps the file readable.
      const syntaxOf = (t: string) => new DocumentChecker(p).check(kind, t, env).findings.filter((f) => f.code === 'syntax').length;
      const before = findings.filter((f) => f.code === 'syntax').length;
      let n = 0;
      for (const f of findings) {
        const fx = f.fixes?.find((x) => x.pinned);
        if (!fx || n++ >= (opts.quickFixes ?? 6)) continue;
        const bad = editsProblem(text, fx.edits);
        if (bad) problems.push({ kind: 'span', where: 'pin', detail: bad });
        else if (syntaxOf(applyEdits(text, fx.edits)) > before) problems.push({ kind: 'fix-breaks-file', where: 'pin', detail: `${f.code} ${fx.title}` });
      }
    }
    if (!pin) return;
    stats.pinActions++;
    const edits = [...pin.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const bad = editsProblem(text, edits);
    if (bad) {
      problems.push({ kind: 'span', where: 'pin', detail: bad });
      return;
    }
    const syntax = (t: string) => new DocumentChecker(p).check(kind, t, env).findings.filter((f) => f.code === 'syntax').length;
    const added = syntax(applyEdits(text, edits)) - findings.filter((f) => f.code === 'syntax').length;
    if (added > 0) problems.push({ kind: 'fix-breaks-file', where: 'pin', detail: `${added} new syntax error(s)` });
  });
  for (const rel of input.probes) {
    const off = Math.floor(rel * (text.length + 1));
    step('hover', () => {
      hoverAt(kind, text, Math.min(off, text.length), env);
    });
    step('completion', () => {
      for (const c of completeAtUnsafe(kind, text, Math.min(off, text.length), env)) {
        if (c.edit && editsProblem(text, [c.edit])) problems.push({ kind: 'span', where: 'completion', detail: `${c.label}: ${editsProblem(text, [c.edit])}` });
      }
    });
  }
  // The server's reading of a request (lsp/requestText.ts): an open document edited from
  // the text to the edited text (one change, as typed), hover and completion from the
  // cursor's entry must answer as the whole edited text does.
  if (kind === 'declarative')
    step('request text', () => {
      const edited = input.edited;
      if (detectKind(p, edited, env) !== 'declarative') return;
      const doc = LazyTextDocument.create(`file://${p}`, 'yaml', 1, text);
      doc.lineView(); // (read before the change: the change must keep the line shapes right)
      let a = 0;
      while (a < text.length && a < edited.length && text[a] === edited[a]) a++;
      let b = 0;
      while (b < text.length - a && b < edited.length - a && text[text.length - 1 - b] === edited[edited.length - 1 - b]) b++;
      doc.update([{ range: { start: doc.positionAt(a), end: doc.positionAt(text.length - b) }, text: edited.slice(a, edited.length - b) }], 2);
      if (doc.getText() !== edited) {
        // (A change that splits a CRLF is not this check's business: the document test covers it.)
        return;
      }
      for (const rel of input.probes) {
        const off = Math.min(Math.floor(rel * (edited.length + 1)), edited.length);
        const h = requestText(doc, p, env, off, 'hover');
        const c = requestText(doc, p, env, off, 'completion');
        if (!h || !c) {
          problems.push({ kind: 'window-differs', where: 'request text', detail: `no reading at ${off}` });
          continue;
        }
        if (h.delta !== 0 || h.text !== edited) stats.entryReads++;
        const got = hoverAt(h.kind, h.text, h.offset, env);
        const want = hoverAt('declarative', edited, off, env);
        const shifted = got && { markdown: got.markdown, span: { start: got.span.start + h.delta, end: got.span.end + h.delta } };
        if (JSON.stringify(shifted) !== JSON.stringify(want)) problems.push({ kind: 'window-differs', where: 'request text', detail: `hover at ${off}` });
        const gotC = completeAtUnsafe(c.kind, c.text, c.offset, env).map((x) => (x.edit ? { ...x, edit: { ...x.edit, start: x.edit.start + c.delta, end: x.edit.end + c.delta } } : x));
        if (JSON.stringify(gotC) !== JSON.stringify(completeAtUnsafe('declarative', edited, off, env)))
          problems.push({ kind: 'window-differs', where: 'request text', detail: `completion at ${off}` });
      }
    });
  // The incremental session: text, then the edited text, must equal a fresh check of the edited text.
  step('session', () => {
    const inc = checker.check(kind, input.edited, env).findings.map(sig);
    const fresh = new DocumentChecker(p, { eagerFixes: true }).check(kind, input.edited, env).findings.map(sig);
    if (inc.join('\n') !== fresh.join('\n')) problems.push({ kind: 'session-differs', where: 'session', detail: `incremental ${inc.length} vs fresh ${fresh.length} findings` });
  });
  const ms = Date.now() - t0;
  if (ms > (opts.hangMs ?? 5000)) problems.push({ kind: 'hang', where: 'all', detail: `${ms} ms` });
  return problems;
}
