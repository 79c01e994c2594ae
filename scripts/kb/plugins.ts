/**
 * Compile kong-facts/plugins/*.json into PluginKnowledge (server/knowledge/plugins.json).
 *
 *   npx tsx scripts/kb/plugins.ts --facts ../shared/kong-facts --out server/knowledge/plugins.json
 *
 * Pure data transform apart from reading the facts and scripts/kb/plugin-descriptions.json:
 * deterministic (sorted keys, no timestamps). Kong's own sentences (deprecation messages,
 * changelog quotes, lint messages) are deliberately not carried over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Edition } from '../../server/src/core/knowledge/types';
import type {
  ConvertRule,
  ConvertStep,
  DeclarativeKnowledge,
  FieldDeprecation,
  FieldEvent,
  FieldEventKind,
  FieldRecord,
  FieldState,
  JsonScalar,
  JsonValue,
  LineEditions,
  LintRule,
  PluginEvent,
  PluginKnowledge,
  PluginRecord,
} from '../../server/src/core/knowledge/pluginTypes';
import { cmp, readJson, sortKeys } from './util';

const FIELDS_FILE = 'plugins/plugin-fields.json';
const CHANGES_FILE = 'plugins/plugin-changes.json';
const FORMAT_FILE = 'plugins/declarative-format-changes.json';
const DOCS_BASE = 'https://developer.konghq.com/plugins/';

// ---------------------------------------------------------------------------
// Facts shapes (only what we read)

interface FactsDeprecation {
  message?: string | null;
  removal_in_version?: string | null;
  replacement?: string[] | null;
  final_replacement?: string[] | null;
  basis?: string;
  replacement_inferred?: string;
  value_ignored?: boolean;
  not_an_alias?: boolean;
  value_not_transferable?: boolean;
  carried_forward?: boolean;
  carried_forward_from?: string;
  deprecated_since?: string;
  original_source?: string;
}
interface FactsField {
  type: string;
  default?: JsonValue;
  required?: boolean;
  enum?: JsonScalar[];
  elements_type?: string;
  elements_enum?: JsonScalar[];
  keys_type?: string;
  values_type?: string;
  between?: [number, number];
  min?: number;
  max?: number;
  gt?: number;
  len_min?: number;
  len_max?: number;
  referenceable?: boolean;
  must_be_null?: boolean;
  shorthand?: boolean;
  deprecated?: FactsDeprecation;
  editions?: Edition[];
  enterprise_differs?: Record<string, JsonValue>;
  carried_forward_from?: string;
}
interface FactsPluginVersion {
  prerelease_data?: boolean;
  release_branch_data?: boolean;
  sources: Array<{ edition: Edition; ref: string }>;
  fields: Record<string, FactsField>;
}
interface FactsFields {
  versions: string[];
  plugins: Record<string, { edition: Edition; versions: Record<string, FactsPluginVersion> }>;
}
interface FactsEvent {
  plugin: string;
  field: string | null;
  kind: FieldEventKind;
  from_version: string;
  to_version: string;
  old: JsonValue;
  new: JsonValue;
  replacement: string[] | null;
  editions: Edition[];
  source: string;
  details?: Record<string, JsonValue>;
  patch_level?: boolean;
}

// ---------------------------------------------------------------------------

class SourceTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** "config.redis.host" -> "redis.host"; other paths unchanged. */
export function relPath(p: string): string {
  return p.startsWith('config.') ? p.slice('config.'.length) : p;
}

function isObj(v: unknown): v is Record<string, JsonValue> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function normDeprecation(d: FactsDeprecation, src: SourceTable): FieldDeprecation {
  const out: FieldDeprecation = {
    replacement: (d.replacement ?? []).map(relPath),
    basis: src.id(`${FIELDS_FILE} deprecation basis: ${d.basis ?? 'unknown'}`),
  };
  if (d.final_replacement && d.final_replacement.length) out.finalReplacement = d.final_replacement.map(relPath);
  if (d.removal_in_version) out.removalIn = d.removal_in_version;
  if (d.value_ignored) out.valueIgnored = true;
  if (d.not_an_alias) out.notAnAlias = true;
  if (d.value_not_transferable) out.valueNotTransferable = true;
  if (d.replacement_inferred) out.inferred = true;
  // Provenance: a deprecation carried into lines whose data cannot show it says so, with its first line and file.
  if (d.deprecated_since) out.since = d.deprecated_since;
  if (d.carried_forward && d.carried_forward_from) out.carriedFrom = d.carried_forward_from;
  if (d.carried_forward && d.original_source) out.originalSource = src.id(`${FIELDS_FILE} carried deprecation: ${d.original_source}`);
  return out;
}

