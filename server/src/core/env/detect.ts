/**
 * Which kind of KONG_* source a file is, from its name first and its content second.
 * Content sniffing is conservative: a YAML file is only claimed when it holds KONG_*
 * settings in the shape of that kind (or, for Helm, the shape of Kong's chart), so
 * unrelated YAML stays unclaimed.
 */
import { isMap, type Pair } from 'yaml';
import type { EnvKind } from './types';
import { TEMPLATE_SUFFIX } from '../conf/template';
import { composeServices, settingsFromCompose } from './compose';
import { helmEnvMaps, settingsFromHelmValues } from './helm';
import { settingsFromKubernetes } from './kubernetes';
import { getIn, parseYamlStream, scalarString, type YamlDoc } from './yamlSupport';

/** Top-level keys of Kong's chart values (kong/kong, and kong/ingress under `gateway:`). */
const KONG_CHART_KEYS = [
  'ingressController',
  'proxy',
  'admin',
  'enterprise',
  'manager',
  'portal',
  'portalapi',
  'cluster',
  'clustertelemetry',
  'status',
  'migrations',
  'dblessConfig',
  'controller',
  'gateway',
];

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

export function isEnvFileName(path: string): boolean {
  // A template of one (prod.env.j2 in an Ansible role) is read as the file it renders.
  const b = baseName(path).toLowerCase().replace(TEMPLATE_SUFFIX, '');
  return b === '.env' || (b.endsWith('.env') && b.length > 4) || b.startsWith('.env.');
}

export function isComposeFileName(path: string): boolean {
  return /^(docker-)?compose([.\-_][^/\\]*)?\.ya?ml$/i.test(baseName(path));
}

function isYamlName(path: string): boolean {
  const b = baseName(path);
  return /\.ya?ml$/i.test(b) || !b.includes('.');
}

function hasK8sHeader(doc: YamlDoc): boolean {
  const root = doc.contents;
  return isMap(root) && scalarString(getIn(root, 'apiVersion', doc)) !== null && scalarString(getIn(root, 'kind', doc)) !== null;
}

function looksLikeKongChart(doc: YamlDoc): boolean {
  const root = doc.contents;
  if (!isMap(root)) return false;
  const repo = scalarString(getIn(getIn(root, 'image', doc), 'repository', doc)) ?? '';
  if (/kong/i.test(repo)) return true;
  const gatewayRepo = scalarString(getIn(getIn(getIn(root, 'gateway', doc), 'image', doc), 'repository', doc)) ?? '';
  if (/kong/i.test(gatewayRepo)) return true;
  const keys = new Set((root.items as Pair[]).map((p) => scalarString(p.key) ?? ''));
  return KONG_CHART_KEYS.filter((k) => keys.has(k)).length >= 2;
}

/** `env:` keys written as kong.conf property names (lower case), as Kong's chart expects. */
function envKeysLookLikeProperties(doc: YamlDoc): boolean {
  const maps = helmEnvMaps(doc);
  const keys = maps.flatMap((m) => (m.items as Pair[]).map((p) => scalarString(p.key) ?? ''));
  return keys.length > 0 && keys.every((k) => /^[a-z][a-z0-9_]*$/.test(k));
}

export function detectEnvKind(path: string, text: string): EnvKind | null {
  if (isEnvFileName(path)) return 'env';
  if (isComposeFileName(path)) return 'docker-compose';
  if (!isYamlName(path)) return null;
  if (!/^\s*[A-Za-z_"'-]/m.test(text)) return null;
  if (/^_format_version\s*:/m.test(text)) return null; // decK / DB-less declarative configuration
  let docs: YamlDoc[];
  try {
    docs = parseYamlStream(text).docs;
  } catch {
    return null;
  }
  if (docs.length === 0) return null;
  const hasKong = /KONG_/.test(text);
  if (docs.some(hasK8sHeader)) {
    return hasKong && settingsFromKubernetes(text).settings.length > 0 ? 'kubernetes' : null;
  }
  const first = docs[0]!;
  const root = first.contents;
  // Compose files, also v1 ones that keep services at the top level.
  if (isMap(root) && hasKong && composeServices(first).length > 0 && settingsFromCompose(text).settings.length > 0) {
    return 'docker-compose';
  }
  if (helmEnvMaps(first).length > 0) {
    const named = /^values.*\.ya?ml$/i.test(baseName(path));
    if (looksLikeKongChart(first) || (named && envKeysLookLikeProperties(first))) {
      return settingsFromHelmValues(text).settings.length > 0 || looksLikeKongChart(first) ? 'helm-values' : null;
    }
  }
  return null;
}
