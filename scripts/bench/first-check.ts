/**
 * In-process timing of the first complete check of a generated decK file (what the CLI
 * and the server's first analysis do), split into the check itself and a JSON encode of
 * the findings. For profiling: `node --cpu-prof --import tsx scripts/bench/first-check.ts 10`.
 *
 *   npx tsx scripts/bench/first-check.ts [sizeMB=10] [runs=1]
 */
import { loadKnowledge } from '../../server/src/knowledge';
import { DocumentChecker, resolveEnv } from '../../server/src/core/check';
import { generateDeckText } from './gen-deck';

const mb = Number(process.argv[2] ?? '10');
const runs = Number(process.argv[3] ?? '1');
const k = loadKnowledge();
const r = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss' });
if (!r.ok) throw new Error(r.problems.join('; '));
const text = generateDeckText(mb);
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const res = new DocumentChecker('kong.yaml').check('declarative', text, r.env);
  const t1 = performance.now();
  console.log(`${(text.length / 2 ** 20).toFixed(1)} MB: check ${(t1 - t0).toFixed(0)} ms, ${res.findings.length} findings`);
}
