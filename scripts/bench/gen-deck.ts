/**
 * Deterministic decK file generator for benchmarks: services with routes and plugins
 * (rate-limiting with flat redis_* fields, session, acl whitelist, cors, key-auth,
 * pre-function functions), consumers and top-level plugins, in the shapes `deck dump`
 * writes.
 *
 *   npx tsx scripts/bench/gen-deck.ts <sizeMB> [out.yaml] [--json] [--crlf]
 *
 * Prints to stdout when no output file is given. Same arguments, same bytes.
 */
import * as fs from 'node:fs';

/** Small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(r: () => number): string {
  const h = () => Math.floor(r() * 16).toString(16);
  const s = (n: number) => Array.from({ length: n }, h).join('');
  return `${s(8)}-${s(4)}-4${s(3)}-a${s(3)}-${s(12)}`;
}

function plugin(r: () => number, i: number): Record<string, unknown> {
  switch (i % 6) {
    case 0:
      return {
        name: 'rate-limiting',
        config: {
          minute: 20 + Math.floor(r() * 100),
          hour: null,
          policy: 'redis',
          limit_by: 'consumer',
          fault_tolerant: true,
          redis_host: `redis-${Math.floor(r() * 9)}.internal`,
          redis_port: 6379,
          redis_timeout: 2000,
          redis_database: 0,
          redis_password: null,
        },
        enabled: true,
        protocols: ['http', 'https'],
      };
    case 1:
      return { name: 'session', config: { cookie_name: 'session', cookie_lifetime: 3600, cookie_renew: 600, storage: 'cookie', secret: `s${Math.floor(r() * 1e9)}` }, enabled: true };
    case 2:
      return { name: 'acl', config: { whitelist: ['group-a', `group-${Math.floor(r() * 50)}`], hide_groups_header: false } };
    case 3:
      return { name: 'cors', config: { origins: ['*'], methods: ['GET', 'POST'], credentials: false, max_age: 3600, preflight_continue: false } };
    case 4:
      return { name: 'key-auth', config: { key_names: ['apikey'], hide_credentials: false, key_in_header: true } };
    default:
      return { name: 'pre-function', config: { functions: [`kong.log.info("svc ${Math.floor(r() * 1e6)}")`] } };
  }
}

export function generateDeck(targetBytes: number, seed = 42): Record<string, unknown> {
  const r = prng(seed);
  const services: unknown[] = [];
  const consumers: unknown[] = [];
  let approx = 0;
  let i = 0;
  while (approx < targetBytes) {
    const routes = [0, 1].map((k) => ({
      name: `svc-${i}-route-${k}`,
      id: uuid(r),
      paths: k === 0 ? [`/api/v${1 + (i % 3)}/svc${i}`] : [`/api/svc${i}/items/\\d+`],
      methods: ['GET', 'POST'],
      strip_path: true,
      preserve_host: false,
      protocols: ['http', 'https'],
      ...(k === 1 ? { plugins: [plugin(r, i + 2)] } : {}),
    }));
    services.push({
      name: `service-${i}`,
      id: uuid(r),
      host: `backend-${i}.internal`,
      port: 8080,
      protocol: 'http',
      connect_timeout: 60000,
      read_timeout: 60000,
      write_timeout: 60000,
      retries: 5,
      routes,
      plugins: [plugin(r, i), plugin(r, i + 1)],
      tags: ['generated', `team-${i % 7}`],
    });
    if (i % 4 === 0) consumers.push({ username: `user-${i}`, custom_id: uuid(r), plugins: [plugin(r, 0)], keyauth_credentials: [{ key: uuid(r) }] });
    approx += 1500;
    i++;
  }
  return { _format_version: '1.1', _transform: true, services, consumers, plugins: [plugin(r, 0), plugin(r, 3)] };
}

/** Block-style YAML the way decK writes it (two-space indentation, compact sequences). */
export function toYaml(v: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  const scalar = (x: unknown): string => {
    if (x === null) return 'null';
    if (typeof x === 'string') return /^[A-Za-z/][\w./\-]*$/.test(x) && !/^(true|false|null|yes|no|on|off)$/i.test(x) ? x : JSON.stringify(x);
    return String(x);
  };
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return v
      .map((x) => {
        if (x && typeof x === 'object' && !Array.isArray(x)) {
          const body = toYaml(x, indent + 2);
          return `${pad}- ${body.slice(indent + 2)}`;
        }
        return `${pad}- ${scalar(x)}`;
      })
      .join('\n');
  }
  if (v && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => {
        if (Array.isArray(x)) return x.length ? `${pad}${k}:\n${toYaml(x, indent)}` : `${pad}${k}: []`;
        if (x && typeof x === 'object') return Object.keys(x).length ? `${pad}${k}:\n${toYaml(x, indent + 2)}` : `${pad}${k}: {}`;
        return `${pad}${k}: ${scalar(x)}`;
      })
      .join('\n');
  }
  return pad + scalar(v);
}

export function generateDeckText(mb: number, opts: { json?: boolean; crlf?: boolean; seed?: number } = {}): string {
  // About 1.1 bytes of text per estimated byte: the estimate below is a little low.
  const data = generateDeck(mb * 1024 * 1024 * 1.1, opts.seed ?? 42);
  let text = opts.json ? JSON.stringify(data, null, 2) + '\n' : toYaml(data) + '\n';
  if (opts.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

if (process.argv[1] && /gen-deck\.ts$/.test(process.argv[1])) {
  const mb = Number(process.argv[2] ?? '1');
  const out = process.argv.slice(3).find((a) => !a.startsWith('--'));
  const text = generateDeckText(mb, { json: process.argv.includes('--json'), crlf: process.argv.includes('--crlf') });
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}
