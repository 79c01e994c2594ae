/**
 * Shape of the compiled plugin knowledge base (server/knowledge/plugins.json), written by
 * scripts/kb/plugins.ts from ../shared/kong-facts/plugins and committed.
 *
 * Versions here are Kong minor lines ("2.8", "3.10"): the plugin facts are per line.
 * Field paths are relative to a plugin's `config` ("redis.host"); `[]` marks the element
 * record of an array/set ("cluster_nodes[].ip") and `.*` the value record of a map, as in
 * the facts. Top-level plugin fields (protocols, consumer, route, service, consumer_group,
 * run_on) are kept apart in `PluginRecord.top`.
 *
 * Sources: every record that needs one carries an index into `PluginKnowledge.sources`
 * (strings like "plugins/plugin-changes.json: schema-diff: ..."). A field state's own
 * source is its position in the facts and is derived by the query API
 * (plugins/plugin-fields.json plugins.<name>.versions.<from>.fields.config.<path>).
 */

import type { Edition } from './types';

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | { [k: string]: JsonValue };

/** Which editions' schema data back a plugin line. */
export type LineEditions = 'oss' | 'enterprise' | 'both';

export interface PluginKnowledge {
  schema: 1;
  /** Every minor line the plugin facts cover, ascending ("1.0" … "3.15"). */
  lines: string[];
  /** Plugin docs: `${docsBase}<name>/` and `${docsBase}<name>/reference/`. */
  docsBase: string;
  /** Shared source strings; records refer to them by index. */
  sources: string[];
  plugins: Record<string, PluginRecord>;
  format: DeclarativeKnowledge;
  /** Lines whose plugin facts come from a release branch before GA ("3.16"). */
  releaseBranchLines?: string[];
}

export interface PluginRecord {
  /** Edition that ships the plugin: OSS plugins are also in Enterprise. */
  edition: Edition;
  /** Our own one-sentence description. */
  description: string;
  /** Lines with schema data, ascending. A line missing between two known ones means "no data", not "absent". */
  lines: string[];
  /** Parallel to `lines`: which editions' schemas back the line. */
  lineEditions: LineEditions[];
  /** Parallel to `lines`: source indexes of the schema files used. */
  lineSources: number[][];
  /**
   * True when the first line is a real first appearance (a plugin-level event, or an OSS
   * schema that appears after 1.0); false when it is only where the facts start (so older
   * lines are "no data").
   */
  addedKnown: boolean;
  /** Plugin-level appearance / disappearance events. */
  events: PluginEvent[];
  /** Fields under `config`, keyed by config-relative path. */
  fields: Record<string, FieldRecord>;
  /** Top-level plugin fields (protocols, consumer, route, service, consumer_group, run_on). */
  top: Record<string, FieldRecord>;
}

export interface PluginEvent {
  kind: 'added' | 'removed';
  /** First line with the change. */
  version: string;
  /** Line before it. */
  prev: string;
  lowConfidence?: true;
  source: number;
}

export interface FieldRecord {
  /** Ascending by `from`; each state holds until the next one. Lines before the first state: not present. */
  states: FieldState[];
  /** Life events from plugin-changes.json, ascending by version. */
  events?: FieldEvent[];
  /** Our own short description (only for some common fields). */
  description?: string;
}

