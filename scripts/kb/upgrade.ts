/**
 * Compile the upgrade rules into server/knowledge/upgrade.json (an UpgradeKnowledge).
 *   npx tsx scripts/kb/upgrade.ts [--facts ../shared/kong-facts] [--out server/knowledge/upgrade.json]
 *
 * Rules come from upgrade-rules.source.ts (our wording, with rule IDs and sources). Facts that
 * live in data files are read here: lines before 1.0 and Konnect lines from
 * releases/releases.json, breaking changes and deprecations from
 * releases/changelog-entries.json (as references only; Kong's text is not copied). Each kept
 * entry gets our one-line summary from scripts/kb/changelog-summaries.json (keyed by
 * `source_index`); the build fails when a kept entry has none, so a new release forces one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangelogRef, LegacyLine, RuleRecord, UpgradeKnowledge } from '../../server/src/core/planner/types';
import * as src from './upgrade-rules.source';
import { cmp, readJson, sortKeys } from './util';

interface FactsLine {
  minor: string;
  major: number;
  numbering: string;
  editions: { oss: boolean; ee: boolean };
  ee_inherits_oss?: string | null;
  konnect_supported_line?: boolean;
  konnect_beginning_version?: string | null;
  ee_patches: Array<{ version: string; prerelease?: string | null }>;
  oss_patches: Array<{ version: string; prerelease?: string | null }>;
}

interface FactsEntry {
  version: string;
  component: string;
  kind: string;
  scope?: string | null;
  plugins?: string[];
  plugins_inferred?: string[];
  kong_conf_properties_mentioned?: string[];
  identifiers_mentioned?: string[];
  source_index: string;
  text: string;
}

const CHANGELOG_URL = 'https://developer.konghq.com/gateway/changelog/';

/** Longest summary the plan renders on one line. */
export const SUMMARY_MAX = 110;
/** A summary may not share this many consecutive characters with Kong's text (ours, not theirs). */
export const COPY_LIMIT = 60;

/** Our summaries, keyed by changelog `source_index`. */
export function loadSummaries(file = path.join(__dirname, 'changelog-summaries.json')): Record<string, string> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** Whitespace-collapsed, lower-cased: how copied text is compared. */
function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The first COPY_LIMIT-character piece of `summary` that also occurs in `text`, if any. */
export function copiedPiece(summary: string, text: string, limit = COPY_LIMIT): string | undefined {
  const a = norm(summary);
  const b = norm(text);
  for (let i = 0; i + limit <= a.length; i++) {
    const piece = a.slice(i, i + limit);
    if (b.includes(piece)) return piece;
  }
  return undefined;
}

/** Problems of one summary for its entry: missing, too long, multi-line, or copied from Kong. */
export function summaryProblem(summary: string | undefined, text: string): string | undefined {
  if (typeof summary !== 'string' || !summary.trim()) return 'no summary';
  if (summary !== summary.trim() || /[\r\n]/.test(summary)) return 'summary must be one trimmed line';
  if (summary.length > SUMMARY_MAX) return `summary is ${summary.length} chars (max ${SUMMARY_MAX})`;
  if (norm(text) === norm(summary)) return 'summary equals the changelog text';
  const piece = copiedPiece(summary, text);
  if (piece) return `summary copies the changelog text ("${piece}")`;
  return undefined;
}

/** Legacy "0.34-1" sorts as 0.34.1. */
function legacyCmp(a: string, b: string): number {
  return cmp(a.replace('-', '.'), b.replace('-', '.'));
}

function sectionOf(id: string): string {
  return /^[A-Z]+/.exec(id)?.[0] ?? id;
}

function kindLabel(kind: string): string {
  return kind === 'deprecation' ? 'Deprecation' : 'Breaking change';
}

