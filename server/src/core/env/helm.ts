/**
 * Values files of Kong's Helm charts: the chart turns every key of `env:` into a
 * `KONG_<KEY>` variable, so keys are property names (`pg_host`). A map value is passed
 * on as `valueFrom` (a Secret or ConfigMap reference). The `kong/ingress` chart keeps
 * the gateway's values under `gateway:`, so `gateway.env` counts too. Scope for
 * duplicates: the `env:` map.
 */
import { isMap, type Pair, type YAMLMap } from 'yaml';
import type { Setting } from '../conf/settings';
import { settingPropertyOfVar } from './names';
import type { EnvParseResult } from './types';
import { helmSemantics, parentKeyIndex, settingFromPair } from './yamlEntries';
import { getIn, overridesInScope, parseYamlStream, type YamlDoc } from './yamlSupport';
import { pushAll } from '../util';

/** The `env:` maps of a values document: top-level `env` and `gateway.env`. */
export function helmEnvMaps(doc: YamlDoc): YAMLMap[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const out: YAMLMap[] = [];
  const env = getIn(root, 'env', doc);
  if (isMap(env)) out.push(env);
  const gatewayEnv = getIn(getIn(root, 'gateway', doc), 'env', doc);
  if (isMap(gatewayEnv)) out.push(gatewayEnv);
  return out;
}

/** A Helm `env:` key -> property (`pg_host`, also `PG_HOST`), null for names that are not settings. */
export function helmKeyToProperty(key: string): string | null {
  if (!/^[A-Za-z0-9_]+$/.test(key)) return null;
  return settingPropertyOfVar(`KONG_${key.toUpperCase()}`);
}

export function settingsFromHelmValues(text: string): EnvParseResult {
  const { docs, errors } = parseYamlStream(text);
  const settings: Setting[] = [];
  for (const doc of docs) {
    try {
      const parents = parentKeyIndex(doc);
      for (const env of helmEnvMaps(doc)) {
        const scope: Setting[] = [];
        for (const p of env.items as Pair[]) {
          const s = settingFromPair(p, env, doc, text, helmSemantics, helmKeyToProperty, parents, errors);
          if (s) scope.push(s);
        }
        for (const [s, by] of overridesInScope(scope)) s.overriddenBy = by;
        pushAll(settings, scope);
      }
    } catch (e) {
      errors.push({ message: `Could not read this document: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: 0 } });
    }
  }
  return { settings, errors };
}
