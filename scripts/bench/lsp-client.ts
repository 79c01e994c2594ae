/**
 * The language server as the benchmarks drive it: spawned over stdio (optionally with
 * BENCH_SERVER_NODE_ARGS, e.g. `--cpu-prof`), answering its workspace/configuration
 * requests with the versions given, with requests, notifications and a wait for the
 * diagnostics of a version. Shared by run.ts and typing-burst.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface Msg {
  id?: number;
  method?: string;
  params?: any;
  result?: unknown;
  error?: unknown;
}

export class BenchLsp {
  private id = 0;
  private pending = new Map<number, (m: Msg) => void>();
  private listeners: Array<(m: Msg) => void> = [];
  stderr = '';
  readonly proc;

  constructor(serverJs: string, opts: { versions: { currentVersion: string; targetVersion: string }; nodeArgs?: string[]; stderr?: 'pipe' | 'inherit' }) {
    const nodeArgs = [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(opts.nodeArgs ?? [])];
    this.proc = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', opts.stderr ?? 'pipe'] });
    this.proc.stderr?.on('data', (d) => (this.stderr += d.toString()));
    // Chunks are only joined once a whole message is there (joining on every chunk is
    // quadratic for the tens of MB a big file's diagnostics take).
    let chunks: Buffer[] = [];
    let buf = Buffer.alloc(0);
    let have = 0;
    let need = 0;
    this.proc.stdout!.on('data', (d: Buffer) => {
      chunks.push(d);
      have += d.length;
      if (need && have < need) return;
      buf = Buffer.concat([buf, ...chunks]);
      chunks = [];
      have = buf.length;
      need = 0;
      for (;;) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())![1]);
        if (buf.length < head + 4 + len) {
          need = head + 4 + len;
          return;
        }
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString()) as Msg;
        buf = buf.subarray(head + 4 + len);
        have = buf.length;
        if (msg.id !== undefined && msg.method) {
          // server -> client request (workspace/configuration, registerCapability)
          const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => opts.versions) : null;
          this.send({ jsonrpc: '2.0', id: msg.id, result });
        } else if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          p?.(msg);
        } else for (const l of [...this.listeners]) l(msg);
      }
    });
  }

  send(m: unknown): void {
    const s = JSON.stringify(m);
    this.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }

  request(method: string, params: unknown): Promise<Msg> {
    const id = ++this.id;
    return new Promise((res) => {
      this.pending.set(id, res);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next diagnostics published for `uri` at `version` or later (or without a version). */
  diagnostics(uri: string, version: number): Promise<any[]> {
    return new Promise((res) => {
      const l = (m: Msg) => {
        if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (m.params.version === undefined || m.params.version >= version)) {
          this.listeners = this.listeners.filter((x) => x !== l);
          res(m.params.diagnostics);
        }
      };
      this.listeners.push(l);
    });
  }

  /** The CPU time the server has used so far (user + system), in ms (Linux; NaN elsewhere): steadier than latencies on a loaded machine. */
  cpuMs(): number {
    try {
      const f = fs.readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      // Fields 14 and 15 (utime, stime) in clock ticks; rest[0] is field 3.
      return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
    } catch {
      return NaN;
    }
  }

  /** The server's resident memory now, in MB (Linux). */
  rssMb(): number {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }
}
