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
import type { DeclarativeDocument, DeclarativeModel } from './declarative/types';
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

/** The last document holding offset `at` (documents touch at their edges), or -1. */
function docIndexAt(model: DeclarativeModel, at: number): number {
  let di = -1;
  model.documents.forEach((d, i) => {
    if (d.start <= at && at <= d.end) di = i;
  });
  return di;
}

/** Where in the data each finding may change things (its own keys, its replacement's). */
function allowedPaths(findings: readonly Finding[], model: DeclarativeModel): Seg[][] {
  const out: Seg[][] = [];
  for (const f of findings) {
    const at = f.span.start;
    const di = docIndexAt(model, at);
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
  const r = readBoth(text, edits, format, session);
  if (!r.ok) return r;
  if (!r.model) return { ok: true };
  const allowed = allowedPaths(findings, r.model);
  for (const d of diffPaths(r.before, r.after)) {
    const ok = allowed.some((a) => matchesPrefix(a, d.path) || (!d.inA && matchesPrefix(d.path, a)));
    if (!ok) return { ok: false, reason: `the fix changes ${describe(d.path)}, which the finding is not about` };
  }
  return { ok: true };
}

type BothRead = { ok: true; model: DeclarativeModel | null; before: unknown[]; after: unknown[] } | { ok: false; reason: string };

/**
 * The common part of a declarative proof: the edits are well placed and the result reads
 * without new errors; the data of both texts (and the original's model) when the text is
 * small enough to compare (`model` null: not compared).
 */
function readBoth(text: string, edits: readonly TextEdit[], format: 'yaml' | 'json' | undefined, session: DeclarativeSession): BothRead {
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
  if (!compare || !model) return { ok: true, model: null, before: [], after: [] };
  const docsA = dataBefore as unknown[];
  const docsB = dataAfter as unknown[];
  if (docsA.length !== docsB.length) return { ok: false, reason: 'the fix changes the number of documents' };
  return { ok: true, model, before: docsA, after: docsB };
}

/** The entity or plugin (smallest first) of `doc` whose node holds offset `at`, as a data path. */
function ownerPath(doc: DeclarativeDocument, d: number, at: number): Seg[] | null {
  let best: { where: string; size: number } | undefined;
  const consider = (node: { start: number; end: number }, where: string) => {
    if (node.start <= at && at <= node.end && (!best || node.end - node.start < best.size)) best = { where, size: node.end - node.start };
  };
  for (const p of doc.plugins) consider(p.node, p.where);
  for (const e of doc.entities ?? []) consider(e.node, e.where);
  return best ? [d, ...parseWhere(best.where)] : null;
}

const sameSeg = (a: Seg, b: Seg) => a === b || (a === '[]' && typeof b === 'number') || (b === '[]' && typeof a === 'number');

/** The value at a concrete data path, or undefined. */
function valueAt(root: unknown, path: readonly Seg[]): unknown {
  let v = root;
  for (const s of path) {
    if (Array.isArray(v) && typeof s === 'number') v = v[s];
    else if (isObj(v) && typeof s === 'string' && Object.hasOwn(v, s)) v = v[s];
    else return undefined;
  }
  return v;
}

/**
 * Proves a pin ("keep today's behaviour": write old defaults) on a declarative text. A
 * pin only adds: every difference in the data must be one of the fields the pins of
 * `findings` name (Fix.pinned), under the entity or plugin each finding is on, holding
 * the pinned value (or a new map, say `config`, holding only such fields), and every
 * such field must hold it afterwards. Nothing else may appear, change or go.
 */
export function provePins(text: string, edits: readonly TextEdit[], findings: readonly Finding[], format: 'yaml' | 'json' | undefined, session = new DeclarativeSession(null)): ProofResult {
  const r = readBoth(text, edits, format, session);
  if (!r.ok) return r;
  if (!r.model) return { ok: true };
  const model = r.model;
  const pins: Array<{ path: Seg[]; value: unknown }> = [];
  for (const f of findings) {
    const fx = f.fixes?.find((x) => x.pinned);
    if (!fx?.pinned) continue;
    const di = docIndexAt(model, f.span.start);
    const doc = model.documents[di];
    const owner = doc ? ownerPath(doc, di, f.span.start) : null;
    if (!owner) return { ok: false, reason: 'the entity the pin is for is not found' };
    for (const field of fx.pinned.fields) pins.push({ path: [...owner, ...parseWhere(field)], value: fx.pinned.value });
  }
  if (!pins.length) return { ok: false, reason: 'nothing to pin' };
  const diffs = diffPaths(r.before, r.after, pins.length + 1);
  if (diffs.length > pins.length) return { ok: false, reason: 'the pin changes more than the fields it writes' };
  for (const d of diffs) {
    if (d.inA) return { ok: false, reason: `the pin changes or removes ${describe(d.path)}` };
    const under = pins.filter((p) => p.path.length >= d.path.length && d.path.every((s, i) => sameSeg(s, p.path[i]!)));
    if (!under.length) return { ok: false, reason: `the pin writes ${describe(d.path)}, which it is not about` };
    // What the new key must hold: the pinned value, or a new map of pinned fields only.
    let expected: unknown;
    if (under.some((p) => p.path.length === d.path.length)) expected = under.find((p) => p.path.length === d.path.length)!.value;
    else {
      const root: Record<string, unknown> = {};
      for (const p of under) {
        let m = root;
        const rest = p.path.slice(d.path.length);
        for (let i = 0; i < rest.length; i++) {
          const s = rest[i]!;
          if (typeof s !== 'string') return { ok: false, reason: `the pin writes into a list at ${describe(d.path)}` };
          if (i === rest.length - 1) m[s] = p.value;
          else m = (m[s] = isObj(m[s]) ? m[s] : {}) as Record<string, unknown>;
        }
      }
      expected = root;
    }
    if (diffPaths(expected, valueAt(r.after, d.path), 1).length) return { ok: false, reason: `the pin writes another value at ${describe(d.path)}` };
  }
  // Every pinned field is written (a pin that lands elsewhere, or not at all, is not one).
  for (const p of pins) {
    if (p.path.some((s) => s === '[]')) continue;
    if (diffPaths(p.value, valueAt(r.after, p.path), 1).length) return { ok: false, reason: `the pin does not write ${describe(p.path)}` };
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
