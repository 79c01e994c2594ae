/**
 * Pure queries over the plugin knowledge base (server/knowledge/plugins.json).
 *
 * Versions: a user's version ("2.8.5", "3.4.3.19", "3.10") is mapped to its minor line;
 * versions newer than the newest line in the facts behave as the newest line, older ones as
 * the first. Field paths are relative to the plugin's `config` ("redis.host"); a leading
 * "config." and array indexes ("nodes[0].ip" -> "nodes[].ip") are accepted.
 *
 * Performance: per (plugin, line, edition) a view (path -> result, parent -> children) is
 * built on first use and cached in a WeakMap keyed by the knowledge object, so after the
 * first lookup a field query is a Map lookup. Returned objects are shared: do not mutate.
 */

import type { Edition } from './types';
import type { ConvertRule, ConvertStep, FieldEvent, FieldRecord, FieldState, FormatVersionRange, JsonScalar, JsonValue, LineEditions, PluginKnowledge, PluginRecord } from './pluginTypes';
import { compareVersions, parseParts } from '../version';

const FIELDS_FILE = 'plugins/plugin-fields.json';

// ---------------------------------------------------------------------------
// Cache

interface View {
  /** Path -> result for fields present (for this edition) at the line. */
  present: Map<string, FieldAt>;
  /** Parent path ('' = config root) -> child paths present at the line, sorted. */
  children: Map<string, string[]>;
  /** Results computed for other paths (removed/unknown), memoised. */
  other: Map<string, FieldAt>;
}

interface Cache {
  lineIndex: Map<string, number>;
  lineOf: Map<string, string | undefined>;
  views: Map<string, View>;
  /** plugin -> new path -> renamed events pointing into it (with the old path). */
  renamedInto: Map<string, Map<string, Array<{ path: string; ev: FieldEvent }>>>;
  regexLike?: RegExp;
}

const caches = new WeakMap<PluginKnowledge, Cache>();

function cacheOf(kb: PluginKnowledge): Cache {
  let c = caches.get(kb);
  if (!c) {
    c = { lineIndex: new Map(kb.lines.map((l, i) => [l, i])), lineOf: new Map(), views: new Map(), renamedInto: new Map() };
    caches.set(kb, c);
  }
  return c;
}

// ---------------------------------------------------------------------------
// Versions

/**
 * The minor line of the plugin facts to use for a version: its own minor line; the newest
 * line for newer versions, the first for older ones, and the nearest older line for a minor
 * the facts do not list. Undefined when the text is not a version.
 */
export function pluginLine(kb: PluginKnowledge, version: string): string | undefined {
  const c = cacheOf(kb);
  if (c.lineOf.has(version)) return c.lineOf.get(version);
  let out: string | undefined;
  const p = parseParts(version);
  if (p && kb.lines.length) {
    const minor = `${p[0]}.${p[1]}`;
    if (c.lineIndex.has(minor)) out = minor;
    else if (compareVersions(minor, kb.lines[0]) < 0) out = kb.lines[0];
    else {
      out = kb.lines[0];
      for (const l of kb.lines) if (compareVersions(l, minor) <= 0) out = l;
    }
  }
  c.lineOf.set(version, out);
  return out;
}

function lineCmp(c: Cache, a: string, b: string): number {
  const ia = c.lineIndex.get(a);
  const ib = c.lineIndex.get(b);
  return ia !== undefined && ib !== undefined ? ia - ib : compareVersions(a, b);
}

/** Minor line of an event version ("2.3.3" -> "2.3"). */
function lineOfEventVersion(v: string): string {
  const p = parseParts(v);
  return p ? `${p[0]}.${p[1]}` : v;
}

// ---------------------------------------------------------------------------
// Plugins

export function pluginNames(kb: PluginKnowledge): string[] {
  return Object.keys(kb.plugins).sort();
}

export function pluginRecord(kb: PluginKnowledge, name: string): PluginRecord | undefined {
  return Object.prototype.hasOwnProperty.call(kb.plugins, name) ? kb.plugins[name] : undefined;
}

/** Kong's docs page of a plugin, or its configuration reference. */
export function pluginDocsUrl(kb: PluginKnowledge, name: string, page: 'overview' | 'reference' = 'overview'): string {
  return `${kb.docsBase}${name}/${page === 'reference' ? 'reference/' : ''}`;
}

