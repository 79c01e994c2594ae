/**
 * Declarative-file rules: plugin fields (deprecated, removed, unknown, invalid values),
 * plugins (removed, unknown), `_format_version`, regex route paths and the other
 * `deck file convert` rules. All facts come from the plugin knowledge base; nothing here
 * names a plugin or a field.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Finding, Fix, Severity, TextEdit } from '../model';
import type { PluginKnowledge, JsonValue } from '../knowledge/pluginTypes';
import {
  convertRulesForPlugin,
  deckRefusesFormat,
  fieldAt,
  fieldsAt,
  formatVersionsAccepted,
  isRegexLikePath,
  pluginAt,
  pluginsAt,
  type FieldAt,
  type ResolvedConvertRule,
} from '../knowledge/plugins';
import { compareVersions, type ResolvedVersion } from '../version';
import { FixBatch, lazyFixes } from './lazyFixes';
import { commentOutEdits, eolOf, lineStartOf, moveKeysEdits, prefixScalarEdit, renameKeyEdit, replaceStringScalarEdit, type MoveBlock, type MoveRequest } from './edits';
import type { DeclarativeModel, FieldOccurrence, PluginInstance, RoutePath } from './types';
import type { LocalModel } from './walk';
import type { Edition } from '../knowledge/types';
import { pushAll } from '../util';

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
}

export function contextKey(ctx: DeclarativeContext): string {
  return [ctx.current.version, ctx.current.edition, ctx.target.version, ctx.target.edition, [...ctx.customPlugins].sort().join(',')].join('|');
}

/** Check an absolute model (every document) against the context. */
export function checkDeclarative(model: DeclarativeModel, ctx: DeclarativeContext, text: string): Finding[] {
  const out: Finding[] = [];
  for (const d of model.documents) {
    const local: LocalModel = { plugins: d.plugins, routePaths: d.routePaths, ...(d.formatVersion ? { formatVersion: d.formatVersion } : {}) };
    pushAll(out, checkLocal(local, text, ctx, d.formatVersion?.value));
    pushAll(out, checkDocument(text, ctx, d.start, d.end, d.formatVersion ? { value: d.formatVersion.value, present: true } : { present: false }, model.format));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------------------

function v(x: ResolvedVersion): string {
  return x.input.replace(/\.x$/i, '') || x.version;
}

function fix(title: string, edits: TextEdit[], preferred = true): Fix {
  return { title, edits, preferred };
}

/** A fix a planning pass decided on (built later); never part of a finding. */
const PLANNED: Fix = Object.freeze({ title: '', edits: [], preferred: true });

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A planning check: fixes that would be built are left to `batch`, built on first read. */
interface Lazy {
  batch: FixBatch;
}

/**
 * Checks over one piece (or a whole document): plugins, fields, route paths, `_format_version` value.
 * Fixes are built on first read unless `ctx.eagerFixes`; `relocal` gives the model again
 * for that (the same as `local`, possibly parsed anew; default: `local` itself, kept).
 */
export function checkLocal(local: LocalModel, text: string, ctx: DeclarativeContext, formatVersion: string | undefined, relocal?: () => LocalModel): Finding[] {
  if (ctx.eagerFixes) return checkLocalWith(local, text, ctx, formatVersion, null);
  return checkLocalWith(local, text, ctx, formatVersion, { batch: fixBatch(relocal ?? keep(local), text, ctx, formatVersion) });
}

function keep(local: LocalModel): () => LocalModel {
  return () => local;
}

/** Builds a check's fixes by checking again with edits built; holds on to nothing else (a piece's tree may be let go). */
function fixBatch(again: () => LocalModel, text: string, ctx: DeclarativeContext, formatVersion: string | undefined): FixBatch {
  return new FixBatch(() => {
    const byKey = new Map<number, Fix[]>();
    for (const f of checkLocalWith(again(), text, ctx, formatVersion, null)) if (f.fixes) byKey.set(findingKey(f), f.fixes);
    return byKey;
  });
}

function checkLocalWith(local: LocalModel, text: string, ctx: DeclarativeContext, formatVersion: string | undefined, lz: Lazy | null): Finding[] {
  const out: Finding[] = [];
  if (local.formatVersion) checkFormatValue(out, local.formatVersion, text, ctx);
  for (const p of local.plugins) checkPlugin(out, p, text, ctx, lz);
  for (const r of local.routePaths) checkRoutePath(out, r, text, ctx, formatVersion, lz);
  return dedupe(out);
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
];

/**
 * Data reached through an alias or a merge key is checked once per use but written once:
 * keep one finding per (rule, place), preferring one that carries a fix.
 */
function dedupe(fs: Finding[]): Finding[] {
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
function findingKey(f: Finding): number {
  return keyOf(f.span.start, f.code);
}

function keyOf(start: number, code: Finding['code']): number {
  return start * 16 + Math.max(0, CODES.indexOf(code));
}

/** `n` fixes a planning check decided on, built on first read. */
function planned(lz: Lazy, start: number, code: Finding['code'], n: number): Fix[] {
  return lazyFixes(lz.batch, keyOf(start, code), n);
}

/** Document-level checks (a missing `_format_version`). Offsets are absolute. */
export function checkDocument(
  text: string,
  ctx: DeclarativeContext,
  start: number,
  end: number,
  fv: { present: true; value: string } | { present: false },
  format: 'yaml' | 'json',
): Finding[] {
  if (fv.present) return [];
  const acc = formatVersionsAccepted(ctx.plugins, ctx.target.version);
  if (!acc) return [];
  const best = [...acc.values].sort(compareVersions).pop()!;
  // Skip blank/comment lines at the document's start.
  let s = start;
  const m = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text.slice(start, Math.min(end, start + 4000)));
  if (m && format === 'yaml') s = start + m[0].length;
  let e = text.indexOf('\n', s);
  if (e < 0 || e > end) e = end;
  if (text.charCodeAt(e - 1) === 13) e--;
  const edits: TextEdit[] = [];
  if (format === 'yaml') edits.push({ start: s, end: s, newText: `_format_version: "${best}"${eolOf(text)}` });
  else {
    const brace = text.indexOf('{', start);
    if (brace >= 0 && brace < end) {
      const after = text.slice(brace + 1, end).trimStart();
      edits.push({ start: brace + 1, end: brace + 1, newText: ` "_format_version": "${best}"${after.startsWith('}') ? ' ' : ','}` });
    }
  }
  return [
    {
      code: 'format-version',
      severity: 'error',
      message: `No _format_version here. Kong ${v(ctx.target)} needs it to load the file; it accepts ${acc.values.map((x) => `"${x}"`).join(', ')}.`,
      span: { start: s, end: Math.max(s, e) },
      replacement: best,
      ...(edits.length ? { fixes: [fix(`Add _format_version: "${best}"`, edits)] } : {}),
    },
  ];
}

function checkFormatValue(out: Finding[], fv: NonNullable<LocalModel['formatVersion']>, _text: string, ctx: DeclarativeContext): void {
  const kb = ctx.plugins;
  const acc = formatVersionsAccepted(kb, ctx.target.version);
  if (!acc) return;
  const val = fv.value.trim();
  const best = [...acc.values].sort(compareVersions).pop()!;
  const edit = replaceStringScalarEdit(fv.node, best);
  const fixes = edit && val !== best ? [fix(`Set _format_version to "${best}"`, [edit])] : undefined;
  if (!acc.values.includes(val)) {
    out.push({
      code: 'format-version',
      severity: 'error',
      message: `Kong ${v(ctx.target)} does not load _format_version "${val}"; it accepts ${acc.values.map((x) => `"${x}"`).join(', ')}.`,
      span: fv.span,
      replacement: best,
      ...(fixes ? { fixes } : {}),
    });
    return;
  }
  const refuse = deckRefusesFormat(kb, val, ctx.target.version);
  if (refuse) {
    out.push({
      code: 'format-version',
      severity: 'warning',
      message: `Kong ${v(ctx.target)} still loads _format_version "${val}" by converting it while it loads, but decK refuses to sync such a file to Kong ${refuse.fromKong} or later. Change it to "${best}" (regex route paths then need the "${kb.format.regexPath.prefix}" prefix).`,
      span: fv.span,
      replacement: best,
      ...(fixes ? { fixes } : {}),
    });
    return;
  }
  const otf = kb.format.onTheFly;
  if (compareVersions(ctx.target.version, otf.from) >= 0 && otf.formatVersions.includes(val)) {
    out.push({
      code: 'format-version',
      severity: 'information',
      message: `From Kong ${otf.from}, a file with _format_version "${val}" is converted to "${otf.treatedAs}" each time it loads. Writing "${best}" makes the file say what Kong reads (add "${kb.format.regexPath.prefix}" to regex route paths at the same time).`,
      span: fv.span,
      replacement: best,
      ...(fixes ? { fixes } : {}),
    });
  }
}

function checkRoutePath(out: Finding[], r: RoutePath, text: string, ctx: DeclarativeContext, formatVersion: string | undefined, lz: Lazy | null): void {
  const kb = ctx.plugins;
  const rule = kb.format.regexPath;
  if (compareVersions(ctx.target.version, rule.from) < 0) return;
  if (r.value.startsWith(rule.prefix) || !isRegexLikePath(kb, r.value)) return;
  const edit = prefixScalarEdit(text, r.node, rule.prefix, !lz);
  const oldFormat = formatVersion === undefined || compareVersions(formatVersion, rule.from) < 0;
  const crossing = compareVersions(ctx.current.version, rule.from) < 0;
  let severity: Severity;
  let message: string;
  let preferred = true;
  if (crossing) {
    severity = 'warning';
    message = `From Kong ${rule.from}, a route path is a regex only when it starts with "${rule.prefix}". "${r.value}" looks like a regex: add "${rule.prefix}" so it stays one${oldFormat ? ' once the file uses _format_version "3.0"' : ''}.`;
  } else if (oldFormat) {
    severity = 'information';
    message = `Kong adds "${rule.prefix}" to "${r.value}" while it loads this old-format file; write it yourself when you change _format_version to "3.0".`;
  } else {
    severity = 'hint';
    preferred = false;
    message = `"${r.value}" looks like a regex, but without a leading "${rule.prefix}" Kong ${v(ctx.target)} matches it as a plain prefix. Add "${rule.prefix}" if it is meant as a regex.`;
  }
  out.push({
    code: 'regex-path-prefix',
    severity,
    message,
    span: r.span,
    replacement: rule.prefix + r.value,
    ...(edit ? { fixes: lz ? planned(lz, r.span.start, 'regex-path-prefix', 1) : [fix(`Add "${rule.prefix}" to the path`, [edit], preferred)] } : {}),
  });
}

// ---------------------------------------------------------------------------------------
// Memoised knowledge lookups (per knowledge object and context): a large file asks the
// same questions thousands of times.

interface PluginMemo {
  conv: ResolvedConvertRule[];
  target: Map<string, FieldAt>;
  current: Map<string, FieldAt>;
  siblings: Map<string, string[]>;
  /** Deprecated/removed field messages by path, per default note (none, old default, null). */
  messages: Map<string, [string?, string?, string?]>;
}
interface CtxMemo {
  plugins: Map<string, PluginMemo>;
  pluginAt: Map<string, ReturnType<typeof pluginAt>>;
  pluginNames?: string[];
  /** Messages repeat across a large file: keep one copy of each. */
  strings: Map<string, string>;
}

function intern(ctx: DeclarativeContext, s: string): string {
  const m = memoOf(ctx).strings;
  const got = m.get(s);
  if (got !== undefined) return got;
  if (m.size < 100000) m.set(s, s);
  return s;
}
const memos = new WeakMap<PluginKnowledge, Map<string, CtxMemo>>();

const ctxMemos = new WeakMap<DeclarativeContext, CtxMemo>();

function memoOf(ctx: DeclarativeContext): CtxMemo {
  const direct = ctxMemos.get(ctx);
  if (direct) return direct;
  const m = memoByKey(ctx);
  ctxMemos.set(ctx, m);
  return m;
}

function memoByKey(ctx: DeclarativeContext): CtxMemo {
  let byKb = memos.get(ctx.plugins);
  if (!byKb) memos.set(ctx.plugins, (byKb = new Map()));
  const k = contextKey(ctx);
  let m = byKb.get(k);
  if (!m) {
    if (byKb.size > 16) byKb.clear();
    byKb.set(k, (m = { plugins: new Map(), pluginAt: new Map(), strings: new Map() }));
  }
  return m;
}

function pluginMemo(ctx: DeclarativeContext, name: string): PluginMemo {
  const m = memoOf(ctx);
  let pm = m.plugins.get(name);
  if (!pm) {
    pm = {
      conv: convertRulesForPlugin(ctx.plugins, name, ctx.current.version, ctx.target.version).filter((r) => r.action === 'move' || r.action === 'delete'),
      target: new Map(),
      current: new Map(),
      siblings: new Map(),
      messages: new Map(),
    };
    m.plugins.set(name, pm);
  }
  return pm;
}

function fieldAtMemo(ctx: DeclarativeContext, pm: PluginMemo, name: string, path: string, which: 'target' | 'current', ed: Edition): FieldAt {
  const map = pm[which];
  let r = map.get(path);
  if (!r) {
    r = fieldAt(ctx.plugins, name, path, (which === 'target' ? ctx.target : ctx.current).version, ed);
    map.set(path, r);
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// Plugins

function editionFor(kb: PluginKnowledge, name: string, ver: ResolvedVersion): Edition {
  const rec = kb.plugins[name];
  return rec && rec.edition === 'enterprise' ? 'enterprise' : ver.edition;
}

function checkPlugin(out: Finding[], p: PluginInstance, text: string, ctx: DeclarativeContext, lz: Lazy | null): void {
  const kb = ctx.plugins;
  if (ctx.customPlugins.includes(p.name)) return;
  const tEd = editionFor(kb, p.name, ctx.target);
  const memo = memoOf(ctx);
  let at = memo.pluginAt.get(p.name);
  if (!at) memo.pluginAt.set(p.name, (at = pluginAt(kb, p.name, ctx.target.version, tEd)));
  if (at.status === 'unknown') {
    const names = (memo.pluginNames ??= pluginsAt(kb, ctx.target.version, 'enterprise'));
    const near = names.length ? closest(p.name, names) : undefined;
    const close = near && distance(near, p.name) <= Math.max(2, Math.floor(p.name.length / 4));
    const nameNode = p.node.pairs.find((x) => x.key === 'name')?.value;
    const edit = close && nameNode && nameNode.kind === 'scalar' ? replaceStringScalarEdit(nameNode, near!) : null;
    out.push({
      code: 'unknown-plugin',
      severity: 'information',
      message: `"${p.name}" is not a plugin Kong ships${close ? ` (did you mean "${near}"?)` : ''}. If it is your own plugin, list it in the custom plugins setting to silence this.`,
      span: p.nameSpan,
      plugin: p.name,
      replacement: close ? near! : null,
      ...(edit ? { fixes: [fix(`Change to "${near}"`, [edit], false)] } : {}),
    });
    return;
  }
  if (at.status === 'removed') {
    out.push({
      code: 'removed-plugin',
      severity: at.lowConfidence ? 'warning' : 'error',
      message: `The ${p.name} plugin is gone in Kong ${v(ctx.target)} (last seen in ${at.lastLine}${at.lowConfidence ? '; the facts are not certain about this' : ''}). Remove it or find a replacement before upgrading.`,
      span: p.nameSpan,
      plugin: p.name,
      replacement: null,
      docsUrl: `${kb.docsBase}${p.name}/`,
    });
    return;
  }
  if (at.status === 'absent') {
    out.push({
      code: 'unknown-plugin',
      severity: 'warning',
      message: `The ${p.name} plugin first ships in Kong ${at.addedIn}, after ${v(ctx.target)}.`,
      span: p.nameSpan,
      plugin: p.name,
      replacement: null,
    });
    return;
  }
  if (at.status !== 'known') return;
  checkFields(out, p, text, ctx, tEd, lz);
}

const DEPRECATED_TAGS: Finding['tags'] = ['deprecated'];

interface FieldVerdict {
  f: FieldOccurrence;
  r: FieldAt;
  /** Config-relative target path when the key should move/rename. */
  to?: string;
  code: Finding['code'];
  severity: Severity;
  message: string;
  tags?: Finding['tags'];
  /** Comment the key out instead (removed, no replacement). */
  commentOut?: boolean;
  replacement: string | null;
  /** Null or the old default: probably written by a tool. */
  isDefault?: boolean;
}

function checkFields(out: Finding[], p: PluginInstance, text: string, ctx: DeclarativeContext, ed: Edition, lz: Lazy | null): void {
  const kb = ctx.plugins;
  const tv = ctx.target.version;
  const skipUnder: string[] = [];
  const verdicts: FieldVerdict[] = [];
  const pm = pluginMemo(ctx, p.name);
  const convRules = pm.conv;
  const under = (path: string) => {
    for (const s of skipUnder) {
      if (path.length > s.length && path.startsWith(s)) {
        const c = path.charCodeAt(s.length);
        if (c === 46 /* . */ || c === 91 /* [ */) return true;
      }
    }
    return false;
  };
  for (const f of p.fields) {
    if (under(f.path)) continue;
    const r = fieldAtMemo(ctx, pm, p.name, f.path, 'target', ed);
    if (r.status === 'no_data') continue;
    const conv = convRules.find((c) => c.old === f.path);
    // Defaults: a key holding the value Kong used as default at the current version is
    // probably written by a tool (decK dump), not set on purpose.
    const cur = fieldAtMemo(ctx, pm, p.name, f.path, 'current', ed);
    const isDefault =
      f.value === null ||
      ((cur.status === 'accepted' || cur.status === 'deprecated') && cur.hasDefault && cur.default !== '<random>' && deepEqual(f.value, cur.default as JsonValue));
    const defaultNote = isDefault
      ? f.value === null
        ? ' It is set to null (unset), so it was probably written by a tool rather than set on purpose.'
        : ' The value is the old default, so it was probably written by a tool rather than set on purpose.'
      : '';
    if (conv && !(r.status === 'accepted')) {
      skipUnder.push(f.path);
      verdicts.push({ ...convertVerdict(f, r, conv, ctx, isDefault, defaultNote), isDefault });
      continue;
    }
    switch (r.status) {
      case 'accepted': {
        const bad = valueProblem(f, r);
        if (bad) {
          verdicts.push({ f, r, code: 'invalid-plugin-value', severity: 'error', message: bad.message, replacement: bad.nearest ?? null });
        }
        if (r.type === 'map' || r.type === 'json' || r.type === 'foreign') skipUnder.push(f.path);
        break;
      }
      case 'deprecated': {
        // A replacement that cannot take the old value as it is (another shape or meaning) is
        // named, never written: moving the value would change what the plugin does.
        const rep = r.replacement.length === 1 && !r.valueNotTransferable ? r.replacement[0]! : undefined;
        // The message depends on the path and the default note only: a large file repeats it.
        let msgs = pm.messages.get(f.path);
        if (!msgs) pm.messages.set(f.path, (msgs = []));
        const variant = !isDefault ? 0 : f.value === null ? 2 : 1;
        let message = msgs[variant];
        if (message === undefined) {
          const repText = r.replacement.length ? r.replacement.map((x) => `config.${x}`).join(', ') : '';
          let msg: string;
          if (r.valueIgnored) msg = `config.${f.path} of ${p.name} is still accepted by Kong ${v(ctx.target)} but has no effect (deprecated since ${r.since}).${repText ? ` Use ${repText}.` : ''}`;
          else msg = `config.${f.path} of ${p.name} is deprecated since Kong ${r.since}${r.removalIn ? ` and goes away in ${r.removalIn}` : ''}.${repText ? ` Use ${repText} instead${r.valueNotTransferable ? `; it takes its values in another form, so rewrite them by hand` : r.notAnAlias ? ' (its value is not carried over for you)' : ''}.` : ''}`;
          msgs[variant] = message = intern(ctx, msg + defaultNote);
        }
        skipUnder.push(f.path);
        verdicts.push({
          f,
          r,
          code: 'deprecated-plugin-field',
          severity: isDefault ? 'hint' : 'warning',
          message,
          tags: DEPRECATED_TAGS,
          ...(rep ? { to: rep } : {}),
          commentOut: r.valueIgnored && !rep,
          replacement: rep ?? (r.replacement.length ? r.replacement.join(',') : null),
          isDefault,
        });
        break;
      }
      case 'removed': {
        const reps = r.currentReplacement ?? r.replacement;
        const rep = reps && reps.length === 1 ? reps[0]! : undefined;
        skipUnder.push(f.path);
        verdicts.push({
          f,
          r,
          code: 'removed-plugin-field',
          severity: isDefault ? 'information' : 'error',
          message: `Kong ${r.since} dropped config.${f.path} of ${p.name}; Kong ${v(ctx.target)} refuses the plugin with it.${reps && reps.length ? ` Use ${reps.map((x) => `config.${x}`).join(', ')}.` : ' Remove it (the fix keeps it as a comment).'}${defaultNote}`,
          ...(rep ? { to: rep } : {}),
          commentOut: !reps || reps.length === 0,
          replacement: rep ?? (reps && reps.length ? reps.join(',') : null),
          isDefault,
        });
        break;
      }
      case 'unknown': {
        skipUnder.push(f.path);
        const parent = f.path.includes('.') ? f.path.slice(0, f.path.lastIndexOf('.')) : '';
        let sibs = pm.siblings.get(parent);
        if (!sibs) pm.siblings.set(parent, (sibs = fieldsAt(kb, p.name, parent, tv, ed).map((x) => x.path.slice(x.path.lastIndexOf('.') + 1))));
        const near = sibs.length ? closest(f.key, sibs) : undefined;
        const close = near && distance(near, f.key) <= Math.max(2, Math.floor(f.key.length / 3));
        const curR = cur.status;
        const why = r.laterIn ? ` It only appears in Kong ${r.laterIn}.` : r.onlyIn ? ` Only Kong ${r.onlyIn === 'enterprise' ? 'Enterprise' : 'open-source'} has it.` : '';
        verdicts.push({
          f,
          r,
          code: 'unknown-plugin-field',
          severity: curR === 'unknown' && !r.laterIn ? 'warning' : 'error',
          message: `${p.name} has no field config.${f.path} in Kong ${v(ctx.target)}.${why}${close ? ` Did you mean "${near}"?` : ''}`,
          replacement: close ? (parent ? `${parent}.${near}` : near!) : null,
        });
        break;
      }
    }
  }
  emitVerdicts(out, p, text, verdicts, ctx, lz);
}

function convertVerdict(f: FieldOccurrence, r: FieldAt, c: ResolvedConvertRule, ctx: DeclarativeContext, isDefault: boolean, note: string): FieldVerdict {
  const removed = r.status === 'removed' || r.status === 'unknown';
  const sev: Severity = isDefault ? (removed ? 'information' : 'hint') : removed ? 'error' : 'warning';
  if (c.action === 'delete') {
    return {
      f,
      r,
      code: 'declarative-format',
      severity: sev,
      message: `\`${c.command}\` drops config.${f.path} when moving to ${c.stepTo}; Kong ${v(ctx.target)} ${removed ? 'no longer accepts it' : 'no longer needs it'}.${note}`,
      commentOut: true,
      replacement: null,
    };
  }
  return {
    f,
    r,
    code: 'declarative-format',
    severity: sev,
    message: `${removed ? `Kong ${r.status === 'removed' ? r.since : v(ctx.target)} no longer reads config.${f.path}` : `config.${f.path} is deprecated`}: \`${c.command}\` moves it to config.${c.new}, and the fix does the same here.${note}`,
    ...(c.new ? { to: c.new } : {}),
    ...(removed ? {} : { tags: DEPRECATED_TAGS }),
    replacement: c.new ?? null,
  };
}

/** Turn verdicts into findings; moves into the same new parent share one fix. */
function emitVerdicts(out: Finding[], p: PluginInstance, text: string, verdicts: FieldVerdict[], ctx: DeclarativeContext, lz: Lazy | null): void {
  // Planning (lz): the same decisions, with PLANNED standing for each fix that would be built.
  const build = !lz;
  // Group moves by (parent map, first segment under it).
  const groups = new Map<string, FieldVerdict[]>();
  const rel = (vd: FieldVerdict): string[] | null => {
    const parentPath = vd.f.path.includes('.') ? vd.f.path.slice(0, vd.f.path.lastIndexOf('.')) : '';
    const to = vd.to!;
    if (parentPath && !to.startsWith(parentPath + '.')) return null;
    const rest = parentPath ? to.slice(parentPath.length + 1) : to;
    if (rest.includes('[')) return null;
    return rest.split('.');
  };
  const parentIds = new Map<object, number>();
  for (const vd of verdicts) {
    if (!vd.to) continue;
    const segs = rel(vd);
    if (!segs) continue;
    let id = parentIds.get(vd.f.parent);
    if (id === undefined) parentIds.set(vd.f.parent, (id = parentIds.size));
    const k = segs.length === 1 ? `${id}|=${vd.f.path}` : `${id}|${segs[0]}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(vd);
  }
  const fixesFor = new Map<FieldVerdict, { fix?: Fix; conflict?: boolean; block?: MoveBlock }>();
  for (const g of groups.values()) {
    const reqs: MoveRequest[] = g.map((vd) => ({ pair: vd.f.pair, segments: rel(vd)! }));
    const res = moveKeysEdits(text, g[0]!.f.parent, reqs, build);
    if (!res) continue;
    const ok = g.filter((vd) => !res.conflicts.includes(vd.f.pair));
    const conflictSet = g.filter((vd) => res.conflicts.includes(vd.f.pair));
    for (const vd of conflictSet) {
      const b = res.blocked?.get(vd.f.pair);
      fixesFor.set(vd, { conflict: true, ...(b ? { block: b } : {}) });
    }
    if (!ok.length || !res.edits.length) continue;
    if (!build) {
      for (const vd of ok) fixesFor.set(vd, { fix: PLANNED });
      continue;
    }
    // Edits of the conflicting keys were not made; the shared fix covers the others.
    const title =
      ok.length === 1
        ? rel(ok[0]!)!.length === 1
          ? `Rename ${ok[0]!.f.key} to ${ok[0]!.to!.slice(ok[0]!.to!.lastIndexOf('.') + 1)}`
          : `Move ${ok[0]!.f.key} to ${ok[0]!.to}`
        : `Move ${ok.map((x) => x.f.key).join(', ')} into ${rel(ok[0]!)![0]}`;
    const fx = fix(title, res.edits, true);
    for (const vd of ok) fixesFor.set(vd, { fix: fx });
  }
  for (const vd of verdicts) {
    const got = fixesFor.get(vd);
    const fixes: Fix[] = [];
    let message = vd.message;
    if (got?.fix) fixes.push(got.fix);
    else if (got?.conflict) {
      const why = blockReason(vd, got.block);
      const edits = vd.isDefault ? commentOutFix(text, vd.f, build) : null;
      if (edits && edits.length) {
        message += ` ${why}, so the fix only comments this key out.`;
        fixes.push(build ? fix(`Comment out ${vd.f.key}`, edits, true) : PLANNED);
      } else message += ` ${why}, so there is no automatic fix: merge the two by hand.`;
    }
    else if (vd.to) {
      // Could not move automatically (another layout); a plain rename still helps when the name is the only change.
    }
    if (!fixes.length && (vd.commentOut || (!vd.to && vd.code === 'removed-plugin-field'))) {
      const edits = commentOutFix(text, vd.f, build);
      if (edits) fixes.push(build ? fix(`Comment out ${vd.f.key}`, edits, true) : PLANNED);
      else {
        // No silent no-op: say that this one is left to the user.
        message = message.replace(' (the fix keeps it as a comment)', '');
        message += vd.f.pair.keyStyle === 'json'
          ? ` JSON has no comments, so no fix is offered: remove config.${vd.f.path} by hand.`
          : ` The key cannot be commented out where it is written${vd.f.pair.merged ? ' (it comes in through a << merge)' : ''}, so no fix is offered: remove config.${vd.f.path} by hand.`;
      }
    }
    if (!fixes.length && vd.code === 'unknown-plugin-field' && vd.replacement) {
      const name = vd.replacement.slice(vd.replacement.lastIndexOf('.') + 1);
      const ex = vd.f.parent.pairs.some((x) => x.key === name);
      if (!ex) fixes.push(build ? fix(`Rename to ${name}`, [renameKeyEdit(vd.f.pair, name)], false) : PLANNED);
    }
    if (!fixes.length && vd.code === 'invalid-plugin-value' && vd.replacement !== null && vd.f.pair.value?.kind === 'scalar') {
      const e = replaceStringScalarEdit(vd.f.pair.value, vd.replacement, build);
      if (e) fixes.push(build ? fix(`Change to "${vd.replacement}"`, [e], false) : PLANNED);
    }
    const f: Finding = {
      code: vd.code,
      severity: vd.severity,
      message: intern(ctx, message),
      span: vd.f.keySpan,
      plugin: p.name,
      field: vd.f.path,
      replacement: vd.replacement,
      ...(vd.tags ? { tags: vd.tags } : {}),
      ...(fixes.length ? { fixes: lz ? planned(lz, vd.f.keySpan.start, vd.code, fixes.length) : fixes } : {}),
    };
    out.push(f);
  }
}

/**
 * Comment a key out (JSON has no comments: null). When it is the only key written in its
 * block map, a `{}` line keeps the map a map: with nothing but comments under it, the key
 * above (say `config:`) would read as null.
 */
function commentOutFix(text: string, f: FieldOccurrence, build = true): TextEdit[] | null {
  if (f.pair.keyStyle === 'json') return null;
  const edits = commentOutEdits(text, f.pair, build);
  if (!edits || !edits.length) return null;
  if (!build) return edits;
  const ls = lineStartOf(text, f.pair.keyStart);
  if (!f.parent.flow && ls < f.pair.keyStart && f.parent.pairs.every((p) => p === f.pair)) {
    edits.unshift({ start: ls, end: ls, newText: `${text.slice(ls, f.pair.keyStart)}{}${eolOf(text)}` });
  }
  return edits;
}

/** Why a move was left out, e.g. "config.redis.port is already set" (no trailing period). */
function blockReason(vd: FieldVerdict, b: MoveBlock | undefined): string {
  const target = `config.${vd.to}`;
  if (!b) return `the fix cannot write ${target} in this layout`;
  const parentPath = vd.f.path.includes('.') ? vd.f.path.slice(0, vd.f.path.lastIndexOf('.')) : '';
  const at = `config.${parentPath ? parentPath + '.' : ''}${b.at.join('.')}`;
  if (at === target) return `${target} is already set${b.merged ? ' (through a << merge)' : ''}`;
  if (b.merged) return `${at} comes in through a << merge, and a key added to it here would replace the whole merged map`;
  if (b.notMap) return `${at} is already set to something other than a map`;
  return `another key already moves to ${at}`;
}

/** Type and allowed-value problems of a value against the field facts. */
function valueProblem(f: FieldOccurrence, r: Extract<FieldAt, { status: 'accepted' }>): { message: string; nearest?: string } | null {
  const val = f.value;
  if (val === null) return null;
  if (typeof val === 'string' && /^\{vault:\/\//.test(val)) return null;
  if (typeof val === 'string' && /\$\{[^}]*\}|\{\{[^}]*\}\}/.test(val)) return null; // templated (envsubst, Helm)
  const t = r.type;
  const kindOk = (() => {
    switch (t) {
      case 'string':
        // YAML reads unquoted 123 or true as non-strings; that is seldom what breaks a config.
        return true;
      case 'number':
        return typeof val === 'number';
      case 'integer':
        return typeof val === 'number' && Number.isInteger(val);
      case 'boolean':
        return typeof val === 'boolean';
      case 'array':
      case 'set':
        return Array.isArray(val);
      case 'record':
      case 'map':
        return typeof val === 'object' && !Array.isArray(val);
      default:
        return true;
    }
  })();
  if (!kindOk) {
    const want = t === 'set' || t === 'array' ? 'a list' : t === 'record' || t === 'map' ? 'a map' : `a ${t}`;
    return { message: `config.${f.path} must be ${want}; here it is ${describe(val)}.` };
  }
  if (r.allowed && (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean')) {
    if (!r.allowed.some((a) => a === val)) {
      const strs = r.allowed.filter((a): a is string => typeof a === 'string');
      const nearest = typeof val === 'string' && strs.length ? closest(val, strs) : undefined;
      return { message: `${JSON.stringify(val)} is not a value config.${f.path} accepts; allowed: ${r.allowed.map((a) => JSON.stringify(a)).join(', ')}.`, ...(nearest ? { nearest } : {}) };
    }
  }
  if (r.elementsAllowed && Array.isArray(val)) {
    const bad = val.filter((x) => (typeof x === 'string' || typeof x === 'number') && !r.elementsAllowed!.includes(x));
    if (bad.length) return { message: `config.${f.path} has ${bad.map((b) => JSON.stringify(b)).join(', ')}, not among the allowed values ${r.elementsAllowed.map((a) => JSON.stringify(a)).join(', ')}.` };
  }
  return null;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? 'the boolean' : 'the string'} ${JSON.stringify(v)}`;
}
