/**
 * Entity rules: what an upgrade changes in the entities of a declarative file (a route
 * whose default protocols flip, an auth plugin that starts hiding credentials, an https
 * service that starts verifying its upstream, ...). Every fact comes from the entity
 * knowledge (server/knowledge/entities.json); nothing here names an entity field or a
 * plugin. A change counts when it happens on some hop between the current and the target
 * version (current < version <= target).
 *
 * Settings that other files of the workspace make (kong.conf, KONG_* variables) come in
 * through the context (`settings`): they can make a change moot (tls_certificate_verify =
 * off keeps an unset tls_verify unverified) or decide whether the target accepts a value
 * (a pinned tls_verify: false).
 *
 * Fixes: "Keep today's behaviour" writes the old default (never preferred: choosing the old
 * behaviour is the user's decision, so fix-all leaves it; `pin` marks it for the
 * whole-file source action); "Adopt the new default" where that needs an edit.
 */
import type { Finding, Fix, Severity, Span, TextEdit } from '../../model';
import type { EntityChange, EntityCondition, EntityKnowledge, SettingCondition } from '../../knowledge/entityTypes';
import type { JsonValue } from '../../knowledge/pluginTypes';
import { compareVersions, type ResolvedVersion } from '../../version';
import type { WorkspaceSetting, WorkspaceSettings } from '../../knowledge/entityTypes';
import { getPair, toJS } from '../nodes';
import { insertKeysEdit, replaceScalarEdit } from '../edits';
import type { DMap, DNode, DPair, DScalar, EntityRef, PluginInstance } from '../types';
import type { LocalModel } from '../walk';

export type { WorkspaceSetting, WorkspaceSettings };

export interface EntityContext {
  entities?: EntityKnowledge | null;
  current: ResolvedVersion;
  target: ResolvedVersion;
  customPlugins: string[];
  settings?: WorkspaceSettings;
  /**
   * The plugins are Kubernetes resources (KongPlugin / KongClusterPlugin): only changes of
   * their `config` fields apply (where a resource runs comes from annotations elsewhere, and
   * its name is not a decK `name:`), and decK's lint rules are not named.
   */
  resources?: boolean;
}

/** Whether change `c` can be read on target `t` (see EntityContext.resources). */
function appliesTo(c: EntityChange, t: Target, ctx: EntityContext): boolean {
  if (!ctx.resources) return true;
  if (!t.plugin || c.trigger.type === 'scope') return false;
  const fields = fieldsFor(c, t);
  return fields.length > 0 && fields.every((f) => f.startsWith('config.'));
}

/** The part of the settings the entity rules read, for cache keys. */
export function settingsKey(kb: EntityKnowledge | null | undefined, settings: WorkspaceSettings | undefined): string {
  if (!kb || !settings) return '';
  const props = new Set<string>();
  for (const c of kb.changes) for (const s of [c.mootWhen, c.pinRefusedUnless, c.refused?.unless]) if (s) props.add(s.property);
  return [...props]
    .sort()
    .map((p) => `${p}=${settings[p]?.value ?? ''}@${settings[p]?.path ?? ''}`)
    .join(';');
}

function label(v: ResolvedVersion): string {
  return v.input.replace(/\.x$/i, '') || v.version;
}

/** Changes that happen between current and target, and those whose refused values the target checks. */
interface Applicable {
  crossing: EntityChange[];
  refused: EntityChange[];
  /** Changes by what they look at: an entity kind ("route", "upstream") or "plugin:<name>". */
  crossingBy: Map<string, EntityChange[]>;
  refusedBy: Map<string, EntityChange[]>;
}

function byTarget(list: EntityChange[]): Map<string, EntityChange[]> {
  const m = new Map<string, EntityChange[]>();
  const add = (k: string, c: EntityChange) => {
    const l = m.get(k) ?? [];
    l.push(c);
    m.set(k, l);
  };
  for (const c of list) {
    if (c.entity === 'plugin') for (const p of c.plugins ?? []) add(`plugin:${p}`, c);
    else if (c.entity === 'target') add('upstream', c);
    else add(c.entity, c);
  }
  return m;
}

const applicableMemo = new WeakMap<EntityKnowledge, Map<string, Applicable>>();