export type PluginAt =
  | {
      status: 'known';
      name: string;
      line: string;
      /** Edition that ships the plugin. */
      edition: Edition;
      /** Enterprise plugin asked about for the OSS edition. */
      enterpriseOnly: boolean;
      lineEditions: LineEditions;
      description: string;
      docsUrl: string;
      sources: string[];
    }
  /** Not yet there: first seen in `addedIn`. */
  | { status: 'absent'; name: string; line: string; addedIn: string; source: string }
  /** Gone after `lastLine`. */
  | { status: 'removed'; name: string; line: string; since: string; lastLine: string; lowConfidence: boolean; source: string }
  /** The facts have no schema for this line (a gap, or before the data starts). */
  | { status: 'no_data'; name: string; line: string; reason: 'gap' | 'before_data' | 'after_data'; firstLine: string; lastLine: string }
  /** Not a plugin the facts know (a custom plugin, or a typo). */
  | { status: 'unknown'; name: string; line: string | undefined };

export function pluginAt(kb: PluginKnowledge, name: string, version: string, edition: Edition = 'oss'): PluginAt {
  const line = pluginLine(kb, version);
  const rec = pluginRecord(kb, name);
  if (!rec || !line || !rec.lines.length) return { status: 'unknown', name, line };
  const c = cacheOf(kb);
  const i = rec.lines.indexOf(line);
  if (i >= 0) {
    return {
      status: 'known',
      name,
      line,
      edition: rec.edition,
      enterpriseOnly: rec.edition === 'enterprise' && edition === 'oss',
      lineEditions: rec.lineEditions[i],
      description: rec.description,
      docsUrl: pluginDocsUrl(kb, name),
      sources: rec.lineSources[i].map((s) => kb.sources[s]),
    };
  }
  const first = rec.lines[0];
  const last = rec.lines[rec.lines.length - 1];
  if (lineCmp(c, line, first) < 0) {
    if (rec.addedKnown) {
      const ev = rec.events.find((e) => e.kind === 'added');
      return { status: 'absent', name, line, addedIn: first, source: ev ? kb.sources[ev.source] : `${FIELDS_FILE} plugins.${name}` };
    }
    return { status: 'no_data', name, line, reason: 'before_data', firstLine: first, lastLine: last };
  }
  if (lineCmp(c, line, last) > 0) {
    const ev = rec.events.find((e) => e.kind === 'removed' && lineCmp(c, lineOfEventVersion(e.version), line) <= 0);
    if (ev) return { status: 'removed', name, line, since: ev.version, lastLine: last, lowConfidence: !!ev.lowConfidence, source: kb.sources[ev.source] };
    return { status: 'no_data', name, line, reason: 'after_data', firstLine: first, lastLine: last };
  }
  return { status: 'no_data', name, line, reason: 'gap', firstLine: first, lastLine: last };
}

/** Plugins with schema data at the version's line (for completion and did-you-mean). */
export function pluginsAt(kb: PluginKnowledge, version: string, edition: Edition = 'enterprise'): string[] {
  const line = pluginLine(kb, version);
  if (!line) return [];
  return pluginNames(kb).filter((n) => {
    const r = kb.plugins[n];
    return r.lines.includes(line) && (edition === 'enterprise' || r.edition === 'oss');
  });
}

// ---------------------------------------------------------------------------
// Fields

/** What the schema says about a field at a line (edition applied). */
export interface FieldFacts {
  type?: string;
  elements?: string;
  keys?: string;
  values?: string;
  /** Allowed values (one_of). */
  allowed?: JsonScalar[];
  /** Allowed element values of an array/set. */
  elementsAllowed?: JsonScalar[];
  hasDefault: boolean;
  default?: JsonValue;
  required: boolean;
  min?: number;
  max?: number;
  gt?: number;
  lenMin?: number;
  lenMax?: number;
  referenceable: boolean;
  /** Input-only alias of another field. */
  alias: boolean;
  /** Top-level scoping field that must stay null. */
  mustBeNull: boolean;
  /** Alias data carried forward from this line (3.13+). */
  carriedFrom?: string;
  /** Our short description, for the most common fields only. */
  description?: string;
}

interface FieldBase {
  plugin: string;
  path: string;
  line: string;
}

