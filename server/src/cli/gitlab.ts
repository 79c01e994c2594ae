/**
 * GitLab Code Quality report (`artifacts: reports: codequality`): a JSON array of issues,
 * each with a description, check name, severity, location and a fingerprint that is unique
 * in the report and stable across runs (GitLab compares merge request and target branch by it).
 */
import type { Severity } from '../core/model';
import type { FileReport } from './format';
import { displayPath, locate } from './locate';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; positions: { begin: { line: number; column: number }; end: { line: number; column: number } } };
}

export function codeQualityIssues(reports: FileReport[], root: string): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const r of reports) {
    const file = displayPath(root, r.path);
    for (const l of locate(r, file)) {
      issues.push({
        description: l.finding.message,
        check_name: l.finding.code,
        fingerprint: l.fingerprint,
        severity: SEVERITY[l.finding.severity],
        location: { path: file, positions: { begin: { line: l.line, column: l.column }, end: { line: l.endLine, column: l.endColumn } } },
      });
    }
  }
  return issues;
}

export function formatGitlab(reports: FileReport[], root: string): string {
  return JSON.stringify(codeQualityIssues(reports, root), null, 2);
}
