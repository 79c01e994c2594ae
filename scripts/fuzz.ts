/**
 * Long fuzz runs: `npm run fuzz -- --count 100000 [--seed 1] [--out fuzz-report.json]`.
 * Inputs come from ../shared/corpus (mutated) and generators (test/fuzz/harness.ts); each
 * one goes through check, fix-all, quick-fix proofs, hover, completion and the
 * incremental session. Reports crashes, hangs (> 5 s), fixes that break a file, spans
 * outside their document, non-idempotent fix-alls and sessions that disagree with a fresh
 * check, each with a minimised input. Exits 1 when there is any.
 */
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { examine, inputArb, newStats, seeds, type FuzzInput, type Problem } from '../test/fuzz/harness';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    out: { type: 'string' },
    'hang-ms': { type: 'string', default: '5000' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const hangMs = Number(values['hang-ms']);
if (!Number.isInteger(count) || count <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --count N [--seed S] [--out report.json] [--hang-ms 5000]');
  process.exit(2);
}

const all = seeds();
const arb = inputArb(all);
const stats = newStats();
const found = new Map<string, { problem: Problem; input: FuzzInput; minimised?: string; count: number }>();
const t0 = Date.now();
const BATCH = 500;
let done = 0;
let maxMs = 0;

/** Time spent minimising one problem's input. */
const MINIMISE_MS = 30_000;

/** Shrinks an input's text (lines, then characters) while the same kind of problem stays. */
function minimise(input: FuzzInput, p: Problem): string {
  const same = (text: string) => examine({ ...input, text, edited: text === input.text ? input.edited : text }, newStats(), { hangMs }).some((q) => q.kind === p.kind && q.where === p.where);
  let text = input.text;
  let budget = 300;
  const until = Date.now() + MINIMISE_MS;
  for (const unit of ['\n', '']) {
    let parts = unit ? text.split(/(?<=\n)/) : [...text];
    if (parts.length > 400 && !unit) break;
    let chunk = Math.max(1, Math.floor(parts.length / 2));
    while (chunk >= 1 && budget > 0 && Date.now() < until) {
      let progressed = false;
      for (let i = 0; i + chunk <= parts.length && budget > 0 && Date.now() < until; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)].join('');
        budget--;
        if (candidate !== text && same(candidate)) {
          parts = [...parts.slice(0, i), ...parts.slice(i + chunk)];
          text = candidate;
          progressed = true;
        } else i += chunk;
      }
      if (!progressed) chunk = Math.floor(chunk / 2);
    }
  }
  return text;
}

let runSeed = seed;
while (done < count) {
  const n = Math.min(BATCH, count - done);
  const inputs = fc.sample(arb, { seed: runSeed++, numRuns: n });
  for (const input of inputs) {
    const s = Date.now();
    const problems = examine(input, stats, { hangMs });
    maxMs = Math.max(maxMs, Date.now() - s);
    for (const p of problems) {
      const key = `${p.kind}|${p.where}|${p.detail.replace(/\d+/g, 'N').slice(0, 120)}`;
      const got = found.get(key);
      if (got) got.count++;
      else {
        found.set(key, { problem: p, input, count: 1 });
        process.stderr.write(`\n[${p.kind}] ${p.where}: ${p.detail.slice(0, 300)}\n  input (${input.kind} ${input.path}): ${JSON.stringify(input.text).slice(0, 400)}\n`);
      }
    }
  }
  done += n;
  process.stderr.write(`\r${done}/${count} inputs, ${found.size} distinct problem(s), ${Math.round((Date.now() - t0) / 1000)} s`);
}
process.stderr.write('\n');
for (const f of found.values()) f.minimised = minimise(f.input, f.problem);

const byKind: Record<string, number> = {};
for (const f of found.values()) byKind[f.problem.kind] = (byKind[f.problem.kind] ?? 0) + f.count;
const report = {
  seed,
  inputs: done,
  seconds: Math.round((Date.now() - t0) / 1000),
  slowestInputMs: maxMs,
  stats,
  problems: byKind,
  distinct: [...found.values()].map((f) => ({ ...f.problem, count: f.count, kind: f.problem.kind, path: f.input.path, fileKind: f.input.kind, minimised: f.minimised })),
};
console.log(
  `seed ${seed}: ${done} inputs in ${report.seconds} s (slowest ${maxMs} ms); ${stats.findings} findings, ${stats.preferredFixes} preferred fixes (${stats.unproven} of those proven turned down), ${stats.fixAllEdits} fix-all edits applied, ${stats.entryReads} requests read from the entry alone`,
);
console.log(found.size ? `problems: ${JSON.stringify(byKind)}` : 'no problems: 0 crashes, 0 hangs, 0 fixes that break a file, 0 spans outside their document');
for (const d of report.distinct) console.log(`\n[${d.kind}] ${d.where} (${d.count}x, ${d.fileKind} ${d.path}): ${d.detail}\n--- minimised input ---\n${JSON.stringify(d.minimised)}`);
if (values.out) fs.writeFileSync(values.out, JSON.stringify(report, null, 2));
process.exit(found.size ? 1 : 0);
