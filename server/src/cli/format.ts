/** Output formats of `kong-upgrade check`: text for people, JSON for tools, SARIF for code scanning. */
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

export function formatText(reports: FileReport[], header: string): string {
  const lines: string[] = [];
  let counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) {
    if (r.note) lines.push(`${r.path}: ${r.note}`);
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      const p = index.positionAt(f.span.start);
      lines.push(`${r.path}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}`);
      counts[f.severity]++;
    }
  }
  lines.push(
    `${header}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} info, ${counts.hint} hint(s) in ${reports.length} file(s)`,
  );
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

const RULE_HELP: Record<string, string> = {
  'unknown-property': 'The target Kong version does not know this kong.conf property and ignores it.',
  'deprecated-property': 'The property still works in the target version but is deprecated.',
  'removed-property': 'The target version no longer reads this property.',
  'invalid-value': 'The target version rejects or misreads this value.',
  'deprecated-value': 'The target version deprecates this value.',
  'new-in-target': 'The property exists only from the target version on; the running version ignores it.',
  'duplicate-property': 'The property is set more than once; only the last one counts.',
  syntax: 'The line cannot be read.',
};

export function formatSarif(reports: FileReport[], toolVersion: string): string {
  const ruleIds = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.code)))].sort();
  const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'kong-upgrade',
              version: toolVersion,
              informationUri: 'https://developer.konghq.com/gateway/upgrade/',
              rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: RULE_HELP[id] ?? id } })),
            },
          },
          results: reports.flatMap((r) => {
            const index = new LineIndex(r.text);
            return r.findings.map((f) => {
              const { start, end } = range(index, f);
              return {
                ruleId: f.code,
                ruleIndex: ruleIds.indexOf(f.code),
                level: level(f.severity),
                message: { text: f.message },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: r.path.split('\\').join('/') },
                      region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
                    },
                  },
                ],
              };
            });
          }),
        },
      ],
    },
    null,
    2,
  );
}