function applicable(kb: EntityKnowledge, cur: string, tgt: string): Applicable {
  let m = applicableMemo.get(kb);
  if (!m) applicableMemo.set(kb, (m = new Map()));
  const k = `${cur}|${tgt}`;
  let a = m.get(k);
  if (!a) {
    const crossing = kb.changes.filter((c) => compareVersions(cur, c.version) < 0 && compareVersions(c.version, tgt) <= 0);
    const refused = kb.changes.filter((c) => c.refused && compareVersions(c.version, tgt) <= 0);
    a = { crossing, refused, crossingBy: byTarget(crossing), refusedBy: byTarget(refused) };
    if (m.size > 32) m.clear();
    m.set(k, a);
  }
  return a;
}

/** The setting holds one of the condition's values in the workspace. */
function settingHolds(ctx: EntityContext, s: SettingCondition): WorkspaceSetting | null {
  const got = ctx.settings?.[s.property];
  return got && s.values.includes(got.value.trim().toLowerCase()) ? got : null;
}

function settingName(s: SettingCondition): string {
  return `${s.property} = ${s.values[0]} in kong.conf (or KONG_${s.property.toUpperCase()}=${s.values[0]})`;
}

// ---------------------------------------------------------------------------------------
// Paths inside an entity

const segCache = new Map<string, string[]>();
function segsOf(path: string): string[] {
  let s = segCache.get(path);
  if (!s) {
    s = path.split('.');
    if (segCache.size < 10000) segCache.set(path, s);
  }
  return s;
}
const reCache = new Map<string, RegExp>();
function reOf(src: string): RegExp {
  let r = reCache.get(src);
  if (!r) {
    r = new RegExp(src);
    if (reCache.size < 1000) reCache.set(src, r);
  }
  return r;
}

/** Where a dotted path leads in a map: every pair found, and the maps where the last key is missing. */
interface Slots {
  found: Array<{ pair: DPair; parent: DMap }>;
  /** Parent map (null: a missing `config` map of a plugin) and the keys still to write under it. */
  missing: Array<{ parent: DMap; keys: string[] }>;
}

function resolvePath(root: DMap, path: string, createConfig: boolean): Slots {
  const out: Slots = { found: [], missing: [] };
  resolveFrom(root, segsOf(path), 0, createConfig, out);
  return out;
}

/** Depth is bounded by the path's length (a handful of segments). */
function resolveFrom(m: DMap, segs: string[], i: number, createConfig: boolean, out: Slots): void {
  let seg = segs[i]!;
  const each = seg.endsWith('[]');
  if (each) seg = seg.slice(0, -2);
  const p = getPair(m, seg);
  const last = i === segs.length - 1;
  if (!p) {
    // Nested fields count only where their parent is written; a plugin's config map is
    // always there for Kong (it fills in the defaults), so a missing one is created.
    if (last && !each) out.missing.push({ parent: m, keys: [seg] });
    else if (createConfig && i === 0 && seg === 'config' && !each && segs.length === 2) out.missing.push({ parent: m, keys: [seg, segs[1]!] });
    return;
  }
  if (each) {
    if (!p.value || p.value.kind !== 'seq') return;
    for (const it of p.value.items) {
      if (last) out.found.push({ pair: p, parent: m });
      else if (it.kind === 'map') resolveFrom(it, segs, i + 1, createConfig, out);
    }
    return;
  }
  if (last) {
    out.found.push({ pair: p, parent: m });
    return;
  }
  if (p.value && p.value.kind === 'map') resolveFrom(p.value, segs, i + 1, createConfig, out);
}

/** The path (without list segments) is written all the way down. */
function writtenAt(root: DMap, path: string): boolean {
  const segs = segsOf(path);
  let m: DMap = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.endsWith('[]')) return false;
    const p = getPair(m, seg);
    if (!p) return false;
    if (i === segs.length - 1) return true;
    if (!p.value || p.value.kind !== 'map') return false;
    m = p.value;
  }
  return false;
}

/** Scalars at a path (list elements for `x[]` last segments). */
function scalarsAt(root: DMap, path: string): DScalar[] {
  const out: DScalar[] = [];
  scalarsFrom(root, segsOf(path), 0, out);
  return out;
}

