/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF readers. Every code in the rule
 * registry is described (short and full description, help text and Markdown, help URI,
 * default level), locations are relative to `%SRCROOT%` (declared in originalUriBaseIds),
 * each result carries a partial fingerprint, and the invocation records the exit status.
 * test/unit/sarif.test.ts validates the output with Microsoft's SARIF Multitool and
 * GitHub's rules.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Severity } from '../core/model';
import { RULES, RULE_IDS, type RuleMeta } from '../core/rules/registry';
import type { FileReport } from './format';
import { displayPath, locate, relativeTo } from './locate';

export interface SarifRun {
  toolVersion: string;
  /** The directory result paths are made relative to (the repository root in CI). */
  srcRoot: string;
  /** The exit code the command returns: 0/1 are a completed check, 2 is a failed run. */
  exitCode: number;
  commandLine?: string;
}

export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'kongUpgradeFinding/v1';

const FAMILY_TAG: Record<RuleMeta['family'], string> = { settings: 'kong.conf', declarative: 'decK', kubernetes: 'kubernetes', tool: 'kong-upgrade' };

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** `unknown-property` → `UnknownProperty`: SARIF wants a readable name that differs from the id. */
function ruleName(id: string): string {
  const name = id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? `${name}Error` : name;
}

function descriptor(r: RuleMeta): Sarif.ReportingDescriptor {
  const fix = r.hasFix ? " Findings of this rule can carry a fix: `kong-upgrade check --fix` or the editor's quick fix." : '';
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: `${r.title}.` },
    fullDescription: { text: r.description },
    help: {
      text: `${r.help}${fix.replace(/`/g, '')} See ${r.docsUrl}`,
      markdown: `${r.help}${fix}\n\n[Kong documentation](${r.docsUrl})`,
    },
    helpUri: r.docsUrl,
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    properties: { tags: ['kong', 'upgrade', FAMILY_TAG[r.family]] },
  };
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, unicode). */
function relativeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(srcRoot: string, p: string): Sarif.ArtifactLocation {
  const rel = relativeTo(srcRoot, p);
  if (rel !== null) return { uri: relativeUri(rel), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) ? p : `${srcRoot}/${p}`).href };
}

export function sarifLog(reports: FileReport[], run: SarifRun): Sarif.Log {
  const index = new Map(RULE_IDS.map((id, i) => [id, i]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const r of reports) {
    const loc = artifactLocation(run.srcRoot, r.path);
    if (r.note) {
      notifications.push({ level: 'note', message: { text: `${r.path}: ${r.note}` }, locations: [{ physicalLocation: { artifactLocation: loc } }] });
    }
    for (const l of locate(r, displayPath(run.srcRoot, r.path))) {
      const f = l.finding;
      results.push({
        ruleId: f.code,
        ruleIndex: index.get(f.code) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: loc,
              region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: l.fingerprint },
      });
    }
  }
  const invocation: Sarif.Invocation = {
    executionSuccessful: run.exitCode === 0 || run.exitCode === 1,
    exitCode: run.exitCode,
    ...(run.commandLine ? { commandLine: run.commandLine } : {}),
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
  };
  const rootUri = pathToFileURL(run.srcRoot).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kong-upgrade',
            semanticVersion: run.toolVersion,
            informationUri: 'https://developer.konghq.com/gateway/upgrade/',
            rules: RULE_IDS.map((id) => descriptor(RULES[id])),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(reports: FileReport[], run: SarifRun): string {
  return JSON.stringify(sarifLog(reports, run), null, 2);
}
