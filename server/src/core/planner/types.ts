/**
 * Types of the upgrade planner (pure core): its input (PlanInput) and the plan it returns.
 * The schema of its compiled knowledge (upgrade.json) is ../knowledge/upgradeTypes.ts,
 * re-exported here for the planner's callers.
 */
import type { ReleasesKnowledge } from '../knowledge/types';
import type { Edition } from '../knowledge/types';
import type { ChangelogRef, NoteSeverity, Phase, StrategyKind, Topology, UpgradeKnowledge } from '../knowledge/upgradeTypes';

export type { Edition } from '../knowledge/types';
export type {
  Topology,
  StrategyKind,
  Phase,
  NoteSeverity,
  SourceRef,
  ConflictSide,
  RuleRecord,
  LineSet,
  EdgeRule,
  FloorRule,
  PrehopRule,
  DeckConvertRule,
  Condition,
  PlanFlag,
  StepRule,
  NoteRule,
  StrategyRule,
  TemplateChange,
  ChangelogRef,
  TableRowRule,
  ShortcutRule,
  PublishedTables,
  LegacyLine,
  KonnectLine,
  UpgradeKnowledge,
} from '../knowledge/upgradeTypes';

export interface PlannerKnowledge {
  releases: ReleasesKnowledge;
  upgrade: UpgradeKnowledge;
}

// ---------------------------------------------------------------------------------------
// Input / output
// ---------------------------------------------------------------------------------------

export interface PlanInput {
  /** Current version: "2.8", "2.8.4.14", "3.4.2", "0.34-1". */
  from: string;
  /** Target version or line ("3.10"). */
  to: string;
  topology: Topology;
  edition: Edition;
  /** Datastore is Cassandra (X5). */
  cassandra?: boolean;
  /** Prefer blue-green for traditional hops (M4, S1). */
  blueGreen?: boolean;
  /** Preferred strategy for traditional clusters and hybrid control planes. */
  strategy?: 'dual-cluster' | 'in-place' | 'blue-green';
  customPlugins?: boolean;
  /** Kong runs on Kubernetes, installed with the Helm chart. */
  helm?: boolean;
  /** A custom Nginx template is used (`kong prepare`/`--nginx-conf`). */
  customNginxTemplate?: boolean;
  /** Dev Portal (classic) or Vitals in use (X6). Undefined = unknown. */
  devPortalOrVitals?: boolean;
  /** Plugins scoped to consumer groups (X7). Undefined = unknown. */
  consumerGroupPlugins?: boolean;
  /** Keyring / data encryption in use. */
  keyring?: boolean;
  /** Cluster fallback configuration in use (X10). */
  clusterFallback?: boolean;
  /** The day to compute support status for (YYYY-MM-DD); the edges pass today, the core has no clock. Default: the facts' date. */
  today?: string;
}

export interface RuleCite {
  id: string;
  title: string;
  /** "DEV:reference (https://...); DOCS:tables (...)"; conflicts list both sides. */
  citation: string;
}

export interface Step {
  id: string;
  phase: Phase;
  text: string;
  command?: string;
  rules: string[];
}

export interface Strategy {
  name: string;
  kind: StrategyKind;
  /** Hybrid: the control-plane strategy (data planes always roll). */
  controlPlane?: StrategyKind;
  why: string;
  steps: Step[];
}

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

/** A configuration finding placed on a hop (filled by workspace scoping, not by the planner). */
export interface PlanFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
  /** Workspace-relative path, forward slashes. */
  path: string;
  /** 1-based. */
  line: number;
  column?: number;
  /** 1-based end of the finding's range, when known. */
  endLine?: number;
  endColumn?: number;
  property?: string;
  plugin?: string;
  field?: string;
  replacement?: string | null;
}

export type HopKind = 'patch' | 'minor' | 'lts' | 'major' | 'jump';

export interface Hop {
  /** Version the hop starts from (exact patch, or a line when unknown). */
  from: string;
  /** Recommended landing: the latest known patch of the line (or the exact target). */
  to: string;
  fromLine: string;
  toLine: string;
  /** The lowest acceptable patch of this stop when a rule sets one (e.g. 3.1.1.3). */
  minimum?: string;
  kind: HopKind;
  /** One of Kong's guaranteed paths (G1-G3). */
  guaranteed: boolean;
  /** A required pre-hop on the current line (P6). */
  prehop?: boolean;
  lowConfidence?: boolean;
  /** `deck file convert --from ... --to ...` for this hop (M6, L5). */
  deckConvert?: { from: string; to: string };
  rules: RuleCite[];
  strategy: Strategy;
  findings: PlanFinding[];
  changes: { breaking: ChangelogRef[]; deprecations: ChangelogRef[] };
}

export interface Note {
  severity: NoteSeverity;
  /** Rule or note id. */
  code: string;
  message: string;
  /** Index into hops when the note concerns one hop. */
  hop?: number;
  rules: RuleCite[];
}

export interface Prehop {
  from: string;
  to: string;
  minimum?: string;
  required: boolean;
  reason: string;
  rules: RuleCite[];
  /** The current patch is unknown (only a line was given): skip when already at the minimum. */
  conditional?: boolean;
}

export interface Alternative {
  /** Line stops, as written in the source ("2.8.2.x", "3.1.1.3", "3.4"). */
  stops: string[];
  description: string;
  /** The published route is the same as the plan's. */
  matchesPlan?: boolean;
  rules: RuleCite[];
}

export type PlanErrorCode = 'unknown-version' | 'edition-mismatch' | 'downgrade' | 'not-oss' | 'no-path';

export interface PlanError {
  code: PlanErrorCode;
  message: string;
}

export interface UpgradePlan {
  from: string;
  to: string;
  topology: Topology;
  edition: Edition;
  fromLine?: string;
  toLine?: string;
  hops: Hop[];
  prehops: Prehop[];
  /** Exactly one hop. */
  direct: boolean;
  notes: Note[];
  alternatives: Alternative[];
  /** Set when no plan can be made (refusal, unknown version); hops is then empty. */
  error?: PlanError;
}

/** Row of a published per-target table (section T), reproduced. */
export interface TableRow {
  target: string;
  row: string;
  topology: 'traditional' | 'hybrid' | 'dbless';
  stops: string[];
  /** Stops needed only for blue-green ("2.8.2.x"). */
  blueGreenOnly: string[];
  /** Computed from the hop count (C8). */
  direct: boolean;
}