const ENT_KEYS: Record<string, 'default' | 'enum' | 'elementsEnum' | 'required'> = {
  default: 'default',
  enum: 'enum',
  elements_enum: 'elementsEnum',
  required: 'required',
};

/** One field at one line, in our shape (without `from`). */
function normField(f: FactsField, src: SourceTable): Omit<FieldState, 'from'> {
  const s: Omit<FieldState, 'from'> = { type: f.type };
  if (f.elements_type) s.elements = f.elements_type;
  if (f.keys_type) s.keys = f.keys_type;
  if (f.values_type) s.values = f.values_type;
  if (f.enum) s.enum = f.enum;
  if (f.elements_enum) s.elementsEnum = f.elements_enum;
  if ('default' in f && f.default !== undefined) s.default = f.default;
  if (f.required) s.required = true;
  if (f.between) {
    s.min = f.between[0];
    s.max = f.between[1];
  }
  if (typeof f.min === 'number') s.min = f.min;
  if (typeof f.max === 'number') s.max = f.max;
  if (typeof f.gt === 'number') s.gt = f.gt;
  if (typeof f.len_min === 'number') s.lenMin = f.len_min;
  if (typeof f.len_max === 'number') s.lenMax = f.len_max;
  if (f.referenceable) s.referenceable = true;
  if (f.must_be_null) s.mustBeNull = true;
  if (f.shorthand) s.alias = true;
  if (f.deprecated) s.deprecated = normDeprecation(f.deprecated, src);
  if (f.editions && f.editions.length) s.editions = [...f.editions].sort();
  if (f.enterprise_differs) {
    const ent: NonNullable<FieldState['ent']> = {};
    for (const [k, v] of Object.entries(f.enterprise_differs)) {
      const key = ENT_KEYS[k];
      if (!key) continue;
      (ent as Record<string, JsonValue>)[key] = v;
    }
    if (Object.keys(ent).length) s.ent = ent;
  }
  if (f.carried_forward_from) s.carried = f.carried_forward_from;
  return s;
}

function lineEditionsOf(v: FactsPluginVersion): LineEditions {
  const eds = new Set(v.sources.map((s) => s.edition));
  return eds.has('oss') && eds.has('enterprise') ? 'both' : eds.has('oss') ? 'oss' : 'enterprise';
}

const TOP_LEVEL = (p: string) => !p.startsWith('config.') && p !== 'config';

