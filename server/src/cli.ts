/**
 * `kong-upgrade`: the command line on the same core as the language server.
 *   kong-upgrade check [paths… | -] [--from <v>] [--to <v>] [options]   (no path: the current folder)
 *   kong-upgrade plan --from <v> --to <v> --topology <t> [files…]
 *   kong-upgrade lsp --stdio            (the language server, for any editor)
 * Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or input error, or nothing was checked.
 *
 * `run(argv, io)` does the work and returns the exit code; output goes through `io`, so tests
 * (and other formats) plug in without a process. Reading and walking the disk is in files.ts,
 * the project config in projectConfig.ts, everything else in the core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from './knowledge';
import { checkText, fixAll, resolveEnv, workspaceSettings, type CheckEnv, type KnowledgeSet } from './core/check';
import { kongPluginScopeOf } from './core/k8s/check';
import { reachesFailOn, type FileReport } from './cli/format';
import { CHECK_FORMATS, defaultCheckFormat, renderCheck } from './cli/output';
import { formatRuleList, listRulesFormat } from './cli/rules';
import { list, oneOf, parseCommandArgs, str, UsageError, type OptionSpec, type ParsedArgs } from './cli/args';
import { escapeLine, escapeLines } from './cli/escape';
import type { FileKind } from './core/model';
import { planForWorkspaceEdition, type WorkspaceFile } from './core/planner/workspace';
import { planToMarkdown } from './core/planner/markdown';
import { planToJson, planToText } from './core/planner/render';
import type { PlanInput } from './core/planner/types';
import { applyRuleConfig, isPathIgnored, type ProjectConfig } from './core/config';
import { applySuppressions, BaselineMatcher, makeBaseline, parseBaseline } from './core/suppress';
import { classifyWorkspaceFile, isCandidateName, looksBinary } from './core/scan';
import { looksLikeNginxConf } from './core/conf/nginxInclude';
import { globProblems } from './core/glob';
import { MAX_FILE_BYTES, readRegularFile, readStdin, walkFiles, type ReadResult, type WalkResult } from './files';
import { autoCurrentVersion, configFor, declarativeGlobsOf, loadConfigFile, type AutoVersion, type LoadedConfig } from './projectConfig';
import { Minimatch } from 'minimatch';

const VERSION = '0.1.0';

const HELP = `kong-upgrade ${VERSION}: check Kong configuration for an upgrade

Usage:
  kong-upgrade check [paths...] [--from <version>] [--to <version>] [options]
  kong-upgrade plan --from <v> --to <v> --topology traditional|hybrid|dbless|konnect [files...] [options]
  kong-upgrade lsp --stdio
  kong-upgrade --help | --version
  kong-upgrade --list-rules [--format json]   every finding code, its severity, fix and docs

Run "kong-upgrade check --help" or "kong-upgrade plan --help" for the options of each command.
`;

const CHECK_HELP = `kong-upgrade check [paths...] [options]

Checks kong.conf, KONG_* variables (.env, docker-compose, Kubernetes, Helm values) and decK
files for an upgrade. Paths are files, folders (searched recursively for Kong files, skipping
node_modules, .git and what .gitignore excludes) or globs ("deck/**/*.yaml"); "-" reads
standard input (with --kind). No path checks the current folder.

Settings come from .kong-upgrade.yaml (found upwards from each file); options override it.

