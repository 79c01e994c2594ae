/**
 * Pure queries over the compiled kong.conf knowledge (ConfKnowledge). No I/O: callers pass
 * the knowledge objects in. Versions compare numerically (see ../version), so "3.2.1" and
 * "3.2.1.0" are the same point, and a state that starts at "3.10" covers 3.10.0.x.
 */
import { compareVersions } from '../version';
import type { ConfKnowledge, DynamicPrefix, Edition, LifeEvent, PropertyRecord, PropertyState } from './types';

export type PropertyStatus = 'accepted' | 'deprecated' | 'removed' | 'unknown' | 'prefix';

export interface PropertyAt {
  status: PropertyStatus;
  name: string;
  /** The state in force at the version (also for "removed": the state that says it is gone). */
  state?: PropertyState;
  /** The record, when the name is a known property. */
  record?: PropertyRecord;
  /** First version (of this edition's timeline) that no longer reads the name. */
  removedIn?: string;
  /** Last state start where the edition still read the name. */
  lastSeen?: string;
  /** Name to use instead (deprecated / removed / renamed), when Kong names one. */
  replacement?: string | null;
  /** The dynamic prefix that makes the name acceptable ("prefix" status). */
  prefix?: DynamicPrefix;
  /** The name is read but has no effect any more. */
  ineffective?: boolean;
}

export interface DefaultChange {
  name: string;
  old: string | null;
  new: string | null;
  /** Version of the last default change in the range. */
  version: string;
  source: string;
}

const acceptedBy = (s: PropertyState, edition: Edition) => (edition === 'oss' ? s.oss : s.enterprise);

/** The state in force at `version` (last state whose `from` <= version), or undefined before the first. */
export function stateAt(rec: PropertyRecord, version: string): PropertyState | undefined {
  let cur: PropertyState | undefined;
  for (const s of rec.states) {
    if (compareVersions(s.from, version) <= 0) cur = s;
    else break;
  }
  return cur;
}

/** Dynamic prefix that accepts `name` at `version`, if any (longest prefix wins). */
export function prefixFor(kb: ConfKnowledge, name: string, version: string): DynamicPrefix | undefined {
  let best: DynamicPrefix | undefined;
  for (const p of kb.prefixes) {
    if (!name.startsWith(p.prefix) || name.length === p.prefix.length || p.except?.includes(name)) continue;
    if (compareVersions(p.from, version) > 0) continue;
    if (p.until && compareVersions(version, p.until) >= 0) continue;
    if (!best || p.prefix.length > best.prefix.length) best = p;
  }
  return best;
}

/** Replacement named by the newest event at or before `version` (renamed / removed / deprecated / no_longer_accepted). */
function replacementFromEvents(rec: PropertyRecord, version: string): string | null {
  let repl: string | null = null;
  for (const e of lifeOfRecord(rec)) {
    if (compareVersions(e.version, version) > 0) break;
    if (e.replacement && ['renamed', 'removed', 'deprecated', 'no_longer_accepted', 'alias_added'].includes(e.kind)) repl = e.replacement;
  }
  return repl;
}

/**
 * What Kong (edition) does with `name` at `version`:
 * accepted / deprecated (→ replacement) / removed (since removedIn, → replacement) /
 * prefix (only a dynamic prefix accepts it) / unknown (this edition never read it up to then).
 */
