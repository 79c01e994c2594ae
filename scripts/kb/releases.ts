/** Compile kong-facts/releases/releases.json into ReleasesKnowledge. */
import type { ReleaseLine, ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { cmp, parts, readJson, sortKeys, uniqSorted } from './util';

interface FactsPatch {
  version: string;
  prerelease?: string | null;
  release_date?: string | null;
  tag_date?: string | null;
}
interface FactsLine {
  minor: string;
  major: number;
  numbering: string;
  lts: boolean;
  editions: { oss: boolean; ee: boolean };
  ee_inherits_oss?: string | null;
  first_release_date?: string | null;
  eol?: string | null;
  sunset_end?: string | null;
  status_as_of?: { date?: string | null; status?: string | null } | null;
  support_dates_estimate?: { eol_not_before?: string; eol_not_after?: string; sunset_end_not_before?: string; sunset_end_not_after?: string } | null;
  ee_patches: FactsPatch[];
  oss_patches: FactsPatch[];
}

/** Pad an Enterprise version to 4 parts ("1.3" -> "1.3.0.0"); returns null for odd spellings. */
function ee4(v: string): string | null {
  const p = parts(v);
  if (!p) return null;
  while (p.length < 4) p.push(0);
  return p.join('.');
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: unknown): string | undefined => (typeof v === 'string' && DAY.test(v) ? v : undefined);

export function buildReleases(factsDir: string): ReleasesKnowledge {
  const facts = readJson<{ as_of: string; summary: { newest_release_line: string; lts_lines_all: string[] }; lines: FactsLine[] }>(factsDir, 'releases/releases.json');
  // Lines whose kong.conf data comes from a release branch (before GA), per the Gateway docs facts.
  const gw = readJson<{ versions: Record<string, { data_basis?: string; release_branch_data?: boolean }> }>(factsDir, 'kong-conf-gateway-docs.json');
  const releaseBranch = new Set(
    Object.entries(gw.versions)
      .filter(([, v]) => v.data_basis === 'release_branch' || v.release_branch_data)
      .map(([m]) => m),
  );
  const lines: ReleaseLine[] = [];
  const legacyLines: ReleaseLine[] = [];
  // The facts' own date: the newest day any record of the facts speaks for.
  let factsDate = facts.as_of;
  for (const l of facts.lines) {
    const legacy = l.major < 1 || !l.numbering.startsWith('unified');
    // Released patches only: pre-release (beta) builds are not offered as releases.
    const ossPatches = uniqSorted(l.oss_patches.filter((p) => !p.prerelease && parts(p.version)?.length === 3).map((p) => p.version));
    const enterprisePatches = legacy
      ? l.ee_patches.filter((p) => !p.prerelease).map((p) => p.version) // legacy Enterprise spelling "0.34-1", in release order
      : uniqSorted(
          l.ee_patches
            .filter((p) => !p.prerelease)
            .map((p) => ee4(p.version))
            .filter((v): v is string => v !== null),
        );
    const oss = l.editions.oss && ossPatches.length > 0;
    const enterprise = l.editions.ee && enterprisePatches.length > 0;
    if (!oss && !enterprise) continue; // a line without released patches is not a release
    const line: ReleaseLine = { minor: l.minor, lts: !!l.lts, oss, enterprise, ossPatches, enterprisePatches };
    if (day(l.first_release_date)) line.firstReleaseDate = l.first_release_date as string;
    else {
      // No published first date: the earliest dated patch shows the line was out by then.
      const dates = [...l.ee_patches.map((p) => day(p.release_date)), ...l.oss_patches.map((p) => day(p.tag_date))].filter((d): d is string => !!d).sort();
      if (dates[0]) line.releasedBy = dates[0];
    }
    if (day(l.eol)) line.eol = l.eol as string;
    if (day(l.sunset_end)) line.sunsetEnd = l.sunset_end as string;
    const est = l.support_dates_estimate;
    if (!line.eol && est && day(est.eol_not_before)) {
      line.supportEstimate = { eolNotBefore: est.eol_not_before as string };
      if (day(est.eol_not_after)) line.supportEstimate.eolNotAfter = est.eol_not_after;
      if (day(est.sunset_end_not_before)) line.supportEstimate.sunsetEndNotBefore = est.sunset_end_not_before;
      if (day(est.sunset_end_not_after)) line.supportEstimate.sunsetEndNotAfter = est.sunset_end_not_after;
    }
    if (releaseBranch.has(l.minor)) line.dataBasis = 'release-branch';
    if (legacy) {
      line.legacy = true;
      if (l.ee_inherits_oss && parts(l.ee_inherits_oss)) line.inheritsOss = l.ee_inherits_oss;
    }
    const asOf = day(l.status_as_of?.date);
    if (asOf && asOf > factsDate) factsDate = asOf;
    (legacy ? legacyLines : lines).push(line);
  }
  lines.sort((a, b) => cmp(a.minor, b.minor));
  legacyLines.sort((a, b) => cmp(a.minor, b.minor));
  const released = new Set(lines.map((l) => l.minor));
  const newest = lines[lines.length - 1]?.minor ?? facts.summary.newest_release_line;
  return sortKeys({
    schema: 1,
    asOf: facts.as_of,
    factsDate,
    newestLine: newest,
    ltsLines: uniqSorted(facts.summary.lts_lines_all.filter((m) => released.has(m))),
    lines,
    legacyLines,
    source: 'kong-facts/releases/releases.json',
  });
}
