/**
 * Build the committed knowledge base (server/knowledge/*.json) from ../shared/kong-facts.
 *   npx tsx scripts/kb/build.ts --facts ../shared/kong-facts [--out server/knowledge]
 * Output is deterministic (sorted keys, no timestamps) and pretty-printed so that a new
 * Kong release shows as a readable diff: a value whose one-line form is short stays on
 * one line, anything longer is broken over lines with two-space indentation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConf } from './conf';
import { buildReleases } from './releases';
import { buildPlugins } from './plugins';
import { buildUpgrade } from './upgrade';
import { buildEntities } from './entities';

export { buildConf, buildReleases, buildPlugins, buildUpgrade, buildEntities };

const ONE_LINE = 100;

/** JSON text with short values kept on one line and longer ones broken over indented lines. */
export function stringifyReadable(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'null';
  if (value === null || typeof value !== 'object' || flat.length + indent.length <= ONE_LINE) return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[\n' + value.map((v) => inner + stringifyReadable(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return '{\n' + entries.map(([k, v]) => inner + JSON.stringify(k) + ': ' + stringifyReadable(v, inner)).join(',\n') + '\n' + indent + '}';
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const facts = path.resolve(arg('--facts') ?? path.resolve(__dirname, '../../../shared/kong-facts'));
  const out = path.resolve(arg('--out') ?? path.resolve(__dirname, '../../server/knowledge'));
  if (!fs.existsSync(facts)) throw new Error(`facts directory not found: ${facts}`);
  fs.mkdirSync(out, { recursive: true });
  const write = (name: string, data: unknown) => {
    const text = stringifyReadable(data) + '\n';
    fs.writeFileSync(path.join(out, name), text);
    console.log(`wrote ${path.join(out, name)} (${text.length} bytes)`);
  };
  write('releases.json', buildReleases(facts));
  write('kong-conf.json', buildConf(facts));
  write('plugins.json', buildPlugins(facts));
  write('upgrade.json', buildUpgrade(facts));
  write('entities.json', buildEntities(facts));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
