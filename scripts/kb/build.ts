/**
 * Build the committed knowledge base (server/knowledge/*.json) from ../shared/kong-facts.
 *   npx tsx scripts/kb/build.ts --facts ../shared/kong-facts [--out server/knowledge]
 * Output is deterministic (sorted keys, no timestamps) and compact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConf } from './conf';
import { buildReleases } from './releases';
import { buildPlugins } from './plugins';
import { buildUpgrade } from './upgrade';

export { buildConf, buildReleases, buildPlugins, buildUpgrade };

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
    const text = JSON.stringify(data) + '\n';
    fs.writeFileSync(path.join(out, name), text);
    console.log(`wrote ${path.join(out, name)} (${text.length} bytes)`);
  };
  write('releases.json', buildReleases(facts));
  write('kong-conf.json', buildConf(facts));
  write('plugins.json', buildPlugins(facts));
  write('upgrade.json', buildUpgrade(facts));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