function pushEvent(rec: PluginRecord, facts: FactsEvent, src: SourceTable): void {
  const p = facts.field!;
  const top = TOP_LEVEL(p);
  const key = top ? p : relPath(p);
  const map = top ? rec.top : rec.fields;
  const fr: FieldRecord = map[key] ?? (map[key] = { states: [] });
  const d = facts.details ?? {};
  const ev: FieldEvent = {
    kind: facts.kind,
    version: facts.to_version,
    prev: facts.from_version,
    editions: [...facts.editions].sort(),
    source: src.id(`${CHANGES_FILE}: ${facts.source}`),
  };
  switch (facts.kind) {
    case 'renamed':
      ev.old = typeof facts.old === 'string' ? relPath(facts.old) : facts.old;
      ev.new = typeof facts.new === 'string' ? relPath(facts.new) : facts.new;
      ev.stillAccepted = d.old_name_still_accepted === true;
      break;
    case 'default_changed':
    case 'type_changed':
    case 'enum_changed':
    case 'required_changed':
      ev.old = facts.old;
      ev.new = facts.new;
      break;
    case 'deprecated':
      if (isObj(facts.new) && typeof facts.new.removal_in_version === 'string') ev.new = { removalIn: facts.new.removal_in_version };
      break;
    default:
      break;
  }
  let replacement = facts.replacement ?? null;
  if (!replacement && Array.isArray(d.was_alias_of)) replacement = d.was_alias_of as string[];
  if (!replacement && typeof d.use_instead === 'string') replacement = [d.use_instead];
  if (replacement && replacement.length) ev.replacement = replacement.map(relPath);
  if (d.alias_removed) ev.aliasRemoved = true;
  if (d.accepted_but_ignored) ev.ignored = true;
  if (d.scope_restriction_lifted) ev.scopeLifted = true;
  if (d.scope_restriction_added) ev.scopeAdded = true;
  if (d.parent_added) ev.parentAdded = true;
  if (d.parent_removed) ev.parentRemoved = true;
  if (d.alias_already_existed) ev.aliasExisted = true;
  if (d.replacement_is_suggestion) ev.suggestion = true;
  if (d.confidence === 'low') ev.lowConfidence = true;
  if (facts.patch_level) ev.patch = true;
  (fr.events ??= []).push(ev);
}

