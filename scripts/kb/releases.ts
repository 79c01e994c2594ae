/** Compile kong-facts/releases/releases.json into ReleasesKnowledge. */
import type { ReleaseLine, ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { cmp, parts, readJson, sortKeys, uniqSorted } from './util';

interface FactsPatch { version: string; prerelease?: string | null }
interface FactsLine {
  minor: string;
  major: number;
  numbering: string;
  lts: boolean;
  editions: { oss: boolean; ee: boolean };
  first_release_date?: string | null;
  eol?: string | null;
  status_as_of?: { status?: string | null } | null;
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

export function buildReleases(factsDir: string): ReleasesKnowledge {
  const facts = readJson<{ as_of: string; summary: { newest_release_line: string; lts_lines_all: string[] }; lines: FactsLine[] }>(
    factsDir,
    'releases/releases.json',
  );
  const lines: ReleaseLine[] = [];
  for (const l of facts.lines) {
    if (l.major < 1 || !l.numbering.startsWith('unified')) continue; // 0.x and the legacy Enterprise 0.29-0.36 numbering
    // Released patches only: pre-release (beta) Enterprise builds are not offered as releases.
    const ossPatches = uniqSorted(l.oss_patches.filter((p) => !p.prerelease && parts(p.version)?.length === 3).map((p) => p.version));
    const enterprisePatches = uniqSorted(
      l.ee_patches.filter((p) => !p.prerelease).map((p) => ee4(p.version)).filter((v): v is string => v !== null),
    );
    const oss = l.editions.oss && ossPatches.length > 0;
    const enterprise = l.editions.ee && enterprisePatches.length > 0;
    if (!oss && !enterprise) continue; // a line without released patches is not a release
    const line: ReleaseLine = { minor: l.minor, lts: !!l.lts, oss, enterprise, ossPatches, enterprisePatches };
    if (l.first_release_date) line.firstReleaseDate = l.first_release_date;
    if (l.eol) line.eol = l.eol;
    if (l.status_as_of?.status) line.status = l.status_as_of.status;
    lines.push(line);
  }
  lines.sort((a, b) => cmp(a.minor, b.minor));
  const released = new Set(lines.map((l) => l.minor));
  const newest = lines[lines.length - 1]?.minor ?? facts.summary.newest_release_line;
  return sortKeys({
    schema: 1,
    asOf: facts.as_of,
    newestLine: newest,
    ltsLines: uniqSorted(facts.summary.lts_lines_all.filter((m) => released.has(m))),
    lines,
    source: 'kong-facts/releases/releases.json',
  });
}
