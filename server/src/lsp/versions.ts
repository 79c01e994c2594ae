import type { ReleasesKnowledge } from '../core/knowledge/types';
import { statusDay, supportOf, supportText } from '../core/support';
import { compareVersions, newestLts } from '../core/version';
import type { KnownVersionsResult } from '../protocol';

/** The answer to `kong/knownVersions`: released lines, newest first, the default target, and each line's support on `today`. */
export function knownVersions(r: ReleasesKnowledge, today?: string | Date): KnownVersionsResult {
  const day = statusDay(r, today);
  return {
    defaultTarget: newestLts(r),
    day,
    versions: [...r.lines]
      .filter((l) => l.oss || l.enterprise)
      .sort((x, y) => compareVersions(y.minor, x.minor))
      .map((l) => {
        const s = supportOf(l, day);
        return {
          minor: l.minor,
          lts: l.lts,
          oss: l.oss,
          enterprise: l.enterprise,
          latestPatch: l.enterprisePatches[l.enterprisePatches.length - 1] ?? l.ossPatches[l.ossPatches.length - 1] ?? null,
          status: s.state,
          support: supportText(s),
          ...(l.dataBasis === 'release-branch' ? { releaseBranchData: true } : {}),
        };
      }),
  };
}
