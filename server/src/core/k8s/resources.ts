/**
 * Kong's Kubernetes resources in a YAML file (any number of documents, next to
 * Deployments, ConfigMaps and the rest): KongPlugin / KongClusterPlugin (a plugin and its
 * `config`), the `konghq.com/plugins` annotations that attach them to Ingresses,
 * Services, HTTPRoutes, KongConsumers, KongConsumerGroups..., and the names they define.
 *
 * Only documents whose `apiVersion` is `configuration.konghq.com/...` are read as Kong
 * resources; every other document is left to the KONG_* checks (or to nobody).
 * Tolerant: a document that does not parse is skipped, nothing throws.
 */
import type { Span } from '../model';
import { lastTextMemo } from '../util';
import { getPair, parseYamlSlice } from '../declarative/nodes';
import { emptyLocal, walkPluginResource, type LocalModel } from '../declarative/walk';
import type { DMap, DNode, DScalar } from '../declarative/types';

export const KONG_API_GROUP = 'configuration.konghq.com';
export const PLUGIN_KINDS: ReadonlySet<string> = new Set(['KongPlugin', 'KongClusterPlugin']);
/** The annotation that attaches plugins (and its KIC 0.x spelling). */
export const PLUGINS_ANNOTATIONS: ReadonlySet<string> = new Set(['konghq.com/plugins', 'plugins.konghq.com']);

/** A cheap look: could this text hold a Kong resource or a plugins annotation? */
export function mayHoldKongResources(text: string): boolean {
  return /configuration\.konghq\.com\/|konghq\.com\/plugins|plugins\.konghq\.com/.test(text);
}

export interface PluginResource {
  kind: string;
  /** metadata.name, when written. */
  name?: string;
  namespace?: string;
  /** The `plugin:` value (the plugin type), when written. */
  plugin?: string;
  /** Span of the document's `kind` value (where findings about the whole resource go). */
  kindSpan: Span;
  /** `configFrom` / `configPatches` keys: values read from Secrets, not checkable here. */
  fromSecret: Array<{ key: string; span: Span }>;
  /** True when the document has no `plugin:` key (KIC 0.x style). */
  noPluginKey: boolean;
}

export interface PluginReference {
  /** The name as written (a `namespace:name` form keeps only the name in `name`). */
  name: string;
  written: string;
  span: Span;
  /** The resource that carries the annotation. */
  on: { kind: string; name?: string };
}

export interface KongResources {
  /** KongPlugin / KongClusterPlugin documents as decK-style plugin instances (absolute spans). */
  local: LocalModel;
  resources: PluginResource[];
  references: PluginReference[];
}

function scalarText(n: DNode | null | undefined): string | undefined {
  return n && n.kind === 'scalar' && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

function mapAt(m: DMap, key: string): DMap | undefined {
  const v = getPair(m, key)?.value;
  return v && v.kind === 'map' ? v : undefined;
}

function isKongResource(root: DMap): { kind: string; kindNode: DScalar } | null {
  const api = scalarText(getPair(root, 'apiVersion')?.value);
  const kindNode = getPair(root, 'kind')?.value;
  const kind = scalarText(kindNode);
  if (!api || !kind || !api.startsWith(`${KONG_API_GROUP}/`)) return null;
  return { kind, kindNode: kindNode as DScalar };
}

/**
 * Every Kong resource and plugins annotation of a YAML text (read-only result; the last text
 * read is remembered: detection, the check, hover and completion of one document version
 * ask for it in a row). Never throws.
 */
export const readKongResources: (text: string) => KongResources = lastTextMemo(readUncached);

function readUncached(text: string): KongResources {
  const out: KongResources = { local: emptyLocal(), resources: [], references: [] };
  if (!mayHoldKongResources(text)) return out;
  let docs: Array<{ node: DNode | null }>;
  try {
    docs = parseYamlSlice(text, 0).docs;
  } catch {
    return out;
  }
  docs.forEach((d, i) => {
    const root = d.node;
    if (!root || root.kind !== 'map') return;
    const meta = mapAt(root, 'metadata');
    const name = meta ? scalarText(getPair(meta, 'name')?.value) : undefined;
    const k = isKongResource(root);
    if (k && PLUGIN_KINDS.has(k.kind)) {
      const namespace = meta ? scalarText(getPair(meta, 'namespace')?.value) : undefined;
      const plugin = scalarText(getPair(root, 'plugin')?.value);
      const res: PluginResource = {
        kind: k.kind,
        kindSpan: { start: k.kindNode.start, end: k.kindNode.end },
        fromSecret: [],
        noPluginKey: !getPair(root, 'plugin'),
        ...(name !== undefined ? { name } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
        ...(plugin !== undefined ? { plugin } : {}),
      };
      for (const key of ['configFrom', 'configPatches']) {
        const p = getPair(root, key);
        if (p && !(p.value?.kind === 'scalar' && p.value.value === null)) res.fromSecret.push({ key, span: { start: p.keyStart, end: p.keyEnd } });
      }
      out.resources.push(res);
      walkPluginResource(out.local, root, `${k.kind}${name ? ` ${name}` : ''} (document ${i + 1})`);
    }
    // Annotations that attach plugins, on any resource.
    const ann = meta ? mapAt(meta, 'annotations') : undefined;
    if (!ann) return;
    const on = { kind: scalarText(getPair(root, 'kind')?.value) ?? 'resource', ...(name !== undefined ? { name } : {}) };
    for (const p of ann.pairs) {
      if (!PLUGINS_ANNOTATIONS.has(p.key) || !p.value || p.value.kind !== 'scalar' || typeof p.value.value !== 'string') continue;
      const v = p.value;
      const raw = text.slice(v.start, v.end);
      // Each comma-separated name, located in the written text (plain and quoted scalars keep names verbatim).
      let from = 0;
      for (const part of (v.value as string).split(',')) {
        const written = part.trim();
        if (!written) continue;
        const at = raw.indexOf(written, from);
        if (at < 0) continue;
        from = at + written.length;
        const name = written.includes(':') ? written.slice(written.indexOf(':') + 1) : written;
        out.references.push({ name, written, span: { start: v.start + at, end: v.start + at + written.length }, on });
      }
    }
  });
  return out;
}

/** The names of the KongPlugin / KongClusterPlugin resources a text defines, with their plugin type. */
export function kongPluginsDefined(text: string): Array<{ name: string; plugin: string | null }> {
  if (!/configuration\.konghq\.com\//.test(text)) return [];
  return readKongResources(text)
    .resources.filter((r) => r.name !== undefined)
    .map((r) => ({ name: r.name!, plugin: r.plugin ?? null }));
}

/** True when the text holds a KongPlugin-like Kong resource or a plugins annotation (detection). */
export function holdsKongResources(text: string): boolean {
  if (!mayHoldKongResources(text)) return false;
  const r = readKongResources(text);
  return r.resources.length > 0 || r.references.length > 0;
}
