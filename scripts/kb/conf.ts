/**
 * Compile the kong.conf facts (../shared/kong-facts/kong-conf-*.json) into ConfKnowledge.
 *
 * Model: for every name we compute a snapshot per version point (OSS tags 1.0.0-3.9.3,
 * Enterprise reference minors, Enterprise key-fact patches, Gateway 3.10+ minors), for OSS
 * and for Enterprise, and keep a new state only where something changes. Events come from
 * the facts' change lists (OSS diff + curated, Enterprise key facts, Gateway 3.10+ changes),
 * completed by events derived from state changes for Enterprise-only names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfKnowledge, DynamicPrefix, LifeEvent, LifeEventKind, PropertyRecord, PropertyState, ValueType } from '../../server/src/core/knowledge/types';
import { EVENT_NOTES, FILED_EARLIER_NOTE, STILL_READ_AFTER_REMOVAL } from './notes';
import { cmp, readJson, sortKeys } from './util';

type Any = any; // facts JSON is untyped input

const LAST_OSS = '3.9.3';
const DOCS_URL = 'https://developer.konghq.com/gateway/configuration/';

function minorOf(v: string): string {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? `${m[1]}.${m[2]}` : v;
}
/** Same release point by numbers ("3.5.0" == "3.5.0.0"). */
const same = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return false;
  return true;
};
/** Numeric order only ("3.5.0" == "3.5.0.0"). */
const ncmp = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
};
const isFourPart = (v: string) => v.split('.').length === 4;

/** One version's reading of a property: what a state records, plus whether the loader accepts the name and its section. */
type Snap = Omit<PropertyState, 'from' | 'oss' | 'enterprise' | 'documented'> & { accepted: boolean; documented: boolean; section?: string };

const nullDefault = (v: unknown): string | null => (v === undefined || v === null || v === 'NONE' ? null : String(v));
function mapType(t: string | undefined): ValueType | undefined {
  if (!t) return undefined;
  if (t.startsWith('string')) return 'string';
  if (['boolean', 'ngx_boolean', 'number', 'array', 'enum'].includes(t)) return t as ValueType;
  return undefined;
}
/** "`NONE` (auto generated)" -> null; strip backticks. */
function cleanDocDefault(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).replace(/`/g, '').trim();
  if (s === 'NONE' || /^NONE\b/.test(s)) return null;
  return s;
}
function splitNames(field: string, known: Iterable<string>): string[] {
  const out: string[] = [];
  const all = [...known];
  for (let part of field.split(',')) {
    part = part.replace(/\(.*?\)/g, '').trim();
    if (!part) continue;
    if (part.endsWith('*')) {
      const pre = part.slice(0, -1);
      out.push(...all.filter((n) => n.startsWith(pre)));
    } else out.push(part);
  }
  return [...new Set(out)];
}

/** Numeric limits read from the loader's error texts ("x must be 4194304 (4MB) or greater", "x must be an integer between 1 and 1000"). */
export function limitsFrom(messages: string[] | undefined): Pick<Snap, 'min' | 'gt' | 'max' | 'integer'> {
  const out: Pick<Snap, 'min' | 'gt' | 'max' | 'integer'> = {};
  const num = '(-?\\d+(?:\\.\\d+)?)';
  for (const m of messages ?? []) {
    let r: RegExpExecArray | null;
    if (/must be an integer/.test(m)) out.integer = true;
    if ((r = new RegExp(`must be (?:an integer )?between ${num} and ${num}`).exec(m))) {
      out.min = Number(r[1]);
      out.max = Number(r[2]);
    } else if ((r = new RegExp(`must be (?:an integer )?greater than ${num}`).exec(m))) out.gt = Number(r[1]);
    else if ((r = new RegExp(`must be ${num}(?: \\([^)]*\\))? or greater`).exec(m))) out.min = Number(r[1]);
  }
  return out;
}

/** A size the way Nginx reads it: digits with an optional k/m/g unit. A default like "128m" makes a property a size. */
const SIZE_DEFAULT = /^\d+[kmg]$/i;

/** Per kong.conf.default: the flags the *_listen descriptions document ("- `ssl` ...", "- `backlog=N` ..."). */
function listenFlagsOf(confText: string): string[] {
  const flags = new Set<string>();
  let inListen = false;
  for (const line of confText.split(/\r?\n/)) {
    const head = /^#([a-z0-9_]+)\s*=/.exec(line);
    if (head) {
      inListen = head[1]!.endsWith('_listen');
      continue;
    }
    if (!inListen) continue;
    const f = /^\s+#\s+- `([a-z_0-9]+)(?:=[^`]*)?`/.exec(line);
    if (f) flags.add(f[1]!);
  }
  return [...flags].sort();
}