export type FieldAt =
  | (FieldBase & FieldFacts & { status: 'accepted'; source: string })
  | (FieldBase &
      FieldFacts & {
        status: 'deprecated';
        /** Config-relative replacement paths; empty when the facts do not know one. */
        replacement: string[];
        finalReplacement?: string[];
        /** The name is still accepted at this line (always true: deprecated, not removed). */
        stillAccepted: true;
        /** Accepted but without effect. */
        valueIgnored: boolean;
        /** A regular field: its value is not moved to the replacement. */
        notAnAlias: boolean;
        /** The old value cannot simply be moved to the replacement. */
        valueNotTransferable: boolean;
        replacementInferred: boolean;
        removalIn?: string;
        /** First line of the current deprecated run. */
        since: string;
        source: string;
        basis: string;
        /** Our words on why the value cannot move as it is. */
        note?: string;
        /** Carried from this line into lines whose data cannot show deprecations, and from which file. */
        carriedFrom?: string;
        originalSource?: string;
      })
  | (FieldBase & {
      status: 'removed';
      /** First line without the field. */
      since: string;
      /** Last line with it. */
      lastSeen: string;
      replacement?: string[];
      /** Where the replacement chain ends at this line (following aliases and removals), when it differs. */
      currentReplacement?: string[];
      /** It was an alias (of `replacement`) before it went. */
      wasAlias: boolean;
      source: string;
    })
  | (FieldBase & {
      status: 'unknown';
      /** The field only appears in a later line. */
      laterIn?: string;
      /** The field exists at this line, but only in this edition. */
      onlyIn?: Edition;
    })
  | {
      status: 'no_data';
      plugin: string;
      path: string;
      line: string | undefined;
      /** Why the plugin itself has no data at this line. */
      pluginStatus: PluginAt['status'];
    };

type Scope = 'config' | 'top';

/** "config.redis.host" -> "redis.host"; "nodes[0].ip" -> "nodes[].ip". */
export function normalizeFieldPath(p: string): string {
  let s = p.trim();
  if (s.startsWith('config.')) s = s.slice(7);
  if (s.includes('[')) s = s.replace(/\[\d+\]/g, '[]');
  return s;
}

/** Parent of a path: "redis.host" -> "redis", "nodes[].ip" -> "nodes[]", "x" -> "". */
export function parentPath(p: string): string {
  const i = p.lastIndexOf('.');
  return i < 0 ? '' : p.slice(0, i);
}

function stateSource(plugin: string, scope: Scope, path: string, from: string): string {
  return `${FIELDS_FILE} plugins.${plugin}.versions.${from}.fields.${scope === 'config' ? `config.${path}` : path}`;
}

function presentFor(st: FieldState | undefined, edition: Edition): boolean {
  return !!st && !st.absent && (!st.editions || st.editions.includes(edition));
}

/** Index of the state in force at `line` (-1 if none). */
function stateIndex(c: Cache, fr: FieldRecord, line: string): number {
  const states = fr.states;
  let i = -1;
  for (let k = 0; k < states.length; k++) {
    if (lineCmp(c, states[k].from, line) <= 0) i = k;
    else break;
  }
  return i;
}

function factsOf(st: FieldState, edition: Edition): FieldFacts {
  const ent = edition === 'enterprise' ? st.ent : undefined;
  const pick = <K extends 'default' | 'enum' | 'elementsEnum' | 'required'>(k: K): FieldState[K] | null | undefined => (ent && k in ent ? (ent[k] as FieldState[K] | null) : st[k]);
  const f: FieldFacts = {
    hasDefault: false,
    required: !!pick('required'),
    referenceable: !!st.referenceable,
    alias: !!st.alias,
    mustBeNull: !!st.mustBeNull,
  };
  if (st.type !== undefined) f.type = st.type;
  if (st.elements !== undefined) f.elements = st.elements;
  if (st.keys !== undefined) f.keys = st.keys;
  if (st.values !== undefined) f.values = st.values;
  const en = pick('enum');
  if (en) f.allowed = en as JsonScalar[];
  const een = pick('elementsEnum');
  if (een) f.elementsAllowed = een as JsonScalar[];
  const hasDef = ent && 'default' in ent ? ent.default !== null : 'default' in st;
  if (hasDef) {
    f.hasDefault = true;
    f.default = (ent && 'default' in ent ? ent.default : st.default) as JsonValue;
  }
  if (st.min !== undefined) f.min = st.min;
  if (st.max !== undefined) f.max = st.max;
  if (st.gt !== undefined) f.gt = st.gt;
  if (st.lenMin !== undefined) f.lenMin = st.lenMin;
  if (st.lenMax !== undefined) f.lenMax = st.lenMax;
  if (st.carried !== undefined) f.carriedFrom = st.carried;
  return f;
}

