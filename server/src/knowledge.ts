/**
 * Loads the committed knowledge base (server/knowledge/*.json) once. This is the
 * only place that reads it; the core receives the objects as arguments. The files
 * sit beside the bundles in the .vsix (server/out/../knowledge) and beside the
 * sources in the repository (server/src/../knowledge).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfKnowledge, ReleasesKnowledge } from './core/knowledge/types';
import type { PluginKnowledge } from './core/knowledge/pluginTypes';
import type { UpgradeKnowledge } from './core/knowledge/upgradeTypes';
import type { EntityKnowledge } from './core/knowledge/entityTypes';

export interface Knowledge {
  releases: ReleasesKnowledge;
  conf: ConfKnowledge;
  plugins: PluginKnowledge | null;
  upgrade: UpgradeKnowledge | null;
  entities: EntityKnowledge | null;
}

let cached: Knowledge | undefined;

export function knowledgeDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'knowledge'), path.resolve(__dirname, '..', '..', 'server', 'knowledge')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'releases.json'))) ?? candidates[0]!;
}

function readJson<T>(file: string, optional: boolean): T | null {
  const full = path.join(knowledgeDir(), file);
  if (!fs.existsSync(full)) {
    if (optional) return null;
    throw new Error(`knowledge base file missing: ${full} (run npm run kb:build)`);
  }
  return JSON.parse(fs.readFileSync(full, 'utf8')) as T;
}

export function loadKnowledge(): Knowledge {
  if (!cached) {
    cached = {
      releases: readJson<ReleasesKnowledge>('releases.json', false)!,
      conf: readJson<ConfKnowledge>('kong-conf.json', false)!,
      plugins: readJson<PluginKnowledge>('plugins.json', true),
      upgrade: readJson<UpgradeKnowledge>('upgrade.json', true),
      entities: readJson<EntityKnowledge>('entities.json', true),
    };
  }
  return cached;
}
