/**
 * `npx tsx scripts/bench/typing-burst.ts [--mb 1] [--edits 1000] [--every 10] [--timeout 600] [--server path/to/server.js]`
 *
 * A burst of typing on a decK file over stdio, as fast as the pipe takes it: `--edits`
 * incremental didChange notifications (characters typed into values, some deleted, a few
 * comment lines inserted), with a request after every `--every` edits (hover, completion,
 * code action in turn, at the place being typed; code actions asked as the lightbulb asks). Measures:
 *  - request latency from send to answer (p50 / p95 / max) and how many were answered
 *    before the final diagnostics came;
 *  - time from the last edit sent to the diagnostics of the final version;
 *  - whether those diagnostics equal a fresh check of the final text (the same text opened
 *    under another name, checked from scratch by the same server);
 *  - the server's resident memory after the first check, at its peak, and after the burst
 *    once the server is idle again.
 * Needs `npm run build` (server/out/server.js). A benchmark: prints figures, exits 0.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDeckText, prng } from './gen-deck';
import { BenchLsp } from './lsp-client';

const root = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, d: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : d;
};
const MB = Number(opt('mb', '1'));
const EDITS = Number(opt('edits', '1000'));
const EVERY = Number(opt('every', '10'));
const TIMEOUT_S = Number(opt('timeout', '600'));
/** Another build of the server to compare with (a copy of server/out). */
const SERVER = path.resolve(opt('server', path.join(root, 'server/out/server.js')));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const key = (d: any) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (!fs.existsSync(SERVER)) throw new Error('run npm run build first');
  const text = generateDeckText(MB);
  const lines = text.split('\n');
  const lsp = new BenchLsp(SERVER, { versions: { currentVersion: '2.8', targetVersion: '3.10' }, stderr: 'inherit' });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, lsp.rssMb())), 50);
  await lsp.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  lsp.notify('initialized', {});
  const uri = 'file:///bench/burst/kong.yaml';
  const opened = lsp.diagnostics(uri, 1);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const first = await opened;
  await sleep(500);
  const rssBefore = lsp.rssMb();
  const cpuBefore = lsp.cpuMs();
  console.log(`${(text.length / 2 ** 20).toFixed(2)} MB decK file, ${lines.length} lines, ${first.length} findings; ${EDITS} edits, a request every ${EVERY}`);

  // Typing places: values of `host:` / `name:` lines.
  const places = lines.map((l, i) => (/^\s+(host|name): \S/.test(l) ? i : -1)).filter((i) => i >= 0);
  const r = prng(11);
  let line = places[0]!;
  let col = lines[line]!.length;
  const latencies: number[] = [];
  const answered: Array<Promise<void>> = [];
  let finalSeen = false;
  let answeredBeforeFinal = 0;
  let cancelled = 0;
  const t0 = performance.now();
  let version = 1;
  for (let e = 0; e < EDITS; e++) {
    if (e % 25 === 0) {
      line = places[Math.floor(r() * places.length)]!;
      col = lines[line]!.length;
    }
    version++;
    const roll = r();
    let change: Record<string, unknown>;
    if (roll < 0.03) {
      // A comment line after this one (changes the line structure).
      const indent = /^\s*/.exec(lines[line]!)![0];
      change = { range: { start: { line, character: lines[line]!.length }, end: { line, character: lines[line]!.length } }, text: `\n${indent}# note ${e}` };
      lines.splice(line + 1, 0, `${indent}# note ${e}`);
      places.forEach((p, i) => p > line && (places[i] = p + 1));
    } else if (roll < 0.15 && col > lines[line]!.indexOf(':') + 3) {
      change = { range: { start: { line, character: col - 1 }, end: { line, character: col } }, text: '' };
      lines[line] = lines[line]!.slice(0, col - 1) + lines[line]!.slice(col);
      col--;
    } else {
      const ch = String.fromCharCode(97 + Math.floor(r() * 26));
      change = { range: { start: { line, character: col }, end: { line, character: col } }, text: ch };
      lines[line] = lines[line]!.slice(0, col) + ch + lines[line]!.slice(col);
      col++;
    }
    lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if ((e + 1) % EVERY === 0) {
      const kind = ((e + 1) / EVERY) % 3;
      const pos = { line, character: Math.max(0, col - 1) };
      const sent = performance.now();
      const p =
        kind === 0
          ? lsp.request('textDocument/hover', { textDocument: { uri }, position: pos })
          : kind === 1
            ? lsp.request('textDocument/completion', { textDocument: { uri }, position: pos })
            : lsp.request('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [], triggerKind: 2 } });
      answered.push(
        p.then((m) => {
          latencies.push(performance.now() - sent);
          if (m.error) cancelled++;
          if (!finalSeen) answeredBeforeFinal++;
        }),
      );
    }
  }
  const lastSent = performance.now();
  const finalText = lines.join('\n');
  const timeout = sleep(TIMEOUT_S * 1000).then(() => null);
  const final = await Promise.race([lsp.diagnostics(uri, version), timeout]);
  finalSeen = true;
  const finalMs = performance.now() - lastSent;
  await Promise.race([Promise.all(answered), timeout]);
  const totalMs = performance.now() - t0;
  const cpuBurst = lsp.cpuMs() - cpuBefore;
  // Memory once the server is idle again (before the fresh check below adds a document of its own).
  await sleep(3000);
  const rssAfter = lsp.rssMb();
  const peakBurst = peak;
  // A fresh check of the same text, by name a different document.
  const fresh = lsp.diagnostics('file:///bench/fresh/kong.yaml', 1);
  lsp.notify('textDocument/didOpen', { textDocument: { uri: 'file:///bench/fresh/kong.yaml', languageId: 'yaml', version: 1, text: finalText } });
  const freshDiags = await Promise.race([fresh, timeout]);
  lsp.notify('textDocument/didClose', { textDocument: { uri: 'file:///bench/fresh/kong.yaml' } });
  clearInterval(sampler);
  const equal = !!final && !!freshDiags && JSON.stringify(final.map(key)) === JSON.stringify(freshDiags.map(key));
  console.log(
    `requests: ${latencies.length}/${answered.length} answered (${cancelled} with an error), ${answeredBeforeFinal} before the final diagnostics; latency p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${pct(latencies, 100).toFixed(0)} ms`,
  );
  console.log(
    `final diagnostics ${final ? `${finalMs.toFixed(0)} ms after the last edit was sent` : `not within ${TIMEOUT_S} s`}; whole burst ${(totalMs / 1000).toFixed(1)} s (server CPU ${cpuBurst.toFixed(0)} ms); equal to a fresh check: ${equal} (${final?.length ?? '-'} / ${freshDiags?.length ?? '-'})`,
  );
  console.log(`server RSS: ${rssBefore.toFixed(0)} MB after the first check, peak ${peakBurst.toFixed(0)} MB during the burst, ${rssAfter.toFixed(0)} MB 3 s after it`);
  await Promise.race([lsp.request('shutdown', null), sleep(5000)]);
  lsp.notify('exit', null);
  await Promise.race([new Promise((r) => lsp.proc.on('exit', r)), sleep(5000)]);
  lsp.proc.kill();
}

void main()
  // (The timeout's timer would keep the process alive for --timeout seconds.)
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
