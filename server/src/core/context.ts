/**
 * What every check runs against: the knowledge set and the resolved versions. A type of
 * its own (below the façade check.ts) so the feature modules can take it without
 * importing the façade that calls them.
 */
import type { ConfKnowledge, ReleasesKnowledge } from './knowledge/types';
import type { PluginKnowledge } from './knowledge/pluginTypes';
import type { UpgradeKnowledge } from './knowledge/upgradeTypes';
import type { EntityKnowledge, WorkspaceSettings } from './knowledge/entityTypes';
import type { ResolvedVersion } from './version';
import type { KongPluginScope } from './k8s/check';

export interface KnowledgeSet {
  conf: ConfKnowledge;
  releases: ReleasesKnowledge;
  /** Plugin facts (declarative checks); absent means those checks are skipped. */
  plugins?: PluginKnowledge | null;
  /** Upgrade-path rules (the planner). */
  upgrade?: UpgradeKnowledge | null;
  /** Entity changes of declarative files (entities.json); absent means those checks are skipped. */
  entities?: EntityKnowledge | null;
}

export type { WorkspaceSetting, WorkspaceSettings } from './knowledge/entityTypes';

export interface CheckEnv {
  knowledge: KnowledgeSet;
  current: ResolvedVersion;
  target: ResolvedVersion;
  customPlugins: string[];
  declarativeGlobs: string[];
  /** KongPlugin / KongClusterPlugin names of the workspace (annotations naming others are reported); absent: unknown. */
  kongPlugins?: KongPluginScope;
  /** kong.conf properties the workspace's other files set (see workspaceSettings). */
  settings?: WorkspaceSettings;
}
