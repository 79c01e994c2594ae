// A fingerprint of what the code does, blind to layout: every tracked .ts/.js/.mjs file
// (test fixtures aside) minified by esbuild, hashed. Run it before and after
// `npm run format`: the same hash means the formatter changed no behaviour.
//   node scripts/minified-hash.mjs [per-file-list.txt]
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { transform } from 'esbuild';

const files = execSync("git ls-files '*.ts' '*.mjs' '*.js'", { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('test/fixtures/'))
  .sort();
const all = createHash('sha256');
const per = [];
for (const f of files) {
  const { code } = await transform(readFileSync(f, 'utf8'), { loader: f.endsWith('.ts') ? 'ts' : 'js', minify: true, legalComments: 'none' });
  all.update(`${f}\0${code}\0`);
  per.push(`${f} ${createHash('sha256').update(code).digest('hex').slice(0, 12)}`);
}
if (process.argv[2]) writeFileSync(process.argv[2], `${per.join('\n')}\n`);
console.log(`${files.length} files ${all.digest('hex')}`);
