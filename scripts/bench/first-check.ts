/**
 * In-process timing of the first complete check of a generated decK file (what the CLI
 * and the server's first analysis do). For profiling:
 * `node --cpu-prof --import tsx scripts/bench/first-check.ts 10`.
 *
 *   npx tsx scripts/bench/first-check.ts [sizeMB=10] [runs=1] [lazy|eager|both]
 *
 * `eager` builds every fix while checking (`eagerFixes`), as the checker did before fixes
 * were built on first read; `both` alternates the two and prints min and median of each.
 */
import { loadKnowledge } from '../../server/src/knowledge';
import { DocumentChecker, declarativeContext, resolveEnv } from '../../server/src/core/check';
import { DeclarativeSession } from '../../server/src/core/declarative';
import { generateDeckText } from './gen-deck';

const mb = Number(process.argv[2] ?? '10');
const runs = Number(process.argv[3] ?? '1');
const mode = process.argv[4] ?? 'lazy';
const k = loadKnowledge();
const r = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss' });
if (!r.ok) throw new Error(r.problems.join('; '));
const env = r.env;
const text = generateDeckText(mb);
const size = `${(text.length / 2 ** 20).toFixed(1)} MB`;

function once(eager: boolean): { ms: number; n: number } {
  const t0 = performance.now();
  let n: number;
  if (!eager) n = new DocumentChecker('kong.yaml').check('declarative', text, env).findings.length;
  else n = new DeclarativeSession({ ...declarativeContext(env)!, eagerFixes: true }).update(text).findings.length;
  return { ms: performance.now() - t0, n };
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(0)} ms, median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms`;
};

if (mode === 'both') {
  const times = { lazy: [] as number[], eager: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const m of i % 2 ? (['eager', 'lazy'] as const) : (['lazy', 'eager'] as const)) times[m].push(once(m === 'eager').ms);
  }
  console.log(`${size}: lazy ${stat(times.lazy)}; eager ${stat(times.eager)} (${runs} runs each)`);
} else {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, n } = once(mode === 'eager');
    times.push(ms);
    console.log(`${size}: check ${ms.toFixed(0)} ms, ${n} findings`);
  }
  if (runs > 1) console.log(`${size} ${mode}: ${stat(times)}`);
}
