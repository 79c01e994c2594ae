/**
 * The project config (`.kong-upgrade.yaml`) in the language server: merged with the editor's
 * settings, applied to findings (rule severities, ignores, inline suppressions), and the
 * "ignore" quick fixes. Kept out of server.ts so its handlers only call in here.
 *
 * Precedence, highest first: settings the client sends for the workspace (the VS Code client
 * sends only values set in the workspace or folder; other editors send what their user wrote),
 * the config file, settings the VS Code client marks as user-level (`userSettings`), defaults.
 */
import * as path from 'node:path';
import { type CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver';
import { defaultSettings, type KongSettings } from '../protocol';
import { applyRuleConfig, isPathIgnored, type ProjectConfig } from '../core/config';
import { applySuppressions, suppressionFixes } from '../core/suppress';
import type { FileKind, Finding } from '../core/model';
import { autoCurrentVersion, configFor, declarativeGlobsOf } from '../projectConfig';
import { fromPosition, toTextEdit, type PositionIndex } from './convert';

export interface ProjectContext {
  config: ProjectConfig;
  /** Folder of the config file (paths in it are relative to it). */
  dir: string;
  file: string;
  /** For the status: config problems and where an automatic version came from. */
  problems: string[];
  notes: string[];
}

export type ResolvedSettings = KongSettings & { project?: ProjectContext };

type Raw = Partial<KongSettings> & { userSettings?: Partial<KongSettings>; codeLens?: unknown };

const KEYS = ['currentVersion', 'targetVersion', 'edition', 'customPlugins', 'declarativeFiles'] as const;

/** The settings for a document: client settings over its config file over defaults. */
export function settingsWithProject(raw: Raw | null | undefined, filePath: string | null, normalize: (s: Partial<KongSettings>) => KongSettings): ResolvedSettings {
  const explicit: Raw = raw && typeof raw === 'object' ? raw : {};
  const loaded = filePath ? configFor(filePath) : null;
  if (!loaded) {
    const merged: Partial<KongSettings> = { ...(explicit.userSettings ?? {}), ...withoutUndefined(explicit) };
    return normalize(merged);
  }
  const c = loaded.config;
  const fromConfig: Partial<KongSettings> = {};
  const problems = loaded.problems.map((p) => `${path.basename(loaded.file)}: ${p}`);
  const notes: string[] = [];
  if (c.currentVersion !== undefined && explicit.currentVersion === undefined) {
    if (c.currentVersion.toLowerCase() === 'auto') {
      const auto = autoCurrentVersion(loaded.dir);
      if (auto.result) {
        fromConfig.currentVersion = auto.result.version;
        if (c.edition === undefined && explicit.edition === undefined) fromConfig.edition = auto.result.edition;
        notes.push(auto.result.message.charAt(0).toUpperCase() + auto.result.message.slice(1));
      } else problems.push(auto.problem!);
    } else fromConfig.currentVersion = c.currentVersion;
  }
  if (c.targetVersion !== undefined) fromConfig.targetVersion = c.targetVersion;
  if (c.edition !== undefined) fromConfig.edition = c.edition;
  if (c.customPlugins) fromConfig.customPlugins = c.customPlugins;
  if (c.declarativeFiles) fromConfig.declarativeFiles = declarativeGlobsOf(loaded);
  const merged: Partial<KongSettings> = { ...(explicit.userSettings ?? {}), ...fromConfig, ...withoutUndefined(explicit) };
  const s = normalize(merged) as ResolvedSettings;
  s.project = { config: c, dir: loaded.dir, file: loaded.file, problems, notes };
  return s;
}

function withoutUndefined(raw: Raw): Partial<KongSettings> {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (raw[k] !== undefined && raw[k] !== null) out[k] = raw[k];
  if (raw.codeLens !== undefined) out.codeLens = raw.codeLens;
  return out as Partial<KongSettings>;
}

/** Is the document excluded by its config's `ignore` list? */
export function ignoredByProject(s: ResolvedSettings, filePath: string): boolean {
  const p = s.project;
  if (!p || !filePath) return false;
  const rel = path.relative(p.dir, filePath).split(path.sep).join('/');
  return !rel.startsWith('..') && isPathIgnored(p.config, rel);
}

/** The findings after the config's rules and the file's own suppression comments. */
export function acceptFindings(findings: Finding[], text: string, kind: FileKind, filePath: string, s: ResolvedSettings): Finding[] {
  let out = findings;
  const p = s.project;
  if (p && filePath) out = applyRuleConfig(out, p.config, path.relative(p.dir, filePath).split(path.sep).join('/'));
  return applySuppressions(text, out, kind, filePath);
}

/** "Ignore <rule> on this line / in this file" for a current finding (never a stale range). */
export function suppressionActions(uri: string, text: string, kind: FileKind, filePath: string, index: PositionIndex, finding: Finding, d: Diagnostic): CodeAction[] {
  return suppressionFixes(text, finding, kind, filePath).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [uri]: fix.edits.map((e) => toTextEdit(index, e)) } },
  }));
}

/** The current finding a diagnostic the client sent stands for: by its id, else by code and start; undefined when it is stale. */
export function currentFinding(d: Diagnostic, findings: Finding[], byId: (id: number) => Finding | undefined, id: number | undefined, index: PositionIndex): Finding | undefined {
  if (d.source !== 'kong') return undefined;
  if (id !== undefined) {
    const f = byId(id);
    if (f && f.code === d.code) return f;
  }
  const start = fromPosition(index, d.range.start);
  return findings.find((f) => f.code === d.code && f.span.start === start);
}

export { defaultSettings };
