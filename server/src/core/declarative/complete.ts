/**
 * Completion in declarative (decK / DB-less) files: plugin names after `name:` in a
 * `plugins:` item, config field names at the cursor's nesting level under `config:`,
 * allowed values after `field:`.
 *
 * The YAML around the cursor is usually incomplete while the user types, so the context
 * comes from indentation (../yamlCursor.ts), not from a parser.
 */
import type { CompletionEntry } from '../model';
import type { CheckEnv } from '../context';
import { childKeys, childValue, yamlCursorAt, type OutlineNode, type YamlCursor } from '../yamlCursor';
import type { JsonScalar } from '../knowledge/pluginTypes';
import { fieldAt, fieldName, fieldsAt, pluginAt, pluginsAt, type FieldAt } from '../knowledge/plugins';
import { scalarAtCursor } from '../yamlScalar';

// ---------------------------------------------------------------------------------------
// Declarative completion

interface PluginCtx {
  /** The `- name: x` item map of the plugin. */
  item: OutlineNode;
  plugin: string;
  /** Config-relative parent path of the cursor's entry ('' = config root). */
  parent: string;
}

/** The plugin config context of a container: walk up to `config:` inside an item of a `plugins:` list. */
function pluginConfigCtx(path: OutlineNode[]): PluginCtx | null {
  for (let k = path.length - 1; k >= 2; k--) {
    const cfg = path[k]!;
    if (cfg.kind !== 'key' || cfg.key !== 'config') continue;
    const item = path[k - 1]!;
    const list = path[k - 2]!;
    if (item.kind !== 'item' || list.kind !== 'key' || list.key !== 'plugins') continue;
    const plugin = childValue(item, 'name');
    if (!plugin) return null;
    let parent = '';
    for (const n of path.slice(k + 1)) {
      if (n.kind === 'key') parent = parent ? `${parent}.${n.key}` : n.key!;
      else if (n.kind === 'item') parent = `${parent}[]`;
      else return null;
    }
    return { item, plugin, parent };
  }
  return null;
}

function isPluginItem(n: OutlineNode): boolean {
  return n.kind === 'item' && n.parent?.kind === 'key' && n.parent.key === 'plugins';
}

function describeType(f: FieldAt): string | undefined {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return undefined;
  if (!f.type) return undefined;
  if ((f.type === 'array' || f.type === 'set') && f.elements) return `${f.type} of ${f.elements}`;
  if (f.type === 'map' && f.keys && f.values) return `map ${f.keys} → ${f.values}`;
  return f.type;
}

const CONTAINER_TYPES = new Set(['record', 'map', 'array', 'set', 'json']);

function fieldEntries(ctx: { plugin: string; parent: string }, cur: YamlCursor, env: CheckEnv): CompletionEntry[] {
  const kb = env.knowledge.plugins!;
  const T = env.target.version;
  const present = new Set(childKeys(cur.container));
  const colonFollows = /^[ \t]*:/.test(cur.after);
  const out: CompletionEntry[] = [];
  for (const f of fieldsAt(kb, ctx.plugin, ctx.parent, T, env.target.edition)) {
    if (f.status !== 'accepted' && f.status !== 'deprecated') continue;
    const name = fieldName(f.path);
    if (name === '*' || present.has(name)) continue;
    const dep = f.status === 'deprecated';
    const ty = describeType(f);
    const detailParts: string[] = [];
    if (dep) detailParts.push(`deprecated${f.replacement.length ? ` → ${f.replacement.join(', ')}` : ''}`);
    if (ty) detailParts.push(ty);
    if (!dep && f.required) detailParts.push('required');
    if (f.hasDefault && f.default !== null && typeof f.default !== 'object') detailParts.push(`default ${String(f.default)}`);
    const newText = colonFollows ? name : CONTAINER_TYPES.has(f.type ?? '') ? `${name}:` : `${name}: `;
    const e: CompletionEntry = {
      label: name,
      kind: 'property',
      deprecated: dep,
      sortText: `${dep ? '2' : f.required ? '0' : '1'}${name}`,
      edit: { start: cur.span.start, end: cur.span.end, newText },
    };
    if (detailParts.length) e.detail = detailParts.join(' · ');
    if (f.description) e.documentation = f.description;
    out.push(e);
  }
  return out;
}

