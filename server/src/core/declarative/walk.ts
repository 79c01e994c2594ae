/** Finding plugins, route paths and `_format_version` in parsed nodes. */
import { getPair, kindOf, toJS } from './nodes';
import type { Span } from '../model';
import type { DMap, DNode, DPair, DScalar, EntityRef, FieldOccurrence, FormatVersion, PluginInstance, PluginScope, RoutePath, ValueKind } from './types';

export interface LocalModel {
  formatVersion?: FormatVersion;
  /**
   * `_format_version` is written but has no value (empty, `~`, `null`): the key is there,
   * so nothing must be added; the value must be set. `colon`: just past the key's `:`.
   */
  formatVersionEmpty?: { colon: number; node: DScalar | null };
  plugins: PluginInstance[];
  routePaths: RoutePath[];
  /** Routes, services, partials, event hooks and upstreams (for the entity rules); absent = not collected. */
  entities?: EntityRef[];
}

export function emptyLocal(): LocalModel {
  return { plugins: [], routePaths: [], entities: [] };
}

function addEntity(out: LocalModel, kind: EntityRef['kind'], node: DMap, where: string): void {
  (out.entities ??= []).push({ kind, node, where });
}

/** A top-level `key: value` of a document. */
export function walkTopPair(out: LocalModel, key: string, value: DNode | null, pair?: DPair, text?: string): void {
  if (key === '_format_version') {
    if (value && value.kind === 'scalar' && value.value !== null && typeof value.value !== 'object') {
      out.formatVersion = { value: String(value.value), span: { start: value.start, end: value.end }, node: value };
    } else if (!out.formatVersion && !out.formatVersionEmpty && pair && text !== undefined && (!value || (value.kind === 'scalar' && value.value === null))) {
      let c = pair.keyEnd;
      while (text.charCodeAt(c) === 32 || text.charCodeAt(c) === 9) c++;
      if (text.charCodeAt(c) === 58) out.formatVersionEmpty = { colon: c + 1, node: value && value.end > value.start ? value : null };
    }
    return;
  }
  if (!value || value.kind !== 'seq') return;
  value.items.forEach((it, i) => walkTopItem(out, key, it, `${key}[${i}]`));
}

/** One item of a top-level list (`services[3]`, `plugins[0]`...). */
export function walkTopItem(out: LocalModel, key: string, item: DNode | null, where: string): void {
  if (!item || item.kind !== 'map') return;
  switch (key) {
    case 'plugins':
      walkPlugin(out, item, where, 'global');
      return;
    case 'services':
      walkEntity(out, item, where, 'service');
      return;
    case 'routes':
      walkRoute(out, item, where);
      return;
    case 'consumers':
      walkEntity(out, item, where, 'consumer');
      return;
    case 'consumer_groups':
      walkEntity(out, item, where, 'consumer_group');
      return;
    case 'partials':
      addEntity(out, 'partial', item, where);
      return;
    case 'event_hooks':
      addEntity(out, 'event_hook', item, where);
      return;
    case 'upstreams':
      addEntity(out, 'upstream', item, where);
      return;
    default:
      return;
  }
}

function walkEntity(out: LocalModel, m: DMap, where: string, scope: PluginScope): void {
  if (scope === 'service') addEntity(out, 'service', m, where);
  for (const p of m.pairs) {
    if (p.key === 'plugins') walkPluginList(out, p.value, `${where}.plugins`, scope);
    else if (p.key === 'routes' && scope === 'service' && p.value?.kind === 'seq') {
      p.value.items.forEach((r, i) => {
        if (r.kind === 'map') walkRoute(out, r, `${where}.routes[${i}]`);
      });
    }
  }
}

function walkRoute(out: LocalModel, m: DMap, where: string): void {
  addEntity(out, 'route', m, where);
  for (const p of m.pairs) {
    if (p.key === 'plugins') walkPluginList(out, p.value, `${where}.plugins`, 'route');
    else if (p.key === 'paths' && p.value?.kind === 'seq') {
      p.value.items.forEach((x, i) => {
        if (x.kind === 'scalar' && typeof x.value === 'string') out.routePaths.push({ value: x.value, span: { start: x.start, end: x.end }, where: `${where}.paths[${i}]`, node: x });
      });
    }
  }
}

