/**
 * Entity knowledge (server/knowledge/entities.json, built by scripts/kb/entities.ts from
 * kong-facts/upgrade/entity-changes.json): what an upgrade changes in the entities of a
 * declarative file, as data the generic entity rules read. Nothing in the rules names an
 * entity field or a plugin; a new Kong release with such changes is new data.
 */
import type { JsonValue } from './pluginTypes';

export type EntityKind = 'route' | 'service' | 'plugin' | 'partial' | 'event_hook' | 'target' | 'declarative_file';

/** A condition on the entity (all must hold). Paths are dotted, relative to the entity. */
export type EntityCondition =
  /** The value at `path` (or, when absent, the scheme of the URL at `urlPath`; else `absentAs`) is one of `in`. */
  | { path: string; in: JsonValue[]; urlPath?: string; absentAs?: JsonValue }
  /** The string value at `path` matches `pattern` (a JavaScript regular expression source). */
  | { path: string; matches: string }
  /** Something is written at `path`. */
  | { path: string; present: true }
  /** The file's `_format_version` is one of these (an absent one counts as the first). */
  | { formatVersionIn: string[] };

/** What makes an entity hit by a change. */
export type EntityTrigger =
  /** A field is not written (nested fields: only where their parent map is written). */
  | { type: 'absent' }
  /** A field holds one of these values (for a list: one of its elements does). */
  | { type: 'value'; values: JsonValue[] }
  /** A string field (or a list's string elements) matches the pattern. */
  | { type: 'pattern'; pattern: string }
  /** The field is written and is not a map of strings. */
  | { type: 'not-string-map' }
  /** Every entity of the kind (its `when` conditions still apply). */
  | { type: 'always' }
  /** A plugin attached in one of these scopes. */
  | { type: 'scope'; scopes: string[] }
  /** Two entries of a list (under the same parent) share the value at `field`. */
  | { type: 'duplicate' };

/** A kong.conf property (also a KONG_* variable) that, set to `value`, makes the finding moot. */
export interface SettingCondition {
  property: string;
  /** Values (lower-cased) that count; any of them. */
  values: string[];
}

export interface EntityChange {
  /** Fact id, e.g. "E314-route-protocols". */
  id: string;
  /** LTS hop of the facts ("3.10->3.14"). */
  hop: string;
  /** The minor where the change happens (the finding applies to a current < version <= target). */
  version: string;
  entity: EntityKind;
  /** Plugins the change is about (entity plugin); field paths below are under the plugin entry (`config.x`). */
  plugins?: string[];
  /** Field paths checked, relative to the entity; per plugin when they differ. `[]` = each list element. */
  fields: string[];
  fieldsByPlugin?: Record<string, string[]>;
  kind: string;
  /** Rule code: entity-default-change (a default flips) or entity-change (anything else). */
  code: 'entity-default-change' | 'entity-change';
  trigger: EntityTrigger;
  when?: EntityCondition[];
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** Our words: what changes (without the version) and what the user sees. */
  change: string;
  effect: string;
  /** How to keep today's behaviour, in our words. */
  keep: string;
  /** The value that keeps today's behaviour, written when absent ("Keep today's behaviour" fix). */
  pin?: JsonValue;
  /** The target refuses the pinned value unless this setting holds (the fix then says so). */
  pinRefusedUnless?: SettingCondition;
  /** The finding does not apply when the workspace has this setting (the old behaviour is kept there). */
  mootWhen?: SettingCondition;
  /** Also check an explicit value that the target refuses unless the setting holds. */
  refused?: { value: JsonValue; unless: SettingCondition };
  /** decK: what `deck file convert` does about it and the lint rules that flag it (ruleset/rule). */
  deck: { convert: string | null; lint: string[] };
  docsUrl: string;
  sources: string[];
}

export interface DeckLintRule {
  ruleset: string;
  rule: string;
  severity: string;
  entity: string;
  /** Our summary of what it flags. */
  flags: string;
  relatesTo: string[];
  given: string[];
  source: { repo: string; path: string; commit: string };
}

export interface IgnoredField {
  plugin: string;
  /** Path under the plugin entry, e.g. "config.cookie_renew". */
  field: string;
  since: string;
  status: string;
  sources: string[];
}

export interface EntityKnowledge {
  schema: 'kong-upgrade/entities v1';
  changes: EntityChange[];
  deckLint: DeckLintRule[];
  ignoredFields: IgnoredField[];
  sources: Record<string, JsonValue>;
}

/** A kong.conf property as the workspace sets it (kong.conf or a KONG_* variable), and where. */
export interface WorkspaceSetting {
  value: string;
  /** Workspace-relative path of the file that sets it. */
  path: string;
}
/** kong.conf properties other files of the workspace set, by property (see check.ts workspaceSettings). */
export type WorkspaceSettings = Readonly<Record<string, WorkspaceSetting>>;
