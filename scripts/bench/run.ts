/**
 * `npm run bench`: generates decK files of 1, 10 and 50 MB (deterministic) and measures
 *  - the CLI: wall time of `kong-upgrade check` and its peak memory;
 *  - the language server over stdio: time from didOpen to the first diagnostics (a
 *    large file first gets those of its first stretch; their count is shown) and to the
 *    complete set, edit-to-diagnostics p50/p95 over a series of small edits, and peak memory.
 * A benchmark, not a test: it prints figures and exits 0.
 *
 *   npx tsx scripts/bench/run.ts [--sizes 1,10,50] [--edits 20] [--out path/to/out] [--runs 1]
 *
 * `--out`: another build to measure (a copy of server/out with server/knowledge beside it),
 * for before/after runs back to back; `--runs N` measures the server N times (the CLI once).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDeckText } from './gen-deck';
import { BenchLsp } from './lsp-client';

const root = path.resolve(__dirname, '..', '..');
const preload = path.join(__dirname, 'rss-preload.cjs');
const args = process.argv.slice(2);
const opt = (name: string, d: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : d;
};
const sizes = opt('sizes', '1,10,50').split(',').map(Number);
const editCount = Number(opt('edits', '20'));
const OUT = path.resolve(opt('out', path.join(root, 'server/out')));
const RUNS = Number(opt('runs', '1'));
const FROM = '2.8';
const TO = '3.10';

function maxRss(stderr: string): number {
  const m = /@@maxrss (\d+)/.exec(stderr);
  return m ? Number(m[1]) / 1024 : NaN; // KB -> MB
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

function benchCli(file: string) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', preload, path.join(OUT, 'cli.js'), 'check', file, '--from', FROM, '--to', TO, '--format', 'json', '--fail-on', 'never'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let findings = 0;
  try {
    findings = JSON.parse(r.stdout).files[0].findings.length;
  } catch {
    findings = -1;
  }
  return { ms, rssMb: maxRss(r.stderr), findings, status: r.status };
}

async function benchServer(file: string, text: string, expected: number) {
  const lsp = new BenchLsp(path.join(OUT, 'server.js'), { versions: { currentVersion: FROM, targetVersion: TO }, nodeArgs: ['--require', preload] });
  await lsp.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  lsp.notify('initialized', {});
  const uri = pathToFileURL(file).toString();
  let t0 = process.hrtime.bigint();
  const first = lsp.diagnostics(uri, 1).then((d) => d.length);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  let count = await first;
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const firstCount = count;
  // A large file may first get the findings of its first stretch: wait for the complete set.
  while (count !== expected && expected >= 0) count = await lsp.diagnostics(uri, 1).then((d) => d.length);
  const allMs = Number(process.hrtime.bigint() - t0) / 1e6;
  // Edits: change the minute limit of a rate-limiting plugin somewhere in the file.
  const lines = text.split('\n');
  const targets = lines.map((l, i) => (/^\s+minute: \d+/.test(l) ? i : -1)).filter((i) => i >= 0);
  const times: number[] = [];
  for (let e = 0; e < editCount; e++) {
    const line = targets[(e * 7919) % targets.length]!;
    const col = lines[line]!.indexOf('minute: ') + 'minute: '.length;
    const version = e + 2;
    const done = lsp.diagnostics(uri, version);
    t0 = process.hrtime.bigint();
    lsp.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: String((e % 9) + 1) }],
    });
    await done;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await lsp.request('shutdown', null);
  lsp.notify('exit', null);
  await new Promise((r) => lsp.proc.on('exit', r));
  return { firstMs, firstCount, allMs, count, p50: pct(times, 50), p95: pct(times, 95), rssMb: maxRss(lsp.stderr) };
}

async function main() {
  if (!fs.existsSync(path.join(OUT, 'server.js'))) {
    console.error('run npm run build first');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-bench-'));
  console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; check ${FROM} -> ${TO}; ${editCount} edits`);
  console.log('size   | CLI check    CLI peak  | LSP first diag (count)    all diag   edit p50   edit p95   LSP peak | findings CLI / LSP');
  for (const mb of sizes) {
    const text = generateDeckText(mb);
    const file = path.join(dir, `kong-${mb}mb.yaml`);
    fs.writeFileSync(file, text);
    const cli = benchCli(file);
    for (let run = 0; run < RUNS; run++) {
      const srv = await benchServer(file, text, cli.findings);
      console.log(
        `${String(mb).padStart(3)} MB | ${cli.ms.toFixed(0).padStart(7)} ms ${cli.rssMb.toFixed(0).padStart(6)} MB | ${srv.firstMs.toFixed(0).padStart(10)} ms ${`(${srv.firstCount})`.padStart(8)} ${srv.allMs.toFixed(0).padStart(8)} ms ${srv.p50.toFixed(0).padStart(7)} ms ${srv.p95.toFixed(0).padStart(7)} ms ${srv.rssMb.toFixed(0).padStart(6)} MB | ${cli.findings} / ${srv.count}`,
      );
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
