import type { ConfKnowledge, ReleasesKnowledge } from '../knowledge/types';
import type { ResolvedVersion } from '../version';

/** What every check needs: the knowledge and the two resolved versions. */
export interface ConfCheckContext {
  conf: ConfKnowledge;
  releases: ReleasesKnowledge;
  current: ResolvedVersion;
  target: ResolvedVersion;
  /** True for a plugin Kong ships (from the plugin facts), when they are loaded. */
  isKongPlugin?: (name: string) => boolean;
}
