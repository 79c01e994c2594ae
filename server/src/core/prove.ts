/**
 * Fixes proven before they are offered as automatic. A fix's edits are applied in memory
 * and the fix counts as safe only when:
 *   - the edits lie inside the document, in order, without overlapping;
 *   - the result reads without a syntax error the original did not have;
 *   - the data outside what the findings are about is equal (declarative files: the
 *     parsed documents compared path by path; kong.conf and KONG_* files: every setting
 *     of another property, and for YAML files the rest of the YAML data).
 * Used by fix-all (CLI and editor) and by the editor's quick fixes; a fix that fails is
 * still shown, but never applied unattended.
 */
import { parseAllDocuments } from 'yaml';
import type { FileKind, Finding, TextEdit } from './model';
import { applyEdits } from './text';
import { DeclarativeSession, type DeclarativeResult } from './declarative/session';
import type { DeclarativeModel } from './declarative/types';
import { settingsOf } from './fileSettings';

export type ProofResult = { ok: true } | { ok: false; reason: string };

/** Data comparison is skipped for declarative texts above this size (parse errors are still checked). */
const DATA_COMPARE_MAX_CHARS = 2_000_000;

/** Why `edits` cannot be applied to `text` as they are (outside it, unordered, overlapping), or null. */
export function editsProblem(text: string, edits: readonly TextEdit[]): string | null {
  let prevEnd = -1;
  let prevStart = -1;
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end > text.length) return `an edit lies outside the document (${e.start}-${e.end} of ${text.length})`;
    if (e.start > e.end) return `an edit ends before it starts (${e.start}-${e.end})`;
    if (e.start < prevEnd || e.start < prevStart) return 'edits overlap or are out of order';
    prevStart = e.start;
    prevEnd = e.end;
  }
  return null;
}

/** Path segments of a data location: document index first, then keys and indices ('[]' in a pattern: any index). */
type Seg = string | number;

function parseWhere(where: string): Seg[] {
  const out: Seg[] = [];
  const re = /([^.[\]]+)|\[(\d*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(where))) out.push(m[1] !== undefined ? m[1] : m[2] === '' ? '[]' : Number(m[2]));
  return out;
}

/** Where in the data each finding may change things (its own keys, its replacement's). */
function allowedPaths(findings: readonly Finding[], model: DeclarativeModel): Seg[][] {
  const out: Seg[][] = [];
  for (const f of findings) {
    const at = f.span.start;
    // The last document starting at or before the finding (documents touch at their edges).
    let di = -1;
    model.documents.forEach((d, i) => {
      if (d.start <= at && at <= d.end) di = i;
    });
    const doc = di >= 0 ? model.documents[di]! : undefined;
    const d = Math.max(0, di);
    if (f.code === 'format-version') {
      out.push([d, '_format_version']);
      continue;
    }
    if (!doc) continue;
    const rp = doc.routePaths.find((r) => r.span.start <= at && at <= r.span.end);
    if (f.code === 'regex-path-prefix' && rp) {
      out.push([d, ...parseWhere(rp.where)]);
      continue;
    }
    let best: DeclarativeModel['plugins'][number] | undefined;
    for (const p of doc.plugins) {
      if (p.node.start <= at && at <= p.node.end && (!best || p.node.end - p.node.start < best.node.end - best.node.start)) best = p;
    }
    if (!best) continue;
    const base: Seg[] = [d, ...parseWhere(best.where)];
    if (f.field) {
      out.push([...base, 'config', ...parseWhere(f.field)]);
      if (typeof f.replacement === 'string' && f.replacement) out.push([...base, 'config', ...parseWhere(f.replacement)]);
    } else out.push(base);
  }
  return out;
}