function presentResult(kb: PluginKnowledge, c: Cache, plugin: string, scope: Scope, path: string, line: string, fr: FieldRecord, i: number, edition: Edition): FieldAt {
  const st = fr.states[i];
  const facts = factsOf(st, edition);
  if (fr.description) facts.description = fr.description;
  const source = stateSource(plugin, scope, path, st.from);
  const d = st.deprecated;
  if (!d) return { status: 'accepted', plugin, path, line, ...facts, source };
  let since = st.from;
  for (let k = i - 1; k >= 0; k--) {
    const s = fr.states[k];
    if (!presentFor(s, edition) || !s.deprecated) break;
    since = s.from;
  }
  void c;
  const out: FieldAt = {
    status: 'deprecated',
    plugin,
    path,
    line,
    ...facts,
    replacement: d.replacement,
    stillAccepted: true,
    valueIgnored: !!d.valueIgnored,
    notAnAlias: !!d.notAnAlias,
    valueNotTransferable: !!d.valueNotTransferable,
    replacementInferred: !!d.inferred,
    since,
    source,
    basis: kb.sources[d.basis] ?? '',
  };
  if (d.finalReplacement) out.finalReplacement = d.finalReplacement;
  if (d.removalIn) out.removalIn = d.removalIn;
  // The facts may know an earlier start of the run than the states do (a deprecation warned by code before the schemas showed it).
  if (d.since && compareVersions(d.since, out.since) < 0) out.since = d.since;
  if (d.note) out.note = d.note;
  if (d.carriedFrom) out.carriedFrom = d.carriedFrom;
  if (d.originalSource !== undefined) out.originalSource = kb.sources[d.originalSource] ?? '';
  return out;
}

function viewOf(kb: PluginKnowledge, plugin: string, rec: PluginRecord, scope: Scope, line: string, edition: Edition): View {
  const c = cacheOf(kb);
  const key = `${plugin}\u0000${scope}\u0000${line}\u0000${edition}`;
  let v = c.views.get(key);
  if (v) return v;
  v = { present: new Map(), children: new Map(), other: new Map() };
  const map = scope === 'config' ? rec.fields : rec.top;
  for (const path of Object.keys(map)) {
    const fr = map[path];
    const i = stateIndex(c, fr, line);
    if (i < 0 || !presentFor(fr.states[i], edition)) continue;
    v.present.set(path, presentResult(kb, c, plugin, scope, path, line, fr, i, edition));
    const parent = parentPath(path);
    let kids = v.children.get(parent);
    if (!kids) v.children.set(parent, (kids = []));
    kids.push(path);
  }
  for (const kids of v.children.values()) kids.sort();
  c.views.set(key, v);
  return v;
}

function absentResult(kb: PluginKnowledge, c: Cache, plugin: string, rec: PluginRecord, scope: Scope, path: string, line: string, edition: Edition): FieldAt {
  const map = scope === 'config' ? rec.fields : rec.top;
  const fr = Object.prototype.hasOwnProperty.call(map, path) ? map[path] : undefined;
  if (!fr || !fr.states.length) return { status: 'unknown', plugin, path, line };
  const i = stateIndex(c, fr, line);
  // Present at this line in the other edition only?
  const other: Edition = edition === 'oss' ? 'enterprise' : 'oss';
  let onlyIn: Edition | undefined;
  if (i >= 0 && !fr.states[i].absent && presentFor(fr.states[i], other)) onlyIn = other;
  // Last state at or before the line in which the field was present for this edition.
  let j = -1;
  for (let k = i; k >= 0; k--) {
    if (presentFor(fr.states[k], edition)) {
      j = k;
      break;
    }
  }
  if (j >= 0 && !onlyIn) {
    const last = fr.states[j];
    const sinceState = fr.states[j + 1];
    const since = sinceState ? sinceState.from : line;
    const li = rec.lines.indexOf(since);
    const lastSeen = li > 0 ? rec.lines[li - 1] : last.from;
    let replacement = last.deprecated?.replacement.length ? last.deprecated.replacement : undefined;
    let source = stateSource(plugin, scope, path, since);
    const evs = (fr.events ?? []).filter((e) => (e.kind === 'removed' || e.kind === 'renamed') && lineCmp(c, lineOfEventVersion(e.version), line) <= 0);
    const ev = evs.find((e) => lineOfEventVersion(e.version) === since) ?? evs[evs.length - 1];
    if (ev) {
      source = kb.sources[ev.source] ?? source;
      if (!replacement && ev.replacement?.length) replacement = ev.replacement;
    }
    const out: FieldAt = { status: 'removed', plugin, path, line, since, lastSeen, wasAlias: !!last.alias, source };
    if (replacement) {
      out.replacement = replacement;
      const cur = followReplacement(kb, plugin, rec, scope, replacement, line, edition, new Set([path]));
      if (cur.join('\u0000') !== replacement.join('\u0000')) out.currentReplacement = cur;
    }
    return out;
  }
  const out: FieldAt = { status: 'unknown', plugin, path, line };
  if (onlyIn) out.onlyIn = onlyIn;
  const later = fr.states.find((s, k) => k > i && presentFor(s, edition));
  if (later) out.laterIn = later.from;
  return out;
}