Options:
  --from <v>            version you run today (e.g. 2.8, 2.8.5, 3.4.3.19; or currentVersion in the config)
  --to <v>              version you upgrade to (default: targetVersion in the config, else the newest LTS)
  --edition <e>         oss (default) or enterprise
  --format <f>          text (default; github under GitHub Actions), json, sarif,
                        github (workflow annotations), junit or gitlab (Code Quality)
  -o, --output <file>   write the report to a file instead of standard output
  --quiet               report errors only, without the summary line (the exit code
                        still follows --fail-on)
  --fail-on <level>     error, warning (default) or never
  --fix                 apply every safe fix and write the files
  --kind <k>            treat the files as kong-conf, env, docker-compose, kubernetes, helm-values or declarative
  --custom-plugin <n>   a custom plugin name, not reported as unknown (repeatable; --custom-plugins a,b too)
  --config <file>       use this config file instead of looking for .kong-upgrade.yaml
  --no-config           do not read any config file
  --baseline <file>     findings recorded in this baseline do not count; only new ones are reported
  --write-baseline <f>  record the current findings in a baseline file and exit 0
  --allow-empty         exit 0 when none of the paths is a Kong file (for hooks that pick
                        files by name: a my-server.kong.conf of Nginx directives is skipped)
  -h, --help            this help
`;

const PLAN_HELP = `kong-upgrade plan --from <v> --to <v> --topology traditional|hybrid|dbless|konnect [files...] [options]

Plans the upgrade hop by hop; with files (kong.conf, .env, docker-compose, Kubernetes, Helm
values, decK, Nginx templates) each hop lists what it breaks in them.

Options:
  --edition <e>         oss (default) or enterprise
  --format <f>          text (default), markdown or json
  --cassandra           the datastore is Cassandra
  --blue-green          prefer blue-green deployments
  --custom-plugins      you run custom plugins
  --custom-plugin <n>   a custom plugin name (repeatable; implies --custom-plugins)
  -h, --help            this help
`;

/** Where output goes and, for tests, where files come from (default: the real disk). */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** In-memory files (tests): when set, named paths are read from here and folders are not walked. */
  readFile?: (p: string) => Buffer;
  exists?: (p: string) => boolean;
  writeFile?: (p: string, data: string) => void;
  /** Standard input for "-" (default: the process's). */
  readStdin?: () => ReadResult;
  /** The folder relative paths start from (default: process.cwd()). */
  cwd?: string | (() => string);
  /** Environment (GITHUB_ACTIONS picks the default format). */
  env?: Record<string, string | undefined>;
  /** Today's date (YYYY-MM-DD) for support status; tests pass a fixed day. */
  today?: () => string;
}

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const nodeIO: CliIO = {
  // (A report of tens of MB is written as it is, then its line break: `s + '\n'` would copy it first.)
  stdout: (s) => {
    process.stdout.write(s);
    if (!s.endsWith('\n')) process.stdout.write('\n');
  },
  stderr: (s) => void process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

const KINDS: FileKind[] = ['kong-conf', 'env', 'docker-compose', 'kubernetes', 'helm-values', 'declarative'];
const LSP_TRANSPORTS = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

/** Run one command line; returns the exit code. Never throws. */
export function run(argv: string[], io: CliIO = nodeIO, knowledge?: KnowledgeSet): number {
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
    if (argv.includes('--list-rules')) {
      io.stdout(formatRuleList(listRulesFormat(argv)));
      return 0;
    }
    if (cmd === 'check') return check(rest, io, () => knowledge ?? loadKnowledge());
    if (cmd === 'plan') return plan(rest, io, () => knowledge ?? loadKnowledge());
    if (cmd === 'lsp') {
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout('kong-upgrade lsp --stdio: the language server over standard input and output, for any editor.\n');
        return 0;
      }
      if (!rest.some((a) => LSP_TRANSPORTS.test(a))) throw new UsageError('lsp needs a transport: kong-upgrade lsp --stdio');
      throw new UsageError('the language server runs only from the command line (kong-upgrade lsp --stdio)');
    }
    throw new UsageError(`unknown command "${escapeLine(cmd, 80)}" (try: kong-upgrade --help)`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kong-upgrade: ${escapeLine(err.message)}`);
      return 2;
    }
    io.stderr(`kong-upgrade: internal error: ${escapeLine(String((err as Error)?.message ?? err))}`);
    return 2;
  }
}

/** The name the tests and older callers use. */
export const runCli = run;