function matchesPrefix(pattern: readonly Seg[], path: readonly Seg[]): boolean {
  if (pattern.length > path.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const a = pattern[i]!;
    const b = path[i]!;
    if (a === '[]' ? typeof b !== 'number' : a !== b) return false;
  }
  return true;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Paths where `a` and `b` differ (a key only on one side, an array of another length, a
 * different scalar), found iteratively; stops after `limit` paths.
 */
function diffPaths(a: unknown, b: unknown, limit = 50): Array<{ path: Seg[]; inA: boolean }> {
  const out: Array<{ path: Seg[]; inA: boolean }> = [];
  const stack: Array<{ a: unknown; b: unknown; path: Seg[] }> = [{ a, b, path: [] }];
  // Data from aliases can be shared or circular: each object is compared once, and the
  // whole comparison has a budget (past it, the data counts as different).
  const seen = new Set<object>();
  let budget = 2_000_000;
  while (stack.length && out.length < limit) {
    const { a: x, b: y, path } = stack.pop()!;
    if (x === y) continue;
    if (--budget < 0) {
      out.push({ path: [], inA: true });
      break;
    }
    if (typeof x === 'object' && x !== null) {
      if (seen.has(x)) continue;
      seen.add(x);
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push({ path, inA: true });
      else for (let i = 0; i < x.length; i++) stack.push({ a: x[i], b: y[i], path: [...path, i] });
      continue;
    }
    if (isObj(x) && isObj(y)) {
      for (const k of Object.keys(x)) {
        if (!Object.prototype.hasOwnProperty.call(y, k)) out.push({ path: [...path, k], inA: true });
        else stack.push({ a: x[k], b: y[k], path: [...path, k] });
      }
      for (const k of Object.keys(y)) if (!Object.prototype.hasOwnProperty.call(x, k)) out.push({ path: [...path, k], inA: false });
      continue;
    }
    if (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x instanceof Date && y instanceof Date && x.getTime() === y.getTime()) continue;
    out.push({ path, inA: true });
  }
  return out;
}

function describe(path: readonly Seg[]): string {
  return (
    path
      .slice(1)
      .map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s))
      .join('') || '(document)'
  );
}

function syntaxMessages(r: DeclarativeResult): { syntax: string[]; incomplete: boolean } {
  return { syntax: r.errors.filter((e) => !e.incomplete).map((e) => e.message), incomplete: r.errors.some((e) => e.incomplete) };
}

/** The errors of `after` that `before` did not have (by message, counted). */
function newErrors(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const m of before) left.set(m, (left.get(m) ?? 0) + 1);
  const out: string[] = [];
  for (const m of after) {
    const n = left.get(m) ?? 0;
    if (n > 0) left.set(m, n - 1);
    else out.push(m);
  }
  return out;
}

/**
 * Proves edits on a declarative text. `session` may be a session kept for proving (its
 * caches make repeated proofs on one large text incremental); it is left at `text`.
 */
export function proveDeclarative(text: string, edits: readonly TextEdit[], findings: readonly Finding[], format: 'yaml' | 'json' | undefined, session = new DeclarativeSession(null)): ProofResult {
  const bad = editsProblem(text, edits);
  if (bad) return { ok: false, reason: bad };
  const after = applyEdits(text, [...edits]);
  const opts = format ? { format } : {};
  const rb = session.update(text, opts);
  const eb = syntaxMessages(rb);
  if (eb.incomplete) return { ok: false, reason: 'the file could not be read in full' };
  const compare = text.length <= DATA_COMPARE_MAX_CHARS;
  const dataBefore = compare ? rb.data() : null;
  const model = compare ? rb.model : null;
  let ra: DeclarativeResult;
  ra = session.update(after, opts);
  const ea = syntaxMessages(ra);
  const dataAfter = compare ? ra.data() : null;
  // Leave the session at the original text (incremental: only the edited pieces again).
  session.update(text, opts);
  if (ea.incomplete) return { ok: false, reason: 'the fixed file could not be read in full' };
  const added = newErrors(eb.syntax, ea.syntax);
  if (added.length) return { ok: false, reason: `the fixed file does not read: ${added[0]}` };
  if (!compare || !model) return { ok: true };
  const allowed = allowedPaths(findings, model);
  const docsA = dataBefore as unknown[];
  const docsB = dataAfter as unknown[];
  if (docsA.length !== docsB.length) return { ok: false, reason: 'the fix changes the number of documents' };
  for (const d of diffPaths(docsA, docsB)) {
    const ok = allowed.some((a) => matchesPrefix(a, d.path) || (!d.inA && matchesPrefix(d.path, a)));
    if (!ok) return { ok: false, reason: `the fix changes ${describe(d.path)}, which the finding is not about` };
  }
  return { ok: true };
}