function scalarsFrom(m: DMap, segs: string[], i: number, out: DScalar[]): void {
  let seg = segs[i]!;
  const each = seg.endsWith('[]');
  if (each) seg = seg.slice(0, -2);
  const p = getPair(m, seg);
  if (!p || !p.value) return;
  const last = i === segs.length - 1;
  const nodes: DNode[] = each ? (p.value.kind === 'seq' ? p.value.items : []) : [p.value];
  for (const n of nodes) {
    if (last) {
      if (n.kind === 'scalar') out.push(n);
      else if (n.kind === 'seq') for (const x of n.items) if (x.kind === 'scalar') out.push(x);
    } else if (n.kind === 'map') scalarsFrom(n, segs, i + 1, out);
  }
}

function valueAt(root: DMap, path: string): { present: boolean; value: unknown } {
  if (!path.includes('.') && !path.endsWith('[]')) {
    const p = getPair(root, path);
    if (!p) return { present: false, value: undefined };
    const n = p.value;
    return { present: true, value: !n ? null : n.kind === 'scalar' ? n.value : toJS(n) };
  }
  const s = resolvePath(root, path, false);
  if (!s.found.length) return { present: false, value: undefined };
  const n = s.found[0]!.pair.value;
  return { present: true, value: !n ? null : n.kind === 'scalar' ? n.value : toJS(n) };
}