// ---------------------------------------------------------------------------------------
// check

const CHECK_OPTIONS: OptionSpec = {
  from: { type: 'string' },
  to: { type: 'string' },
  edition: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  kind: { type: 'string' },
  'custom-plugins': { type: 'string', multiple: true },
  'custom-plugin': { type: 'string', multiple: true },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  fix: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** One thing to check: a file on disk, an in-memory file (tests) or standard input. */
interface Target {
  /** As shown to the user (relative to the working folder when found by a walk or a glob). */
  display: string;
  /** Absolute path ('' for stdin). */
  abs: string;
  /** Named on the command line (a non-Kong file is then listed as skipped). */
  named: boolean;
  stdin?: boolean;
}

interface Disk {
  cwd: string;
  kindOf(p: string): 'file' | 'directory' | 'missing' | 'other';
  read(p: string): ReadResult;
  walk(dir: string): WalkResult;
  write(p: string, data: string): void;
  configFor(p: string): LoadedConfig | null;
  loadConfig(p: string): LoadedConfig;
  auto(dir: string): AutoVersion;
  stdin(): ReadResult;
}

function cwdOf(io: CliIO): string {
  return typeof io.cwd === 'function' ? io.cwd() : (io.cwd ?? process.cwd());
}

function diskFor(io: CliIO): Disk {
  const cwd = cwdOf(io);
  const stdin = io.readStdin ?? (() => readStdin(MAX_FILE_BYTES));
  if (io.readFile) {
    // Tests: named files come from memory; no folders, no config discovery.
    const readFile = io.readFile;
    const exists = io.exists ?? (() => true);
    return {
      cwd,
      kindOf: (p) => (exists(p) ? 'file' : 'missing'),
      read: (p) => {
        try {
          const bytes = readFile(p);
          return bytes.length > MAX_FILE_BYTES ? { ok: false, reason: `is larger than the ${MAX_FILE_BYTES / 1048576} MB limit` } : { ok: true, bytes };
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          return code === 'EISDIR' ? { ok: false, reason: 'is a directory', directory: true } : { ok: false, reason: `cannot be read (${(e as Error).message})` };
        }
      },
      walk: () => ({ files: [] }),
      write: (p, d) => (io.writeFile ?? fs.writeFileSync)(p, d),
      configFor: () => null,
      loadConfig: (p) => loadConfigFile(path.resolve(cwd, p)),
      auto: (dir) => autoCurrentVersion(dir),
      stdin,
    };
  }
  return {
    cwd,
    kindOf: (p) => {
      try {
        const st = fs.statSync(p);
        return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
      } catch {
        return 'missing';
      }
    },
    read: (p) => readRegularFile(p),
    walk: (dir) => walkFiles(dir, { wanted: isCandidateName }),
    write: (p, d) => (io.writeFile ?? fs.writeFileSync)(p, d),
    configFor: (p) => configFor(p),
    loadConfig: (p) => loadConfigFile(path.resolve(cwd, p)),
    auto: (dir) => autoCurrentVersion(dir),
    stdin,
  };
}

const GLOB_MAGIC = /[*?[\]{}]/;

/** The paths of the command line as targets: files, folders walked, globs expanded, "-" for stdin. */
function expandTargets(inputs: string[], disk: Disk, io: CliIO): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target) => {
    const key = t.stdin ? '\u0000stdin' : t.abs;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  const show = (abs: string) => {
    const rel = path.relative(disk.cwd, abs);
    return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
  };
  for (const input of inputs) {
    if (input === '-') {
      add({ display: '<stdin>', abs: '', named: true, stdin: true });
      continue;
    }
    const abs = path.resolve(disk.cwd, input);
    const kind = disk.kindOf(io.readFile ? input : abs);
    if (kind === 'directory') {
      const w = disk.walk(abs);
      if (w.truncated) io.stderr(`kong-upgrade: note: ${escapeLine(input)}: ${w.truncated}`);
      for (const f of w.files) add({ display: show(f), abs: f, named: false });
      continue;
    }
    if (kind === 'file' || kind === 'other') {
      add({ display: io.readFile ? input : input.split(path.sep).join('/'), abs: io.readFile ? input : abs, named: true });
      continue;
    }
    if (GLOB_MAGIC.test(input) && !io.readFile) {
      for (const f of expandGlob(input, disk)) add({ display: show(f), abs: f, named: true });
      continue;
    }
    throw new UsageError(`file not found: ${input}`);
  }
  return out;
}