const YAML_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['docker-compose', 'kubernetes', 'helm-values']);

function norm(name: string): string {
  return name.toLowerCase().replace(/^kong_/, '');
}

/** YAML data of a file with every entry about one of `names` (properties) taken out. */
function yamlDataWithout(text: string, names: ReadonlySet<string> | 'all', pluginResources = false): unknown[] | null {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
  } catch {
    return null;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of list) {
    let v: unknown;
    try {
      v = d.toJS({ maxAliasCount: 100 });
    } catch {
      return null;
    }
    // A fix of a KongPlugin / KongClusterPlugin finding edits that resource's plugin and
    // config (proven like a decK plugin's by the checks that made it); the rest must stay.
    if (pluginResources && isObj(v) && typeof v.kind === 'string' && /^Kong(Cluster)?Plugin$/.test(v.kind)) {
      delete v.config;
      delete v.plugin;
    }
    out.push(v);
  }
  const hit = (k: string) => {
    const n = norm(k.split('=')[0]!.trim());
    return names === 'all' ? /^kong_/i.test(k.trim()) || n !== k.toLowerCase() : names.has(n);
  };
  const stack: unknown[] = [out];
  const seen = new Set<unknown>();
  let budget = 200_000;
  while (stack.length && budget-- > 0) {
    const v = stack.pop();
    if (seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const it = v[i];
        if ((typeof it === 'string' && hit(it)) || (isObj(it) && typeof it.name === 'string' && hit(it.name))) v.splice(i, 1);
        else if (typeof it === 'object' && it !== null) stack.push(it);
      }
    } else if (isObj(v)) {
      for (const k of Object.keys(v)) {
        if (hit(k)) delete v[k];
        else if (typeof v[k] === 'object' && v[k] !== null) stack.push(v[k]);
      }
    }
  }
  return out;
}

/**
 * Proves edits on a kong.conf or KONG_* file. `properties`: the properties the fixes are
 * about (their settings may change, appear or go); 'new' allows settings of properties
 * the file did not set (pinning defaults).
 */
export function proveSettings(kind: FileKind, text: string, edits: readonly TextEdit[], properties: ReadonlySet<string> | 'new', pluginResources = false): ProofResult {
  const bad = editsProblem(text, edits);
  if (bad) return { ok: false, reason: bad };
  const after = applyEdits(text, [...edits]);
  const sb = settingsOf(kind, text);
  const sa = settingsOf(kind, after);
  const added = newErrors(
    sb.errors.map((e) => e.message),
    sa.errors.map((e) => e.message),
  );
  if (added.length) return { ok: false, reason: `the fixed file does not read: ${added[0]}` };
  const before = new Set(sb.settings.map((s) => s.property));
  const free = (p: string) => (properties === 'new' ? !before.has(p) : properties.has(p));
  const key = (s: { property: string; value: string }) => `${s.property}\u0000${s.value}`;
  const kept = (l: typeof sb.settings) => l.filter((s) => !free(s.property)).map(key);
  const a = kept(sb.settings);
  const b = kept(sa.settings);
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) return { ok: false, reason: 'the fix changes a setting the finding is not about' };
  if (YAML_KINDS.has(kind)) {
    const touched = properties === 'new' ? new Set(sa.settings.filter((s) => !before.has(s.property)).map((s) => s.property)) : properties;
    const da = yamlDataWithout(text, touched, pluginResources);
    const db = yamlDataWithout(after, touched, pluginResources);
    if (da && !db) return { ok: false, reason: 'the fixed file does not read as YAML' };
    if (da && db && diffPaths(da, db, 1).length) return { ok: false, reason: 'the fix changes YAML data the finding is not about' };
  }
  return { ok: true };
}

/** The properties a finding's fix may touch: its own and its replacement. */
export function findingProperties(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.property) out.add(f.property);
    if (typeof f.replacement === 'string' && f.replacement) out.add(f.replacement);
  }
  return out;
}