function valueEntries(f: FieldAt, cur: YamlCursor, elements: boolean): CompletionEntry[] {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return [];
  let values: JsonScalar[] = [];
  if (elements) values = f.elementsAllowed ?? [];
  else if (f.allowed?.length) values = f.allowed;
  else if (f.type === 'boolean') values = [true, false];
  const def = !elements && f.hasDefault ? f.default : undefined;
  return values.map((v, i) => {
    const text = scalarAtCursor(v, cur.quote);
    const e: CompletionEntry = { label: String(v), kind: 'value', sortText: String(i).padStart(3, '0'), edit: { start: cur.span.start, end: cur.span.end, newText: text } };
    if (def === v) e.detail = 'default';
    return e;
  });
}

function pluginNameEntries(cur: YamlCursor, env: CheckEnv): CompletionEntry[] {
  const kb = env.knowledge.plugins!;
  const T = env.target.version;
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const name of pluginsAt(kb, T, env.target.edition)) {
    const at = pluginAt(kb, name, T, env.target.edition);
    seen.add(name);
    const e: CompletionEntry = { label: name, kind: 'value', sortText: `0${name}`, edit: { start: cur.span.start, end: cur.span.end, newText: name } };
    if (at.status === 'known') {
      e.detail = at.edition === 'enterprise' ? 'Enterprise plugin' : 'plugin';
      e.documentation = `${at.description}\n\n[Documentation](${at.docsUrl})`;
    }
    out.push(e);
  }
  for (const name of env.customPlugins) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ label: name, kind: 'value', detail: 'custom plugin', sortText: `1${name}`, edit: { start: cur.span.start, end: cur.span.end, newText: name } });
  }
  return out;
}

/** Completion entries for a declarative file at `offset`. */
export function completeDeclarative(text: string, offset: number, env: CheckEnv): CompletionEntry[] {
  if (!env.knowledge.plugins) return [];
  const cur = yamlCursorAt(text, offset);
  if (!cur) return [];
  if (cur.mode === 'value' && cur.key!.key === 'name' && isPluginItem(cur.container)) return pluginNameEntries(cur, env);
  const ctx = pluginConfigCtx(cur.path);
  if (!ctx) return [];
  return completeInConfig(ctx, cur, env);
}

/**
 * Completion under a plugin's `config:` (decK plugin or KongPlugin resource alike):
 * `ctx.parent` is the config-relative path of the cursor's container.
 */
export function completeInConfig(ctx: { plugin: string; parent: string }, cur: YamlCursor, env: CheckEnv): CompletionEntry[] {
  if (!env.knowledge.plugins) return [];
  if (cur.mode === 'value') {
    const key = cur.key!.key!;
    const path = ctx.parent ? `${ctx.parent}.${key}` : key;
    return valueEntries(fieldAt(env.knowledge.plugins, ctx.plugin, path, env.target.version, env.target.edition), cur, false);
  }
  // A plain list item of an array field with allowed element values (`- GET`).
  if (cur.container.kind === 'item' && ctx.parent.endsWith('[]') && !cur.container.children.some((c) => c.kind === 'key')) {
    const f = fieldAt(env.knowledge.plugins, ctx.plugin, ctx.parent.slice(0, -2), env.target.version, env.target.edition);
    const vals = valueEntries(f, cur, true);
    if (vals.length) return vals;
  }
  return fieldEntries(ctx, cur, env);
}

/** Plugin names valid in the target (and the custom ones) for a value being typed. */
export { pluginNameEntries };
