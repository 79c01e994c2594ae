/**
 * Hover in declarative (decK / DB-less) files: a plugin's name (what it does, edition,
 * status now and in the target, docs) and a config field's key (type, allowed values,
 * default and status now and in the target, its history, the configuration reference).
 * Facts come from the plugin knowledge base; the words are ours.
 */
import type { Span } from '../model';
import type { CheckEnv } from '../context';
import type { Edition } from '../knowledge/types';
import type { JsonValue, PluginKnowledge } from '../knowledge/pluginTypes';
import { fieldAt, fieldLife, pluginAt, pluginDocsUrl, pluginRecord, type FieldAt, type FieldLifeEvent, type PluginAt } from '../knowledge/plugins';
import { DeclarativeSession, parseDeclarative } from './session';
import { splitJson } from './split';
import { entrySlice } from '../yamlCursor';
import type { DeclarativeModel, FieldOccurrence, PluginInstance } from './types';
import { mdCode, mdText, mdUrl } from '../markdown';

export interface DeclarativeHover {
  markdown: string;
  span: Span;
}

/** Fallback for texts the local read cannot handle: one shared session (it caches pieces by their text). */
const session = new DeclarativeSession(null);

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export interface DeclarativeTarget {
  plugin: { name: string; nameSpan: Span };
  field?: { path: string; key: string; keySpan: Span };
}

function findIn(model: Pick<DeclarativeModel, 'plugins'>, offset: number, delta: number): DeclarativeTarget | null {
  const o = offset - delta;
  const shift = (sp: Span): Span => ({ start: sp.start + delta, end: sp.end + delta });
  for (const p of model.plugins) {
    const plugin = { name: p.name, nameSpan: shift(p.nameSpan) };
    if (within(p.nameSpan, o)) return { plugin };
    if (!p.configNodeSpan || o < p.configNodeSpan.start - 1 || o > p.configNodeSpan.end) continue;
    const f: FieldOccurrence | undefined = p.fields.find((x) => within(x.keySpan, o));
    if (f) return { plugin, field: { path: f.path, key: f.key, keySpan: shift(f.keySpan) } };
  }
  return null;
}

