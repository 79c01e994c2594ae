/**
 * Schema of the compiled upgrade knowledge (server/knowledge/upgrade.json, written by
 * scripts/kb/upgrade.ts). The planner's own input and output types are in
 * ../planner/types.ts.
 *
 * Rule IDs (G1, L6, C2, ...) are the IDs of kong-facts/upgrade/upgrade-rules.md; every
 * rule carries its own citation so a plan can show where each decision comes from.
 */
import type { Edition } from './types';

export type Topology = 'traditional' | 'hybrid' | 'dbless' | 'konnect';
export type StrategyKind = 'dual-cluster' | 'in-place' | 'blue-green' | 'rolling';
export type Phase = 'before' | 'during' | 'after';
export type NoteSeverity = 'blocker' | 'warning' | 'info';

/** A source named in the rules ("DEV:reference"), with where to read it. */
export interface SourceRef {
  id: string;
  repo?: string;
  path?: string;
  commit?: string;
  url?: string;
}

/** One side of a conflict between sources (rules C*). */
export interface ConflictSide {
  /** Our short wording of what this source says. */
  claim: string;
  sources: string[];
}

export interface RuleRecord {
  id: string;
  /** Section letter: V, LC, G, L, O, E, M, X, T, S, H, K, C, P. */
  section: string;
  /** Short title, our own words. */
  title: string;
  /** The rule restated in our own words. */
  statement: string;
  /** Source ids (keys of UpgradeKnowledge.sources). */
  sources: string[];
  /** must | should | derived | code | fact */
  strength?: 'must' | 'should' | 'derived' | 'code' | 'fact';
  /** For conflicts: both sides and the conservative choice the planner takes. */
  sides?: ConflictSide[];
  choice?: string;
}

/** A range of release lines ("2.0".."2.7"); either bound may be absent. Or an explicit list. */
export interface LineSet {
  lines?: string[];
  min?: string;
  max?: string;
}

/** A documented jump between release lines (P2 d and c). */
export interface EdgeRule {
  id: string;
  editions: Edition[];
  from: LineSet;
  to: LineSet;
  /** Only used when the plan's target line is inside this set. */
  whenTarget?: LineSet;
  rules: string[];
  /** Documented only loosely (C10 and similar). */
  lowConfidence?: boolean;
}

/** The minimum patch of a stop ("3.1" => "3.1.1.3") and when it applies (P5). */
export interface FloorRule {
  id: string;
  edition: Edition;
  line: string;
  version: string;
  /** Applies only when the hop starts on a line inside this set. */
  whenFromLine?: LineSet;
  /** Applies only when the plan's target line is inside this set. */
  whenTarget?: LineSet;
  rules: string[];
}

/** A patch pre-hop on the current line (P6). */
export interface PrehopRule {
  id: string;
  edition: Edition;
  line: string;
  /** The current patch must be at least this; below it the pre-hop applies. */
  minimum: string;
  required: boolean;
  topologies?: Topology[];
  /** Only with a blue-green preference. */
  blueGreen?: boolean;
  /** The target line must be inside this set. */
  whenTarget?: LineSet;
  /** The next stop on the path must be this line (e.g. 3.10 -> 3.14). */
  whenNextLine?: string;
  rules: string[];
}

/** `deck file convert` pair for a hop (M6, L5). */
export interface DeckConvertRule {
  fromLine: LineSet;
  toLine: LineSet;
  /** Exact pair of lines; when absent the sets decide. */
  deckFrom: string;
  deckTo: string;
  rules: string[];
}

/**
 * When a step or note applies. All given fields must match. Line checks use the hop:
 * `crosses: "3.0"` means hop.fromLine < 3.0 <= hop.toLine; `lands: "3.10"` means
 * hop.toLine == 3.10; `touches: "3.1"` means the hop starts or lands on 3.1 (and changes line).
 */
export interface Condition {
  topologies?: Topology[];
  editions?: Edition[];
  strategies?: StrategyKind[];
  crosses?: string;
  landsAtLeast?: string;
  lands?: string;
  /** The hop starts on this line. */
  leaves?: string;
  touches?: string;
  /** The hop changes release line (not a patch hop). */
  lineChange?: boolean;
  deckConvert?: boolean;
  /** Input flags that must be true (`flags`) or must not be true (`flagsNot`). */
  flags?: PlanFlag[];
  flagsNot?: PlanFlag[];
  /** Input flags that must be unknown (undefined). */
  flagsUnknown?: PlanFlag[];
  /** Input flags that must be true or unknown (not explicitly false). */
  flagsNotFalse?: PlanFlag[];
}

export type PlanFlag = 'cassandra' | 'blueGreen' | 'customPlugins' | 'helm' | 'customNginxTemplate' | 'devPortalOrVitals' | 'consumerGroupPlugins' | 'keyring' | 'clusterFallback';

