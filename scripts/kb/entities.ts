/**
 * Compile kong-facts/upgrade/entity-changes.json into server/knowledge/entities.json (an
 * EntityKnowledge): the entity changes per hop with what makes an entity hit (from
 * entities.source.ts, our reading of the facts' prose), decK's lint rules with their
 * sources, and the plugin fields Kong accepts but ignores. Every record keeps its sources.
 * Fails when a fact has no reading in entities.source.ts.
 */
import type { DeckLintRule, EntityChange, EntityKind, EntityKnowledge, IgnoredField } from '../../server/src/core/knowledge/entityTypes';
import type { JsonValue } from '../../server/src/core/knowledge/pluginTypes';
import { CURATED, DOCS_BY_HOP } from './entities.source';
import { readJson, sortKeys } from './util';

interface FactChange {
  id: string;
  hop: string;
  version: string | null;
  ee_version?: string;
  entity: EntityKind;
  plugins?: string[];
  field?: string | null;
  fields?: string[] | Record<string, string[]>;
  kind: string;
  old_default?: JsonValue;
  new_default?: JsonValue;
  deck?: { convert: string | null; lint: string | null };
  sources: string[];
}

interface FactLint {
  ruleset: string;
  rule: string;
  severity: string;
  given: string[];
  source: { repo: string; path: string; commit: string };
  entity: string;
  flags: string;
  relates_to: string[];
}

interface Facts {
  changes: FactChange[];
  deck: { lint_rules: FactLint[] };
  accepted_but_ignored: { fields: Array<{ plugin: string; field: string; since: string; status: string; sources: string[] }> };
  sources: Record<string, JsonValue>;
}

const DEFAULT_KINDS = new Set(['default_changed', 'effective_default_changed', 'field_added_default_off', 'behaviour_changed']);

/** A default the facts give as a value (not as prose such as "unset: ..."). */
function jsonDefault(v: JsonValue | undefined): JsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && /\s/.test(v)) return undefined;
  return v;
}

export function buildEntities(factsDir: string): EntityKnowledge {
  const facts = readJson<Facts>(factsDir, 'upgrade/entity-changes.json');
  const lintByChange = new Map<string, string[]>();
  for (const l of facts.deck.lint_rules) {
    for (const id of l.relates_to) {
      const list = lintByChange.get(id) ?? [];
      list.push(`${l.ruleset}/${l.rule}`);
      lintByChange.set(id, list);
    }
  }
  const missing: string[] = [];
  const changes: EntityChange[] = [];
  for (const c of facts.changes) {
    const cur = CURATED[c.id];
    if (!cur) {
      missing.push(c.id);
      continue;
    }
    if (cur.covered || !cur.trigger) continue;
    const skip = new Set(cur.skipPaths ?? []);
    let fields: string[] = [];
    let fieldsByPlugin: Record<string, string[]> | undefined;
    if (cur.fields) fields = cur.fields;
    else if (Array.isArray(c.fields)) fields = c.fields;
    else if (c.fields && typeof c.fields === 'object') {
      fieldsByPlugin = {};
      for (const [plugin, paths] of Object.entries(c.fields)) {
        const kept = paths.filter((p) => !skip.has(`${plugin}:${p}`));
        if (kept.length) fieldsByPlugin[plugin] = kept;
      }
    } else if (c.field) fields = [c.field];
    const version = c.version ?? c.hop.split('->')[1]!;
    const pin = cur.pin === null ? undefined : cur.pin !== undefined ? cur.pin : jsonDefault(c.old_default);
    const rec: EntityChange = {
      id: c.id,
      hop: c.hop,
      version,
      entity: c.entity,
      ...(c.plugins ? { plugins: fieldsByPlugin ? c.plugins.filter((p) => fieldsByPlugin![p]) : c.plugins } : {}),
      fields,
      ...(fieldsByPlugin ? { fieldsByPlugin } : {}),
      kind: c.kind,
      code: DEFAULT_KINDS.has(c.kind) ? 'entity-default-change' : 'entity-change',
      trigger: cur.trigger,
      ...(cur.when ? { when: cur.when } : {}),
      severity: cur.severity ?? 'warning',
      change: cur.change ?? '',
      effect: cur.effect ?? '',
      keep: cur.keep ?? '',
      ...(pin !== undefined ? { pin } : {}),
      ...(cur.pinRefusedUnless ? { pinRefusedUnless: cur.pinRefusedUnless } : {}),
      ...(cur.mootWhen ? { mootWhen: cur.mootWhen } : {}),
      ...(cur.refused ? { refused: cur.refused } : {}),
      deck: { convert: c.deck?.convert ?? null, lint: lintByChange.get(c.id) ?? [] },
      docsUrl: DOCS_BY_HOP[c.hop] ?? 'https://developer.konghq.com/gateway/breaking-changes/',
      sources: c.sources,
    };
    if (!rec.change || !rec.effect || !rec.keep) throw new Error(`entities.source.ts: ${c.id} needs change, effect and keep`);
    if (!fields.length && !fieldsByPlugin) throw new Error(`entities.source.ts: ${c.id} names no field`);
    changes.push(rec);
  }
  if (missing.length) throw new Error(`entities.source.ts has no reading of these entity changes: ${missing.join(', ')}`);
  const deckLint: DeckLintRule[] = facts.deck.lint_rules.map((l) => ({
    ruleset: l.ruleset,
    rule: l.rule,
    severity: l.severity,
    entity: l.entity,
    flags: l.flags,
    relatesTo: l.relates_to,
    given: l.given,
    source: l.source,
  }));
  const ignoredFields: IgnoredField[] = facts.accepted_but_ignored.fields.map((f) => ({ plugin: f.plugin, field: f.field, since: f.since, status: f.status, sources: f.sources }));
  return sortKeys({ schema: 'kong-upgrade/entities v1', changes, deckLint, ignoredFields, sources: facts.sources });
}