export function buildPlugins(factsDir: string): PluginKnowledge {
  const fieldsFacts = readJson<FactsFields>(factsDir, FIELDS_FILE);
  const changes = readJson<{ events: FactsEvent[] }>(factsDir, CHANGES_FILE);
  const descriptions = JSON.parse(fs.readFileSync(path.join(__dirname, 'plugin-descriptions.json'), 'utf8')) as Record<string, string>;
  const fieldDescriptions = JSON.parse(fs.readFileSync(path.join(__dirname, 'plugin-field-descriptions.json'), 'utf8')) as Record<string, Record<string, string>>;
  const fieldNotes = JSON.parse(fs.readFileSync(path.join(__dirname, 'plugin-field-notes.json'), 'utf8')) as Record<
    string,
    Record<string, { valueNotTransferable?: boolean; valueIgnored?: boolean; note?: string }>
  >;
  const src = new SourceTable();
  const allLines = [...fieldsFacts.versions].sort(cmp);
  const releaseBranchLines = new Set<string>();
  for (const fp of Object.values(fieldsFacts.plugins)) for (const [l, v] of Object.entries(fp.versions)) if (v.release_branch_data) releaseBranchLines.add(l);
  const lineIdx = new Map(allLines.map((l, i) => [l, i]));

  const plugins: Record<string, PluginRecord> = {};
  for (const name of Object.keys(fieldsFacts.plugins).sort()) {
    const fp = fieldsFacts.plugins[name];
    const lines = Object.keys(fp.versions).sort(cmp);
    const rec: PluginRecord = {
      edition: fp.edition,
      description: descriptions[name] ?? '',
      lines,
      lineEditions: lines.map((l) => lineEditionsOf(fp.versions[l])),
      lineSources: lines.map((l) => fp.versions[l].sources.map((s) => src.id(`${FIELDS_FILE} plugins.${name}.versions.${l}: ${s.ref}`))),
      addedKnown: false,
      events: [],
      fields: {},
      top: {},
    };
    // Field states, compressed into ranges.
    const paths = new Set<string>();
    for (const l of lines) for (const p of Object.keys(fp.versions[l].fields)) if (p !== 'config') paths.add(p);
    for (const p of [...paths].sort()) {
      const states: FieldState[] = [];
      let prevKey: string | null = null;
      for (const l of lines) {
        const f = fp.versions[l].fields[p];
        let st: FieldState;
        if (f) st = { from: l, ...normField(f, src) };
        else if (prevKey === null)
          continue; // not yet present
        else st = { from: l, absent: true };
        const { from: _from, ...rest } = st;
        void _from;
        const key = JSON.stringify(sortKeys(rest)); // canonical: facts objects may list keys in another order per line
        if (key === prevKey) continue;
        prevKey = key;
        states.push(st);
      }
      // A shorthand inferred deprecated only for being a shorthand (no replacement, no message)
      // whose path later shows as a regular, undeprecated field translates values into that
      // same field (canary hash): it is no deprecation and no alias.
      const later = states.find((x) => !x.absent && !x.alias && !x.deprecated && x.from !== states[0]?.from);
      if (later) {
        for (const x of states) {
          if (cmp(x.from, later.from) >= 0 || !x.alias || !x.deprecated || x.deprecated.replacement.length) continue;
          if (!/shorthand-alias$/.test(src.list[x.deprecated.basis] ?? '')) continue;
          delete x.deprecated;
          delete x.alias;
        }
        for (let i = states.length - 1; i > 0; i--) {
          const { from: _a, ...ra } = states[i]!;
          const { from: _b, ...rb } = states[i - 1]!;
          void _a;
          void _b;
          if (JSON.stringify(sortKeys(ra)) === JSON.stringify(sortKeys(rb))) states.splice(i, 1);
        }
      }
      const top = TOP_LEVEL(p);
      (top ? rec.top : rec.fields)[top ? p : relPath(p)] = { states };
    }
    for (const [field, n] of Object.entries(fieldNotes[name] ?? {})) {
      if (field === '//') continue;
      for (const x of rec.fields[field]?.states ?? []) {
        if (!x.deprecated) continue;
        if (n.valueNotTransferable) x.deprecated.valueNotTransferable = true;
        if (n.valueIgnored) x.deprecated.valueIgnored = true;
        if (n.note) x.deprecated.note = n.note;
      }
    }
    plugins[name] = rec;
  }

  // Our field descriptions; a path the facts do not know is an error so they stay in step.
  for (const [name, byPath] of Object.entries(fieldDescriptions)) {
    for (const [p, text] of Object.entries(byPath)) {
      const fr = plugins[name]?.fields[p];
      if (!fr) throw new Error(`plugin-field-descriptions.json: ${name} has no field ${p}`);
      fr.description = text;
    }
  }

  // Change events.
  for (const e of changes.events) {
    const rec = plugins[e.plugin];
    if (!rec) continue;
    if (e.field === null) {
      if (e.kind !== 'added' && e.kind !== 'removed') continue;
      const pe: PluginEvent = { kind: e.kind, version: e.to_version, prev: e.from_version, source: src.id(`${CHANGES_FILE}: ${e.source}`) };
      if (e.details?.confidence === 'low') pe.lowConfidence = true;
      rec.events.push(pe);
      continue;
    }
    pushEvent(rec, e, src);
  }

  for (const [name, rec] of Object.entries(plugins)) {
    const first = rec.lines[0];
    const hasAddedEvent = rec.events.some((e) => e.kind === 'added');
    // An OSS schema showing up after the first line of the facts is a real first appearance.
    const ossAppears = rec.lineEditions[0] !== 'enterprise' && lineIdx.get(first)! > 0;
    if (!hasAddedEvent && ossAppears) {
      const prev = allLines[lineIdx.get(first)! - 1];
      rec.events.push({ kind: 'added', version: first, prev, source: src.id(`${FIELDS_FILE} plugins.${name}: first line with a schema`) });
    }
    rec.addedKnown = hasAddedEvent || ossAppears;
    rec.events.sort((a, b) => cmp(a.version, b.version) || a.kind.localeCompare(b.kind));
    for (const fr of [...Object.values(rec.fields), ...Object.values(rec.top)]) {
      if (fr.events) fr.events.sort((a, b) => cmp(a.version, b.version)); // stable: keeps facts order within a version
    }
  }

  const format = buildFormat(factsDir, src, allLines);

  return sortKeys({
    schema: 1 as const,
    lines: allLines,
    releaseBranchLines: [...releaseBranchLines].sort(cmp),
    docsBase: DOCS_BASE,
    sources: src.list,
    plugins,
    format,
  });
}

// ---------------------------------------------------------------------------
// Declarative format

