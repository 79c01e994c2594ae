/**
 * Micro-benchmark of the declarative session: a full check of a generated decK file, then
 * single-character edits at random places, re-checked incrementally (p50/p95).
 *
 *   npx tsx scripts/bench/declarative-session.ts [sizeMB=10] [edits=40] [--json]
 */
import releases from '../../server/knowledge/releases.json';
import plugins from '../../server/knowledge/plugins.json';
import { resolveVersion } from '../../server/src/core/version';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import type { PluginKnowledge } from '../../server/src/core/knowledge/pluginTypes';
import { DeclarativeSession } from '../../server/src/core/declarative';
import { generateDeckText, prng } from './gen-deck';

const mb = Number(process.argv[2] ?? '10');
const nEdits = Number(process.argv[3] ?? '40');
const json = process.argv.includes('--json');
const R = (v: string) => {
  const r = resolveVersion(releases as unknown as ReleasesKnowledge, v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const ctx = { plugins: plugins as unknown as PluginKnowledge, current: R('2.8'), target: R('3.10'), customPlugins: [] };
let text = generateDeckText(mb, { json });
console.log(`file: ${(text.length / 1024 / 1024).toFixed(1)} MB ${json ? 'JSON' : 'YAML'}`);
const s = new DeclarativeSession(ctx);
let t0 = performance.now();
const c0 = process.cpuUsage();
let res = s.update(text);
const full = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(`full check: ${full.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (all threads), ${res.findings.length} findings, ${res.errors.length} errors`);
const r = prng(7);
const times: number[] = [];
for (let i = 0; i < nEdits; i++) {
  // Type a character into a value somewhere: find a line with "name: " near a random offset.
  const at = Math.floor(r() * text.length);
  const nl = text.indexOf('\n', at);
  const pos = nl < 0 ? text.length : nl;
  text = text.slice(0, pos) + (json ? ' ' : ' ') + text.slice(pos);
  t0 = performance.now();
  res = s.update(text);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
console.log(`edit re-check (${nEdits} edits): p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms; ${res.findings.length} findings`);