function conditionsHold(root: DMap, when: EntityCondition[] | undefined, formatVersion: string | undefined): boolean {
  if (!when) return true;
  for (const c of when) {
    if ('formatVersionIn' in c) {
      if (!c.formatVersionIn.includes(formatVersion ?? c.formatVersionIn[0]!)) return false;
      continue;
    }
    const got = valueAt(root, c.path);
    if ('present' in c) {
      if (!got.present || got.value === null) return false;
    } else if ('matches' in c) {
      if (typeof got.value !== 'string' || !reOf(c.matches).test(got.value)) return false;
    } else {
      let v: unknown = got.present && got.value !== null ? got.value : undefined;
      if (v === undefined && c.urlPath) {
        const u = valueAt(root, c.urlPath).value;
        const m = typeof u === 'string' ? /^([a-z][a-z0-9+.-]*):\/\//i.exec(u.trim()) : null;
        if (m) v = m[1]!.toLowerCase();
      }
      if (v === undefined) v = c.absentAs;
      if (!c.in.some((x) => x === v)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------

interface Target {
  /** What the message calls it: "This route", "key-auth". */
  name: string;
  kind: EntityRef['kind'] | 'plugin';
  /** e.g. "services[0].routes[1]" (pieces: may start with a marker instead of the top key). */
  where: string;
  node: DMap;
  /** Where the finding goes when nothing more precise exists. */
  span: Span;
  plugin?: PluginInstance;
}

const NOUN: Record<EntityRef['kind'], string> = { route: 'route', service: 'service', partial: 'partial', event_hook: 'event hook', upstream: 'upstream' };

function entitySpan(e: EntityRef): Span {
  const n = getPair(e.node, 'name') ?? e.node.pairs.find((p) => !p.merged) ?? e.node.pairs[0];
  if (!n) return { start: e.node.start, end: e.node.end };
  if (n.key === 'name' && n.value && n.value.kind === 'scalar') return { start: n.value.start, end: n.value.end };
  return { start: n.keyStart, end: n.keyEnd };
}

function entityName(e: EntityRef): string {
  const n = getPair(e.node, 'name')?.value;
  const nm = n && n.kind === 'scalar' && typeof n.value === 'string' ? ` "${n.value}"` : '';
  return `The ${NOUN[e.kind]}${nm}`;
}

function pluginTarget(p: PluginInstance): Target {
  return { name: p.name, kind: 'plugin', where: p.where, node: p.node, span: p.nameSpan, plugin: p };
}

/** An entity as a target; its name and span are only needed for a finding: computed on first read. */
class EntityTarget implements Target {
  private n: string | undefined;
  private sp: Span | undefined;
  readonly kind: EntityRef['kind'];
  readonly where: string;
  readonly node: DMap;
  constructor(private readonly e: EntityRef) {
    this.kind = e.kind;
    this.where = e.where;
    this.node = e.node;
  }
  get name(): string {
    return (this.n ??= entityName(this.e));
  }
  get span(): Span {
    return (this.sp ??= entitySpan(this.e));
  }
}

const pluginKeyMemo = new WeakMap<Map<string, EntityChange[]>, Map<string, EntityChange[]>>();

/** The plugin part of a by-target map, keyed by plugin name. */
function pluginKeys(by: Map<string, EntityChange[]>): Map<string, EntityChange[]> {
  let m = pluginKeyMemo.get(by);
  if (!m) {
    m = new Map();
    for (const [k, v] of by) if (k.startsWith('plugin:')) m.set(k.slice(7), v);
    pluginKeyMemo.set(by, m);
  }
  return m;
}

/** Every entity and plugin of the piece with the changes that look at it (one pass over the piece). */
function targetsWith(by: Map<string, EntityChange[]>, local: LocalModel, ctx: EntityContext): Array<[Target, EntityChange[]]> {
  const out: Array<[Target, EntityChange[]]> = [];
  if (!by.size) return out;
  for (const e of local.entities ?? []) {
    const cs = by.get(e.kind);
    if (cs) out.push([new EntityTarget(e), cs]);
  }
  if (!local.plugins.length) return out;
  const names = pluginKeys(by);
  for (const p of local.plugins) {
    const cs = names.get(p.name);
    if (cs && !ctx.customPlugins.includes(p.name)) out.push([pluginTarget(p), cs]);
  }
  return out;
}

function fieldsFor(c: EntityChange, t: Target): string[] {
  if (c.fieldsByPlugin && t.plugin) return c.fieldsByPlugin[t.plugin.name] ?? [];
  return c.fields;
}

function shown(v: JsonValue | unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => shown(x)).join(', ')}]`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * decK lint rules (of this change) whose selectors reach this entity: where it sits in the
 * file (top-level or nested route, plugin scope) and the filter's `@.field == 'value'` tests.
 */
function deckNote(kb: EntityKnowledge, c: EntityChange, t: Target, shownRules: Map<string, string>): string {
  if (!c.deck.lint.length) return '';
  const key = `${c.id}|${t.kind}|${t.where.includes('.routes[') ? 'n' : 't'}|${t.plugin ? `${t.plugin.name}|${t.plugin.scope}` : ''}|${t.kind === 'service' ? String(valueAt(t.node, 'protocol').value) : ''}`;
  let got = shownRules.get(key);
  if (got === undefined) {
    const rules = kb.deckLint.filter((l) => c.deck.lint.includes(`${l.ruleset}/${l.rule}`) && l.given.some((g) => selectorReaches(g, t)));
    got = rules.length ? ` decK's lint rule ${rules.map((l) => `${l.ruleset}/${l.rule}`).join(', ')} flags this too.` : '';
    shownRules.set(key, got);
  }
  return got;
}

function selectorReaches(sel: string, t: Target): boolean {
  const nested = t.where.includes('.routes[');
  let parentOk: boolean;
  if (t.kind === 'plugin') {
    const scope = t.plugin!.scope;
    parentOk =
      sel.startsWith('$..plugins[') ||
      (sel.startsWith('$.plugins[?') && scope === 'global') ||
      (sel.startsWith('$.services[*].plugins[') && scope === 'service') ||
      (sel.startsWith('$.routes[*].plugins[') && scope === 'route' && !nested) ||
      (sel.startsWith('$.services[*].routes[*].plugins[') && scope === 'route' && nested) ||
      (sel.startsWith('$.consumers[*].plugins[') && scope === 'consumer');
  } else if (t.kind === 'route') parentOk = nested ? sel.startsWith('$.services[*].routes[') : sel.startsWith('$.routes[');
  else parentOk = sel.startsWith(`$.${t.kind}s[`);
  if (!parentOk) return false;
  // The last filter: every field it tests must hold one of the values it names.
  const filt = /\[\?\((.*)\)\][^[]*$/.exec(sel)?.[1];
  if (!filt) return true;
  const want = new Map<string, string[]>();
  for (const m of filt.matchAll(/@\.(\w+)\s*==\s*'([^']*)'/g)) {
    const l = want.get(m[1]!) ?? [];
    l.push(m[2]!);
    want.set(m[1]!, l);
  }
  for (const [field, values] of want) {
    const v = valueAt(t.node, field).value;
    if (typeof v !== 'string' || !values.includes(v)) return false;
  }
  return true;
}

