/**
 * `kong-upgrade check --format …`: one place that turns the reports into the chosen output.
 * text (people), json (tools), sarif (code scanning), github (workflow annotations),
 * junit (test-report views), gitlab (Code Quality).
 */
import type { Finding } from '../core/model';
import { formatJson, formatText, reachesFailOn, type FileReport } from './format';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The format when none is given: workflow annotations under GitHub Actions, text elsewhere. */
export function defaultCheckFormat(env: Record<string, string | undefined>): CheckFormat {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

export interface CheckOutput {
  from: string;
  to: string;
  toolVersion: string;
  failOn: 'error' | 'warning' | 'never';
  /** The exit code the run returns (recorded in SARIF). */
  exitCode: number;
  /** Directory paths are shown relative to (the current directory). */
  root: string;
  /** Errors only, and no summary line. */
  quiet: boolean;
  commandLine?: string;
}

/** What --quiet keeps: error findings only. */
export function quietReports(reports: FileReport[]): FileReport[] {
  return reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }));
}

export function renderCheck(format: CheckFormat, all: FileReport[], o: CheckOutput): string {
  const reports = o.quiet ? quietReports(all) : all;
  switch (format) {
    case 'json':
      return formatJson(reports, o.from, o.to);
    case 'sarif':
      return formatSarif(reports, { toolVersion: o.toolVersion, srcRoot: o.root, exitCode: o.exitCode, ...(o.commandLine ? { commandLine: o.commandLine } : {}) });
    case 'github':
      return formatGithub(reports, o.root);
    case 'junit':
      return formatJunit(reports, o.root, (f: Finding) => reachesFailOn([f], o.failOn));
    case 'gitlab':
      return formatGitlab(reports, o.root);
    default:
      // With no file checked there are no versions to name (they are read with each file's settings).
      return formatText(reports, o.from && o.to ? `Kong ${o.from} → ${o.to}` : 'kong-upgrade', !o.quiet);
  }
}
