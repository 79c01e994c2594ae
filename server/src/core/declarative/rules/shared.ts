/**
 * What every declarative rule family shares: the check context, the fix helpers, and how
 * findings are keyed and deduplicated (fixes of a planning pass are found again by key).
 */
import type { Finding, Fix, TextEdit } from '../../model';
import type { PluginKnowledge } from '../../knowledge/pluginTypes';
import type { ResolvedVersion } from '../../version';
import { FixBatch, lazyFixes } from '../lazyFixes';
import type { EntityKnowledge } from '../../knowledge/entityTypes';
import type { WorkspaceSettings } from '../../knowledge/entityTypes';
import { settingsKey } from './entities';

/** Treat a context as immutable: lookups are memoised per context object. */
export interface DeclarativeContext {
  plugins: PluginKnowledge;
  current: ResolvedVersion;
  target: ResolvedVersion;
  /** Plugins the user runs that Kong does not ship: never reported as unknown. */
  customPlugins: string[];
  /**
   * Build every fix while checking. By default the fixes of plugin-field and route-path
   * findings are built on first read of `fixes` (see lazyFixes.ts); the result is the same.
   */
  eagerFixes?: boolean;
  /** Entity changes (routes, services, partials, ...); absent: those checks are skipped. */
  entities?: EntityKnowledge | null;
  /** kong.conf properties other files of the workspace set (kong.conf, KONG_* variables). */
  settings?: WorkspaceSettings;
  /** The plugins are Kubernetes resources: the entity facts apply to their config fields only (EntityContext.resources). */
  resources?: boolean;
}

export function contextKey(ctx: DeclarativeContext): string {
  return [
    ctx.current.version,
    ctx.current.edition,
    ctx.target.version,
    ctx.target.edition,
    [...ctx.customPlugins].sort().join(','),
    ctx.entities ? 'E' : '',
    settingsKey(ctx.entities, ctx.settings),
  ].join('|');
}

/** A version as the user wrote it (`3.4`, not `3.4.0`), for messages. */
export function v(x: ResolvedVersion): string {
  return x.input.replace(/\.x$/i, '') || x.version;
}

export function fix(title: string, edits: TextEdit[], preferred = true): Fix {
  return { title, edits, preferred };
}

/** A fix a planning pass decided on (built later); never part of a finding. */
export const PLANNED: Fix = Object.freeze({ title: '', edits: [], preferred: true });

/** A planning check: fixes that would be built are left to `batch`, built on first read. */
export interface Lazy {
  batch: FixBatch;
}

const CODES: Finding['code'][] = [
  'deprecated-plugin-field',
  'removed-plugin-field',
  'unknown-plugin-field',
  'invalid-plugin-value',
  'removed-plugin',
  'unknown-plugin',
  'format-version',
  'regex-path-prefix',
  'declarative-format',
  'ineffective-plugin-field',
];

/**
 * Data reached through an alias or a merge key is checked once per use but written once:
 * keep one finding per (rule, place), preferring one that carries a fix.
 */
export function dedupe(fs: Finding[]): Finding[] {
  if (fs.length < 2) return fs;
  const has = (f: Finding) => !!f.fixes?.length;
  const at = new Map<number, number>();
  const out: Finding[] = [];
  for (const f of fs) {
    const k = findingKey(f);
    const i = at.get(k);
    if (i === undefined) {
      at.set(k, out.length);
      out.push(f);
    } else if (!has(out[i]!) && has(f)) out[i] = f;
  }
  return out;
}

/** (rule, place): unique among one check's findings once deduplicated. */
export function findingKey(f: Finding): number {
  return keyOf(f.span.start, f.code);
}

function keyOf(start: number, code: Finding['code']): number {
  return start * 16 + Math.max(0, CODES.indexOf(code));
}

/** `n` fixes a planning check decided on, built on first read. */
export function planned(lz: Lazy, start: number, code: Finding['code'], n: number): Fix[] {
  return lazyFixes(lz.batch, keyOf(start, code), n);
}
