/**
 * `kong-upgrade`: the command line on the same core as the language server.
 *   kong-upgrade check <files…> --from <v> --to <v> [--edition oss|enterprise] [--format text|json|sarif] [--fail-on error|warning|never] [--fix]
 *   kong-upgrade lsp --stdio            (the language server, for any editor)
 * Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or input error.
 */
import * as fs from 'node:fs';
import { loadKnowledge } from './knowledge';
import { checkText, detectKind, fixAll, resolveEnv, type KnowledgeSet } from './core/check';
import { formatJson, formatSarif, formatText, reachesFailOn, type FileReport } from './cli/format';
import { oneOf, parseArgs, UsageError } from './cli/args';
import type { FileKind } from './core/model';

const VERSION = '0.1.0';
const MAX_BYTES = 64 * 1024 * 1024;

const HELP = `kong-upgrade ${VERSION}: check Kong configuration for an upgrade

Usage:
  kong-upgrade check <files...> --from <version> --to <version> [options]
  kong-upgrade lsp --stdio

Options for check:
  --from <v>          version you run today (e.g. 2.8, 2.8.5, 3.4.3.19)
  --to <v>            version you upgrade to (default: newest LTS)
  --edition <e>       oss (default) or enterprise
  --format <f>        text (default), json or sarif
  --fail-on <level>   error, warning (default) or never
  --fix               apply every safe fix and write the files
  --kind <k>          treat all files as kong-conf, env, docker-compose, kubernetes, helm-values or declarative
  --custom-plugins <a,b>  names of custom plugins (not reported as unknown)
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Buffer;
  writeFile: (p: string, data: string) => void;
  exists: (p: string) => boolean;
}

const nodeIO: CliIO = {
  stdout: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  readFile: (p) => fs.readFileSync(p),
  writeFile: (p, d) => fs.writeFileSync(p, d),
  exists: (p) => fs.existsSync(p),
};

const KINDS: FileKind[] = ['kong-conf', 'env', 'docker-compose', 'kubernetes', 'helm-values', 'declarative'];

export function runCli(argv: string[], io: CliIO = nodeIO, knowledge?: KnowledgeSet): number {
  try {
    const [cmd, ...rest] = argv;
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      io.stdout(HELP);
      return cmd ? 0 : 2;
    }
    if (cmd === '--version' || cmd === '-v') {
      io.stdout(VERSION);
      return 0;
    }
    if (cmd === 'check') return check(rest, io, knowledge ?? loadKnowledge());
    throw new UsageError(`unknown command "${cmd}" (try: kong-upgrade check --help)`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kong-upgrade: ${err.message}`);
      return 2;
    }
    io.stderr(`kong-upgrade: internal error: ${(err as Error)?.message ?? err}`);
    return 2;
  }
}

function check(argv: string[], io: CliIO, knowledge: KnowledgeSet): number {
  const args = parseArgs(argv, { values: ['from', 'to', 'edition', 'format', 'fail-on', 'kind', 'custom-plugins'], booleans: ['fix', 'help'] });
  if (args.flags.get('help')) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf('format', args.flags.get('format'), ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf('fail-on', args.flags.get('fail-on'), ['error', 'warning', 'never'] as const, 'warning');
  const edition = oneOf('edition', args.flags.get('edition'), ['oss', 'enterprise'] as const, 'oss');
  const kindFlag = args.flags.has('kind') ? oneOf('kind', args.flags.get('kind'), KINDS, 'kong-conf') : undefined;
  const from = args.flags.get('from');
  if (typeof from !== 'string') throw new UsageError('--from <version> is required (the Kong version you run today)');
  const to = args.flags.get('to');
  if (!args.positionals.length) throw new UsageError('no files given');
  const custom = args.flags.get('custom-plugins');
  const r = resolveEnv(knowledge, { current: from, target: typeof to === 'string' ? to : '', edition }, {
    customPlugins: typeof custom === 'string' ? custom.split(',').map((s) => s.trim()).filter(Boolean) : [],
  });
  if (!r.ok) throw new UsageError(r.problems.join('; '));
  const env = r.env;
  const missing = args.positionals.find((p) => !io.exists(p));
  if (missing) throw new UsageError(`file not found: ${missing}`);
  for (const n of r.notes) io.stderr(`kong-upgrade: note: ${n}`);

  const reports: FileReport[] = [];
  for (const path of args.positionals) {
    let buf: Buffer;
    try {
      buf = io.readFile(path);
    } catch (e) {
      throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
    }
    if (buf.length > MAX_BYTES) {
      reports.push({ path, kind: 'unknown', text: '', findings: [], note: `skipped: ${(buf.length / 1048576).toFixed(1)} MB is larger than the ${MAX_BYTES / 1048576} MB limit` });
      continue;
    }
    if (buf.subarray(0, 8000).includes(0)) {
      reports.push({ path, kind: 'unknown', text: '', findings: [], note: 'skipped: this is a binary file, not Kong configuration' });
      continue;
    }
    let text = buf.toString('utf8');
    const kind = kindFlag ?? guessKind(path, text, env.declarativeGlobs);
    if (kind === 'unknown') {
      reports.push({ path, kind, text, findings: [], note: 'not recognised as a Kong file (use --kind to say what it is)' });
      continue;
    }
    if (args.flags.get('fix')) {
      const fixed = fixAll(kind, text, env, 8, path);
      if (fixed.text !== text) {
        io.writeFile(path, fixed.text);
        io.stderr(`kong-upgrade: ${path}: applied ${fixed.applied} fix(es)`);
        text = fixed.text;
      }
    }
    reports.push({ path, kind, text, findings: checkText(kind, text, env, path).findings });
  }

  const all = reports.flatMap((r) => r.findings);
  if (format === 'json') io.stdout(formatJson(reports, env.current.input, env.target.input));
  else if (format === 'sarif') io.stdout(formatSarif(reports, VERSION));
  else io.stdout(formatText(reports, `Kong ${env.current.input} → ${env.target.input}`));
  return reachesFailOn(all, failOn) ? 1 : 0;
}

/** Detection, plus the CLI's extra leniency: a file given explicitly with a .conf name is read as kong.conf. */
function guessKind(path: string, text: string, globs: string[]): FileKind {
  const k = detectKind(path, text, { declarativeGlobs: globs });
  if (k !== 'unknown') return k;
  if (/\.conf(\.default)?$/i.test(path)) return 'kong-conf';
  return 'unknown';
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === 'lsp') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./server');
  } else {
    process.exitCode = runCli(argv);
  }
}
