/**
 * Writes the README's rule tables from the rule registry (server/src/core/rules/registry.ts),
 * between the markers `<!-- rules:<family> -->` and `<!-- /rules:<family> -->`.
 *   npm run readme:rules            rewrite README.md
 *   npm run readme:rules -- --check exit 1 when README.md is not what the registry says
 * test/unit/rule-registry-readme.test.ts runs the same comparison.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, type RuleFamily, type RuleMeta } from '../../server/src/core/rules/registry';

const TABLES: Record<string, RuleFamily[]> = {
  settings: ['settings', 'tool'],
  declarative: ['declarative'],
  kubernetes: ['kubernetes'],
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function ruleTable(families: RuleFamily[]): string {
  const rows = Object.values(RULES).filter((r: RuleMeta) => families.includes(r.family));
  return [
    '| code | default severity | fix | meaning |',
    '|---|---|---|---|',
    ...rows.map((r) => `| [\`${r.id}\`](${r.docsUrl}) | ${r.defaultSeverity} | ${r.hasFix ? 'yes' : '—'} | ${cell(r.description)} |`),
  ].join('\n');
}

/** The README with every marked table regenerated; throws when a marker pair is missing. */
export function withRuleTables(readme: string): string {
  let out = readme;
  for (const [name, families] of Object.entries(TABLES)) {
    const open = `<!-- rules:${name} -->`;
    const close = `<!-- /rules:${name} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a < 0 || b < a) throw new Error(`README.md has no ${open} … ${close} block`);
    const eol = out.includes('\r\n') ? '\r\n' : '\n';
    out = out.slice(0, a + open.length) + eol + ruleTable(families).split('\n').join(eol) + eol + out.slice(b);
  }
  return out;
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', '..', 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const next = withRuleTables(text);
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error('README.md rule tables differ from server/src/core/rules/registry.ts: run npm run readme:rules');
      process.exit(1);
    }
  } else if (next !== text) {
    fs.writeFileSync(file, next);
    console.log('README.md rule tables updated');
  }
}