export interface FieldState {
  /** First line of this state. */
  from: string;
  /** The field does not exist from `from` on. All other attributes are then unset. */
  absent?: true;
  /** Schema type: string, number, integer, boolean, array, set, map, record, foreign, json. */
  type?: string;
  /** Element type of an array/set. */
  elements?: string;
  /** Key and value types of a map. */
  keys?: string;
  values?: string;
  /** Allowed values (the schema's one_of). */
  enum?: JsonScalar[];
  /** Allowed element values of an array/set. */
  elementsEnum?: JsonScalar[];
  /** Default value; the key is absent when the field has no default. "<random>" = generated per node. */
  default?: JsonValue;
  required?: true;
  /** Numeric bounds (between → min/max) and exclusive lower bound. */
  min?: number;
  max?: number;
  gt?: number;
  lenMin?: number;
  lenMax?: number;
  /** Accepts vault references ({vault://...}). */
  referenceable?: true;
  /** Top-level scoping field that must be null: the plugin cannot be scoped this way. */
  mustBeNull?: true;
  /** Input-only alias (Kong's shorthand field): accepted, translated, never stored. */
  alias?: true;
  deprecated?: FieldDeprecation;
  /** Set only when one edition's schema lacks the field at this line: the editions that have it. */
  editions?: Edition[];
  /** Enterprise values that differ from the (OSS) values above; null = the attribute is unset in Enterprise. */
  ent?: { default?: JsonValue; enum?: JsonScalar[] | null; elementsEnum?: JsonScalar[] | null; required?: boolean | null };
  /** Alias data copied forward from this line (3.13+ data has no alias information of its own). */
  carried?: string;
}

export interface FieldDeprecation {
  /** Config-relative replacement paths (one field may be split into several); empty when unknown. */
  replacement: string[];
  /** End of an alias chain, when it differs. */
  finalReplacement?: string[];
  /** Kong version announced for removal ("4.0"), if any. */
  removalIn?: string;
  /** Accepted but has no effect. */
  valueIgnored?: true;
  /** A regular field that is deprecated: its value is not moved to the replacement. */
  notAnAlias?: true;
  /** The old value cannot be moved to the replacement as it is (another shape or meaning): no rename. */
  valueNotTransferable?: true;
  /** The replacement was inferred (other edition, later line, docs table or message). */
  inferred?: true;
  /** Where the deprecation data comes from (source index). */
  basis: number;
  /** First line of the uninterrupted run of deprecations, when the facts give it ("3.3"). */
  since?: string;
  /** Copied from this line into later ones whose data cannot show deprecations ("3.12"). */
  carriedFrom?: string;
  /** The file the carried deprecation was read from (source index). */
  originalSource?: number;
  /** Our words on why the value cannot be moved as it is (value not transferable). */
  note?: string;
}

export type FieldEventKind = 'added' | 'removed' | 'renamed' | 'deprecated' | 'default_changed' | 'type_changed' | 'enum_changed' | 'required_changed';

export interface FieldEvent {
  kind: FieldEventKind;
  /** First version with the change (a line; a patch "x.y.z" when `patch`). */
  version: string;
  /** Version compared against (previous line, or x.y.0 when `patch`). */
  prev: string;
  /** Source streams that showed the change. */
  editions: Edition[];
  /** renamed: old/new config-relative paths; *_changed: old/new values. */
  old?: JsonValue;
  new?: JsonValue;
  /** renamed/deprecated/removed: config-relative replacement paths. */
  replacement?: string[];
  /** renamed: the old name stays accepted as an alias. */
  stillAccepted?: boolean;
  /** removed: an alias stopped being accepted. */
  aliasRemoved?: true;
  /** removed: the name is still accepted but has no effect. */
  ignored?: true;
  /** top-level consumer/route/service/consumer_group: scoping restriction lifted (removed) or added (added). */
  scopeLifted?: true;
  scopeAdded?: true;
  /** added/removed together with its parent record. */
  parentAdded?: true;
  parentRemoved?: true;
  /** deprecated: the field already was an alias before. */
  aliasExisted?: true;
  /** The replacement is a suggestion, not an automatic translation. */
  suggestion?: true;
  /** Found between x.y.0 and the newest x.y.z. */
  patch?: true;
  lowConfidence?: true;
  source: number;
}

// ---------------------------------------------------------------------------
// Declarative-format facts (decK files / DB-less kong.yml)

