/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message`
 * per finding, shown as annotations on the pull request. Escaping follows the runner's
 * rules: in the message `%`, CR and LF; in property values also `:` and `,`.
 */
import type { Severity } from '../core/model';
import type { FileReport } from './format';
import { displayPath, locate } from './locate';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(reports: FileReport[], root: string): string {
  const lines: string[] = [];
  for (const r of reports) {
    const shown = displayPath(root, r.path);
    const file = escapeProperty(shown);
    if (r.note) lines.push(`::notice file=${file},title=${escapeProperty('kong-upgrade')}::${escapeData(r.note)}`);
    for (const l of locate(r, shown)) {
      const f = l.finding;
      const props = [`file=${file}`, `line=${l.line}`, `col=${l.column}`, `endLine=${l.endLine}`];
      if (l.endLine === l.line) props.push(`endColumn=${l.endColumn}`);
      props.push(`title=${escapeProperty(`kong-upgrade ${f.code}`)}`);
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  return lines.join('\n');
}
