/**
 * The kong.conf rules, run over `Setting`s so that kong.conf lines and KONG_*
 * variables get the same findings and fixes. Generic over the knowledge base: no
 * property name appears here.
 *
 * Rule ids: unknown-property, deprecated-property, removed-property, invalid-value,
 * deprecated-value, new-in-target, duplicate-property (syntax comes from the parsers).
 */
import type { Finding, Fix, TextEdit } from '../model';
import type { DynamicPrefix, PropertyState } from '../knowledge/types';
import { docsUrlOf, propertyAt, namesAt, lifeOf, prefixFor } from '../knowledge/conf';
import { didYouMean, nearestAllowed } from '../suggest';
import { parseBoolean, splitList } from './parser';
import type { Setting } from './settings';
import type { ConfCheckContext } from './context';

/** Overridden lines reported one by one, per file (beyond: one summary finding). */
const DUPLICATES_LISTED_MAX = 10_000;
/** Other findings listed per file before one note stands for the rest. */
const FINDINGS_LISTED_MAX = 10_000;
const UNNECESSARY: Array<'deprecated' | 'unnecessary'> = ['unnecessary'];

export function checkSettings(settings: readonly Setting[], ctx: ConfCheckContext): Finding[] {
  const out: Finding[] = [];
  const T = ctx.target.version;
  const tLabel = `Kong ${ctx.target.input}`;
  const set = new Map<string, Setting>();
  for (const s of settings) set.set(s.property, s); // last one wins, as in Kong
  let targetNames: string[] | undefined;
  const namesInTarget = () => (targetNames ??= namesAt(ctx.conf, T, ctx.target.edition));

  // A file can repeat one line hundreds of thousands of times: each overridden line's
  // finding shares its texts with the others of its name, and past a cap one finding
  // stands for the rest.
  const dupTexts = new Map<string, { message: string; title: string; docsUrl: string }>();
  let dupListed = 0;
  let dupUnlisted: { count: number; first: Setting } | undefined;
  // Likewise for the other findings: a file of 300,000 unknown names lists the first
  // FINDINGS_LISTED_MAX (each finding costs memory in every report and editor), and one
  // note says how many more there are.
  let listed = 0;
  let unlisted: { count: number; errors: number; warnings: number; first: Finding } | undefined;
  const emit = (f: Finding) => {
    if (listed < FINDINGS_LISTED_MAX) {
      listed++;
      out.push(f);
      return;
    }
    unlisted ??= { count: 0, errors: 0, warnings: 0, first: f };
    unlisted.count++;
    if (f.severity === 'error') unlisted.errors++;
    else if (f.severity === 'warning') unlisted.warnings++;
  };
  for (const original of settings) {
    if (original.overriddenBy && dupListed >= DUPLICATES_LISTED_MAX) {
      if (dupUnlisted) dupUnlisted.count++;
      else dupUnlisted = { count: 1, first: original };
      continue;
    }
    const s = fileVariant(original, ctx);
    if (s.overriddenBy) {
      let t = dupTexts.get(s.keyText + '\u0000' + s.property);
      if (!t) {
        t = {
          message: `"${s.keyText}" is set again further down; Kong keeps only the last value, so this line has no effect.`,
          title: `Comment out this overridden "${s.keyText}"`,
          docsUrl: docsUrlOf(ctx.conf, s.property),
        };
        dupTexts.set(s.keyText + '\u0000' + s.property, t);
      }
      dupListed++;
      out.push({
        property: s.property,
        span: s.keySpan,
        docsUrl: t.docsUrl,
        code: 'duplicate-property',
        severity: 'warning',
        message: t.message,
        tags: UNNECESSARY,
        replacement: null,
        fixes: commentFix(s, t.title),
      });
      continue;
    }
    const docsUrl = docsUrlOf(ctx.conf, s.property);
    const base = { property: s.property, span: s.keySpan, docsUrl };
    const at = propertyAt(ctx.conf, s.property, T, ctx.target.edition);
    const life = () => lifeOf(ctx.conf, s.property);

    // A key under a prefix Kong renamed (every key moves) or dropped.
    if ((at.status === 'unknown' || at.status === 'prefix') && !at.record) {
      const gone = gonePrefixFor(ctx, s.property);
      if (gone) {
        const renamed = gone.renamedTo ? gone.renamedTo + s.property.slice(gone.prefix.length) : null;
        const usable = renamed && propertyAt(ctx.conf, renamed, T, ctx.target.edition).status === 'prefix' ? renamed : null;
        const now =
          at.status === 'prefix' && at.prefix
            ? ` ${tLabel} reads it only through the ${at.prefix.prefix} prefix, as the Nginx directive "${s.property.slice(at.prefix.prefix.length)}".`
            : ` ${tLabel} ignores it.`;
        emit({
          ...base,
          code: 'removed-property',
          severity: at.status === 'prefix' ? 'warning' : 'error',
          message:
            `The ${gone.prefix}* keys are no longer read since Kong ${gone.until}${gone.renamedTo ? ` (renamed to ${gone.renamedTo}*)` : ''}.${now}` +
            (usable ? ` Use ${spellAll(s, usable)} instead.` : renamed ? ` ${tLabel} no longer reads ${gone.renamedTo}* either: comment it out.` : ''),
          replacement: usable,
          fixes: usable ? renameFixes(s, usable, set) : commentFix(s, `Comment out "${s.keyText}" (no longer read)`),
        });
        continue;
      }
    }

    if (at.status === 'unknown') {
      const other = propertyAt(ctx.conf, s.property, T, ctx.target.edition === 'oss' ? 'enterprise' : 'oss');
      if (ctx.target.edition === 'oss' && (other.status === 'accepted' || other.status === 'deprecated')) {
        emit({
          ...base,
          code: 'unknown-property',
          severity: 'warning',
          message: `"${s.keyText}" is a Kong Gateway Enterprise setting; the open-source ${tLabel} ignores it. Set kong.edition to "enterprise" if you run Enterprise.`,
          replacement: null,
        });
        continue;
      }
      // Past the listing cap (unknown names are the one kind a file can hold without end)
      // the finding is only counted: no message, no suggestion to look for.
      if (unlisted) {
        unlisted.count++;
        unlisted.errors++;
        continue;
      }
      const guess = listed < FINDINGS_LISTED_MAX ? didYouMean(s.property, namesInTarget()) : null;
      emit({
        ...base,
        code: 'unknown-property',
        severity: 'error',
        message: `${tLabel} does not know "${s.keyText}" and silently ignores it.${guess ? ` Did you mean "${s.spellKey(guess)}"?` : ''}`,
        replacement: guess,
        ...(guess ? { fixes: [{ title: `Change to "${s.spellKey(guess)}"`, edits: [{ ...s.keySpan, newText: s.spellKey(guess) }], preferred: false }] } : {}),
      });
      continue;
    }

    // A name Kong still takes, but only as a raw Nginx directive through a prefix, after it stopped
    // being a property of its own (nginx_upstream_keepalive_requests in 3.0): still worth saying.
    if (at.status === 'prefix' && at.lastSeen && at.removedIn && at.prefix) {
      const cur = propertyAt(ctx.conf, s.property, ctx.current.version, ctx.current.edition);
      if (cur.status === 'accepted' || cur.status === 'deprecated') {
        const names = usableReplacements(ctx, at.replacement);
        const directive = s.property.slice(at.prefix.prefix.length);
        emit({
          ...base,
          code: 'removed-property',
          severity: 'warning',
          message:
            `"${s.keyText}" is no longer a Kong property since Kong ${at.removedIn}; ${tLabel} passes it on through the ${at.prefix.prefix} prefix as the Nginx directive "${directive}" instead of reading it itself.` +
            (names.length ? ` Use ${spellAll(s, names.join(' / '))} instead.` : ''),
          replacement: names.length === 1 ? names[0]! : null,
          fixes: names.length ? renameFixes(s, names.join(' / '), set) : [],
        });
        continue;
      }
    }
    if (at.status === 'removed') {
      const named = replacementNames(at.replacement ?? null);
      const names = usableReplacements(ctx, at.replacement ?? null);
      const usable = names.length ? names.join(' / ') : null;
      const since = at.removedIn ? `was removed in Kong ${at.removedIn}` : `is no longer read`;
      const advice = adviceFor(ctx, s.property, 'removed', T);
      const goneToo = !usable && named.length ? ` It was replaced by ${named.map((n) => `"${s.spellKey(n)}"`).join(' and ')}, which ${tLabel} no longer reads either: comment it out.` : '';
      const loaded = ctx.conf.properties[s.property]?.loadsPlugins ? pluginsStillNamed(set, ctx) : [];
      emit({
        ...base,
        code: 'removed-property',
        severity: 'error',
        message:
          `"${s.keyText}" ${since}; ${tLabel} ignores it.` +
          (usable ? ` Use ${spellAll(s, usable)} instead.` : goneToo || (advice ? ` ${sentence(advice)}` : ' Nothing replaces it: comment it out or remove it.')) +
          (loaded.length ? ` "plugins" still names ${loaded.map((p) => `"${p}"`).join(', ')}: Go plugins among them were loaded through this setting and will not load without it.` : ''),
        replacement: names.length === 1 ? names[0]! : null,
        fixes: usable
          ? renameFixes(s, usable, set)
          : commentFix(s, loaded.length ? `Comment out "${s.keyText}" (removed; Go plugins in "plugins" (${loaded.join(', ')}) will not load)` : `Comment out "${s.keyText}" (removed)`),
      });
      continue;
    }

    const state = at.state;
    if (at.status === 'deprecated') {
      const repl = at.replacement ?? null;
      const since = life().find((e) => (e.kind === 'deprecated' || e.kind === 'renamed') && e.version && versionLE(e.version, T))?.version;
      emit({
        ...base,
        code: 'deprecated-property',
        severity: 'warning',
        tags: ['deprecated'],
        message:
          `"${s.keyText}" is deprecated${since ? ` since Kong ${since}` : ''}; ${tLabel} still reads it but a later release will not.` +
          (repl
            ? ` Use ${spellAll(s, repl)} instead.`
            : adviceFor(ctx, s.property, 'deprecated', T)
              ? ` ${sentence(adviceFor(ctx, s.property, 'deprecated', T)!)}`
              : ' It has no replacement: plan to remove it.'),
        replacement: repl,
        fixes: repl ? renameFixes(s, repl, set) : [],
      });
    }

    if ((at.status === 'accepted' || at.status === 'prefix') && ctx.current.version !== T && versionLT(ctx.current.version, T)) {
      const cur = propertyAt(ctx.conf, s.property, ctx.current.version, ctx.current.edition);
      if (cur.status === 'unknown' || cur.status === 'removed') {
        const added = life().find((e) => e.kind === 'added' && versionLE(e.version, T) && !versionLE(e.version, ctx.current.version))?.version;
        emit({
          ...base,
          code: 'new-in-target',
          severity: 'information',
          message: `"${s.keyText}" is new${added ? ` in Kong ${added}` : ` after Kong ${ctx.current.input}`}: the Kong ${ctx.current.input} you run today ignores it until you upgrade.`,
          replacement: null,
        });
      }
    }

    if (state && !s.templated && s.value.trim() !== '') for (const f of checkValue(s, state, ctx, tLabel)) emit(f);
  }
  if (unlisted) {
    const u = unlisted;
    const kinds = [
      u.errors ? `${u.errors.toLocaleString('en-US')} error${u.errors === 1 ? '' : 's'}` : '',
      u.warnings ? `${u.warnings.toLocaleString('en-US')} warning${u.warnings === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push({
      ...(u.first.property ? { property: u.first.property } : {}),
      span: u.first.span,
      code: 'check-incomplete',
      severity: 'information',
      message: `This file has more than ${FINDINGS_LISTED_MAX.toLocaleString('en-US')} findings: ${u.count.toLocaleString('en-US')} more from here on${kinds ? ` (${kinds})` : ''} are not listed one by one. Fix the ones listed and check again.`,
      replacement: null,
    });
  }
  if (dupUnlisted) {
    const f = dupUnlisted.first;
    out.push({
      property: f.property,
      span: f.keySpan,
      code: 'duplicate-property',
      severity: 'information',
      message: `${dupUnlisted.count.toLocaleString('en-US')} more lines from here on set a property again further down (each has no effect); they are not listed one by one.`,
      tags: UNNECESSARY,
      replacement: null,
    });
  }
  return out;
}

/** " (not accepted since Kong X)" when an earlier version of the same edition accepted the value. */
function droppedSince(ctx: ConfCheckContext, property: string, value: string, version: string, edition: 'oss' | 'enterprise'): string {
  const rec = ctx.conf.properties[property];
  if (!rec) return '';
  let dropped: string | undefined;
  for (let i = rec.states.length - 1; i > 0; i--) {
    const st = rec.states[i]!;
    if (compareVersions(st.from, version) > 0) continue;
    const prev = rec.states[i - 1]!;
    const reads = (x: typeof st) => (edition === 'oss' ? x.oss : x.enterprise);
    const rejects = (x: typeof st) => !!x.allowed?.length && !x.allowed.includes(value);
    if (!rejects(st)) break;
    if (reads(prev) && !rejects(prev)) {
      dropped = st.from;
      break;
    }
  }
  return dropped ? ` (not accepted since Kong ${dropped})` : '';
}

/**
 * Kong's container images read `KONG_<NAME>_FILE` as "the value of <name> is in this
 * file". When `<name>_file` is no property of its own but `<name>` is, check `<name>`
 * (its value is a path, so it is not checked) and keep the `_FILE` suffix in renames.
 */
function fileVariant(s: Setting, ctx: ConfCheckContext): Setting {
  const m = /^(KONG_.+)_FILE$/.exec(s.keyText);
  if (!m || !s.property.endsWith('_file')) return s;
  if (propertyAt(ctx.conf, s.property, ctx.target.version, ctx.target.edition).status !== 'unknown') return s;
  const base = s.property.slice(0, -'_file'.length);
  if (!ctx.conf.properties[base]) return s;
  return { ...s, property: base, templated: true, spellKey: (p: string) => `${s.spellKey(p)}_FILE` };
}

function checkValue(s: Setting, state: PropertyState, ctx: ConfCheckContext, tLabel: string): Finding[] {
  const out: Finding[] = [];
  const value = s.value.trim();
  const base = { property: s.property, span: s.valueSpan, docsUrl: docsUrlOf(ctx.conf, s.property), replacement: null };
  // A guessed value changes behaviour (e.g. "yes" -> "on" turns a setting Kong reads as
  // off on), so guesses are offered as quick fixes but never applied by fix-all.
  const replaceValue = (title: string, v: string, preferred = false): Fix[] => [{ title, edits: [{ ...s.valueSpan, newText: s.spellValue(v) }], preferred }];

  const dep = state.deprecatedValues?.find((d) => d.value === value);
  if (dep) {
    const since = lifeOf(ctx.conf, s.property).find((e) => e.kind === 'deprecated_value' && (e.old === value || e.new === value || !e.old))?.version;
    out.push({
      ...base,
      code: 'deprecated-value',
      severity: 'warning',
      tags: ['deprecated'],
      message: `The value "${value}" of ${s.property} is deprecated${since ? ` since Kong ${since}` : ''} in ${tLabel}.` + (dep.replacement ? ` Use "${dep.replacement}".` : ''),
      fixes: dep.replacement ? replaceValue(`Change to "${dep.replacement}"`, dep.replacement, true) : [],
    });
    return out;
  }

  const grammar = checkGrammar(s, state, tLabel, value);
  if (grammar) {
    out.push({ ...base, code: 'invalid-value', severity: 'error', message: grammar });
    return out;
  }

  switch (state.type) {
    case 'boolean':
    case 'ngx_boolean': {
      if (parseBoolean(value) === null) {
        const guess = /^(yes|y|1|enabled?|t)$/i.test(value) ? 'on' : /^(no|n|0|disabled?|f|none)$/i.test(value) ? 'off' : null;
        out.push({
          ...base,
          code: 'invalid-value',
          severity: 'error',
          message: `${s.property} takes on or off; ${tLabel} reads "${value}" as off.${guess ? ` Did you mean "${guess}"?` : ''}`,
          fixes: guess ? replaceValue(`Change to "${guess}"`, guess) : [],
        });
      }
      return out;
    }
    case 'number': {
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
        out.push({ ...base, code: 'invalid-value', severity: 'error', message: `${s.property} takes a number; ${tLabel} cannot read "${value}" and leaves the property unset.` });
      }
      return out;
    }
    case 'enum': {
      if (state.allowed?.length && !state.allowed.includes(value)) {
        const near = nearestAllowed(value, state.allowed, state.default);
        out.push({
          ...base,
          code: 'invalid-value',
          severity: 'error',
          message: `${tLabel} rejects "${value}" for ${s.property} and will not start${droppedSince(ctx, s.property, value, ctx.target.version, ctx.target.edition)}. Allowed: ${state.allowed.join(', ')}.`,
          fixes: near ? replaceValue(`Change to "${near}"`, near) : [],
        });
      }
      return out;
    }
    case 'array': {
      if (!state.allowed?.length) return out;
      // Kong compares list elements without regard to case (header names, DNS record types).
      const allowed = new Set(state.allowed.map((a) => a.toLowerCase()));
      const items = splitList(s.value);
      const bad = items.filter((i) => i.text !== '' && !allowed.has(i.text.toLowerCase()));
      if (!bad.length) return out;
      const guesses = bad.map((b) => nearestAllowed(b.text, state.allowed!, null));
      const fixable = guesses.every((g) => g !== null);
      const fixed = items.map((i) => (bad.includes(i) ? guesses[bad.indexOf(i)]! : i.text)).join(', ');
      out.push({
        ...base,
        code: 'invalid-value',
        severity: 'error',
        message: `${tLabel} does not accept ${bad.map((b) => `"${b.text}"`).join(', ')} in ${s.property} and will not start. Allowed: ${state.allowed.join(', ')}.`,
        fixes: fixable ? replaceValue(`Change to "${fixed}"`, fixed) : [],
      });
      return out;
    }
    default:
      return out;
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Nginx sizes: digits with an optional k/m/g unit (lua_shared_dict, buffers). */
const SIZE = /^\d+[kKmMgG]?$/;

/** " (4 MB)" for byte counts that are whole megabytes or kilobytes. */
function bytesNote(n: number): string {
  if (n >= 1048576 && n % 1048576 === 0) return ` (${n / 1048576} MB)`;
  if (n >= 1024 && n % 1024 === 0) return ` (${n / 1024} KB)`;
  return '';
}

/**
 * The value grammars and limits the knowledge base holds for the state (loader limits, Nginx
 * sizes, listen flags): a message when the value breaks one, else null.
 */
function checkGrammar(s: Setting, state: PropertyState, tLabel: string, value: string): string | null {
  if (state.min !== undefined || state.gt !== undefined || state.max !== undefined || state.integer) {
    if (NUMBER.test(value)) {
      const n = Number(value);
      const want: string[] = [];
      if (state.integer && !Number.isInteger(n)) want.push('a whole number');
      if (state.min !== undefined && n < state.min) want.push(`at least ${state.min}${bytesNote(state.min)}`);
      if (state.gt !== undefined && !(n > state.gt)) want.push(`greater than ${state.gt}`);
      if (state.max !== undefined && n > state.max) want.push(`at most ${state.max}`);
      if (want.length) return `${tLabel} requires ${s.property} to be ${want.join(' and ')} and will not start with ${value}.`;
    }
  }
  if (state.grammar === 'size' && !SIZE.test(value)) {
    return `${s.property} takes a size such as 128m (digits with an optional k, m or g); ${tLabel} cannot start with "${value}".`;
  }
  if (state.grammar === 'listen' && state.flags?.length && value.toLowerCase() !== 'off') {
    const flags = new Set(state.flags);
    const bad: string[] = [];
    for (const entry of splitList(value)) {
      const words = entry.text.trim().split(/\s+/).slice(1); // after the address
      for (const w of words) if (w && !flags.has(w.split('=')[0]!.toLowerCase())) bad.push(w);
    }
    if (bad.length) {
      return `${tLabel} does not know the listen flag${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')} in ${s.property} and will not start. Flags it takes: ${state.flags.join(', ')}.`;
    }
  }
  return null;
}

/** Kong sometimes names several replacements ("a / b"): each is offered, none applied unattended. */
export function replacementNames(replacement: string | null | undefined): string[] {
  return (replacement ?? '').split(/\s*(?:\/|,|\band\b|\bor\b|\+)\s*/).filter((n) => /^[a-z0-9_]+$/i.test(n));
}

function spellAll(s: Setting, replacement: string): string {
  const names = replacementNames(replacement);
  // Several names are a split of one setting into several (cassandra_consistency -> read and write): name all of them.
  return (names.length ? names : [replacement]).map((n) => `"${s.spellKey(n)}"`).join(' and ');
}

function renameFixes(s: Setting, replacement: string, set: Map<string, Setting>): Fix[] {
  const names = replacementNames(replacement);
  if (names.length !== 1) {
    return names.map((n) => ({ title: `Rename to "${s.spellKey(n)}"`, edits: [{ ...s.keySpan, newText: s.spellKey(n) }], preferred: false }));
  }
  replacement = names[0]!;
  const existing = set.get(replacement);
  if (existing && existing !== s) {
    // Renaming would create a duplicate: keep the one already set, disable this one.
    const differs = existing.value.trim() !== s.value.trim();
    return commentFix(
      s,
      differs
        ? `Comment out "${s.keyText}" ("${s.spellKey(replacement)}" is already set, to "${existing.value.trim()}" rather than "${s.value.trim()}")`
        : `Comment out "${s.keyText}" ("${s.spellKey(replacement)}" is already set)`,
    );
  }
  const edit: TextEdit = { ...s.keySpan, newText: s.spellKey(replacement) };
  return [{ title: `Rename to "${s.spellKey(replacement)}"`, edits: [edit], preferred: true }];
}

/** The replacements Kong names that the target still reads (each of several). */
function usableReplacements(ctx: ConfCheckContext, replacement: string | null | undefined): string[] {
  return replacementNames(replacement).filter((n) => {
    const st = propertyAt(ctx.conf, n, ctx.target.version, ctx.target.edition).status;
    return st === 'accepted' || st === 'deprecated' || st === 'prefix';
  });
}

/** The changelog's advice (our words) on the newest removal/deprecation event up to the target. */
function adviceFor(ctx: ConfCheckContext, property: string, kind: 'removed' | 'deprecated', T: string): string | undefined {
  const kinds = kind === 'removed' ? ['removed', 'no_longer_accepted'] : ['deprecated', 'renamed'];
  let out: string | undefined;
  for (const e of lifeOf(ctx.conf, property)) if (kinds.includes(e.kind) && e.advice && versionLE(e.version, T)) out = e.advice;
  return out;
}

/** The changelog's advice (already our words) as a closing sentence. */
const sentence = (t: string) => `From Kong's changelog: ${t}${/[.!?]$/.test(t) ? '' : '.'}`;

/** Names in the file's "plugins" that are not Kong's own plugins (bundled/off aside). */
function pluginsStillNamed(set: Map<string, Setting>, ctx: ConfCheckContext): string[] {
  const p = set.get('plugins');
  if (!p || p.templated) return [];
  return splitList(p.value)
    .map((i) => i.text.trim())
    .filter((n) => n !== '' && n !== 'bundled' && n !== 'off' && !(ctx.isKongPlugin?.(n) ?? false));
}

/** The most specific prefix the name fell under that the target no longer reads while the current version did. */
function gonePrefixFor(ctx: ConfCheckContext, name: string): DynamicPrefix | undefined {
  let best: DynamicPrefix | undefined;
  for (const p of ctx.conf.prefixes) {
    if (!p.until || !name.startsWith(p.prefix) || name.length === p.prefix.length || p.except?.includes(name)) continue;
    if (!versionLE(p.until, ctx.target.version)) continue; // still read by the target
    if (!versionLE(p.from, ctx.current.version) || versionLE(p.until, ctx.current.version)) continue; // the current version read it through this prefix
    if (!best || p.prefix.length > best.prefix.length) best = p;
  }
  const now = prefixFor(ctx.conf, name, ctx.target.version);
  return best && (!now || now.prefix.length < best.prefix.length) ? best : undefined;
}

function commentFix(s: Setting, title: string): Fix[] {
  const edits = s.commentOut();
  return edits ? [{ title, edits, preferred: true }] : [];
}

import { compareVersions } from '../version';
function versionLE(a: string, b: string): boolean {
  return compareVersions(a, b) <= 0;
}
function versionLT(a: string, b: string): boolean {
  return compareVersions(a, b) < 0;
}