/** Follow replacement paths through aliases and removals to the names valid at `line`. */
function followReplacement(kb: PluginKnowledge, plugin: string, rec: PluginRecord, scope: Scope, paths: string[], line: string, edition: Edition, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (seen.has(p) || seen.size > 8) {
      out.push(p);
      continue;
    }
    const v = viewOf(kb, plugin, rec, scope, line, edition);
    const r = v.present.get(p) ?? absentResult(kb, cacheOf(kb), plugin, rec, scope, p, line, edition);
    const next = r.status === 'deprecated' && !r.notAnAlias ? r.replacement : r.status === 'removed' ? r.replacement : undefined;
    if (next && next.length) out.push(...followReplacement(kb, plugin, rec, scope, next, line, edition, new Set([...seen, p])));
    else out.push(p);
  }
  return [...new Set(out)];
}

function fieldAtScope(kb: PluginKnowledge, plugin: string, rawPath: string, version: string, edition: Edition, scope: Scope): FieldAt {
  const path = scope === 'config' ? normalizeFieldPath(rawPath) : rawPath.trim();
  const p = pluginAt(kb, plugin, version, edition);
  if (p.status !== 'known') return { status: 'no_data', plugin, path, line: p.line, pluginStatus: p.status };
  const rec = kb.plugins[plugin];
  const v = viewOf(kb, plugin, rec, scope, p.line, edition);
  const hit = v.present.get(path) ?? v.other.get(path);
  if (hit) return hit;
  const res = absentResult(kb, cacheOf(kb), plugin, rec, scope, path, p.line, edition);
  v.other.set(path, res);
  return res;
}

/**
 * Status of a config field (path relative to `config`) of a plugin at a version:
 * accepted, deprecated (with replacement), removed (since, replacement), unknown, or
 * no_data when the plugin itself has no schema at that line.
 */
export function fieldAt(kb: PluginKnowledge, plugin: string, path: string, version: string, edition: Edition = 'oss'): FieldAt {
  return fieldAtScope(kb, plugin, path, version, edition, 'config');
}

/** Same as fieldAt for top-level plugin fields: protocols, consumer, route, service, consumer_group, run_on. */
export function topFieldAt(kb: PluginKnowledge, plugin: string, name: string, version: string, edition: Edition = 'oss'): FieldAt {
  return fieldAtScope(kb, plugin, name, version, edition, 'top');
}

/**
 * Fields directly under `parent` ('' or 'config' = the config root; "redis"; "nodes[]")
 * present at the version, sorted by path. For an array of records, "nodes" is taken as
 * "nodes[]" when it has no children of its own.
 */
export function fieldsAt(kb: PluginKnowledge, plugin: string, parent: string, version: string, edition: Edition = 'oss'): FieldAt[] {
  const p = pluginAt(kb, plugin, version, edition);
  if (p.status !== 'known') return [];
  const rec = kb.plugins[plugin];
  const v = viewOf(kb, plugin, rec, 'config', p.line, edition);
  let par = parent === 'config' ? '' : normalizeFieldPath(parent);
  if (!v.children.has(par) && v.children.has(`${par}[]`)) par = `${par}[]`;
  else if (!v.children.has(par) && v.children.has(`${par}.*`)) par = `${par}.*`;
  return (v.children.get(par) ?? []).map((k) => v.present.get(k)!);
}

