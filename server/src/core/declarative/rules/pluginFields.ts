/**
 * Plugin fields: deprecated, removed, unknown (did-you-mean), invalid values, and the fields
 * `deck file convert` moves or drops. Decides a verdict per field; fieldVerdicts.ts builds
 * the findings and fixes.
 */
import type { Finding, Severity } from '../../model';
import type { JsonValue } from '../../knowledge/pluginTypes';
import { fieldsAt, type FieldAt, type ResolvedConvertRule } from '../../knowledge/plugins';
import type { Edition } from '../../knowledge/types';
import type { FieldOccurrence, PluginInstance } from '../types';
import { didYouMean } from '../../suggest';
import { fieldAtMemo, intern, pluginMemo } from './memo';
import { DEPRECATED_TAGS, emitVerdicts, type FieldVerdict } from './fieldVerdicts';
import { valueProblem } from './pluginValues';
import { v, type DeclarativeContext, type Lazy } from './shared';

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

export function checkFields(out: Finding[], p: PluginInstance, text: string, ctx: DeclarativeContext, ed: Edition, lz: Lazy | null): void {
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
    const isDefault = f.value === null || ((cur.status === 'accepted' || cur.status === 'deprecated') && cur.hasDefault && cur.default !== '<random>' && deepEqual(f.value, cur.default as JsonValue));
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
          if (r.valueIgnored && !repText)
            msg = `Kong ${v(ctx.target)} accepts config.${f.path} of ${p.name} but ignores it: it has had no effect since ${r.since}, and nothing replaces it. Removing it changes nothing (the fix keeps it as a comment).`;
          else if (r.valueIgnored)
            msg =
              `config.${f.path} of ${p.name} is still accepted by Kong ${v(ctx.target)} but has no effect (deprecated since ${r.since}).${repText ? ` Use ${repText}.` : ''}` +
              (r.valueNotTransferable && repText ? ` Its value does not carry over (${r.note ?? 'another meaning'}), so the fix comments it out with a note instead of moving it.` : '');
          else
            msg = `config.${f.path} of ${p.name} is deprecated since Kong ${r.since}${r.removalIn ? ` and goes away in ${r.removalIn}` : ''}.${repText ? ` Use ${repText} instead${r.valueNotTransferable ? `; it takes its values in another form, so rewrite them by hand` : r.notAnAlias ? ' (its value is not carried over for you)' : ''}.` : ''}`;
          msgs[variant] = message = intern(ctx, msg + defaultNote);
        }
        skipUnder.push(f.path);
        verdicts.push({
          f,
          r,
          // Accepted but ignored, with nothing replacing it: not "deprecated, still works".
          code: r.valueIgnored && !r.replacement.length ? 'ineffective-plugin-field' : 'deprecated-plugin-field',
          severity: isDefault ? 'hint' : 'warning',
          message,
          tags: DEPRECATED_TAGS,
          ...(rep ? { to: rep } : {}),
          commentOut: r.valueIgnored && !rep,
          ...(r.valueIgnored && r.valueNotTransferable && r.replacement.length
            ? {
                commentNote: `${f.key} has no effect since Kong ${r.since} and does not carry over to ${r.replacement.map((x) => `config.${x}`).join(', ')} (${r.note ?? 'another meaning'}): set that by hand.`,
              }
            : {}),
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
        const near = didYouMean(f.key, sibs) ?? undefined;
        const close = near !== undefined;
        const curR = cur.status;
        const why = r.laterIn ? ` Kong ${r.laterIn} is the first version that has it.` : r.onlyIn ? ` Only Kong ${r.onlyIn === 'enterprise' ? 'Enterprise' : 'open-source'} has it.` : '';
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