/** A short label of our own, built only from the entry's fields. */
function labelOf(e: FactsEntry): string {
  const parts: string[] = [`${kindLabel(e.kind)} in ${e.version}`];
  if (e.scope) parts[0] += ` (${e.scope}${e.component === 'kong' ? '' : `, ${e.component}`})`;
  const plugins = [...(e.plugins ?? [])];
  if (plugins.length) parts.push(`plugins: ${plugins.join(', ')}`);
  const props = e.kong_conf_properties_mentioned ?? [];
  if (props.length) parts.push(`kong.conf: ${props.join(', ')}`);
  const ids = (e.identifiers_mentioned ?? []).slice(0, 4);
  if (ids.length) parts.push(`names: ${ids.join(', ')}`);
  return parts.join('; ');
}

function linkOf(e: FactsEntry): string {
  const m = /\((https:\/\/github\.com\/[^)\s]+\/(?:pull|issues)\/\d+)\)/.exec(e.text);
  return m ? m[1] : CHANGELOG_URL;
}

export function buildUpgrade(factsDir: string, summaries: Record<string, string> = loadSummaries()): UpgradeKnowledge {
  const rel = readJson<{ as_of: string; lines: FactsLine[]; summary: { newest_oss_release_line: string } }>(factsDir, 'releases/releases.json');
  const log = readJson<{ entries: FactsEntry[] }>(factsDir, 'releases/changelog-entries.json');

  // Lines releases.json (ReleasesKnowledge) leaves out: OSS 0.x and the Enterprise 0.29-0.36 numbering.
  const legacyLines: LegacyLine[] = [];
  for (const l of rel.lines) {
    if (l.major >= 1) continue;
    const legacyEe = !l.numbering.startsWith('unified');
    const edition = legacyEe ? 'enterprise' : 'oss';
    const raw = legacyEe ? l.ee_patches : l.oss_patches;
    const patches = [...new Set(raw.filter((p) => !p.prerelease).map((p) => p.version))].sort(legacyCmp);
    if (!patches.length) continue; // only pre-release tags: not a release to plan from
    const line: LegacyLine = { minor: l.minor, edition, patches };
    if (l.ee_inherits_oss) line.basedOnOss = l.ee_inherits_oss;
    legacyLines.push(line);
  }
  legacyLines.sort((a, b) => (a.edition === b.edition ? cmp(a.minor, b.minor) : a.edition < b.edition ? -1 : 1));

  const konnectLines = rel.lines
    .filter((l) => l.konnect_supported_line)
    .map((l) => ({ minor: l.minor, ...(l.konnect_beginning_version ? { beginning: l.konnect_beginning_version } : {}) }))
    .sort((a, b) => cmp(a.minor, b.minor));

  const kept = log.entries.filter((e) => e.kind === 'breaking_change' || e.kind === 'deprecation');
  const problems: string[] = [];
  for (const e of kept) {
    const p = summaryProblem(summaries[e.source_index], e.text);
    if (p) problems.push(`${e.source_index}: ${p}`);
  }
  if (problems.length) {
    throw new Error(`scripts/kb/changelog-summaries.json needs a summary in our own words (one line, <= ${SUMMARY_MAX} chars) for every kept changelog entry:\n  ${problems.join('\n  ')}`);
  }
  const keptIds = new Set(kept.map((e) => e.source_index));
  const stale = Object.keys(summaries).filter((id) => !keptIds.has(id));
  if (stale.length) throw new Error(`scripts/kb/changelog-summaries.json has summaries for entries that are not kept: ${stale.join(', ')}`);

  const changelog: ChangelogRef[] = kept
    .map((e) => {
      const ref: ChangelogRef = {
        id: e.source_index,
        version: e.version,
        component: e.component,
        kind: e.kind as ChangelogRef['kind'],
        scope: e.scope ?? '',
        plugins: e.plugins ?? [],
        properties: e.kong_conf_properties_mentioned ?? [],
        label: labelOf(e),
        summary: summaries[e.source_index],
        link: linkOf(e),
        oss: e.component === 'kong' || /https:\/\/github\.com\/Kong\/kong\/(?:pull|issues)\//.test(e.text),
      };
      if (e.plugins_inferred?.length) ref.pluginsInferred = e.plugins_inferred;
      if (e.identifiers_mentioned?.length) ref.identifiers = e.identifiers_mentioned;
      return ref;
    })
    .sort((a, b) => cmp(a.version, b.version) || a.id.localeCompare(b.id, 'en', { numeric: true }));

  // Template changes must point at a changelog entry that names both identifiers.
  for (const t of src.templateChanges) {
    const e = log.entries.find((x) => x.source_index === t.ref);
    if (!e || !e.text.includes(t.removed) || (t.replacement && !e.text.includes(t.replacement))) {
      throw new Error(`template change ${t.removed}: changelog entry ${t.ref} does not support it`);
    }
  }

  const rules: Record<string, RuleRecord> = {};
  const add = (id: string, body: Omit<RuleRecord, 'id' | 'section'>) => {
    rules[id] = { id, section: sectionOf(id), ...body };
  };
  for (const [id, body] of Object.entries(src.ruleList)) add(id, body);
  for (const [id, body] of Object.entries(src.conflicts)) add(id, body);
  for (const [id, body] of Object.entries(src.plannerRules)) add(id, body);

  // Every rule id used anywhere must exist, and every source id must be known.
  const used = [
    ...src.edges.flatMap((e) => e.rules),
    ...src.floors.flatMap((e) => e.rules),
    ...src.prehops.flatMap((e) => e.rules),
    ...src.deckConvert.flatMap((e) => e.rules),
    ...src.strategies.flatMap((e) => e.rules),
    ...src.steps.flatMap((e) => e.rules),
    ...src.notes.flatMap((e) => e.rules),
    ...src.tables.rules,
    ...src.tables.templates.flatMap((t) => t.rules),
    ...src.shortcuts.flatMap((t) => t.rules),
  ];
  for (const id of used) if (!rules[id]) throw new Error(`rule ${id} is used but not defined`);
  for (const rule of Object.values(rules)) {
    for (const s of rule.sources) if (!src.sources[s]) throw new Error(`rule ${rule.id}: unknown source ${s}`);
  }

  const ossLines = rel.lines
    .filter((l) => l.editions.oss && l.oss_patches.some((p) => !p.prerelease))
    .map((l) => l.minor)
    .sort(cmp);

  return sortKeys({
    schema: 1 as const,
    asOf: rel.as_of,
    sources: src.sources,
    rules,
    legacyLines,
    lastOssLine: ossLines[ossLines.length - 1] ?? rel.summary.newest_oss_release_line,
    adjacentMinorRules: ['G2'],
    ltsEdgeRules: ['G3', 'L1', 'L2'],
    ltsEditions: ['enterprise' as const],
    guaranteedFrom: '2.8',
    edges: src.edges,
    floors: src.floors,
    prehops: src.prehops,
    deckConvert: src.deckConvert,
    strategies: src.strategies,
    steps: src.steps,
    notes: src.notes,
    templateChanges: src.templateChanges,
    konnectLines,
    tables: src.tables,
    shortcuts: src.shortcuts,
    changelog,
    changelogUrl: CHANGELOG_URL,
    source: 'kong-facts/upgrade/upgrade-rules.md (rules, in our words: scripts/kb/upgrade-rules.source.ts); kong-facts/releases/releases.json; kong-facts/releases/changelog-entries.json',
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  try {
    const facts = path.resolve(arg('--facts') ?? path.resolve(__dirname, '../../../shared/kong-facts'));
    const out = path.resolve(arg('--out') ?? path.resolve(__dirname, '../../server/knowledge/upgrade.json'));
    if (!fs.existsSync(facts)) throw new Error(`facts directory not found: ${facts}`);
    const text = JSON.stringify(buildUpgrade(facts)) + '\n';
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    console.log(`wrote ${out} (${text.length} bytes)`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