/** A checklist item template. `{from}`, `{to}`, `{fromLine}`, `{toLine}`, `{deckFrom}`, `{deckTo}` are filled in. */
export interface StepRule {
  id: string;
  phase: Phase;
  text: string;
  command?: string;
  when?: Condition;
  rules: string[];
}

/** A warning or blocker template attached to hops (P8). */
export interface NoteRule {
  id: string;
  severity: NoteSeverity;
  text: string;
  when: Condition;
  rules: string[];
}

export interface StrategyRule {
  kind: StrategyKind;
  topologies: Topology[];
  /** Our words: why this strategy is offered. */
  why: string;
  rules: string[];
}

/** A change Kong made to the Nginx templates that custom templates must follow. */
export interface TemplateChange {
  version: string;
  removed: string;
  replacement?: string;
  /** changelog-entries.json `source_index` of the entry that says so. */
  ref: string;
}

/** One breaking change or deprecation of changelog-entries.json, as a reference (no Kong text). */
export interface ChangelogRef {
  /** `source_index` of the entry ("3.0.0.0/kong-ee[86]"). */
  id: string;
  version: string;
  component: string;
  kind: 'breaking_change' | 'deprecation';
  scope: string;
  plugins: string[];
  pluginsInferred?: string[];
  properties: string[];
  identifiers?: string[];
  /** Our own label built from the fields above. */
  label: string;
  /** Our one-line summary (≤ 110 chars) of what changed and what to do (scripts/kb/changelog-summaries.json). */
  summary?: string;
  /** A pull request named in the entry, else the changelog page. */
  link: string;
  /** Open-source content: the OSS section, or an entry that links a Kong/kong pull request. */
  oss: boolean;
}

/** Target-table reproduction (section T): one path template for a set of rows. */
export interface TableRowRule {
  /** Targets ("3.1".."3.8") this template is used for. */
  targets: LineSet;
  /** Row keys: "2.x-2.7.x", "2.8.x", "3.1.0.x-3.1.1.2", "3.1.1.3", or "line" (any 3.x line row). */
  rows: string[];
  /** For "line" rows: the row's line must be in this set. */
  rowLines?: LineSet;
  topologies: Array<'traditional' | 'hybrid' | 'dbless'>;
  /**
   * Stops, written as in the tables: "2.8.2.x", "3.0", "3.1.1.3", "3.4". ".." means every
   * minor after the previous stop (or the row) up to the target. A stop ending in "?bg" is
   * needed only for blue-green deployments.
   */
  path: string[];
  rules: string[];
}

/** A shorter published route (P9): from a stop in `at`, go to `stop` (line `line`), then continue conservatively. */
export interface ShortcutRule {
  id: string;
  editions: Edition[];
  /** The stop the shortcut starts from (the current line or a stop of the plan). */
  at: LineSet;
  /** Only from the current line, not from later stops. */
  atCurrentOnly?: boolean;
  stop: string;
  line: string;
  topologies?: Topology[];
  /** Not offered when blue-green is preferred. */
  notBlueGreen?: boolean;
  description: string;
  rules: string[];
}

export interface PublishedTables {
  targets: string[];
  rowsFor: { traditional: string[]; hybrid: string[]; dbless: string[] };
  templates: TableRowRule[];
  rules: string[];
}

export interface LegacyLine {
  minor: string;
  edition: Edition;
  /** Known patches, ascending (legacy Enterprise spelling "0.34-1" kept). */
  patches: string[];
  /** OSS line an early Enterprise line builds on. */
  basedOnOss?: string;
}

export interface KonnectLine {
  minor: string;
  beginning?: string;
}

export interface UpgradeKnowledge {
  schema: 1;
  asOf: string;
  sources: Record<string, SourceRef>;
  rules: Record<string, RuleRecord>;
  /** Lines before 1.0 (OSS 0.x, Enterprise 0.29-0.36), which releases.json leaves out. */
  legacyLines: LegacyLine[];
  /** Highest OSS line (V5); OSS targets above it are refused. */
  lastOssLine: string;
  /** Rule ids behind the adjacent-minor and LTS edges. */
  adjacentMinorRules: string[];
  ltsEdgeRules: string[];
  /** Editions that may take adjacent-LTS jumps (C4: Enterprise only). */
  ltsEditions: Edition[];
  /** Hops of these kinds are Kong's guaranteed paths when they start at or after this line. */
  guaranteedFrom: string;
  edges: EdgeRule[];
  floors: FloorRule[];
  prehops: PrehopRule[];
  deckConvert: DeckConvertRule[];
  strategies: StrategyRule[];
  steps: StepRule[];
  notes: NoteRule[];
  templateChanges: TemplateChange[];
  konnectLines: KonnectLine[];
  tables: PublishedTables;
  shortcuts: ShortcutRule[];
  changelog: ChangelogRef[];
  changelogUrl: string;
  source: string;
}