/** Check one piece's entities. Offsets are those of `text` (the piece's). */
export function checkEntities(local: LocalModel, text: string, ctx: EntityContext, formatVersion: string | undefined): Finding[] {
  const kb = ctx.entities;
  if (!kb) return [];
  const app = applicable(kb, ctx.current.version, ctx.target.version);
  if (!app.crossing.length && !app.refused.length) return [];
  if (!local.plugins.length && !local.entities?.length) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (f: Finding, id: string) => {
    const k = `${f.span.start}|${f.code}|${id}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(f);
  };
  const tgt = label(ctx.target);
  const shownRules = new Map<string, string>();
  for (const [t, cs] of targetsWith(app.crossingBy, local, ctx)) {
    for (const c of cs) {
      if (!appliesTo(c, t, ctx)) continue;
      if (c.mootWhen && settingHolds(ctx, c.mootWhen)) continue;
      if (c.trigger.type === 'scope' && !c.trigger.scopes.includes(t.plugin?.scope ?? '')) continue;
      if (!conditionsHold(t.node, c.when, formatVersion)) continue;
      checkChange(c, t, text, ctx, tgt, push, shownRules);
    }
  }
  for (const [t, cs] of targetsWith(app.refusedBy, local, ctx)) {
    for (const c of cs) {
      if (!appliesTo(c, t, ctx)) continue;
      const r = c.refused!;
      if (settingHolds(ctx, r.unless)) continue;
      if (!conditionsHold(t.node, c.when, formatVersion)) continue;
      for (const path of fieldsFor(c, t)) {
        for (const slot of resolvePath(t.node, path, false).found) {
          const n = slot.pair.value;
          if (!n || n.kind !== 'scalar' || n.value !== r.value) continue;
          const edit = replaceScalarEdit(text, n, !r.value);
          push(
            {
              code: 'entity-value-refused',
              severity: 'error',
              message: `${t.plugin ? `${t.name}: ` : ''}${path} is ${shown(r.value)}. Kong ${tgt} refuses that while ${r.unless.property} is on, its default from ${c.version}, so the configuration would not load. Keep it only together with ${settingName(r.unless)}; otherwise trust the certificate and verify it.`,
              span: { start: slot.pair.keyStart, end: slot.pair.keyEnd },
              ...(t.plugin ? { plugin: t.plugin.name, field: path.replace(/^config\./, '') } : { field: path }),
              replacement: shown(!r.value),
              docsUrl: c.docsUrl,
              ...(edit ? { fixes: [{ title: `Adopt the new default: set ${slot.pair.key} to ${shown(!r.value)} (verify the certificate)`, edits: [edit], preferred: false }] } : {}),
            },
            c.id,
          );
        }
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function checkChange(c: EntityChange, t: Target, text: string, ctx: EntityContext, tgt: string, push: (f: Finding, id: string) => void, shownRules: Map<string, string>): void {
  const base = (subject: string, span: Span, field: string | undefined, fixes: Fix[], replacement: string | null): Finding => ({
    code: c.code,
    severity: c.severity as Severity,
    message: `${subject} From Kong ${c.version}, ${c.change}: ${c.effect}. To keep today's behaviour, ${c.keep}.${ctx.resources ? '' : deckNote(ctx.entities!, c, t, shownRules)}`,
    span,
    ...(t.plugin ? { plugin: t.plugin.name } : {}),
    ...(field ? { field: t.plugin ? field.replace(/^config\./, '') : field } : {}),
    replacement,
    docsUrl: c.docsUrl,
    ...(fixes.length ? { fixes } : {}),
  });
  const fields = fieldsFor(c, t);
  switch (c.trigger.type) {
    case 'absent': {
      const missing: Array<{ parent: DMap; keys: string[]; path: string }> = [];
      for (const path of fields) {
        if (writtenAt(t.node, path)) continue; // the common case: nothing to allocate
        for (const m of resolvePath(t.node, path, !!t.plugin).missing) missing.push({ ...m, path });
      }
      if (!missing.length) return;
      const paths = missing.map((m) => m.path);
      const fixes: Fix[] = [];
      let note = '';
      if (c.pin !== undefined) {
        const pinOk = !c.pinRefusedUnless || settingHolds(ctx, c.pinRefusedUnless);
        const edits = pinEdits(text, missing, c.pin);
        const what = paths.map((p) => `${p.slice(p.lastIndexOf('.') + 1)}: ${shown(c.pin)}`).join(', ');
        if (edits) {
          const also = pinOk ? '' : ` (Kong ${tgt} refuses it unless ${settingName(c.pinRefusedUnless!)})`;
          fixes.push({ title: `Keep today's behaviour: write ${what}${also}`, edits, preferred: false, ...(pinOk ? { pin: true } : {}), pinned: { fields: paths, value: c.pin } });
        }
        if (!pinOk) note = ` Writing ${shown(c.pin)} is not enough on its own: Kong ${tgt} refuses it unless ${settingName(c.pinRefusedUnless!)}.`;
        else if (c.pinRefusedUnless) {
          const s = settingHolds(ctx, c.pinRefusedUnless)!;
          note = ` ${s.path} sets ${c.pinRefusedUnless.property} = ${s.value}, so Kong ${tgt} accepts ${shown(c.pin)} here.`;
        }
      }
      const subject = `${t.name} does not set ${paths.join(', ')}.`;
      const f = base(subject, t.span, paths.length === 1 ? paths[0] : undefined, fixes, c.pin !== undefined ? shown(c.pin) : null);
      f.message += note;
      push(f, c.id);
      return;
    }
    case 'value': {
      const values = c.trigger.values;
      for (const path of fields) {
        for (const s of scalarsAt(t.node, path)) {
          if (!values.some((v) => v === s.value)) continue;
          push(base(`${t.plugin ? `${t.name}: ` : ''}${path} is ${shown(s.value)}.`, { start: s.start, end: s.end }, path, [], null), c.id);
        }
      }
      return;
    }
    case 'pattern': {
      const re = reOf(c.trigger.pattern);
      for (const path of fields) {
        for (const s of scalarsAt(t.node, path)) {
          if (typeof s.value !== 'string' || !re.test(s.value)) continue;
          push(base(`The route path "${s.value}" is affected.`, { start: s.start, end: s.end }, path, [], null), c.id);
        }
      }
      return;
    }
    case 'not-string-map': {
      for (const path of fields) {
        for (const slot of resolvePath(t.node, path, false).found) {
          const n = slot.pair.value;
          if (!n || (n.kind === 'scalar' && n.value === null)) continue;
          const ok = n.kind === 'map' && n.pairs.every((p) => !p.value || (p.value.kind === 'scalar' && typeof p.value.value === 'string'));
          if (ok) continue;
          push(base(`${t.name}: ${path} is not a map of single strings.`, { start: slot.pair.keyStart, end: slot.pair.keyEnd }, path, [], null), c.id);
        }
      }
      return;
    }
    case 'always':
    case 'scope':
      push(
        base(`${t.plugin ? `The ${t.name} plugin` : t.name}${c.trigger.type === 'scope' ? ` is attached to a ${t.plugin?.scope ?? 'service'}` : ' is affected'}.`, t.span, undefined, [], null),
        c.id,
      );
      return;
    case 'duplicate': {
      // Entries of the list `targets` of an upstream (the change's field is the entry's key).
      const list = getPair(t.node, `${c.entity}s`)?.value;
      if (!list || list.kind !== 'seq') return;
      const firstAt = new Map<string, number>();
      for (const it of list.items) {
        if (it.kind !== 'map') continue;
        for (const path of fields) {
          const v = getPair(it, path)?.value;
          if (!v || v.kind !== 'scalar' || typeof v.value !== 'string') continue;
          if (firstAt.has(v.value)) push(base(`${t.name} lists ${path} "${v.value}" more than once.`, { start: v.start, end: v.end }, path, [], null), c.id);
          else firstAt.set(v.value, v.start);
        }
      }
      return;
    }
  }
}

