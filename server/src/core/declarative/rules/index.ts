/**
 * Declarative-file rules: plugin fields (deprecated, removed, unknown, invalid values),
 * plugins (removed, unknown), `_format_version`, regex route paths and the other
 * `deck file convert` rules. All facts come from the plugin knowledge base; nothing here
 * names a plugin or a field.
 *
 * One file per rule family: formatVersion.ts, routePaths.ts, plugins.ts, pluginFields.ts
 * (with fieldVerdicts.ts turning field verdicts into findings and fixes, pluginValues.ts
 * for value checks); shared.ts holds the context and finding keys, memo.ts the memoised
 * knowledge lookups. This file runs them over a model.
 */
import type { Finding, Fix } from '../../model';
import type { DeclarativeModel } from '../types';
import type { LocalModel } from '../walk';
import { pushAll } from '../../util';
import { FixBatch } from '../lazyFixes';
import { dedupe, findingKey, type DeclarativeContext, type Lazy } from './shared';
import { checkDocument, checkFormatEmpty, checkFormatValue } from './formatVersion';
import { checkRoutePath } from './routePaths';
import { checkPlugin } from './plugins';
import { checkEntities } from './entities';

export { contextKey, type DeclarativeContext } from './shared';
export { checkDocument } from './formatVersion';

/** Check an absolute model (every document) against the context. */
export function checkDeclarative(model: DeclarativeModel, ctx: DeclarativeContext, text: string): Finding[] {
  const out: Finding[] = [];
  for (const d of model.documents) {
    const local: LocalModel = { plugins: d.plugins, routePaths: d.routePaths, ...(d.entities ? { entities: d.entities } : {}), ...(d.formatVersion ? { formatVersion: d.formatVersion } : {}) };
    pushAll(out, checkLocal(local, text, ctx, d.formatVersion?.value));
    pushAll(out, checkDocument(text, ctx, d.start, d.end, d.formatVersion ? { value: d.formatVersion.value, present: true } : { present: false }, model.format));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Checks over one piece (or a whole document): plugins, fields, route paths, `_format_version` value.
 * Fixes are built on first read unless `ctx.eagerFixes`; `relocal` gives the model again
 * for that (the same as `local`, possibly parsed anew; default: `local` itself, kept).
 */
export function checkLocal(local: LocalModel, text: string, ctx: DeclarativeContext, formatVersion: string | undefined, relocal?: () => LocalModel): Finding[] {
  const out = ctx.eagerFixes
    ? checkLocalWith(local, text, ctx, formatVersion, null)
    : checkLocalWith(local, text, ctx, formatVersion, { batch: fixBatch(relocal ?? keep(local), text, ctx, formatVersion) });
  // Entity findings (entities.ts) build their small fixes at once.
  if (ctx.entities) {
    const ent = checkEntities(local, text, ctx, formatVersion);
    if (ent.length) {
      pushAll(out, ent);
      out.sort((a, b) => a.span.start - b.span.start);
    }
  }
  return out;
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
  else if (local.formatVersionEmpty) checkFormatEmpty(out, local.formatVersionEmpty, text, ctx);
  for (const p of local.plugins) checkPlugin(out, p, text, ctx, lz);
  for (const r of local.routePaths) checkRoutePath(out, r, text, ctx, formatVersion, lz);
  return dedupe(out);
}
