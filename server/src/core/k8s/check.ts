/**
 * Checks of Kong's Kubernetes resources: the `config` of KongPlugin / KongClusterPlugin
 * goes through the very same plugin checks as a decK plugin (declarative/rules.ts: every
 * code, message and fix), plus what only Kubernetes has: values read from Secrets
 * (`configFrom` / `configPatches`, noted as not checkable) and `konghq.com/plugins`
 * annotations naming a plugin resource the workspace does not define.
 */
import type { Finding } from '../model';
import { checkLocal, type DeclarativeContext } from '../declarative/rules';
import { pluginAt, topFieldAt } from '../knowledge/plugins';
import { kongPluginsDefined, readKongResources } from './resources';
import { pushAll } from '../util';
import { didYouMean } from '../suggest';

/** The KongPlugin / KongClusterPlugin names known around a file, and what to call that set in messages. */
export interface KongPluginScope {
  /** metadata.name of every KongPlugin / KongClusterPlugin defined (the checked file's own are added). */
  names: ReadonlySet<string>;
  /** e.g. "the workspace", "the files checked". */
  where: string;
  /** The plugin each of those resources configures (its `plugin:`), when known. */
  types?: ReadonlyMap<string, string | null>;
}

/** Resources whose plugins annotation scopes a plugin to them, and the plugin field that scoping sets. */
const SCOPED_BY: Record<string, { field: 'consumer' | 'consumer_group'; what: string }> = {
  KongConsumer: { field: 'consumer', what: 'a consumer' },
  KongConsumerGroup: { field: 'consumer_group', what: 'a consumer group' },
};

/**
 * Findings of the Kong resources of a YAML text. `ctx` null: no plugin facts (only the
 * annotation check runs). `scope` undefined: the rest of the workspace is unknown, so a
 * reference is never called missing.
 */
export function checkKongResources(text: string, ctx: DeclarativeContext | null, scope?: KongPluginScope): Finding[] {
  const r = readKongResources(text);
  const out: Finding[] = [];
  // (With the entity facts, for their config fields: plugin defaults that flip on the way, such as hide_credentials.)
  if (ctx && r.local.plugins.length) pushAll(out, checkLocal(r.local, text, { ...ctx, eagerFixes: true, resources: true }, undefined));
  for (const res of r.resources) {
    const what = `${res.kind}${res.name ? ` "${res.name}"` : ''}`;
    if (res.noPluginKey) {
      out.push({
        code: 'config-not-checked',
        severity: 'information',
        message: `${what} has no plugin: key, so which plugin its config belongs to is not written here and its config is not checked.`,
        span: res.kindSpan,
        replacement: null,
      });
    }
    for (const s of res.fromSecret) {
      out.push({
        code: 'config-not-checked',
        severity: 'information',
        message: `${s.key} of ${what} takes configuration values from a Secret, which is not in this file; those values are not checked${res.plugin ? ` against the ${res.plugin} plugin's fields` : ''}.`,
        span: s.span,
        ...(res.plugin ? { plugin: res.plugin } : {}),
        replacement: null,
      });
    }
  }
  if (ctx && r.references.length) {
    // A plugin attached to a KongConsumer / KongConsumerGroup runs scoped to it: the facts say which plugins cannot be.
    const types = new Map(scope?.types ?? []);
    for (const res of r.resources) if (res.name) types.set(res.name, res.plugin ?? null);
    for (const ref of r.references) {
      const sc = SCOPED_BY[ref.on.kind];
      const type = types.get(ref.name);
      if (!sc || !type || ctx.customPlugins.includes(type)) continue;
      const ed = ctx.plugins.plugins[type]?.edition === 'enterprise' ? 'enterprise' : ctx.target.edition;
      if (pluginAt(ctx.plugins, type, ctx.target.version, ed).status !== 'known') continue;
      const f = topFieldAt(ctx.plugins, type, sc.field, ctx.target.version, ed);
      if ((f.status !== 'accepted' && f.status !== 'deprecated') || !f.mustBeNull) continue;
      const target = ctx.target.input.replace(/\.x$/i, '') || ctx.target.version;
      out.push({
        code: 'plugin-scope',
        severity: 'error',
        message: `Kong ${target} does not run the ${type} plugin scoped to ${sc.what}: its ${sc.field} field must stay empty. KongPlugin "${ref.name}" attached to ${ref.on.kind}${ref.on.name ? ` "${ref.on.name}"` : ''} is a configuration Kong rejects; attach it to a route or service instead.`,
        span: ref.span,
        plugin: type,
        replacement: null,
      });
    }
  }
  if (scope && r.references.length) {
    const names = new Set(scope.names);
    for (const res of r.resources) if (res.name) names.add(res.name);
    const known = [...names];
    for (const ref of r.references) {
      if (names.has(ref.name)) continue;
      const near = didYouMean(ref.name, known) ?? undefined;
      const close = near !== undefined;
      const newText = close ? ref.written.slice(0, ref.written.length - ref.name.length) + near : '';
      out.push({
        code: 'missing-kong-plugin',
        severity: 'information',
        message: `No KongPlugin or KongClusterPlugin named "${ref.name}" is defined in ${scope.where}${close ? ` (did you mean "${near}"?)` : ''}. Unless it is defined elsewhere in the cluster, Kong Ingress Controller cannot attach it, and ${ref.on.kind}${ref.on.name ? ` "${ref.on.name}"` : ''} runs without that plugin.`,
        span: ref.span,
        replacement: close ? near! : null,
        ...(close ? { fixes: [{ title: `Change to "${near}"`, edits: [{ start: ref.span.start, end: ref.span.end, newText }], preferred: false }] } : {}),
      });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** The scope made of every KongPlugin / KongClusterPlugin name defined in some texts (the workspace's files). */
export function kongPluginScopeOf(texts: Iterable<string>, where: string): KongPluginScope {
  const names = new Set<string>();
  const types = new Map<string, string | null>();
  for (const t of texts) {
    for (const d of kongPluginsDefined(t)) {
      names.add(d.name);
      if (!types.has(d.name) || d.plugin) types.set(d.name, d.plugin);
    }
  }
  return { names, where, types };
}