function pinEdits(text: string, missing: Array<{ parent: DMap; keys: string[] }>, value: JsonValue): TextEdit[] | null {
  // Keys for the same map go in one insertion.
  const byParent = new Map<DMap, Array<{ path: string[]; value: JsonValue }>>();
  for (const m of missing) {
    let l = byParent.get(m.parent);
    if (!l) byParent.set(m.parent, (l = []));
    // Keys under the same new map (a plugin's missing `config`) go into one map.
    const head = m.keys.length === 2 ? l.find((e) => e.path.length === 1 && e.path[0] === m.keys[0] && e.value !== null && typeof e.value === 'object' && !Array.isArray(e.value)) : undefined;
    if (head) (head.value as Record<string, JsonValue>)[m.keys[1]!] = value;
    else if (m.keys.length === 2) l.push({ path: [m.keys[0]!], value: { [m.keys[1]!]: value } });
    else l.push({ path: m.keys, value });
  }
  const edits: TextEdit[] = [];
  for (const [parent, entries] of byParent) {
    const e = insertKeysEdit(text, parent, entries);
    if (!e) return null;
    edits.push(e);
  }
  return edits.sort((a, b) => a.start - b.start);
}

/**
 * The whole-file "keep today's behaviour" action (source.pinEntityDefaults.kong): every
 * pin fix of the findings, except pins the target would refuse (those fixes carry no
 * `pin` mark: their own quick fix says what else must change). Insertions at the same
 * place are merged into one edit, deeper keys first (a nested map's new key before its
 * parent's), and two that open the same new map (say `config:`) share it. Null when there
 * is nothing to pin.
 */