interface FactsConvertRule {
  id: string;
  plugins?: string | string[];
  plugin_locations?: string[];
  old?: string;
  new?: string | null;
  field?: string;
  fields?: string[];
  fields_by_plugin?: Record<string, string[]>;
  target?: string;
  effect?: string;
  regex_like_definition?: string;
  caveat?: string;
  scope_caveat?: string;
}
interface FactsConvert {
  from: string;
  to: string | string[];
  command?: string;
  deck_version_introduced?: string;
  rules: FactsConvertRule[];
  plugin_locations?: string[];
  move_semantics?: string;
  observations?: Array<{ confidence?: string; text?: string }>;
}
interface FactsFormat {
  deck_file_convert: FactsConvert[];
  lint_rulesets: Record<
    string,
    Array<{ rule: string; severity: string; plugins: string[] | null; applies_to_jsonpath: string[]; checks: Array<{ function: string; field?: string; options?: JsonValue }> }>
  >;
  deck_sync_checks: Array<{ id: string; effect: string; source: string }>;
  kong_declarative_format: {
    _format_version_accepted: Array<{ kong: string; values: string[] }>;
    on_the_fly_migration_in_kong_3x: { introduced: string; applies_when: string; targets: string[] };
    top_level_keys: Record<string, string>;
    plugin_entity_fields: Array<{ field: string; added_in?: string; removed_in?: string; confidence?: string }>;
  };
}

/** decK names an upgrade by its product line; the line it converts from and to. */
const CONVERT_LINE: Record<string, string> = { 'kong-gateway-2.x': '2.8', 'kong-gateway-3.x': '3.0' };
const versionToken = (s: string): string | undefined => /(\d+\.\d+)/.exec(s)?.[1];

/**
 * How each decK rule acts, keyed by the facts' rule id. The facts describe the effect in
 * prose; this table restates it as data. An id the facts lack (or a new one) fails the build,
 * so a change in the facts is noticed.
 */
const RULE_ACTIONS: Record<string, Omit<ConvertRule, 'id' | 'plugins'>> = {
  'format-version': { action: 'set', target: '_format_version', value: '3.0', note: 'sets _format_version to "3.0" whatever the input says' },
  'route-regex-path-tilde': {
    action: 'regex-prefix',
    target: 'services[].routes[].paths[]',
    note: 'adds the "~" prefix to route paths that look like regexes; top-level routes[] are not visited',
  },
  'rla-namespace': {
    action: 'generate-if-missing',
    field: 'namespace',
    note: 'generates a random namespace when config.namespace is missing or null; plugins nested in services[].routes[] are not visited',
  },
  'audit-warning': { action: 'notice', note: 'prints a reminder that the automatic changes may be incomplete' },
  'includes-2x-to-3x': { action: 'include', includes: '2.x->3.x', note: 'runs the 2.x -> 3.x rules first' },
  'acl-like-blacklist': { action: 'move', note: 'moves the value to the new field name, in any plugin' },
  'acl-like-whitelist': { action: 'move', note: 'moves the value to the new field name, in any plugin' },
  'aws-lambda-proxy-scheme': { action: 'delete', note: 'drops the field' },
  'serverless-functions': { action: 'move', note: 'moves the function list to the access phase' },
  'lint-280-to-340': { action: 'lint', ruleset: '280-to-340', note: "lints the file with decK's 2.8 -> 3.4 ruleset" },
  'redis-cluster-addresses': { action: 'move', note: 'moves the list as is; "host:port" strings are not reshaped into {ip, port} records' },
  'redis-sentinel-addresses': { action: 'move', note: 'moves the list as is' },
  'ai-rla-scalar-to-list': {
    action: 'wrap-list',
    note: 'wraps a single value into a one-element list; only when llm_providers is an object',
    lowConfidence: true,
  },
  'ai-upstream-path': { action: 'move', note: 'moves the value to the new field; nested model blocks (e.g. targets[]) are not visited' },
  'lint-340-to-310': { action: 'lint', ruleset: '340-to-310', note: "lints the file with decK's 3.4 -> 3.10 ruleset" },
  'route-protocols': {
    action: 'set-if-absent',
    target: 'routes[]',
    field: 'protocols',
    value: ['http', 'https'],
    note: 'pins the pre-3.14 route protocols when a route has none',
  },
  'service-tls-verify': {
    action: 'set-if-absent',
    target: 'services[]',
    field: 'tls_verify',
    value: false,
    when: { protocol: ['https', 'tls', 'grpcs', 'wss'] },
    note: 'pins the pre-3.14 upstream TLS verification for TLS services that do not set it',
  },
  'auth-hide-credentials': { action: 'set-if-absent', value: false, note: 'pins the pre-3.14 default when the field is absent' },
  'ssl-verify-defaults': { action: 'set-if-absent', value: false, note: 'pins the pre-3.14 default when absent; nested paths only when their parent exists' },
  'lint-310-to-314': { action: 'lint', ruleset: '310-to-314', note: "lints the file with decK's 3.10 -> 3.14 ruleset" },
};