/** Files matching a glob, walking only from the glob's fixed leading folders. */
function expandGlob(glob: string, disk: Disk): string[] {
  const problems = globProblems([glob]);
  if (problems.length) throw new UsageError(problems[0]!);
  const g = glob.replace(/\\/g, '/');
  const parts = g.split('/');
  const fixed: string[] = [];
  for (const p of parts) {
    if (GLOB_MAGIC.test(p)) break;
    fixed.push(p);
  }
  const baseRel = fixed.join('/') || '.';
  const base = path.resolve(disk.cwd, baseRel);
  if (disk.kindOf(base) !== 'directory') return [];
  const mm = new Minimatch(path.isAbsolute(g) ? g : path.resolve(disk.cwd, g).split(path.sep).join('/'), { dot: false, noext: true, optimizationLevel: 2 });
  const walked = walkFiles(base, { wanted: () => true });
  return walked.files.filter((f) => mm.match(f.split(path.sep).join('/')));
}

interface EnvChoice {
  env: CheckEnv;
  config: LoadedConfig | null;
}

function check(argv: string[], io: CliIO, getKnowledge: () => KnowledgeSet): number {
  const args = parseCommandArgs(argv, CHECK_OPTIONS);
  if (args.values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const format = oneOf('format', args.values.format, CHECK_FORMATS, defaultCheckFormat(io.env ?? process.env));
  const failOn = oneOf('fail-on', args.values['fail-on'], ['error', 'warning', 'never'] as const, 'warning');
  const editionFlag = args.values.edition === undefined ? undefined : oneOf('edition', args.values.edition, ['oss', 'enterprise'] as const, 'oss');
  const kindFlag = args.values.kind === undefined ? undefined : oneOf('kind', args.values.kind, KINDS, 'kong-conf');
  if (args.values.config !== undefined && args.values['no-config']) throw new UsageError('--config and --no-config exclude each other');
  if (args.values.baseline !== undefined && args.values['write-baseline'] !== undefined) throw new UsageError('--baseline and --write-baseline exclude each other');
  const disk = diskFor(io);
  const inputs = args.positionals.length ? args.positionals : ['.'];
  if (inputs.includes('-')) {
    if (!kindFlag) throw new UsageError('reading standard input ("-") needs --kind (kong-conf, env, docker-compose, kubernetes, helm-values or declarative)');
    if (args.values.fix) throw new UsageError('--fix cannot write standard input; give the file instead');
  }
  const knowledge = getKnowledge();

  // The config: --config, else the nearest .kong-upgrade.yaml of each file; --no-config: none.
  const explicitConfig = str(args, 'config');
  const fixedConfig = explicitConfig !== undefined ? disk.loadConfig(explicitConfig) : null;
  if (explicitConfig !== undefined && fixedConfig!.problems.some((p) => /not found/.test(p))) throw new UsageError(`config file not found: ${explicitConfig}`);
  const configOf = (t: Target): LoadedConfig | null => {
    if (args.values['no-config']) return null;
    if (fixedConfig) return fixedConfig;
    return disk.configFor(t.stdin ? disk.cwd : path.dirname(t.abs));
  };

  const reported = new Set<string>();
  const envs = new Map<string, EnvChoice>();
  // KongPlugin names defined in the files checked: annotations naming another one are reported.
  let pluginScope: CheckEnv['kongPlugins'];
  const envFor = (config: LoadedConfig | null): EnvChoice => {
    const key = config?.file ?? '';
    const hit = envs.get(key);
    if (hit) return hit;
    const c: ProjectConfig = config?.config ?? {};
    if (config && !reported.has(config.file)) {
      reported.add(config.file);
      for (const p of config.problems) io.stderr(`kong-upgrade: ${escapeLine(config.file)}: ${escapeLine(p)}`);
    }
    let from = str(args, 'from');
    let autoEdition: 'oss' | 'enterprise' | undefined;
    if (from === undefined && c.currentVersion) {
      if (c.currentVersion.toLowerCase() === 'auto') {
        const auto = disk.auto(config!.dir);
        if (!auto.result) throw new UsageError(auto.problem!);
        from = auto.result.version;
        autoEdition = auto.result.edition;
        io.stderr(`kong-upgrade: note: ${escapeLine(auto.result.message)}`);
      } else from = c.currentVersion;
    }
    if (from === undefined) throw new UsageError('--from <version> is required (the Kong version you run today), or currentVersion in .kong-upgrade.yaml');
    const to = str(args, 'to') ?? c.targetVersion ?? '';
    const edition = editionFlag ?? c.edition ?? autoEdition ?? 'oss';
    const customPlugins = [...list(args, 'custom-plugins', 'custom-plugin'), ...(c.customPlugins ?? [])];
    const declarativeGlobs = config ? declarativeGlobsOf(config) : [];
    const editionIsDefault = editionFlag === undefined && c.edition === undefined && autoEdition === undefined;
    const r = resolveEnv(knowledge, { current: from, target: to, edition, editionIsDefault }, { customPlugins, declarativeGlobs });
    if (!r.ok) throw new UsageError(r.problems.join('; '));
    if (pluginScope) r.env.kongPlugins = pluginScope;
    for (const n of r.notes) io.stderr(`kong-upgrade: note: ${escapeLine(n)}`);
    for (const p of globProblems(declarativeGlobs)) io.stderr(`kong-upgrade: note: ${escapeLine(p)}`);
    const choice = { env: r.env, config };
    envs.set(key, choice);
    return choice;
  };

  const targets = expandTargets(inputs, disk, io);
  pluginScope = kongPluginScopeOf(yamlTexts(targets, disk), 'the files checked');
  // Resolve the versions before reading anything, so a bad version is a usage error even with no files.
  if (!targets.length) envFor(args.values['no-config'] ? null : (fixedConfig ?? disk.configFor(disk.cwd)));

  const baselinePath = str(args, 'baseline');
  const baseline = baselinePath !== undefined ? loadBaseline(baselinePath, disk) : null;
  const baselineDir = path.dirname(path.resolve(disk.cwd, baselinePath ?? str(args, 'write-baseline') ?? '.'));
  const baselineKey = (t: Target) => (t.stdin ? '<stdin>' : path.relative(baselineDir, t.abs).split(path.sep).join('/'));

  const reports: FileReport[] = [];
  const forBaseline: Array<{ path: string; text: string; findings: FileReport['findings'] }> = [];
  let checked = 0;
  let accepted = 0;
  // Read every target first: a declarative file's findings can depend on what a kong.conf or
  // KONG_* file given beside it sets (see workspaceSettings).
  type Read = { t: Target; config: LoadedConfig | null; relToConfig: string; env: CheckEnv; kind: FileKind; text: string };
  const read: Array<Read | FileReport> = [];
  for (const t of targets) {
    const config = configOf(t);
    const relToConfig = config && !t.stdin ? path.relative(config.dir, t.abs).split(path.sep).join('/') : t.display;
    if (config && !t.stdin && !relToConfig.startsWith('..') && isPathIgnored(config.config, relToConfig)) {
      if (t.named) read.push(skipped(t, `skipped: ignored by ${path.basename(config.file)}`));
      continue;
    }
    const buf = t.stdin ? disk.stdin() : disk.read(t.abs);
    if (!buf.ok) {
      if (t.named) read.push(skipped(t, `skipped: ${buf.reason}`));
      continue;
    }
    if (looksBinary(buf.bytes)) {
      if (t.named) read.push(skipped(t, 'skipped: this is a binary file, not Kong configuration'));
      continue;
    }
    const { env } = envFor(config);
    const text = buf.bytes.toString('utf8');
    const kind = kindFlag ?? guessKind(t, text, env.declarativeGlobs, disk.cwd);
    if (kind === 'nginx-template') {
      if (t.named) read.push(skipped(t, 'skipped: an Nginx template; check does not read these (kong-upgrade plan does)'));
      continue;
    }
    if (kind === 'unknown') {
      const why = namedConf(t.abs, text) === 'nginx' ? 'Nginx directives (a file for nginx_http_include and the like), not a kong.conf' : 'not recognised as a Kong file';
      if (t.named) read.push({ path: t.display, kind, text: '', findings: [], note: `skipped: ${why} (use --kind to say what it is)` });
      continue;
    }
    read.push({ t, config, relToConfig, env, kind, text });
  }
  if (knowledge.entities) {
    const settings = workspaceSettings(read.filter((x): x is Read => 'env' in x).map((x) => ({ path: x.t.display, kind: x.kind, text: x.text })));
    for (const { env } of envs.values()) env.settings = settings;
  }
  for (const item of read) {
    if (!('env' in item)) {
      reports.push(item);
      continue;
    }
    const { t, config, relToConfig, env, kind } = item;
    let text = item.text;
    if (args.values.fix) {
      const fixed = fixAll(kind, text, env, 8, t.abs);
      if (fixed.text !== text) {
        disk.write(t.abs, fixed.text);
        io.stderr(`kong-upgrade: ${escapeLine(t.display)}: applied ${fixed.applied} fix(es)`);
        text = fixed.text;
      }
    }
    checked++;
    let findings = checkText(kind, text, env, t.abs).findings;
    findings = applyRuleConfig(findings, config?.config, relToConfig);
    findings = applySuppressions(text, findings, kind, t.abs);
    forBaseline.push({ path: baselineKey(t), text, findings });
    if (baseline) {
      const r = baseline.filter(baselineKey(t), text, findings);
      findings = r.fresh;
      accepted += r.accepted;
    }
    reports.push({ path: t.display, kind, text, findings });
  }

  const writeBaseline = str(args, 'write-baseline');
  if (writeBaseline !== undefined) {
    const b = makeBaseline(forBaseline);
    disk.write(path.resolve(disk.cwd, writeBaseline), JSON.stringify(b, null, 2) + '\n');
    io.stderr(`kong-upgrade: wrote ${b.findings.length} finding(s) of ${checked} file(s) to ${escapeLine(writeBaseline)}`);
    return checked ? 0 : nothingChecked(io, reports);
  }

  const first = [...envs.values()][0]?.env;
  const exitCode = reachesFailOn(
    reports.flatMap((r) => r.findings),
    failOn,
  )
    ? 1
    : 0;
  const shown = format === 'text' ? reports.map(safeReport) : reports;
  let out = renderCheck(format, shown, {
    from: first?.current.input ?? '',
    to: first?.target.input ?? '',
    toolVersion: VERSION,
    failOn,
    exitCode: checked ? exitCode : 2,
    root: disk.cwd,
    quiet: args.values.quiet === true,
  });
  if (format === 'text' && accepted && !args.values.quiet) {
    // The summary line names the baseline's share: "Kong 2.8 → 3.10 (N … not shown): …".
    const at = out.lastIndexOf('\n') + 1;
    out = out.slice(0, at) + out.slice(at).replace(/^(Kong [^:]*):/, `$1 (${accepted} finding(s) accepted by the baseline not shown):`);
  }
  const output = str(args, 'output');
  if (output !== undefined) disk.write(io.readFile ? output : path.resolve(disk.cwd, output), out.endsWith('\n') ? out : `${out}\n`);
  else if (out) io.stdout(out);
  if (!checked) return args.values['allow-empty'] === true ? 0 : nothingChecked(io, reports);
  return exitCode;
}

/** Texts of the targets that may define Kong resources (read again by the check; regular files, capped). */
function* yamlTexts(targets: Target[], disk: Disk): Iterable<string> {
  for (const t of targets) {
    if (t.stdin || !/\.ya?ml$/i.test(t.abs)) continue;
    const r = disk.read(t.abs);
    // Only a file naming konghq.com can define one (see mayHoldKongResources): a big decK file is not decoded twice.
    if (r.ok && r.bytes.includes('konghq.com')) yield r.bytes.toString('utf8');
  }
}

function skipped(t: Target, note: string): FileReport {
  return { path: t.display, kind: 'unknown', text: '', findings: [], note };
}

function nothingChecked(io: CliIO, reports: FileReport[]): number {
  io.stderr(`kong-upgrade: nothing was checked: ${reports.length ? 'no Kong file among the paths given' : 'no Kong files found'} (kong.conf, .env, docker-compose, Kubernetes, Helm values, decK)`);
  return 2;
}

function loadBaseline(file: string, disk: Disk): BaselineMatcher {
  const r = disk.read(path.resolve(disk.cwd, file));
  if (!r.ok) throw new UsageError(`baseline ${file} ${r.reason}`);
  const parsed = parseBaseline(r.bytes.toString('utf8'));
  if ('problem' in parsed) throw new UsageError(`baseline ${file}: ${parsed.problem}`);
  return new BaselineMatcher(parsed.baseline);
}

/** The text format shows user text escaped and cut (JSON and SARIF keep it exact). */
function safeReport(r: FileReport): FileReport {
  const copy: FileReport = {
    ...r,
    path: escapeLine(r.path, 300),
    // A finding is copied only when its message needs escapes: a copy would read (and so
    // build) the lazily built fixes of a big file.
    findings: r.findings.map((f) => {
      const message = escapeLine(f.message);
      return message === f.message ? f : { ...f, message };
    }),
  };
  if (r.note) copy.note = escapeLine(r.note);
  return copy;
}

/** Detection, plus the CLI's extra leniency: a file named on the command line with a .conf name is read as kong.conf. */
function guessKind(t: Target, text: string, globs: string[], cwd: string): FileKind | 'nginx-template' {
  const rel = t.stdin ? '' : path.relative(cwd, t.abs).split(path.sep).join('/');
  const k = classifyWorkspaceFile(rel, t.abs || '', text, globs);
  if (k !== 'unknown') return k;
  if (t.named && namedConf(t.abs, text) === 'kong-conf') return 'kong-conf';
  return 'unknown';
}

/**
 * A `.conf` file named on the command line that detection left out: Nginx directives (an
 * nginx_http_include file), or else, for a `.conf` / `.conf.default` name, a kong.conf under
 * another name (the CLI's leniency).
 */
function namedConf(p: string, text: string): 'kong-conf' | 'nginx' | null {
  if (!/\.conf(\.|$)/i.test(p)) return null;
  if (looksLikeNginxConf(text)) return 'nginx';
  return /\.conf(\.default)?$/i.test(p) ? 'kong-conf' : null;
}

// ---------------------------------------------------------------------------------------
// plan

const PLAN_OPTIONS: OptionSpec = {
  from: { type: 'string' },
  to: { type: 'string' },
  topology: { type: 'string' },
  edition: { type: 'string' },
  format: { type: 'string' },
  cassandra: { type: 'boolean' },
  'blue-green': { type: 'boolean' },
  'custom-plugins': { type: 'boolean' },
  'custom-plugin': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
};

function plan(argv: string[], io: CliIO, getKnowledge: () => KnowledgeSet): number {
  const args: ParsedArgs = parseCommandArgs(argv, PLAN_OPTIONS);
  if (args.values.help) {
    io.stdout(PLAN_HELP);
    return 0;
  }
  const format = oneOf('format', args.values.format, ['text', 'markdown', 'json'] as const, 'text');
  const topology = oneOf('topology', args.values.topology, ['traditional', 'hybrid', 'dbless', 'konnect'] as const, 'traditional');
  if (args.values.topology === undefined) throw new UsageError('--topology traditional|hybrid|dbless|konnect is required');
  const edition = oneOf('edition', args.values.edition, ['oss', 'enterprise'] as const, 'oss');
  const from = str(args, 'from');
  const to = str(args, 'to');
  if (from === undefined) throw new UsageError('--from <version> is required (the Kong version you run today)');
  if (to === undefined) throw new UsageError('--to <version> is required (the Kong version you upgrade to)');
  const knowledge = getKnowledge();
  if (!knowledge.upgrade) throw new UsageError('the upgrade rules are missing from the knowledge base (run npm run kb:build)');
  const customNames = list(args, 'custom-plugin');
  const disk = diskFor(io);
  const files: WorkspaceFile[] = [];
  for (const p of args.positionals) {
    if (disk.kindOf(io.readFile ? p : path.resolve(disk.cwd, p)) === 'missing') throw new UsageError(`file not found: ${p}`);
  }
  for (const p of args.positionals) {
    const r = disk.read(io.readFile ? p : path.resolve(disk.cwd, p));
    if (!r.ok || looksBinary(r.bytes)) {
      io.stderr(`kong-upgrade: skipped ${escapeLine(p)} (${r.ok ? 'a binary file' : r.reason})`);
      continue;
    }
    const text = r.bytes.toString('utf8');
    const rel = p.split('\\').join('/');
    let kind = classifyWorkspaceFile(rel, p, text, []);
    if (kind === 'unknown' && namedConf(p, text) === 'kong-conf') kind = 'kong-conf';
    if (kind === 'unknown') io.stderr(`kong-upgrade: ${escapeLine(p)} is not recognised as a Kong file; it is not scoped`);
    files.push({ path: rel, text, kind });
  }
  const input: PlanInput = { from, to, topology, edition, today: (io.today ?? todayUtc)() };
  if (args.values.cassandra) input.cassandra = true;
  if (args.values['blue-green']) input.blueGreen = true;
  if (args.values['custom-plugins'] || customNames.length) input.customPlugins = true;
  const k = { ...knowledge, upgrade: knowledge.upgrade };
  const { plan: result, switchedToEnterprise } = planForWorkspaceEdition(input, args.values.edition !== undefined, files, k, customNames);
  if (switchedToEnterprise) io.stderr(`kong-upgrade: note: planning for Kong Gateway Enterprise, which ships these versions (pass --edition to choose)`);
  if (result.error && ['unknown-version', 'not-oss', 'edition-mismatch'].includes(result.error.code)) {
    io.stderr(`kong-upgrade: ${escapeLine(result.error.message)}`);
    return 2;
  }
  if (format === 'json') io.stdout(JSON.stringify(planToJson(result), null, 2));
  else if (format === 'markdown') io.stdout(escapeLines(planToMarkdown(result)));
  else io.stdout(escapeLines(planToText(result)));
  return 0;
}

// ---------------------------------------------------------------------------------------
// process entry

/** A reader that went away (`kong-upgrade check … | head -1`) ends the run quietly. */
function quietOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

if (require.main === module) {
  quietOnEpipe();
  const argv = process.argv.slice(2);
  if (argv[0] === 'lsp' && argv.slice(1).some((a) => LSP_TRANSPORTS.test(a))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./server');
  } else {
    process.exitCode = run(argv);
  }
}
