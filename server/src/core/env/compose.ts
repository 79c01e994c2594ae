/**
 * docker-compose files: KONG_* variables under each service's `environment:`, as a map
 * (`KONG_X: y`) or a list (`- KONG_X=y`), including maps merged in with `<<: *anchor`
 * (one setting per written entry, however many services share it). Scope for
 * duplicates: the service. Compose files from before the `services:` key (v1) keep
 * services at the top level.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Setting } from '../conf/settings';
import { settingPropertyOfVar } from './names';
import type { EnvParseError, EnvParseResult } from './types';
import { composeSemantics, parentKeyIndex, settingFromAssignmentItem, settingFromPair } from './yamlEntries';
import { OverrideTracker, deref, effectivePairs, getIn, parseYamlStream, scalarString, type YamlDoc } from './yamlSupport';

const SERVICE_KEYS = ['image', 'build', 'environment', 'command', 'ports', 'volumes', 'depends_on', 'container_name'];

/** The service maps of a compose document (named), or [] when it does not look like one. */
export function composeServices(doc: YamlDoc): Array<{ name: string; map: YAMLMap }> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const services = getIn(root, 'services', doc);
  const holder = isMap(services) ? services : getIn(root, 'version', doc) === null ? root : null;
  if (!holder) return [];
  const out: Array<{ name: string; map: YAMLMap }> = [];
  for (const p of effectivePairs(holder, doc)) {
    const name = scalarString(p.key);
    const svc = deref(p.value, doc);
    if (name === null || !isMap(svc)) continue;
    // Without `services:`, only maps that look like services count (v1 files).
    if (holder === root && !(svc.items as Pair[]).some((q) => SERVICE_KEYS.includes(scalarString(q.key) ?? ''))) continue;
    out.push({ name, map: svc });
  }
  return out;
}

export function settingsFromCompose(text: string): EnvParseResult {
  const { docs, errors } = parseYamlStream(text);
  const made = new Map<object, Setting>();
  const tracker = new OverrideTracker();
  try {
    for (const doc of docs) collectDoc(doc, text, made, tracker, errors);
  } catch (e) {
    errors.push({ message: `Could not read the compose file: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: 0 } });
  }
  tracker.apply();
  const settings = [...new Set(made.values())].sort((a, b) => a.keySpan.start - b.keySpan.start);
  return { settings, errors };
}

function collectDoc(doc: YamlDoc, text: string, made: Map<object, Setting>, tracker: OverrideTracker, errors: EnvParseError[]): void {
  const parents = parentKeyIndex(doc);
  for (const svc of composeServices(doc)) {
    const env = getIn(svc.map, 'environment', doc);
    const scope: Setting[] = [];
    if (isMap(env)) {
      for (const pair of effectivePairs(env, doc)) {
        let s = made.get(pair);
        if (!s) {
          const owner = ownerMap(pair, env, doc) ?? env;
          s = settingFromPair(pair, owner, doc, text, composeSemantics, settingPropertyOfVar, parents, errors) ?? undefined;
          if (s) made.set(pair, s);
        }
        if (s) scope.push(s);
      }
    } else if (isSeq(env)) {
      for (const raw of (env as YAMLSeq).items) {
        const item = raw as Node;
        if (!isScalar(item)) continue;
        let s = made.get(item);
        if (!s) {
          s = settingFromAssignmentItem(item, env as YAMLSeq, text, composeSemantics, settingPropertyOfVar, parents, errors) ?? undefined;
          if (s) made.set(item, s);
        }
        if (s) scope.push(s);
      }
    }
    tracker.addScope(scope);
  }
}

/** The map that holds `pair` (the service's own map or an anchored map merged into it). */
function ownerMap(pair: Pair, env: YAMLMap, doc: YamlDoc, seen: Set<object> = new Set()): YAMLMap | null {
  if (seen.has(env)) return null;
  seen.add(env);
  if ((env.items as Pair[]).includes(pair)) return env;
  for (const p of env.items as Pair[]) {
    if (scalarString(p.key) !== '<<') continue;
    const v = deref(p.value, doc);
    const sources = isSeq(v) ? v.items.map((i) => deref(i, doc)) : [v];
    for (const src of sources) {
      if (isMap(src)) {
        const found = ownerMap(pair, src, doc, seen);
        if (found) return found;
      }
    }
  }
  return null;
}
