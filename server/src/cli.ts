/**
 * `kong-upgrade`: the command line on the same core as the language server.
 *   kong-upgrade check <files…> --from <v> --to <v> [--edition oss|enterprise] [--format text|json|sarif] [--fail-on error|warning|never] [--fix]
 *   kong-upgrade lsp --stdio            (the language server, for any editor)
 * Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or input error.
 */
import * as fs from 'node:fs';
import { loadKnowledge } from './knowledge';
import { checkText, detectKind, fixAll, resolveEnv, workspaceSettings, type KnowledgeSet } from './core/check';
import { kongPluginScopeOf } from './core/k8s/check';
import { formatJson, formatSarif, formatText, reachesFailOn, type FileReport } from './cli/format';
import { oneOf, parseArgs, UsageError } from './cli/args';
import type { FileKind } from './core/model';
import { isNginxTemplate, planForWorkspaceEdition, type WorkspaceFile } from './core/planner/workspace';
import { planToMarkdown } from './core/planner/markdown';
import { planToJson, planToText } from './core/planner/render';
import type { PlanInput } from './core/planner/types';

const VERSION = '0.1.0';
const MAX_BYTES = 64 * 1024 * 1024;

const HELP = `kong-upgrade ${VERSION}: check Kong configuration for an upgrade

Usage:
  kong-upgrade check <files...> --from <version> --to <version> [options]

  kong-upgrade plan --from <v> --to <v> --topology traditional|hybrid|dbless|konnect [files...] [options]

Options for plan:
  --edition <e>       oss (default) or enterprise
  --format <f>        text (default), markdown or json
  --cassandra         the datastore is Cassandra
  --blue-green       prefer blue-green deployments
  --custom-plugins    you run custom plugins (or --custom-plugins a,b to name them)
  files...            your kong.conf, .env, docker-compose, Kubernetes, Helm values, decK
                      and Nginx template files: each hop lists what it breaks in them

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
  /** Today's date (YYYY-MM-DD) for support status; tests pass a fixed day. */
  today?: () => string;
}

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

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
    if (cmd === 'plan') return plan(rest, io, knowledge ?? loadKnowledge());
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
  requireFiles(io, args.positionals);
  for (const n of r.notes) io.stderr(`kong-upgrade: note: ${n}`);
  // KongPlugin names defined in the files given: annotations naming another one are reported.
  env.kongPlugins = kongPluginScopeOf(kubernetesTexts(io, args.positionals), 'the files checked');

  const reports: FileReport[] = [];
  // Read every file first: a declarative file's findings can depend on what a kong.conf or
  // KONG_* file given beside it sets (see workspaceSettings).
  const inputs: Array<{ path: string; kind: FileKind; text: string } | FileReport> = [];
  for (const path of args.positionals) {
    const buf = readInput(io, path);
    if (buf.length > MAX_BYTES) {
      inputs.push({ path, kind: 'unknown', text: '', findings: [], note: `skipped: ${(buf.length / 1048576).toFixed(1)} MB is larger than the ${MAX_BYTES / 1048576} MB limit` });
      continue;
    }
    if (buf.subarray(0, 8000).includes(0)) {
      inputs.push({ path, kind: 'unknown', text: '', findings: [], note: 'skipped: this is a binary file, not Kong configuration' });
      continue;
    }
    const text = buf.toString('utf8');
    const kind = kindFlag ?? guessKind(path, text, env.declarativeGlobs);
    if (kind === 'unknown') {
      inputs.push({ path, kind, text, findings: [], note: 'not recognised as a Kong file (use --kind to say what it is)' });
      continue;
    }
    inputs.push({ path, kind, text });
  }
  if (knowledge.entities) env.settings = workspaceSettings(inputs.filter((x) => !('findings' in x)));
  for (const input of inputs) {
    if ('findings' in input) {
      reports.push(input);
      continue;
    }
    const { path, kind } = input;
    let text = input.text;
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

function plan(argv: string[], io: CliIO, knowledge: KnowledgeSet): number {
  const args = parseArgs(argv, {
    values: ['from', 'to', 'topology', 'edition', 'format', 'custom-plugins'],
    booleans: ['cassandra', 'blue-green', 'help'],
  });
  if (args.flags.get('help')) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf('format', args.flags.get('format'), ['text', 'markdown', 'json'] as const, 'text');
  const topology = oneOf('topology', args.flags.get('topology'), ['traditional', 'hybrid', 'dbless', 'konnect'] as const, 'traditional');
  if (!args.flags.has('topology')) throw new UsageError('--topology traditional|hybrid|dbless|konnect is required');
  const edition = oneOf('edition', args.flags.get('edition'), ['oss', 'enterprise'] as const, 'oss');
  const from = args.flags.get('from');
  const to = args.flags.get('to');
  if (typeof from !== 'string') throw new UsageError('--from <version> is required (the Kong version you run today)');
  if (typeof to !== 'string') throw new UsageError('--to <version> is required (the Kong version you upgrade to)');
  if (!knowledge.upgrade) throw new UsageError('the upgrade rules are missing from the knowledge base (run npm run kb:build)');
  const customFlag = args.flags.get('custom-plugins');
  const customNames = typeof customFlag === 'string' ? customFlag.split(',').map((s) => s.trim()).filter(Boolean) : [];
  requireFiles(io, args.positionals);
  const files: WorkspaceFile[] = [];
  for (const path of args.positionals) {
    const buf = readInput(io, path);
    if (buf.length > MAX_BYTES || buf.subarray(0, 8000).includes(0)) {
      io.stderr(`kong-upgrade: skipped ${path} (binary or larger than ${MAX_BYTES / 1048576} MB)`);
      continue;
    }
    const text = buf.toString('utf8');
    const rel = path.split('\\').join('/');
    const kind = isNginxTemplate(rel, text) ? 'nginx-template' : guessKind(path, text, []);
    if (kind === 'unknown') io.stderr(`kong-upgrade: ${path} is not recognised as a Kong file; it is not scoped`);
    files.push({ path: rel, text, kind });
  }
  const input: PlanInput = { from, to, topology, edition, today: (io.today ?? todayUtc)() };
  if (args.flags.get('cassandra')) input.cassandra = true;
  if (args.flags.get('blue-green')) input.blueGreen = true;
  if (args.flags.has('custom-plugins')) input.customPlugins = true;
  const k = { ...knowledge, upgrade: knowledge.upgrade };
  const { plan: result, switchedToEnterprise } = planForWorkspaceEdition(input, args.flags.has('edition'), files, k, customNames);
  if (switchedToEnterprise) io.stderr(`kong-upgrade: note: planning for Kong Gateway Enterprise, which ships these versions (pass --edition to choose)`);
  if (result.error && ['unknown-version', 'not-oss', 'edition-mismatch'].includes(result.error.code)) {
    io.stderr(`kong-upgrade: ${result.error.message}`);
    return 2;
  }
  if (format === 'json') io.stdout(JSON.stringify(planToJson(result), null, 2));
  else if (format === 'markdown') io.stdout(planToMarkdown(result));
  else io.stdout(planToText(result));
  return 0;
}

/** Texts of the given files that may define Kong resources (read again by the check; small). */
function* kubernetesTexts(io: CliIO, paths: string[]): Iterable<string> {
  for (const p of paths) {
    if (!/\.ya?ml$/i.test(p)) continue;
    try {
      const buf = io.readFile(p);
      if (buf.length <= MAX_BYTES) yield buf.toString('utf8');
    } catch {
      /* reported by the check */
    }
  }
}

/** Every file given on the command line exists, or a usage error names the first missing one. */
function requireFiles(io: CliIO, paths: string[]): void {
  const missing = paths.find((p) => !io.exists(p));
  if (missing) throw new UsageError(`file not found: ${missing}`);
}

/** A file's bytes; a directory or an unreadable file is a usage error. */
function readInput(io: CliIO, path: string): Buffer {
  try {
    return io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EISDIR' ? `${path} is a directory; give the Kong files in it` : `cannot read ${path}: ${(e as Error).message}`);
  }
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