export function buildConf(factsDir: string): ConfKnowledge {
  const P: Any = readJson(factsDir, 'kong-conf-properties.json');
  const D: Any = readJson(factsDir, 'kong-conf-deprecations.json');
  const C: Any = readJson(factsDir, 'kong-conf-changes.json');
  const E: Any = readJson(factsDir, 'kong-conf-enterprise.json');
  const G: Any = readJson(factsDir, 'kong-conf-gateway-docs.json');

  const ossTags: string[] = (P.versions as Any[]).map((v) => v.version).sort(cmp);
  const eeDocMinors: string[] = Object.keys(E.versions)
    .filter((m) => ncmp(m, '3.9') <= 0)
    .sort(cmp);
  const gwMinors: string[] = (G.version_order as string[]).filter((m) => ncmp(m, '3.10') >= 0 && !(G.prerelease_minors as string[]).includes(m));
  const gwReleased = new Set(gwMinors);
  // Flags Kong's listener parser takes, from each tag's kong.conf.default (one parser serves every *_listen);
  // stream listeners also take udp, which the descriptions do not list (value-grammars.json).
  const grammars = JSON.parse(fs.readFileSync(path.resolve(__dirname, 'value-grammars.json'), 'utf8')) as { listenExtraFlags: Record<string, string[]> };
  const listenFlags = new Map<string, string[]>();
  for (const t of ossTags) {
    const f = path.join(factsDir, 'kong.conf.default', `${t}.conf`);
    if (fs.existsSync(f)) listenFlags.set(t, listenFlagsOf(fs.readFileSync(f, 'utf8')));
  }

  // ---- dynamic prefixes -------------------------------------------------------------
  const prefixSeen = new Map<string, { from: string; until?: string }>();
  const prefixExcept = new Map<string, Set<string>>();
  const ossMinors = Object.keys(D.versions).sort(cmp);
  for (const m of ossMinors) {
    const present = new Set<string>((D.versions[m].dynamic_prefixes as Any[]).map((p) => p.prefix));
    for (const p of D.versions[m].dynamic_prefixes as Any[])
      for (const suf of (p.ignored_suffixes ?? []) as string[]) (prefixExcept.get(p.prefix) ?? prefixExcept.set(p.prefix, new Set()).get(p.prefix)!).add(p.prefix + suf);
    const first = D.versions[m].patch_tags[0] as string;
    for (const p of present) if (!prefixSeen.has(p)) prefixSeen.set(p, { from: first });
    for (const [p, r] of prefixSeen) if (!present.has(p) && !r.until) r.until = first;
  }
  for (const g of C.gateway_changes as Any[]) {
    if (g.prerelease_data || g.kind !== 'removed' || !String(g.property).endsWith('*')) continue;
    const pre = String(g.property).slice(0, -1);
    for (const [p, r] of prefixSeen) if (p.startsWith(pre) && !r.until) r.until = g.ee_version ?? g.to_version;
  }
  // A renamed prefix renames every key under it (nginx_wasm_shm_* -> nginx_wasm_shm_kv_* in 3.6).
  const prefixRenames = new Map<string, string>();
  for (const c of C.changes as Any[]) {
    if (c.kind !== 'renamed' || c.scope !== 'dynamic_prefix' || !String(c.property).endsWith('*') || !String(c.replacement ?? '').endsWith('*')) continue;
    prefixRenames.set(String(c.property).slice(0, -1), String(c.replacement).slice(0, -1));
  }
  const prefixes: DynamicPrefix[] = [...prefixSeen]
    .map(([prefix, r]) => ({
      prefix,
      from: r.from,
      ...(r.until ? { until: r.until } : {}),
      ...(prefixExcept.get(prefix)?.size ? { except: [...prefixExcept.get(prefix)!].sort() } : {}),
      ...(prefixRenames.has(prefix) && r.until ? { renamedTo: prefixRenames.get(prefix) } : {}),
      source: prefixRenames.has(prefix) ? 'dep:dynamic_prefixes + chg:renamed' : 'dep:dynamic_prefixes',
    }))
    .sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : cmp(a.from, b.from)));
  const prefixAccepts = (name: string, v: string) =>
    prefixes.some((p) => name.startsWith(p.prefix) && name !== p.prefix && !p.except?.includes(name) && ncmp(p.from, v) <= 0 && (!p.until || ncmp(v, p.until) < 0));

  // ---- names --------------------------------------------------------------------------
  const ossNames = new Set<string>();
  for (const t of ossTags) {
    for (const n of Object.keys(P.per_version[t].documented)) ossNames.add(n);
    for (const n of Object.keys(P.per_version[t].undocumented_accepted)) ossNames.add(n);
  }
  const eeNames = new Set<string>();
  for (const m of eeDocMinors) for (const n of Object.keys(E.versions[m].all_documented)) eeNames.add(n);
  for (const m of gwMinors) for (const n of Object.keys(G.per_version[m].documented)) eeNames.add(n);
  const allNames = new Set<string>([...ossNames, ...eeNames]);
  // Names from change lists that were never in a snapshot (e.g. privileged_worker) are skipped unless read by the loader.
  for (const n of [...allNames]) if (n.includes('*') || /XXX/.test(n)) allNames.delete(n);

  // ---- curated (typed-table notes) ----------------------------------------------------
  interface Curated {
    property: string;
    kind: string;
    since: string;
    replacement?: string | null;
    new?: Any;
  }
  const curated: Curated[] = [];
  const seenCur = new Set<string>();
  for (const m of ossMinors)
    for (const c of (D.versions[m].curated_notes ?? []) as Curated[]) {
      const k = `${c.property}|${c.kind}|${c.since}`;
      if (!seenCur.has(k)) seenCur.add(k), curated.push(c);
    }

  // ---- Enterprise key facts (global) and Gateway patch-level changes (line-local) --------
  interface Fact {
    name: string;
    kind: string;
    version: string;
    old?: Any;
    new?: Any;
    replacement?: string | null;
    lineLocal: boolean;
  }
  const facts: Fact[] = [];
  const eeKnown = new Set<string>([...allNames]);
  for (const f of C.enterprise_changes as Any[]) {
    for (const name of splitNames(f.property, eeKnown)) facts.push({ name, kind: f.kind, version: f.to_version, old: f.old, new: f.new, replacement: f.replacement, lineLocal: false });
  }
  for (const g of C.gateway_changes as Any[]) {
    if (g.prerelease_data || String(g.property).includes('*')) continue;
    if (!isFourPart(g.to_version)) continue; // minor-level changes are already in the docs snapshots
    facts.push({ name: g.property, kind: g.kind, version: g.to_version, old: g.old, new: g.new, replacement: g.replacement, lineLocal: true });
  }
  // A global fact duplicated by line-local patch facts (lua_ssl_verify_depth) is line-local.
  const lineLocalKeys = new Set(facts.filter((f) => f.lineLocal).map((f) => `${f.name}|${f.kind}`));
  const activeFacts = facts.filter((f) => f.lineLocal || !lineLocalKeys.has(`${f.name}|${f.kind}`));
  const factsByName = new Map<string, Fact[]>();
  for (const f of activeFacts) (factsByName.get(f.name) ?? factsByName.set(f.name, []).get(f.name)!).push(f);

  // ---- OSS snapshot -------------------------------------------------------------------
  function ossSnap(name: string, tag: string): Snap | null {
    const pv = P.per_version[tag];
    const doc = pv.documented[name];
    const und = pv.undocumented_accepted[name];
    const dm = D.versions[minorOf(tag)];
    const typed = dm?.properties?.[name];
    if (!doc && !und) return null;
    const runtime = doc ? doc.runtime_default : und.runtime_default;
    const accepted = (runtime !== null && runtime !== undefined) || prefixAccepts(name, tag);
    const s: Snap = { accepted, documented: !!doc, source: `oss:${tag}` };
    if (doc?.section) s.section = doc.section;
    s.default = doc ? nullDefault(doc.default) : nullDefault(und.runtime_default);
    if (doc && runtime !== null && runtime !== undefined && nullDefault(runtime) !== s.default) s.runtimeDefault = nullDefault(runtime);
    if (typed && !typed.removed) {
      const t = mapType(typed.type);
      if (t) s.type = t;
      if (t === 'enum' && Array.isArray(typed.enum)) s.allowed = [...typed.enum];
      if (typed.alias_of) s.aliasOf = typed.alias_of;
      const dep = typed.deprecated;
      if (dep) {
        if (dep.deprecated_value !== undefined) s.deprecatedValues = [{ value: String(dep.deprecated_value), replacement: null }];
        else s.deprecated = { replacement: dep.replacement ?? null, ...(dep.value_copied_to_replacement ? { valueCopied: true } : {}) };
      }
    }
    if (!s.type) s.type = 'string';
    if (dm) {
      if (name === 'ssl_cipher_suite' && dm.ssl_cipher_suite_values) s.allowed = [...dm.ssl_cipher_suite_values];
      if (name === 'headers' && dm.headers_values) s.allowed = [...dm.headers_values];
      if (name === 'headers_upstream' && dm.headers_upstream_values) s.allowed = [...dm.headers_upstream_values];
      const cv = dm.code_validated_list_values?.[name];
      if (cv) s.allowed = [...cv];
      Object.assign(s, limitsFrom(dm.validation_messages?.[name]));
    }
    if (s.type === 'string' && typeof s.default === 'string' && SIZE_DEFAULT.test(s.default)) s.grammar = 'size';
    if (name.endsWith('_listen') && (listenFlags.get(tag)?.length ?? 0) > 0) {
      s.grammar = 'listen';
      s.flags = [...new Set([...listenFlags.get(tag)!, ...(grammars.listenExtraFlags[name] ?? [])])].sort();
    }
    for (const c of curated) {
      if (c.property !== name || ncmp(c.since, tag) > 0) continue;
      if (c.kind === 'deprecated_value' && c.new) {
        s.deprecatedValues = [...(s.deprecatedValues ?? []).filter((d) => d.value !== c.new), { value: String(c.new), replacement: c.replacement ?? null }];
      } else if (c.kind === 'enum_changed' && Array.isArray(c.new)) {
        s.allowed = [...c.new];
        if (s.deprecatedValues) s.deprecatedValues = s.deprecatedValues.filter((d) => c.new.includes(d.value));
        if (s.deprecatedValues?.length === 0) delete s.deprecatedValues;
      } else if (c.kind === 'deprecated') {
        s.deprecated = { replacement: c.replacement ?? null };
      } else if (c.kind === 'removed' && s.accepted) {
        s.ineffective = true;
        s.deprecated = { replacement: c.replacement ?? null };
      }
    }
    return s;
  }

  // ---- Enterprise snapshot --------------------------------------------------------------
  const ossLatestTagAtOrBefore = (v: string): string | null => {
    let best: string | null = null;
    for (const t of ossTags) if (ncmp(t, v) <= 0) best = t;
    return best && minorOf(best) === minorOf(v) ? best : best && ncmp(minorOf(v), '3.9') > 0 ? null : best;
  };
  const eeDocMinorAtOrBefore = (v: string): string | null => {
    let best: string | null = null;
    for (const m of eeDocMinors) if (ncmp(m, minorOf(v)) <= 0) best = m;
    return best;
  };
  const eeAccepted = new Map<string, boolean>(); // name -> was accepted by Enterprise at some earlier point (filled in order)

  function eeSnapBase(name: string, p: string, prev: Snap | null): Snap | null {
    const m = minorOf(p);
    if (ncmp(m, '3.9') <= 0) {
      const tag = ossLatestTagAtOrBefore(p);
      const o = tag ? ossSnap(name, tag) : null;
      const dm = eeDocMinorAtOrBefore(p);
      const eo = dm ? E.versions[dm].enterprise_only?.[name] : undefined;
      const ad = dm ? E.versions[dm].all_documented?.[name] : undefined;
      if (o && (o.accepted || (!eo && !ad))) {
        const s = { ...o, source: o.source };
        if (!o.documented && ad) s.documented = true;
        return s;
      }
      if (eo || ad) {
        const r = eo ?? ad;
        const s: Snap = { accepted: true, documented: true, default: cleanDocDefault(r.default), source: `ee:${dm}` };
        if (r.section) s.section = r.section;
        if (Array.isArray(r.accepted_values_from_description) && r.accepted_values_from_description.length) s.allowed = [...r.accepted_values_from_description];
        if (o?.type && o.type !== 'string') s.type = o.type;
        return s;
      }
      if (o) return o;
      // Known before but not documented in this reference: keep reading it only if nothing says otherwise? No: Enterprise docs are the only evidence.
      return prev && prev.accepted ? { accepted: false, documented: false, source: `ee:${dm}` } : null;
    }
    // Gateway 3.10+: developer-site data per minor; OSS 3.9.3 behaviour carries on where the data is silent.
    const gm = gwReleased.has(m) ? m : null;
    const doc = gm ? G.per_version[gm].documented[name] : undefined;
    const gdep = gm ? D.gateway_minors?.[gm] : undefined;
    const base: Snap | null = prev ? { ...prev } : ossSnap(name, LAST_OSS);
    if (!doc) {
      if (!base) return null;
      return { ...base, documented: false, source: gm ? `gw:${gm}` : base.source };
    }
    const s: Snap = { ...(base ?? { accepted: true, documented: true, source: '' }), accepted: true, documented: true, source: `gw:${gm}` };
    s.default = doc.default === undefined ? null : nullDefault(doc.default);
    delete s.runtimeDefault;
    if (doc.section) s.section = doc.section;
    if (Array.isArray(doc.accepted_values_from_description) && doc.accepted_values_from_description.length) {
      // A description lists the usual values, not always every value the loader takes (headers = off):
      // keep the loader's own list alongside (case-insensitive duplicates dropped).
      const desc: string[] = [...doc.accepted_values_from_description];
      const seen = new Set(desc.map((v) => v.toLowerCase()));
      const loader = base?.allowed?.filter((v) => !seen.has(v.toLowerCase())) ?? [];
      s.allowed = [...desc, ...loader];
      // A value list written only in the description still restricts the value (schema_alias_conflict_mode).
      if (!s.type || s.type === 'string') s.type = 'enum';
    }
    if ((!s.type || s.type === 'string') && !s.grammar && typeof s.default === 'string' && SIZE_DEFAULT.test(s.default)) s.grammar = 'size';
    const dep = gdep?.deprecated?.[name];
    if (dep) s.deprecated = { replacement: dep.replacement ?? null, ...(s.deprecated?.valueCopied ? { valueCopied: true } : {}) };
    else if (doc.doc_deprecation_note && !s.deprecated) s.deprecated = { replacement: null };
    const dv: string[] | undefined = gdep?.deprecated_values?.[name] ?? doc.deprecated_values_from_description;
    if (dv && dv.length) {
      const old = new Map((s.deprecatedValues ?? []).map((d) => [d.value, d.replacement ?? null]));
      s.deprecatedValues = dv.map((v) => ({ value: v, replacement: old.get(v) ?? null }));
      // A deprecated value (not the whole name) is what the reference flags.
      if (s.deprecated && !dep?.replacement && (prev?.deprecatedValues?.length || !prev?.deprecated)) {
        if (!base?.deprecated) delete s.deprecated;
      }
    }
    return s;
  }

  function eeSnap(name: string, p: string, prev: Snap | null): Snap | null {
    let s = eeSnapBase(name, p, prev);
    for (const f of factsByName.get(name) ?? []) {
      const applies = f.lineLocal ? minorOf(f.version) === minorOf(p) && ncmp(f.version, p) <= 0 : ncmp(f.version, p) <= 0;
      const before = ncmp(p, f.version) < 0 && (!f.lineLocal || minorOf(f.version) === minorOf(p));
      switch (f.kind) {
        case 'added':
          if (before && s && minorOf(f.version) === minorOf(p) && !ossNames.has(name)) s = { ...s, accepted: false, documented: false, source: `fact:${f.version}` };
          break;
        case 'removed':
          if (applies && s) {
            const still = STILL_READ_AFTER_REMOVAL.find((r) => r.pattern.test(name));
            const kept = s.accepted ? s : prev && prev.accepted ? { ...prev, documented: false } : s;
            s = still ? { ...kept, accepted: true, deprecated: { replacement: null }, source: `fact:${f.version}` } : { accepted: false, documented: false, source: `fact:${f.version}` };
          }
          break;
        case 'renamed':
        case 'deprecated':
          if (applies && s && s.accepted) s = { ...s, deprecated: { replacement: f.replacement ?? null } };
          break;
        case 'default_changed':
          if (s && s.accepted && (applies || (before && !f.lineLocal))) s = { ...s, default: applies ? nullDefault(f.new) : nullDefault(f.old), source: applies ? `fact:${f.version}` : s.source };
          break;
        case 'enum_changed':
          if (s && s.accepted && !f.lineLocal) {
            if (applies && Array.isArray(f.new)) s = { ...s, allowed: [...f.new], type: s.type === 'string' || !s.type ? 'enum' : s.type };
            else if (before) {
              s = { ...s };
              delete s.allowed;
            }
          }
          break;
      }
    }
    if (s?.accepted) eeAccepted.set(name, true);
    return s;
  }

  // ---- version points -------------------------------------------------------------------
  const pointSet = new Set<string>([...ossTags, ...eeDocMinors, ...gwMinors]);
  for (const f of activeFacts) pointSet.add(f.version);
  // One point per release; keep every spelling ("3.2.1" OSS tag, "3.2.1.0" Enterprise, "3.10" line).
  const spellings = new Map<string, string[]>();
  const points: string[] = [];
  for (const p of [...pointSet].sort(cmp)) {
    const head = points.length ? points[points.length - 1] : undefined;
    if (head !== undefined && same(head, p)) spellings.get(head)!.push(p);
    else points.push(p), spellings.set(p, [p]);
  }
  /** OSS names use the OSS tag; Enterprise-only names the 4-part version when the facts give one, else the line. */
  const spell = (p: string, oss: boolean): string => {
    const all = spellings.get(p) ?? [p];
    if (oss) return all.find((x) => x.split('.').length === 3) ?? all.find((x) => x.split('.').length === 4) ?? all[0];
    return all.find((x) => x.split('.').length === 4) ?? all.find((x) => x.split('.').length === 2) ?? all[0];
  };

  // ---- states ---------------------------------------------------------------------------
  const properties: Record<string, PropertyRecord> = {};
  const stateKey = (s: PropertyState) => JSON.stringify({ ...s, from: undefined, source: undefined });
  for (const name of [...allNames].sort()) {
    const states: PropertyState[] = [];
    let prevEe: Snap | null = null;
    let sections: string | undefined;
    for (const p of points) {
      const isOssEra = ncmp(p, LAST_OSS) <= 0 || minorOf(p) === minorOf(LAST_OSS);
      const tag = isOssEra ? ossLatestTagAtOrBefore(p) : null;
      const o = tag ? ossSnap(name, tag) : null;
      const e = eeSnap(name, p, prevEe);
      prevEe = e;
      const oAcc = !!o?.accepted;
      const eAcc = !!e?.accepted;
      if (!o && !e) {
        if (states.length && (states[states.length - 1].oss || states[states.length - 1].enterprise)) {
          states.push({ from: spell(p, ossNames.has(name)), oss: false, enterprise: false, documented: false, source: `oss:${tag ?? p}` });
        }
        continue;
      }
      // Descriptive fields: OSS facts where OSS knows the name, else Enterprise's.
      const f = o && (o.accepted || o.documented) && !(e && e.source.startsWith('fact:') && e.source !== o.source && !isOssEra) ? o : (e ?? o!);
      const st: PropertyState = {
        from: spell(p, ossNames.has(name)),
        oss: oAcc,
        enterprise: eAcc,
        documented: !!(f.documented || (o?.documented ?? false) || (isOssEra && e?.documented && eAcc)),
        source: f === o && e && e.source !== o.source && e.source.startsWith('fact:') ? `${o.source}+${e.source}` : f.source,
      };
      // Enterprise-specific key facts win for the Enterprise-only names; for OSS names take OSS fields.
      const src = f === o && e && e.source.startsWith('fact:') && !ossNames.has(name) ? e : f;
      if (src.type) st.type = src.type;
      if (src.allowed) st.allowed = [...src.allowed];
      if ('default' in src) st.default = src.default ?? null;
      if (src.runtimeDefault !== undefined) st.runtimeDefault = src.runtimeDefault;
      if (src.deprecated) st.deprecated = { ...src.deprecated };
      if (src.deprecatedValues) st.deprecatedValues = src.deprecatedValues.map((d) => ({ ...d }));
      if (src.aliasOf) st.aliasOf = src.aliasOf;
      if (src.ineffective) st.ineffective = true;
      if (src.grammar) st.grammar = src.grammar;
      if (src.flags) st.flags = [...src.flags];
      for (const k of ['min', 'gt', 'max'] as const) if (src[k] !== undefined) st[k] = src[k];
      if (src.integer) st.integer = true;
      if (!oAcc && !eAcc) {
        // Not read at this point: keep only the flags.
        for (const k of ['type', 'allowed', 'default', 'runtimeDefault', 'deprecated', 'deprecatedValues', 'aliasOf', 'ineffective', 'grammar', 'flags', 'min', 'gt', 'max', 'integer'] as const)
          delete st[k];
        if (!states.length) continue;
      }
      const sec = o?.section ?? e?.section;
      if (sec) sections = sec;
      const last = states[states.length - 1];
      if (!last || stateKey(last) !== stateKey(st)) states.push(st);
    }
    if (!states.length) continue;
    const rec: PropertyRecord = { states, events: [] };
    if (sections) rec.section = sections.toUpperCase();
    rec.enterpriseOnly = !states.some((s) => s.oss) ? true : undefined;
    if (!rec.enterpriseOnly) delete rec.enterpriseOnly;
    properties[name] = rec;
  }

  // ---- the 0.14.1 baseline -----------------------------------------------------------------
  // The facts start at 0.14.1 (kong.conf.default of that tag; the timeline marks the names it
  // has, and the 0.14.1 -> 1.0.0 events say what 1.0.0 changed), so versions before 1.0 can be
  // checked: a name present in 0.14.1 holds its first state from 0.14.1 on (with the 0.14.1
  // default where 1.0.0 changed it); a name 1.0.0 removed gets a 0.14.1 state of its own.
  const BASE = '0.14.1';
  const baseEvents = (C.changes as Any[]).filter((c) => c.from_version === BASE && !String(c.property).includes('*'));
  const addedIn1 = new Set(baseEvents.filter((c) => c.kind === 'added').map((c) => c.property as string));
  for (const [name, rec] of Object.entries(properties)) {
    if (!P.timeline[name]?.present_in_0_14_1 || addedIn1.has(name)) continue;
    const first = rec.states[0];
    if (!first || ncmp(first.from, '1.0.0') !== 0) continue;
    const st: PropertyState = { ...first, from: BASE, source: `oss:${BASE}` };
    const dc = baseEvents.find((c) => c.property === name && c.kind === 'default_changed');
    if (dc) st.default = nullDefault(dc.old);
    rec.states.unshift(st);
  }
  for (const c of baseEvents.filter((x) => x.kind === 'removed' && !properties[x.property])) {
    properties[c.property] = {
      states: [
        { from: BASE, oss: true, enterprise: true, documented: true, type: 'string', default: nullDefault(c.old), source: `oss:${BASE}` },
        { from: '1.0.0', oss: false, enterprise: false, documented: false, source: 'oss:1.0.0' },
      ],
      events: [],
    };
  }

  // ---- events ---------------------------------------------------------------------------
  const KINDS = new Set<LifeEventKind>([
    'added',
    'removed',
    'renamed',
    'deprecated',
    'undeprecated',
    'default_changed',
    'type_changed',
    'enum_changed',
    'deprecated_value',
    'no_longer_accepted',
    'documented',
    'undocumented',
    'alias_added',
  ]);
  const str = (v: Any): string | null => (v === undefined || v === null ? null : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? null : String(v));
  const noteFor = (name: string, kind: string, version: string): string | undefined => {
    for (const [k, text] of Object.entries(EVENT_NOTES)) {
      const [n, kd, v] = k.split('|');
      if (n === name && kd === kind && same(v, version)) return text;
    }
    return undefined;
  };
  function addEvent(name: string, ev: LifeEvent) {
    const rec = properties[name];
    if (!rec) return;
    const dup = rec.events.find((x) => x.kind === ev.kind && same(x.version, ev.version));
    if (dup) {
      if (!dup.source.split(' + ').includes(ev.source)) dup.source += ` + ${ev.source}`;
      if (!dup.replacement && ev.replacement) dup.replacement = ev.replacement;
      if (!dup.note && ev.note) dup.note = ev.note;
      return;
    }
    const note = ev.note ?? noteFor(name, ev.kind, ev.version);
    const out: LifeEvent = { kind: ev.kind, version: ev.version, source: ev.source };
    if (ev.edition) out.edition = ev.edition;
    if (ev.old !== undefined && ev.old !== null) out.old = ev.old;
    if (ev.new !== undefined && ev.new !== null) out.new = ev.new;
    if (ev.replacement) out.replacement = ev.replacement;
    if (note) out.note = note;
    rec.events.push(out);
  }
  // OSS diff + curated
  (C.changes as Any[]).forEach((c, i) => {
    if (String(c.property).includes('*') || c.scope === 'custom_nginx_template_variable') return;
    let kind = c.kind as string;
    if (kind === 'doc_marked_deprecated') {
      const has = (C.changes as Any[]).some((x) => x.property === c.property && x.kind === 'deprecated' && x.to_version === c.to_version);
      if (has) return;
      kind = 'deprecated';
    }
    if (!KINDS.has(kind as LifeEventKind)) return;
    const filedEarlier = (c.changelog_ref ?? []).some((r: string) => /filed under 2\.7\.0/.test(r));
    const ev: LifeEvent = {
      kind: kind as LifeEventKind,
      version: c.to_version,
      edition: 'both',
      old: kind === 'undeprecated' ? null : str(c.old),
      new: str(c.new),
      replacement: c.replacement ?? null,
      source: `chg:${i}`,
    };
    const n = noteFor(c.property, kind, c.to_version) ?? (filedEarlier ? FILED_EARLIER_NOTE : undefined);
    if (n) ev.note = n;
    addEvent(c.property, ev);
  });
  // Enterprise key facts
  (C.enterprise_changes as Any[]).forEach((f, i) => {
    for (const name of splitNames(f.property, Object.keys(properties))) {
      const kind = f.kind as LifeEventKind;
      if (!KINDS.has(kind)) continue;
      const still = f.kind === 'removed' ? STILL_READ_AFTER_REMOVAL.find((r) => r.pattern.test(name)) : undefined;
      addEvent(name, {
        kind: still ? 'deprecated' : kind,
        version: f.to_version,
        edition: 'enterprise',
        old: str(f.old === 'any string' ? null : f.old),
        new: str(f.new),
        replacement: f.replacement ?? null,
        source: `eek:${i}`,
        ...(still ? { note: still.note } : {}),
      });
    }
  });
  // Gateway 3.10+
  (C.gateway_changes as Any[]).forEach((g, i) => {
    if (g.prerelease_data || String(g.property).includes('*')) return;
    const kind = g.kind as LifeEventKind;
    if (!KINDS.has(kind)) return;
    addEvent(g.property, {
      kind,
      version: g.ee_version ?? g.to_version,
      edition: 'enterprise',
      old: str(g.old),
      new: str(g.new),
      replacement: g.replacement ?? null,
      source: `gw:${i}`,
    });
  });
  // Derived from the states where no listed event covers a change (mostly Enterprise-only names).
  for (const [name, rec] of Object.entries(properties)) {
    const has = (kind: string, v: string) => rec.events.some((e) => e.kind === kind && minorOf(e.version) === minorOf(v));
    const hasAny = (kinds: string[], v: string) => kinds.some((k) => has(k, v));
    let prev: PropertyState | undefined;
    for (const s of rec.states) {
      const acc = s.oss || s.enterprise;
      const pacc = !!prev && (prev.oss || prev.enterprise);
      const ed: LifeEvent['edition'] = s.oss && s.enterprise ? 'both' : s.oss ? 'oss' : 'enterprise';
      if (acc && !pacc && !hasAny(['added', 'documented', 'alias_added'], s.from) && !(!prev && s.from === BASE)) {
        // (a name already in the 0.14.1 baseline has no known first version: no 'added' event)
        addEvent(name, { kind: 'added', version: s.from, edition: ed, new: s.default ?? null, source: `state:${s.source}` });
      } else if (!acc && pacc && !hasAny(['removed', 'renamed', 'no_longer_accepted'], s.from)) {
        addEvent(name, { kind: 'removed', version: s.from, edition: prev!.oss && !prev!.enterprise ? 'oss' : prev!.enterprise && !prev!.oss ? 'enterprise' : 'both', source: `state:${s.source}` });
      } else if (acc && pacc && prev) {
        if ((prev.default ?? null) !== (s.default ?? null) && !has('default_changed', s.from) && rec.enterpriseOnly)
          addEvent(name, { kind: 'default_changed', version: s.from, edition: ed, old: prev.default ?? null, new: s.default ?? null, source: `state:${s.source}` });
        if (!prev.deprecated && s.deprecated && !hasAny(['deprecated', 'renamed'], s.from))
          addEvent(name, { kind: 'deprecated', version: s.from, edition: ed, replacement: s.deprecated.replacement ?? null, source: `state:${s.source}` });
      }
      prev = s;
    }
    rec.events.sort((a, b) => cmp(a.version, b.version) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  }

  // ---- advice from the changelog --------------------------------------------------------
  // A removal or deprecation announced by a changelog entry that names the property gets that
  // entry's one-line summary (our words, scripts/kb/changelog-summaries.json), the same line the
  // plan shows for the hop, so a finding and the plan give the same advice.
  const CL: Any = readJson(factsDir, 'releases/changelog-entries.json');
  const summaries = JSON.parse(fs.readFileSync(path.resolve(__dirname, 'changelog-summaries.json'), 'utf8')) as Record<string, string>;
  for (const e of CL.entries as Any[]) {
    if (e.kind !== 'breaking_change' && e.kind !== 'deprecation') continue;
    const summary = summaries[e.source_index];
    if (!summary) continue;
    for (const name of (e.kong_conf_properties_mentioned ?? []) as string[]) {
      for (const ev of properties[name]?.events ?? []) {
        if (!['removed', 'deprecated', 'renamed'].includes(ev.kind) || ev.advice || minorOf(ev.version) !== minorOf(e.version)) continue;
        ev.advice = summary;
        ev.adviceRef = e.source_index;
      }
    }
  }
  for (const name of (grammars as Any).pluginLoaders ?? []) if (properties[name]) properties[name].loadsPlugins = true;

  // ---- descriptions -------------------------------------------------------------------
  const descDir = path.resolve(__dirname, 'descriptions');
  if (fs.existsSync(descDir)) {
    for (const f of fs
      .readdirSync(descDir)
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      const map = JSON.parse(fs.readFileSync(path.join(descDir, f), 'utf8')) as Record<string, string>;
      for (const [n, text] of Object.entries(map)) if (properties[n]) properties[n].description = text;
    }
  }

  return sortKeys({
    schema: 1,
    docsUrl: DOCS_URL,
    prefixes,
    properties,
    source: 'kong-facts: kong-conf-properties.json, kong-conf-deprecations.json, kong-conf-changes.json, kong-conf-enterprise.json, kong-conf-gateway-docs.json',
    sources: {
      'oss:<tag>': 'kong-conf-properties.json per_version[<tag>] + kong-conf-deprecations.json versions[<minor>] (typed loader table, curated notes)',
      'ee:<minor>': 'kong-conf-enterprise.json versions[<minor>] (Enterprise configuration reference)',
      'gw:<minor>': 'kong-conf-gateway-docs.json per_version[<minor>] + kong-conf-deprecations.json gateway_minors[<minor>]',
      'fact:<version>': 'kong-conf-changes.json enterprise_changes / gateway_changes (Enterprise key facts, patch-level changes)',
      'chg:<i>': 'kong-conf-changes.json changes[<i>] (OSS tag diff or curated)',
      'eek:<i>': 'kong-conf-changes.json enterprise_changes[<i>]',
      'gw:<i>': 'kong-conf-changes.json gateway_changes[<i>] (events); in states gw:<minor> is the docs snapshot',
      'state:<code>': 'derived from a change between two computed states',
    },
  }) as ConfKnowledge;
}
