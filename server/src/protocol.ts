/**
 * The extension's own LSP messages and settings, in one place. The VS Code client
 * imports this file by relative path; other editors can use the same methods.
 *
 * Settings are read by the server through `workspace/configuration` (section "kong",
 * per resource), so every LSP client can set them; see `KongSettings`.
 */

/** The client renders settings and server text in Markdown tooltips with the core's escaping. */
export { labelText, mdText, noticeText } from './core/markdown';

export interface KongSettings {
  /** Version running today, e.g. "2.8", "2.8.5", "3.4.3.19". */
  currentVersion: string;
  /** Version being moved to; empty = newest LTS in the knowledge base. */
  targetVersion: string;
  edition: 'oss' | 'enterprise';
  /** The edition is the default (the user set none): see VersionChoice.editionIsDefault. */
  editionIsDefault?: boolean;
  /** Names of custom plugins (not reported as unknown). */
  customPlugins: string[];
  /** Extra globs of declarative (decK / DB-less) files. */
  declarativeFiles: string[];
  /** Summary lens on Kong files (`kong.codeLens.enabled`; a plain boolean is accepted too). */
  codeLens: boolean;
  /**
   * Also answer the umbrella `source.fixAll` (e.g. on save) with Kong's fix-all
   * (`kong.fixAll.onSourceFixAll`); by default only `source.fixAll.kong` applies it.
   */
  fixAllOnSourceFixAll: boolean;
}

export const defaultSettings: KongSettings = {
  currentVersion: '2.8',
  targetVersion: '',
  edition: 'oss',
  customPlugins: [],
  declarativeFiles: [],
  codeLens: true,
  fixAllOnSourceFixAll: false,
};

/** `kong/knownVersions` request: releases for pickers, newest first. */
export const KnownVersionsRequest = 'kong/knownVersions';
export interface KnownVersion {
  /** Release line, e.g. "3.10". */
  minor: string;
  lts: boolean;
  oss: boolean;
  enterprise: boolean;
  latestPatch: string | null;
  /** Support state on `day`: full-support | sunset-support | end-of-life | not-released | unknown. */
  status?: string;
  /** The same in our words with its dates ("sunset support since 2026-09-01 (no more patches), end of life from 2027-09-01"). */
  support?: string;
  /** The line's facts come from its release branch, before GA. */
  releaseBranchData?: boolean;
}
export interface KnownVersionsResult {
  versions: KnownVersion[];
  /** The day the support states are computed for (YYYY-MM-DD). */
  day?: string;
  /** The default target (newest LTS). */
  defaultTarget: string;
}

/** `kong/status` notification (server -> client) after the settings are resolved. */
export const StatusNotification = 'kong/status';
export interface StatusParams {
  /** "Kong 2.8 → 3.10" parts, as resolved. */
  current: string;
  target: string;
  edition: 'oss' | 'enterprise';
  /** Problems with the settings (unknown version, a downgrade), in our words; empty when fine. */
  problems: string[];
  /** Things worth knowing that are not problems (e.g. a line only Enterprise ships, so its facts are used). */
  notes?: string[];
  /** Support of the current and target lines on the day the server runs ("3.4: sunset support since 2026-09-01 …"). */
  support?: string[];
}

/**
 * `kong/imageVersion` notification (server -> client) after a document is checked: the
 * Kong version its container image names, offered as the current version (null: none,
 * or the settings already say it). Accepting it is the client's `kong.useImageVersion`.
 */
export const ImageVersionNotification = 'kong/imageVersion';
export interface ImageVersionParams {
  uri: string;
  offer: import('./core/model').ImageVersionOffer | null;
}

/** `kong/fileSummary` request: counts of findings by code for one document. */
export const FileSummaryRequest = 'kong/fileSummary';
export interface FileSummaryParams {
  uri: string;
}
export interface FileSummaryResult {
  target: string;
  counts: Record<string, number>;
}

/**
 * `kong/upgradePlan` request: the upgrade path from one version to another for a
 * deployment, scoped to the workspace's Kong files. Same core function as
 * `kong-upgrade plan`.
 */
export const UpgradePlanRequest = 'kong/upgradePlan';
export interface UpgradePlanParams {
  /** Defaults: the `kong.currentVersion` / `kong.targetVersion` / `kong.edition` settings. */
  from?: string;
  to?: string;
  edition?: 'oss' | 'enterprise';
  topology: 'traditional' | 'hybrid' | 'dbless' | 'konnect';
  cassandra?: boolean;
  blueGreen?: boolean;
  customPlugins?: boolean;
  /** File URIs to scope the plan to; omitted = the server looks for Kong files in the workspace folders. */
  files?: string[];
}
export interface UpgradePlanResult {
  /** The plan (see server/src/core/planner/types.ts, `UpgradePlan`); finding paths are relative to `root`. */
  plan: import('./core/planner/types').UpgradePlan;
  /** The plan as a Markdown checklist, links relative to `root`. */
  markdown: string;
  /** Workspace folder URI the relative paths start from (null when there is none). */
  root: string | null;
  /** Relative path -> URI of every file the plan looked at. */
  files: Record<string, string>;
  /** Said to the user: e.g. the edition was switched, files were skipped. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------
// Shared with the client. The client imports this file only (never core internals, see
// .dependency-cruiser.cjs): the plan's types travel in UpgradePlanResult, and versions
// travel as strings the client orders the way the server does.
export type { ChangelogRef, Hop, Note, Phase, PlanFinding, Step, Topology, UpgradePlan } from './core/planner/types';
export { compareVersions, minorOf, parseParts } from './core/version';
