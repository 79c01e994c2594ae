import type { ReleasesKnowledge } from '../core/knowledge/types';
import { compareVersions, newestLts } from '../core/version';
import type { KnownVersionsResult } from '../protocol';

/** The answer to `kong/knownVersions`: released lines, newest first, and the default target. */
export function knownVersions(r: ReleasesKnowledge): KnownVersionsResult {
  return {
    defaultTarget: newestLts(r),
    versions: [...r.lines]
      .filter((l) => l.oss || l.enterprise)
      .sort((x, y) => compareVersions(y.minor, x.minor))
      .map((l) => ({
        minor: l.minor,
        lts: l.lts,
        oss: l.oss,
        enterprise: l.enterprise,
        latestPatch: l.enterprisePatches[l.enterprisePatches.length - 1] ?? l.ossPatches[l.ossPatches.length - 1] ?? null,
        ...(l.status ? { status: l.status } : {}),
      })),
  };
}
