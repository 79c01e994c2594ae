/**
 * `npm run bench`: generates decK files of 1, 10 and 50 MB (deterministic) and measures
 *  - the CLI: wall time of `kong-upgrade check` and its peak memory;
 *  - the language server over stdio: time from didOpen to the first diagnostics (a
 *    large file first gets those of its first stretch; their count is shown) and to the
 *    complete set, edit-to-diagnostics p50/p95 over a series of small edits, and peak memory.
 * A benchmark, not a test: it prints figures and exits 0.
 *
 *   npx tsx scripts/bench/run.ts [--sizes 1,10,50] [--edits 20]
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDeckText } from './gen-deck';

const root = path.resolve(__dirname, '..', '..');
const preload = path.join(__dirname, 'rss-preload.cjs');
const args = process.argv.slice(2);
const opt = (name: string, d: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : d;
};
const sizes = opt('sizes', '1,10,50').split(',').map(Number);
const editCount = Number(opt('edits', '20'));
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
  const r = spawnSync(process.execPath, ['--require', preload, path.join(root, 'server/out/cli.js'), 'check', file, '--from', FROM, '--to', TO, '--format', 'json', '--fail-on', 'never'], {
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

class Lsp {
  private buf = Buffer.alloc(0);
  private id = 0;
  private pending = new Map<number, (v: unknown) => void>();
  private listeners: Array<(m: { method?: string; params?: unknown }) => void> = [];
  stderr = '';
  readonly proc;
  constructor() {
    this.proc = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--require', preload, path.join(root, 'server/out/server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stderr.on('data', (d) => (this.stderr += d.toString()));
    // Chunks are only joined once a whole message is there (joining on every chunk is
    // quadratic for the tens of MB a big file's diagnostics take).
    let chunks: Buffer[] = [];
    let have = 0;
    let need = 0;
    this.proc.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      have += d.length;
      if (need && have < need) return;
      this.buf = Buffer.concat([this.buf, ...chunks]);
      chunks = [];
      have = this.buf.length;
      need = 0;
      for (;;) {
        const head = this.buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, head).toString())![1]);
        if (this.buf.length < head + 4 + len) {
          need = head + 4 + len;
          return;
        }
        const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString());
        this.buf = this.buf.subarray(head + 4 + len);
        have = this.buf.length;
        if (msg.id !== undefined && msg.method) {
          // server -> client request (workspace/configuration, registerCapability)
          const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({ currentVersion: FROM, targetVersion: TO })) : null;
          this.send({ jsonrpc: '2.0', id: msg.id, result });
        } else if (msg.id !== undefined) {
          this.pending.get(msg.id)?.(msg.result);
        } else {
          for (const l of this.listeners) l(msg);
        }
      }
    });
  }
  send(m: unknown) {
    const s = JSON.stringify(m);
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }
  request(method: string, params: unknown): Promise<unknown> {
    const id = ++this.id;
    return new Promise((res) => {
      this.pending.set(id, res);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }
  notify(method: string, params: unknown) {
    this.send({ jsonrpc: '2.0', method, params });
  }
  nextDiagnostics(uri: string, version: number): Promise<number> {
    return new Promise((res) => {
      const l = (m: { method?: string; params?: unknown }) => {
        const p = m.params as { uri: string; version?: number; diagnostics: unknown[] };
        if (m.method === 'textDocument/publishDiagnostics' && p.uri === uri && (p.version === undefined || p.version >= version)) {
          this.listeners = this.listeners.filter((x) => x !== l);
          res(p.diagnostics.length);
        }
      };
      this.listeners.push(l);
    });
  }
}

async function benchServer(file: string, text: string, expected: number) {
  const lsp = new Lsp();
  await lsp.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  lsp.notify('initialized', {});
  const uri = pathToFileURL(file).toString();
  let t0 = process.hrtime.bigint();
  const first = lsp.nextDiagnostics(uri, 1);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  let count = await first;
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const firstCount = count;
  // A large file may first get the findings of its first stretch: wait for the complete set.
  while (count !== expected && expected >= 0) count = await lsp.nextDiagnostics(uri, 1);
  const allMs = Number(process.hrtime.bigint() - t0) / 1e6;
  // Edits: change the minute limit of a rate-limiting plugin somewhere in the file.
  const lines = text.split('\n');
  const targets = lines.map((l, i) => (/^\s+minute: \d+/.test(l) ? i : -1)).filter((i) => i >= 0);
  const times: number[] = [];
  for (let e = 0; e < editCount; e++) {
    const line = targets[(e * 7919) % targets.length]!;
    const col = lines[line]!.indexOf('minute: ') + 'minute: '.length;
    const version = e + 2;
    const done = lsp.nextDiagnostics(uri, version);
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
  if (!fs.existsSync(path.join(root, 'server/out/server.js'))) {
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
    const srv = await benchServer(file, text, cli.findings);
    console.log(
      `${String(mb).padStart(3)} MB | ${cli.ms.toFixed(0).padStart(7)} ms ${cli.rssMb.toFixed(0).padStart(6)} MB | ${srv.firstMs.toFixed(0).padStart(10)} ms ${`(${srv.firstCount})`.padStart(8)} ${srv.allMs.toFixed(0).padStart(8)} ms ${srv.p50.toFixed(0).padStart(7)} ms ${srv.p95.toFixed(0).padStart(7)} ms ${srv.rssMb.toFixed(0).padStart(6)} MB | ${cli.findings} / ${srv.count}`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