export function propertyAt(kb: ConfKnowledge, name: string, version: string, edition: Edition): PropertyAt {
  const rec = Object.prototype.hasOwnProperty.call(kb.properties, name) ? kb.properties[name] : undefined;
  const prefix = prefixFor(kb, name, version);
  if (!rec) return prefix ? { status: 'prefix', name, prefix } : { status: 'unknown', name };
  const state = stateAt(rec, version);
  if (state && acceptedBy(state, edition)) {
    const depName = !!state.deprecated;
    const out: PropertyAt = { status: depName ? 'deprecated' : 'accepted', name, state, record: rec };
    if (depName) out.replacement = state.deprecated?.replacement ?? replacementFromEvents(rec, version);
    if (state.ineffective) out.ineffective = true;
    return out;
  }
  // Not read at this version by this edition.
  let lastSeen: string | undefined;
  let removedIn: string | undefined;
  for (const s of rec.states) {
    if (compareVersions(s.from, version) > 0) break;
    if (acceptedBy(s, edition)) {
      lastSeen = s.from;
      removedIn = undefined;
    } else if (lastSeen && !removedIn) removedIn = s.from;
  }
  if (prefix) {
    // Still accepted, but only as a raw directive through the prefix; say when the property went away.
    const out: PropertyAt = { status: 'prefix', name, prefix, record: rec, ...(state ? { state } : {}) };
    if (lastSeen) Object.assign(out, { lastSeen, ...(removedIn ? { removedIn } : {}), replacement: replacementFromEvents(rec, version) });
    return out;
  }
  if (lastSeen) {
    return { status: 'removed', name, record: rec, ...(state ? { state } : {}), lastSeen, ...(removedIn ? { removedIn } : {}), replacement: replacementFromEvents(rec, version) };
  }
  return { status: 'unknown', name, record: rec, ...(state ? { state } : {}) };
}

/** True when the knowledge base has a record for `name` (any version, any edition). */
export function isKnownProperty(kb: ConfKnowledge, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(kb.properties, name);
}

/** Names the edition reads at `version` (deprecated included), sorted; for completion and did-you-mean. */
export function namesAt(kb: ConfKnowledge, version: string, edition: Edition, opts: { includeDeprecated?: boolean } = {}): string[] {
  const includeDep = opts.includeDeprecated ?? true;
  const out: string[] = [];
  for (const [name, rec] of Object.entries(kb.properties)) {
    const s = stateAt(rec, version);
    if (!s || !acceptedBy(s, edition)) continue;
    if (!includeDep && s.deprecated) continue;
    out.push(name);
  }
  return out.sort();
}

/** Every name ever known (any version, any edition), sorted. */
export function allNames(kb: ConfKnowledge): string[] {
  return Object.keys(kb.properties).sort();
}

function lifeOfRecord(rec: PropertyRecord): LifeEvent[] {
  return [...rec.events].sort((a, b) => compareVersions(a.version, b.version));
}

/** Life events of a property, oldest first (empty for unknown names). */
export function lifeOf(kb: ConfKnowledge, name: string): LifeEvent[] {
  const rec = isKnownProperty(kb, name) ? kb.properties[name] : undefined;
  return rec ? lifeOfRecord(rec) : [];
}

/** Events in (from, to], optionally for one edition. */
export function eventsBetween(kb: ConfKnowledge, name: string, from: string, to: string, edition?: Edition): LifeEvent[] {
  return lifeOf(kb, name).filter((e) => compareVersions(e.version, from) > 0 && compareVersions(e.version, to) <= 0 && (!edition || !e.edition || e.edition === 'both' || e.edition === edition));
}

/**
 * Properties whose documented default differs between `from` and `to` for the edition, where
 * the name is read at both versions. `version` is the start of the state that carries the new
 * default (the last change in the range).
 */
export function defaultChanges(kb: ConfKnowledge, from: string, to: string, edition: Edition): DefaultChange[] {
  const out: DefaultChange[] = [];
  for (const [name, rec] of Object.entries(kb.properties)) {
    const a = stateAt(rec, from);
    const b = stateAt(rec, to);
    if (!a || !b || !acceptedBy(a, edition) || !acceptedBy(b, edition)) continue;
    const oldV = a.default ?? null;
    const newV = b.default ?? null;
    if (oldV === newV) continue;
    // The state where the default last changed within (from, to].
    let at = b;
    let prev: PropertyState | undefined;
    for (const s of rec.states) {
      if (compareVersions(s.from, to) > 0) break;
      if (prev && compareVersions(s.from, from) > 0 && (prev.default ?? null) !== (s.default ?? null)) at = s;
      prev = s;
    }
    out.push({ name, old: oldV, new: newV, version: at.from, source: at.source });
  }
  return out.sort((x, y) => compareVersions(x.version, y.version) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Link to the property in Kong's configuration reference. */
export function docsUrlOf(kb: ConfKnowledge, name: string): string {
  return `${kb.docsUrl}#${name}`;
}
