/**
 * Kubernetes manifests (multi-document): KONG_* variables in the `env:` list of every
 * container, init container and ephemeral container of any workload (Pod, Deployment,
 * StatefulSet, DaemonSet, Job, CronJob, or anything with a pod template), plus KONG_*
 * keys of ConfigMaps (used through `envFrom`). Scope for duplicates: the container, or
 * the ConfigMap.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Setting } from '../conf/settings';
import { settingPropertyOfVar } from './names';
import type { EnvParseError, EnvParseResult } from './types';
import { configMapSemantics, kubernetesSemantics, parentKeyIndex, settingFromNameValueItem, settingFromPair } from './yamlEntries';
import { OverrideTracker, deref, getIn, parseYamlStream, scalarString, type YamlDoc } from './yamlSupport';
import { pushAll } from '../util';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Every container map of a document (found wherever a `containers:`-style list of maps sits). */
export function kubernetesContainers(doc: YamlDoc): YAMLMap[] {
  const out: YAMLMap[] = [];
  const seen = new Set<object>();
  const walk = (node: Node | null, depth: number): void => {
    if (!node || depth > 40 || seen.has(node)) return;
    seen.add(node);
    if (isMap(node)) {
      for (const p of node.items as Pair[]) {
        const k = scalarString(p.key);
        const v = deref(p.value, doc);
        if (k && CONTAINER_LISTS.has(k) && isSeq(v)) {
          for (const it of v.items) {
            const c = deref(it, doc);
            if (isMap(c) && (getIn(c, 'name', doc) !== null || getIn(c, 'image', doc) !== null)) out.push(c);
          }
        } else walk(v, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const it of node.items) walk(deref(it, doc), depth + 1);
    }
  };
  walk(doc.contents as Node | null, 0);
  return out;
}

function isConfigMap(doc: YamlDoc): boolean {
  const root = doc.contents;
  return isMap(root) && scalarString(getIn(root, 'kind', doc)) === 'ConfigMap';
}

export function settingsFromKubernetes(text: string): EnvParseResult {
  const { docs, errors } = parseYamlStream(text);
  const settings: Setting[] = [];
  const tracker = new OverrideTracker();
  for (const doc of docs) {
    try {
      collectDoc(doc, text, settings, tracker, errors);
    } catch (e) {
      errors.push({ message: `Could not read this document: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: 0 } });
    }
  }
  tracker.apply();
  return { settings: [...new Set(settings)].sort((a, b) => a.keySpan.start - b.keySpan.start), errors };
}

function collectDoc(doc: YamlDoc, text: string, settings: Setting[], tracker: OverrideTracker, errors: EnvParseError[]): void {
  const parents = parentKeyIndex(doc);
  for (const c of kubernetesContainers(doc)) {
    const env = getIn(c, 'env', doc);
    if (!isSeq(env)) continue;
    const scope: Setting[] = [];
    for (const it of (env as YAMLSeq).items) {
      const s = settingFromNameValueItem(it as Node, env as YAMLSeq, doc, text, kubernetesSemantics, settingPropertyOfVar, parents, errors);
      if (s) scope.push(s);
    }
    pushAll(settings, scope);
    tracker.addScope(scope);
  }
  if (isConfigMap(doc)) {
    const data = getIn(doc.contents, 'data', doc);
    if (isMap(data)) {
      const scope: Setting[] = [];
      for (const p of data.items as Pair[]) {
        const s = settingFromPair(p, data, doc, text, configMapSemantics, settingPropertyOfVar, parents, errors);
        if (s) scope.push(s);
      }
      pushAll(settings, scope);
      tracker.addScope(scope);
    }
  }
}