function buildFormat(factsDir: string, src: SourceTable, allLines: string[]): DeclarativeKnowledge {
  const f = readJson<FactsFormat>(factsDir, FORMAT_FILE);
  const kdf = f.kong_declarative_format;
  const nextLine = (l: string) => allLines.find((x) => cmp(x, l) > 0);

  const formatVersions = kdf._format_version_accepted.map((r, i) => {
    const m = /(\d+\.\d+)\s*-\s*(\d+\.\d+)/.exec(r.kong);
    const from = m ? m[1] : versionToken(r.kong)!;
    const until = m ? nextLine(m[2]) : undefined;
    return { from, ...(until ? { until } : {}), values: [...r.values], source: src.id(`${FORMAT_FILE} kong_declarative_format._format_version_accepted[${i}]`) };
  });

  const deckRefuses = f.deck_sync_checks.flatMap((c, i) => {
    const fv = /_format_version "(\d+\.\d+)"/.exec(c.effect)?.[1];
    const kong = /Kong (\d+\.\d+) or later/.exec(c.effect)?.[1];
    return fv && kong ? [{ formatVersion: fv, fromKong: kong, source: src.id(`${FORMAT_FILE} deck_sync_checks[${i}] (${c.id}): ${c.source}`) }] : [];
  });

  const otf = kdf.on_the_fly_migration_in_kong_3x;
  const otfFrom = versionToken(otf.introduced)!;
  const onTheFly = {
    from: otfFrom,
    formatVersions: [...otf.applies_when.matchAll(/"(\d+\.\d+)"/g)].map((m) => m[1]),
    treatedAs: '3.0',
    targets: [...otf.targets],
    source: src.id(`${FORMAT_FILE} kong_declarative_format.on_the_fly_migration_in_kong_3x`),
  };

  const convert: ConvertStep[] = [];
  let regexPath: DeclarativeKnowledge['regexPath'] | undefined;
  f.deck_file_convert.forEach((c, ci) => {
    const to = Array.isArray(c.to) ? null : c.to;
    if (!to) return; // "distributed" rendering is not an upgrade step
    const fromLine = CONVERT_LINE[c.from] ?? (versionToken(c.from) === c.from ? c.from : undefined);
    const toLine = CONVERT_LINE[to] ?? (versionToken(to) === to ? to : undefined);
    if (!fromLine || !toLine) return; // kong-gateway -> konnect is not a version upgrade
    const stepSrc = src.id(`${FORMAT_FILE} deck_file_convert[${ci}] (${c.from} -> ${to})`);
    const rules: ConvertRule[] = c.rules.map((r) => {
      const a = RULE_ACTIONS[r.id];
      if (!a) throw new Error(`${FORMAT_FILE}: unknown deck convert rule "${r.id}"; describe it in RULE_ACTIONS`);
      const rule: ConvertRule = { id: r.id, ...a };
      if (r.plugins === 'any plugin') rule.plugins = '*';
      else if (Array.isArray(r.plugins)) rule.plugins = [...r.plugins];
      else if (r.id === 'rla-namespace') rule.plugins = [/^(\S+) /.exec(r.target ?? '')?.[1] ?? 'rate-limiting-advanced'];
      if (r.old) rule.old = relPath(r.old);
      if (r.new) rule.new = relPath(r.new);
      if (r.field) rule.field = relPath(r.field);
      if (r.fields) rule.fields = r.fields.map(relPath);
      if (r.fields_by_plugin) {
        const by: Record<string, string[]> = {};
        for (const [p, fs_] of Object.entries(r.fields_by_plugin)) by[p] = fs_.map((x) => relPath(x));
        rule.fieldsByPlugin = by;
        rule.plugins = Object.keys(by).sort();
      }
      if (r.id === 'route-regex-path-tilde' && r.regex_like_definition) {
        const cls = /\[([^\]]+)\]/.exec(r.regex_like_definition)?.[1];
        if (cls) regexPath = { from: otfFrom, plainChars: cls, prefix: '~', targets: [...otf.targets], source: src.id(`${FORMAT_FILE} deck_file_convert[${ci}].rules.${r.id}.regex_like_definition`) };
      }
      return rule;
    });
    const step: ConvertStep = {
      id: `${c.from.replace(/^kong-gateway-/, '')}->${to.replace(/^kong-gateway-/, '')}`,
      from: fromLine,
      to: toLine,
      command: c.command ?? `deck file convert --from ${c.from} --to ${to}`,
      pluginLocations: [...(c.plugin_locations ?? c.rules.find((r) => r.plugin_locations)?.plugin_locations ?? [])],
      rules,
      source: stepSrc,
    };
    if (c.deck_version_introduced) step.deckVersion = c.deck_version_introduced;
    if (c.move_semantics) step.moveSemantics = 'the old key is dropped; if both old and new hold values decK stops with a conflict error, otherwise the non-empty one wins';
    convert.push(step);
  });
  if (!regexPath) throw new Error(`${FORMAT_FILE}: no regex-like path definition found`);

  const lint: LintRule[] = [];
  for (const rs of Object.keys(f.lint_rulesets).sort()) {
    f.lint_rulesets[rs].forEach((r, i) => {
      lint.push({
        ruleset: rs,
        id: r.rule,
        severity: r.severity === 'error' ? 'error' : 'warn',
        plugins: r.plugins ? [...r.plugins] : null,
        paths: [...r.applies_to_jsonpath],
        checks: r.checks.map((c) => ({ function: c.function, ...(c.field ? { field: c.field } : {}), ...(c.options !== undefined ? { options: c.options } : {}) })),
        source: src.id(`${FORMAT_FILE} lint_rulesets.${rs}[${i}]`),
      });
    });
  }

  const topLevelKeys = Object.entries(kdf.top_level_keys).map(([key, v]) => {
    const k: DeclarativeKnowledge['topLevelKeys'][number] = { key };
    if (/required/.test(v)) k.required = true;
    if (/enterprise/i.test(v)) k.enterpriseOnly = true;
    if (/boolean/.test(v)) k.type = 'boolean';
    const def = /default (true|false)/.exec(v)?.[1];
    if (def) k.default = def === 'true';
    return k;
  });

  const pluginEntity = kdf.plugin_entity_fields.flatMap((p, i) => {
    if (!p.added_in && !p.removed_in) return [];
    const e: DeclarativeKnowledge['pluginEntity'][number] = { field: p.field, source: src.id(`${FORMAT_FILE} kong_declarative_format.plugin_entity_fields[${i}]`) };
    if (p.added_in) e.added = versionToken(p.added_in)!;
    if (p.removed_in) e.removed = versionToken(p.removed_in)!;
    if (/enterprise/i.test(p.added_in ?? '')) e.enterpriseOnly = true;
    if (p.confidence === 'low') e.lowConfidence = true;
    return [e];
  });

  return { formatVersions, deckRefuses, onTheFly, regexPath, convert, lint, topLevelKeys, pluginEntity };
}

// ---------------------------------------------------------------------------
// CLI (scripts/kb/build.ts calls buildPlugins directly)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  const facts = path.resolve(arg('--facts') ?? path.resolve(__dirname, '../../../shared/kong-facts'));
  const out = path.resolve(arg('--out') ?? path.resolve(__dirname, '../../server/knowledge/plugins.json'));
  if (!fs.existsSync(facts)) {
    console.error(`facts directory not found: ${facts}`);
    process.exit(1);
  }
  const text = JSON.stringify(buildPlugins(facts)) + '\n';
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} bytes)`);
}