/** Last path segment ("redis.host" -> "host"). */
export function fieldName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

// ---------------------------------------------------------------------------
// Life events

export interface FieldLifeEvent extends Omit<FieldEvent, 'source'> {
  /** The field the event is about (differs from the asked path for a rename into it). */
  path: string;
  /** Event about another field that was renamed into the asked path. */
  renamedInto?: string;
  source: string;
}

function renamedIndex(kb: PluginKnowledge, plugin: string): Map<string, Array<{ path: string; ev: FieldEvent }>> {
  const c = cacheOf(kb);
  let idx = c.renamedInto.get(plugin);
  if (idx) return idx;
  idx = new Map();
  const rec = kb.plugins[plugin];
  for (const [path, fr] of Object.entries(rec?.fields ?? {})) {
    for (const ev of fr.events ?? []) {
      if (ev.kind !== 'renamed') continue;
      const targets = new Set<string>([...(ev.replacement ?? []), ...(typeof ev.new === 'string' ? [ev.new] : [])]);
      for (const t of targets) {
        let l = idx.get(t);
        if (!l) idx.set(t, (l = []));
        l.push({ path, ev });
      }
    }
  }
  c.renamedInto.set(plugin, idx);
  return idx;
}

/** Life events of a config field (added, renamed, deprecated, default changes, ...) and renames into it, by version. */
export function fieldLife(kb: PluginKnowledge, plugin: string, rawPath: string): FieldLifeEvent[] {
  const rec = pluginRecord(kb, plugin);
  if (!rec) return [];
  const path = normalizeFieldPath(rawPath);
  const own = Object.prototype.hasOwnProperty.call(rec.fields, path) ? (rec.fields[path].events ?? []) : [];
  const out: FieldLifeEvent[] = own.map((ev) => ({ ...ev, path, source: kb.sources[ev.source] ?? '' }));
  for (const { path: from, ev } of renamedIndex(kb, plugin).get(path) ?? []) {
    out.push({ ...ev, path: from, renamedInto: path, source: kb.sources[ev.source] ?? '' });
  }
  return out.sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * Whether an event applies to an edition: events seen only in the other edition's stream are
 * dropped when the plugin's schema for that line includes the asked edition (where it does
 * not, the other stream is all we know).
 */
function eventAppliesTo(rec: PluginRecord, ev: FieldEvent, edition: Edition | undefined): boolean {
  if (!edition || ev.editions.includes(edition)) return true;
  const i = rec.lines.indexOf(lineOfEventVersion(ev.version));
  if (i < 0) return true;
  const le = rec.lineEditions[i];
  return !(le === 'both' || le === edition);
}

export interface DefaultChange {
  /** Config-relative path, or the top-level field name when `top`. */
  path: string;
  top: boolean;
  version: string;
  old: JsonValue | undefined;
  new: JsonValue | undefined;
  editions: Edition[];
  patch: boolean;
  source: string;
}

/** Default-value changes of a plugin's fields in (from, to], by minor line. */
export function defaultChangesForPlugin(kb: PluginKnowledge, plugin: string, from: string, to: string, edition?: Edition): DefaultChange[] {
  return eventsBetween(kb, plugin, from, to, edition, ['default_changed']).map(({ path, top, ev }) => ({
    path,
    top,
    version: ev.version,
    old: ev.old,
    new: ev.new,
    editions: ev.editions,
    patch: !!ev.patch,
    source: kb.sources[ev.source] ?? '',
  }));
}