/** Only the piece of text around the offset, made parseable on its own, and its shift back. */
function localSlice(text: string, offset: number): { text: string; delta: number; format: 'yaml' | 'json' } | null {
  if (/^\s*[{[]/.test(text)) {
    const split = splitJson(text);
    const piece = split?.pieces.find((p) => offset >= p.start && offset <= p.end);
    if (!piece) return null;
    if (piece.kind === 'item') {
      const prefix = `{${JSON.stringify(piece.key)}: [`;
      return { text: `${prefix}${text.slice(piece.start, piece.end)}]}`, delta: piece.start - prefix.length, format: 'json' };
    }
    if (piece.kind === 'entry' && piece.json) return { text: `{${text.slice(piece.json.keyStart, piece.json.valueEnd)}}`, delta: piece.json.keyStart - 1, format: 'json' };
    return null;
  }
  return { ...entrySlice(text, offset), format: 'yaml' };
}

/** Whether a YAML text may use anchors or aliases (then a piece of it cannot be read alone). */
export function mayUseAnchors(text: string): boolean {
  return /(^|[\s[{,:])[&*][^\s,\]}]/.test(text);
}

/** What is under the cursor: a plugin name or a config field key. Reads only the entry around the offset when it can. */
export function declarativeTargetAt(text: string, offset: number): DeclarativeTarget | null {
  try {
    const local = localSlice(text, offset);
    if (local) {
      const hit = findIn(parseDeclarative(local.text, { format: local.format }), offset, local.delta);
      // Anchors and aliases may connect the slice to other entries: then read the whole text.
      if (hit || !mayUseAnchors(local.text)) return hit;
    }
    return findIn(session.update(text).model, offset, 0);
  } catch {
    return null;
  }
}

export function hoverDeclarative(text: string, offset: number, env: CheckEnv): DeclarativeHover | null {
  const kb = env.knowledge.plugins;
  if (!kb) return null;
  const hit = declarativeTargetAt(text, offset);
  if (!hit) return null;
  if (hit.field) return { markdown: fieldHover(kb, hit.plugin.name, hit.field.path, env), span: hit.field.keySpan };
  return { markdown: pluginHover(kb, hit.plugin.name, env), span: hit.plugin.nameSpan };
}

/** Hover over plugins already read (KongPlugin resources): their names and config keys. */
export function hoverPlugins(plugins: PluginInstance[], offset: number, env: CheckEnv): DeclarativeHover | null {
  const kb = env.knowledge.plugins;
  if (!kb) return null;
  const hit = findIn({ plugins }, offset, 0);
  if (!hit) return null;
  if (hit.field) return { markdown: fieldHover(kb, hit.plugin.name, hit.field.path, env), span: hit.field.keySpan };
  return { markdown: pluginHover(kb, hit.plugin.name, env), span: hit.plugin.nameSpan };
}

// ---------------------------------------------------------------------------------------

function ver(v: { input: string; version: string }): string {
  return mdText(v.input.replace(/\.x$/i, '') || v.version);
}

function editionName(e: Edition): string {
  return e === 'enterprise' ? 'Enterprise' : 'OSS';
}

function pluginStatus(at: PluginAt, custom: boolean): string {
  switch (at.status) {
    case 'known':
      return at.enterpriseOnly ? 'Enterprise only (not in OSS)' : 'available';
    case 'absent':
      return `not there yet (added in ${at.addedIn})`;
    case 'removed':
      return `removed in ${at.since} (last in ${at.lastLine})`;
    case 'no_data':
      return at.reason === 'before_data' ? `no data before ${at.firstLine}` : at.reason === 'after_data' ? `no data after ${at.lastLine}` : 'no schema data for this line';
    default:
      return custom ? 'custom plugin' : 'not a plugin Kong ships';
  }
}

export function pluginHover(kb: PluginKnowledge, name: string, env: CheckEnv): string {
  const rec = pluginRecord(kb, name);
  const custom = env.customPlugins.includes(name);
  const cur = pluginAt(kb, name, env.current.version, env.current.edition);
  const tgt = pluginAt(kb, name, env.target.version, env.target.edition);
  const lines: string[] = [];
  lines.push(`**${mdText(name)}** · ${rec ? `${editionName(rec.edition)} plugin` : custom ? 'custom plugin' : 'unknown plugin'}`);
  if (rec?.description) lines.push('', rec.description);
  else if (!rec)
    lines.push(
      '',
      custom
        ? 'Listed in your custom plugins: Kong does not ship it, so its fields are not checked.'
        : 'The plugin facts do not know this name: a custom plugin (add it to the custom plugins setting) or a typo.',
    );
  lines.push('', `| | Kong ${ver(env.current)} (now) | Kong ${ver(env.target)} (target) |`, '|---|---|---|', `| status | ${pluginStatus(cur, custom)} | ${pluginStatus(tgt, custom)} |`);
  if (rec) lines.push('', `[Plugin documentation](${mdUrl(pluginDocsUrl(kb, name))}) · [Configuration reference](${mdUrl(pluginDocsUrl(kb, name, 'reference'))})`);
  return lines.join('\n');
}

/** A value as code (`table`: in a table cell). */
function code(v: JsonValue | undefined, table = false): string {
  if (v === undefined) return '*none*';
  return mdCode(JSON.stringify(v), 58, { table });
}

function paths(ps: string[] | undefined, table = false): string {
  return (ps ?? []).map((p) => mdCode(p, undefined, { table })).join(', ');
}

function fieldStatus(f: FieldAt): string {
  switch (f.status) {
    case 'accepted':
      return 'accepted';
    case 'deprecated': {
      let s = `deprecated since ${f.since}`;
      if (f.replacement.length) s += ` → ${paths(f.replacement, true)}`;
      if (f.valueIgnored) s += ' (accepted, but has no effect)';
      if (f.removalIn) s += `; removal planned in ${f.removalIn}`;
      return s;
    }
    case 'removed': {
      let s = `removed since ${f.since} (last in ${f.lastSeen})`;
      const r = f.currentReplacement ?? f.replacement;
      if (r?.length) s += ` → ${paths(r, true)}`;
      return s;
    }
    case 'unknown':
      if (f.onlyIn) return `${editionName(f.onlyIn)} only`;
      if (f.laterIn) return `not there yet (added in ${f.laterIn})`;
      return 'unknown field';
    default:
      return f.pluginStatus === 'unknown' ? 'plugin unknown' : f.pluginStatus === 'removed' ? 'plugin removed' : f.pluginStatus === 'absent' ? 'plugin not there yet' : 'no schema data';
  }
}

function typeOf(f: FieldAt): string {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return '—';
  if (!f.type) return '—';
  if ((f.type === 'array' || f.type === 'set') && f.elements) return `${f.type} of ${f.elements}`;
  if (f.type === 'map' && f.keys && f.values) return `map ${f.keys} → ${f.values}`;
  return f.type;
}

function allowedOf(f: FieldAt): string {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return '—';
  const a = f.allowed ?? f.elementsAllowed;
  if (a?.length) return a.map((x) => code(x, true)).join(', ');
  const bounds: string[] = [];
  if (f.min !== undefined && f.max !== undefined) bounds.push(`${f.min}…${f.max}`);
  else if (f.min !== undefined) bounds.push(`≥ ${f.min}`);
  else if (f.max !== undefined) bounds.push(`≤ ${f.max}`);
  if (f.gt !== undefined) bounds.push(`> ${f.gt}`);
  return bounds.length ? bounds.join(', ') : '—';
}

function defaultOf(f: FieldAt): string {
  if (f.status !== 'accepted' && f.status !== 'deprecated') return '—';
  return f.hasDefault ? code(f.default, true) : '*none*';
}

function eventText(e: FieldLifeEvent): string {
  if (e.renamedInto) return `${mdCode(e.path)} renamed to this field${e.stillAccepted ? ' (the old name stays accepted)' : ''}`;
  switch (e.kind) {
    case 'added':
      return e.parentAdded ? 'added with its parent' : 'added';
    case 'removed':
      return `${e.ignored ? 'no longer has an effect' : e.aliasRemoved ? 'old name no longer accepted' : 'removed'}${e.replacement?.length ? `, use ${paths(e.replacement)}` : ''}`;
    case 'renamed':
      return `renamed to ${paths(e.replacement?.length ? e.replacement : typeof e.new === 'string' ? [e.new] : [])}${e.stillAccepted ? ' (the old name stays accepted)' : ''}`;
    case 'deprecated': {
      const removal = e.new && typeof e.new === 'object' && !Array.isArray(e.new) && typeof e.new.removalIn === 'string' ? `; removal planned in ${e.new.removalIn}` : '';
      return `deprecated${e.replacement?.length ? `, use ${paths(e.replacement)}` : ''}${removal}`;
    }
    case 'default_changed':
      return `default ${code(e.old)} → ${code(e.new)}`;
    case 'type_changed':
      return `type ${code(e.old)} → ${code(e.new)}`;
    case 'enum_changed':
      return `allowed values ${code(e.old)} → ${code(e.new)}`;
    case 'required_changed':
      return e.new ? 'became required' : 'no longer required';
    default:
      return e.kind;
  }
}

export function fieldHover(kb: PluginKnowledge, plugin: string, path: string, env: CheckEnv): string {
  const cur = fieldAt(kb, plugin, path, env.current.version, env.current.edition);
  const tgt = fieldAt(kb, plugin, path, env.target.version, env.target.edition);
  const lines: string[] = [];
  const ty = typeOf(tgt) !== '—' ? typeOf(tgt) : typeOf(cur);
  lines.push(`**${mdText(plugin)}** · ${mdCode(`config.${path}`)}${ty !== '—' ? ` · ${ty}` : ''}`);
  const desc = (tgt.status === 'accepted' || tgt.status === 'deprecated' ? tgt.description : undefined) ?? (cur.status === 'accepted' || cur.status === 'deprecated' ? cur.description : undefined);
  if (desc) lines.push('', desc);
  if (cur.status === 'no_data' && tgt.status === 'no_data') {
    lines.push('', env.customPlugins.includes(plugin) ? 'A custom plugin: its fields are not known.' : 'No schema data for this plugin at these versions.');
    return lines.join('\n');
  }
  lines.push(
    '',
    `| | Kong ${ver(env.current)} (now) | Kong ${ver(env.target)} (target) |`,
    '|---|---|---|',
    `| status | ${fieldStatus(cur)} | ${fieldStatus(tgt)} |`,
    `| type | ${typeOf(cur)} | ${typeOf(tgt)} |`,
  );
  const ac = allowedOf(cur);
  const at = allowedOf(tgt);
  if (ac !== '—' || at !== '—') lines.push(`| allowed | ${ac} | ${at} |`);
  lines.push(`| default | ${defaultOf(cur)} | ${defaultOf(tgt)} |`);
  const events = fieldLife(kb, plugin, path);
  if (events.length) {
    lines.push('', '**History**', '');
    const shown = events.slice(0, 12);
    for (const e of shown) {
      const only = e.editions.length === 1 ? ` (${editionName(e.editions[0]!)})` : '';
      lines.push(`- ${e.version}${only}: ${eventText(e)}`);
    }
    if (events.length > shown.length) lines.push(`- … ${events.length - shown.length} more`);
  }
  // Provenance: where the target's facts come from when it is not a plain schema of a released line.
  const notes: string[] = [];
  if (tgt.status === 'deprecated' && tgt.carriedFrom) {
    notes.push(
      `Deprecated since ${tgt.since}: Kong's ${tgt.line} schema data cannot show deprecations, so the ${tgt.carriedFrom} deprecation is carried forward (no source says it was lifted${tgt.originalSource ? `; from ${tgt.originalSource.replace(/^.*carried deprecation: /, '')}` : ''}).`,
    );
  }
  const branch = kb.releaseBranchLines ?? [];
  const tLine = tgt.status !== 'no_data' && 'line' in tgt ? tgt.line : undefined;
  if (tLine && branch.includes(tLine)) notes.push(`Kong ${tLine} facts come from its release branch, read before general availability.`);
  if (notes.length) lines.push('', ...notes.map((n) => `_${n}_`));
  if (pluginRecord(kb, plugin)) lines.push('', `[Configuration reference](${mdUrl(pluginDocsUrl(kb, plugin, 'reference'))})`);
  return lines.join('\n');
}