export interface DeclarativeKnowledge {
  /** `_format_version` values Kong accepts, per version range [from, until). */
  formatVersions: FormatVersionRange[];
  /** decK refuses to sync files with this `_format_version` to Kong `fromKong` or later. */
  deckRefuses: Array<{ formatVersion: string; fromKong: string; source: number }>;
  /** Kong migrates old-format files while loading them. */
  onTheFly: { from: string; formatVersions: string[]; treatedAs: string; targets: string[]; source: number };
  /** From `from`, a route path that is not a plain prefix is a regex only when it starts with `prefix`. */
  regexPath: RegexPathRule;
  /** `deck file convert` steps and their rules. */
  convert: ConvertStep[];
  /** decK's embedded lint rules (ids, severities, where they look; no messages). */
  lint: LintRule[];
  /** Top-level keys of a declarative file. */
  topLevelKeys: Array<{ key: string; required?: true; enterpriseOnly?: true; type?: string; default?: JsonValue }>;
  /** Fields of the plugin entity itself that came or went. */
  pluginEntity: Array<{ field: string; added?: string; removed?: string; enterpriseOnly?: true; lowConfidence?: true; source: number }>;
}

export interface FormatVersionRange {
  from: string;
  /** First line where this range no longer holds; absent = still current. */
  until?: string;
  values: string[];
  source: number;
}

export interface RegexPathRule {
  from: string;
  /** Body of a regex character class: a path made only of these characters is a plain prefix. */
  plainChars: string;
  prefix: string;
  /** Where the rule applies in a declarative file. */
  targets: string[];
  source: number;
}

export type ConvertAction =
  /** Set `target` to `value`. */
  | 'set'
  /** Prefix regex-like paths at `target` with the regex prefix. */
  | 'regex-prefix'
  /** Generate a value for `field` when it is missing. */
  | 'generate-if-missing'
  /** Move the value at `old` to `new` (config-relative). */
  | 'move'
  /** Delete `old`. */
  | 'delete'
  /** Wrap a scalar at each of `fields` into a one-element list. */
  | 'wrap-list'
  /** Set each of `fields` (or `field`) to `value` when absent. */
  | 'set-if-absent'
  /** Run decK's lint ruleset `ruleset`. */
  | 'lint'
  /** Apply the rules of step `includes` first. */
  | 'include'
  /** Only prints a notice. */
  | 'notice';

export interface ConvertStep {
  /** "2.x->3.x", "2.8->3.4", ... */
  id: string;
  /** Lines the step converts between (decK's "kong-gateway-2.x" is taken as 2.8, "-3.x" as 3.0). */
  from: string;
  to: string;
  command: string;
  /** First decK release with the step. */
  deckVersion?: string;
  /** Entity lists where plugins are visited. */
  pluginLocations: string[];
  /** What happens when `move` finds both old and new set (our words). */
  moveSemantics?: string;
  rules: ConvertRule[];
  source: number;
}

export interface ConvertRule {
  id: string;
  action: ConvertAction;
  /** Plugins the rule touches; '*' = any plugin. Absent for entity-level rules. */
  plugins?: string[] | '*';
  /** Entity-level target (JSON-ish path in the file), e.g. "_format_version", "services[].routes[].paths[]". */
  target?: string;
  /** Config-relative paths. */
  old?: string;
  new?: string;
  field?: string;
  fields?: string[];
  /** Per-plugin config-relative paths (set-if-absent). */
  fieldsByPlugin?: Record<string, string[]>;
  /** Condition on the entity, e.g. { protocol: ["https", ...] }. */
  when?: Record<string, JsonValue>;
  value?: JsonValue;
  ruleset?: string;
  includes?: string;
  /** Our own short note. */
  note: string;
  lowConfidence?: true;
}

export interface LintRule {
  ruleset: string;
  id: string;
  severity: 'error' | 'warn';
  /** null = entity rule (routes, services, top level). */
  plugins: string[] | null;
  paths: string[];
  checks: Array<{ function: string; field?: string; options?: JsonValue }>;
  source: number;
}