/** All field events of a plugin of the given kinds with a version in (from, to], by minor line, ascending. */
export function eventsBetween(kb: PluginKnowledge, plugin: string, from: string, to: string, edition?: Edition, kinds?: FieldEvent['kind'][]): Array<{ path: string; top: boolean; ev: FieldEvent }> {
  const rec = pluginRecord(kb, plugin);
  const lo = pluginLine(kb, from);
  const hi = pluginLine(kb, to);
  if (!rec || !lo || !hi) return [];
  const c = cacheOf(kb);
  const out: Array<{ path: string; top: boolean; ev: FieldEvent }> = [];
  const scan = (map: Record<string, FieldRecord>, top: boolean) => {
    for (const [path, fr] of Object.entries(map)) {
      for (const ev of fr.events ?? []) {
        if (kinds && !kinds.includes(ev.kind)) continue;
        const l = lineOfEventVersion(ev.version);
        if (lineCmp(c, l, lo) <= 0 || lineCmp(c, l, hi) > 0) continue;
        if (!eventAppliesTo(rec, ev, edition)) continue;
        out.push({ path, top, ev });
      }
    }
  };
  scan(rec.fields, false);
  scan(rec.top, true);
  return out.sort((a, b) => compareVersions(a.ev.version, b.ev.version) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Declarative format

export interface FormatVersionsAt {
  values: string[];
  from: string;
  until?: string;
  source: string;
}

/** `_format_version` values Kong accepts at a version; undefined before the first known range. */
export function formatVersionsAccepted(kb: PluginKnowledge, version: string): FormatVersionsAt | undefined {
  if (!parseParts(version)) return undefined;
  let hit: FormatVersionRange | undefined;
  for (const r of kb.format.formatVersions) {
    if (compareVersions(version, r.from) >= 0 && (!r.until || compareVersions(version, r.until) < 0)) hit = r;
  }
  if (!hit) return undefined;
  return { values: hit.values, from: hit.from, ...(hit.until ? { until: hit.until } : {}), source: kb.sources[hit.source] ?? '' };
}

/** When decK refuses to sync a file with this `_format_version` to this Kong version: the fact, else undefined. */
export function deckRefusesFormat(kb: PluginKnowledge, formatVersion: string, kongVersion: string): { fromKong: string; source: string } | undefined {
  const r = kb.format.deckRefuses.find((x) => x.formatVersion === String(formatVersion).trim() && compareVersions(kongVersion, x.fromKong) >= 0);
  return r ? { fromKong: r.fromKong, source: kb.sources[r.source] ?? '' } : undefined;
}

/** A route path that is not a plain prefix (contains a character outside the plain set). */
export function isRegexLikePath(kb: PluginKnowledge, path: string): boolean {
  const c = cacheOf(kb);
  c.regexLike ??= new RegExp(`[^${kb.format.regexPath.plainChars}]`);
  return c.regexLike.test(path);
}

/** From the rule's version on, a regex-like route path without the regex prefix ("~") is read as a plain prefix. */
export function pathNeedsRegexPrefix(kb: PluginKnowledge, path: string, kongVersion: string): boolean {
  const r = kb.format.regexPath;
  return compareVersions(kongVersion, r.from) >= 0 && !path.startsWith(r.prefix) && isRegexLikePath(kb, path);
}

export interface ResolvedConvertRule extends ConvertRule {
  step: string;
  command: string;
  stepFrom: string;
  stepTo: string;
  pluginLocations: string[];
  moveSemantics?: string;
  source: string;
}

/** `deck file convert` steps whose span overlaps an upgrade from `from` to `to` (compared by minor line). */
export function convertSteps(kb: PluginKnowledge, from: string, to: string): ConvertStep[] {
  const lo = lineOfEventVersion(from);
  const hi = lineOfEventVersion(to);
  return kb.format.convert.filter((s) => compareVersions(lo, s.to) < 0 && compareVersions(hi, s.from) > 0);
}

/** The rules of those steps, flattened, each with its step and source. */
export function convertRules(kb: PluginKnowledge, from: string, to: string): ResolvedConvertRule[] {
  const out: ResolvedConvertRule[] = [];
  for (const s of convertSteps(kb, from, to)) {
    for (const r of s.rules) {
      const x: ResolvedConvertRule = {
        ...r,
        step: s.id,
        command: s.command,
        stepFrom: s.from,
        stepTo: s.to,
        pluginLocations: s.pluginLocations,
        source: kb.sources[s.source] ?? '',
      };
      if (s.moveSemantics) x.moveSemantics = s.moveSemantics;
      out.push(x);
    }
  }
  return out;
}

/** Convert rules that touch a plugin (listed, or any plugin). */
export function convertRulesForPlugin(kb: PluginKnowledge, plugin: string, from: string, to: string): ResolvedConvertRule[] {
  return convertRules(kb, from, to).filter((r) => r.plugins === '*' || (Array.isArray(r.plugins) && r.plugins.includes(plugin)));
}
