/** `kong-upgrade --list-rules [--format text|json]`: every finding code, from the rule registry. */
import { RULES, type RuleMeta } from '../core/rules/registry';

export function formatRuleList(format: 'text' | 'json'): string {
  const rules = Object.values(RULES) as RuleMeta[];
  if (format === 'json') return JSON.stringify(rules, null, 2);
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines: string[] = [];
  for (const r of rules) {
    lines.push(`${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(11)}  ${r.hasFix ? 'fix' : '   '}  ${r.title}`);
    lines.push(`${' '.repeat(width + 2)}${r.docsUrl}`);
  }
  return lines.join('\n');
}

/** The format asked for next to --list-rules: `--format json` or `--format=json`; text otherwise. */
export function listRulesFormat(argv: string[]): 'text' | 'json' {
  const i = argv.indexOf('--format');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--format='))?.slice('--format='.length);
  return value === 'json' ? 'json' : 'text';
}