export function pinEntityDefaultsEdits(findings: readonly Finding[]): { title: string; edits: TextEdit[]; count: number } | null {
  const inserts = new Map<number, string[]>();
  const others: TextEdit[] = [];
  let count = 0;
  for (const f of findings) {
    const fx = f.fixes?.find((x) => x.pin);
    if (!fx) continue;
    count++;
    for (const e of fx.edits) {
      if (e.start === e.end) {
        const l = inserts.get(e.start) ?? [];
        l.push(e.newText);
        inserts.set(e.start, l);
      } else if (!others.some((o) => o.start < e.end && e.start < o.end)) others.push(e);
    }
  }
  if (!count) return null;
  const edits: TextEdit[] = [...others];
  for (const [at, texts] of inserts) edits.push({ start: at, end: at, newText: mergeInsertions(texts) });
  edits.sort((a, b) => a.start - b.start);
  return { title: `Keep today's behaviour: write the ${count} old default${count === 1 ? '' : 's'} this upgrade changes`, edits, count };
}

function indentOf(s: string): number {
  const m = /^[ \t]*/.exec(s);
  return m ? m[0].length : 0;
}

function mergeInsertions(texts: string[]): string {
  if (texts.length === 1) return texts[0]!;
  // Flow / JSON members (", key: value") are simply concatenated.
  if (texts.some((t) => /^\s*,/.test(t) || !/\n$/.test(t))) {
    // Members for an empty map (" a: 1 ") need a comma between them; appended ones bring theirs.
    const lead = texts.filter((t) => !/^\s*,/.test(t));
    const rest = texts.filter((t) => /^\s*,/.test(t));
    const json = lead.some((t) => /^ /.test(t));
    const first = lead.length ? (json ? ' ' : '') + lead.map((t) => t.trim()).join(', ') + (json ? ' ' : '') : '';
    return first + rest.join('');
  }
  const eol = texts[0]!.endsWith('\r\n') ? '\r\n' : '\n';
  const blocks = texts.map((t) => t.slice(0, -eol.length).split(eol));
  // Deeper insertions first: they belong to the inner map that ends where the outer one does.
  blocks.sort((a, b) => indentOf(b[0]!) - indentOf(a[0]!));
  const out: string[][] = [];
  for (const b of blocks) {
    const same = out.find((o) => o[0] === b[0] && /:$/.test(b[0]!.trimEnd()) && b.length > 1 && o.length > 1);
    if (same) same.push(...b.slice(1));
    else out.push([...b]);
  }
  return out.map((b) => b.join(eol) + eol).join('');
}
