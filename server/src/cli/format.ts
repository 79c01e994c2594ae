/** Text and JSON output of `kong-upgrade check`; the CI formats are beside it (sarif, github, junit, gitlab), chosen in output.ts. */
import type { FileKind, Finding, Severity } from '../core/model';
import { LineIndex } from '../core/text';

export interface FileReport {
  path: string;
  kind: FileKind;
  text: string;
  findings: Finding[];
  /** Set when the file could not be checked; printed, not a finding. */
  note?: string;
}

const SEV_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export function reachesFailOn(findings: Finding[], failOn: 'error' | 'warning' | 'never'): boolean {
  if (failOn === 'never') return false;
  const min = failOn === 'error' ? 3 : 2;
  return findings.some((f) => SEV_RANK[f.severity] >= min);
}

function range(index: LineIndex, f: Finding) {
  const s = index.positionAt(f.span.start);
  const e = index.positionAt(f.span.end);
  return { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } };
}

export function formatText(reports: FileReport[], header: string, summary = true): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) {
    if (r.note) lines.push(`${r.path}: ${r.note}`);
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      const p = index.positionAt(f.span.start);
      lines.push(`${r.path}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}`);
      counts[f.severity]++;
    }
  }
  if (summary) {
    // A report with a note was skipped (not a Kong file, unreadable): it is not counted as checked.
    const skipped = reports.filter((r) => r.note).length;
    lines.push(
      `${header}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} info, ${counts.hint} hint(s) in ${reports.length - skipped} file(s)${skipped ? `, ${skipped} skipped` : ''}`,
    );
  }
  return lines.join('\n');
}

export function formatJson(reports: FileReport[], from: string, to: string): string {
  return JSON.stringify(
    {
      from,
      to,
      files: reports.map((r) => {
        const index = new LineIndex(r.text);
        return {
          path: r.path,
          kind: r.kind,
          ...(r.note ? { note: r.note } : {}),
          findings: r.findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            message: f.message,
            range: range(index, f),
            property: f.property ?? null,
            ...(f.plugin !== undefined ? { plugin: f.plugin, field: f.field ?? null } : {}),
            replacement: f.replacement ?? null,
          })),
        };
      }),
    },
    null,
    2,
  );
}