function walkPluginList(out: LocalModel, n: DNode | null, where: string, scope: PluginScope): void {
  if (!n || n.kind !== 'seq') return;
  n.items.forEach((it, i) => {
    if (it.kind === 'map') walkPlugin(out, it, `${where}[${i}]`, scope);
  });
}

/**
 * A plugin written as a Kubernetes resource (KongPlugin / KongClusterPlugin): `plugin:`
 * names it and `config:` is read exactly as a decK plugin's, so the same checks apply.
 */
export function walkPluginResource(out: LocalModel, m: DMap, where: string): void {
  walkPlugin(out, m, where, 'global', 'plugin');
}

function walkPlugin(out: LocalModel, m: DMap, where: string, scope: PluginScope, nameKey = 'name'): void {
  const nameP = getPair(m, nameKey);
  if (!nameP || !nameP.value || nameP.value.kind !== 'scalar' || typeof nameP.value.value !== 'string') return;
  let sc = scope;
  if (scope === 'global' && nameKey === 'name') {
    // A top-level plugin entry can still be scoped by its own foreign keys.
    for (const k of ['route', 'service', 'consumer', 'consumer_group'] as const) {
      const p = getPair(m, k);
      if (p && p.value && !(p.value.kind === 'scalar' && p.value.value === null)) {
        sc = k;
        break;
      }
    }
  }
  const en = getPair(m, 'enabled');
  const cfgP = getPair(m, 'config');
  const inst: PluginInstance = {
    name: nameP.value.value,
    nameSpan: { start: nameP.value.start, end: nameP.value.end },
    scope: sc,
    where,
    node: m,
    fields: [],
  };
  if (en && en.value?.kind === 'scalar' && typeof en.value.value === 'boolean') inst.enabled = en.value.value;
  if (cfgP && cfgP.value && cfgP.value.kind === 'map') {
    inst.config = cfgP.value;
    inst.configNodeSpan = { start: cfgP.value.start, end: cfgP.value.end };
    collectFields(inst.fields, cfgP.value, '', 0);
  }
  out.plugins.push(inst);
}

/**
 * A field as written under `config`. Spans and the plain value are computed on access
 * (a large file has hundreds of thousands of fields; most are never asked for them).
 */
export class Field implements FieldOccurrence {
  private v: unknown = undefined;
  private got = false;
  constructor(
    readonly path: string,
    readonly pair: DPair,
    readonly parent: DMap,
  ) {}
  get key(): string {
    return this.pair.key;
  }
  get keySpan(): Span {
    return { start: this.pair.keyStart, end: this.pair.keyEnd };
  }
  get valueSpan(): Span {
    return { start: this.pair.valueStart, end: this.pair.valueEnd };
  }
  get valueKind(): ValueKind {
    return kindOf(this.pair.value);
  }
  get value(): unknown {
    if (!this.got) {
      const n = this.pair.value;
      this.v = !n ? null : n.kind === 'scalar' ? n.value : toJS(n);
      this.got = true;
    }
    return this.v;
  }
  toJSON(): Omit<FieldOccurrence, 'pair' | 'parent'> {
    return { path: this.path, key: this.key, keySpan: this.keySpan, valueSpan: this.valueSpan, value: this.value, valueKind: this.valueKind };
  }
}

function collectFields(out: FieldOccurrence[], m: DMap, prefix: string, depth: number): void {
  if (depth > 30) return;
  for (const p of m.pairs) {
    const path = prefix ? `${prefix}.${p.key}` : p.key;
    out.push(new Field(path, p, m));
    const v = p.value;
    if (!v || v.kind === 'scalar') continue;
    if (v.kind === 'map') collectFields(out, v, path, depth + 1);
    else for (const it of v.items) if (it.kind === 'map') collectFields(out, it, `${path}[]`, depth + 1);
  }
}
