/**
 * `.kong-upgrade.yaml`: one project config for the CLI and the language server.
 *
 *   currentVersion: "2.8"          # or "auto": from the Kong image tags the repository names
 *   targetVersion: "3.10"
 *   edition: oss                   # or enterprise
 *   customPlugins: [my-auth]
 *   declarativeFiles: ["deck/**\/*.yaml"]
 *   rules:                         # per-rule severity, or off
 *     new-in-target: off
 *     deprecated-property: error
 *   ignore:
 *     - "legacy/**"                # files not checked at all
 *     - path: "deck/vendor/*.yaml" # only these rules in these files
 *       rules: [unknown-plugin]
 *
 * Pure: the edges find and read the file; this module reads its text, says what is wrong
 * with it in plain words, and applies its rules to findings. Paths in it are relative to
 * the folder that holds it.
 */
import { parseDocument } from 'yaml';
import type { Edition } from './knowledge/types';
import type { Finding, RuleId, Severity } from './model';
import { globMatch, globProblem } from './glob';

export const CONFIG_FILE_NAMES = ['.kong-upgrade.yaml', '.kong-upgrade.yml'] as const;

/** Every rule id, so a config naming an unknown one gets a message (typecheck keeps it complete). */
const RULES: Record<RuleId, true> = {
  'unknown-property': true,
  'deprecated-property': true,
  'removed-property': true,
  'invalid-value': true,
  'deprecated-value': true,
  'new-in-target': true,
  'duplicate-property': true,
  syntax: true,
  'deprecated-plugin-field': true,
  'removed-plugin-field': true,
  'unknown-plugin-field': true,
  'invalid-plugin-value': true,
  'removed-plugin': true,
  'unknown-plugin': true,
  'format-version': true,
  'regex-path-prefix': true,
  'declarative-format': true,
  'ineffective-plugin-field': true,
  'entity-default-change': true,
  'entity-change': true,
  'entity-value-refused': true,
  'file-too-large': true,
  'config-not-checked': true,
  'missing-kong-plugin': true,
  'plugin-scope': true,
  'check-incomplete': true,
};

export const KNOWN_RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(s: string): s is RuleId {
  return Object.hasOwn(RULES, s);
}

export type RuleLevel = Severity | 'off';

export interface IgnoreEntry {
  /** Glob relative to the config's folder. */
  path: string;
  /** Rules ignored in those files; absent = the files are not checked at all. */
  rules?: RuleId[];
}

export interface ProjectConfig {
  currentVersion?: string;
  targetVersion?: string;
  edition?: Edition;
  customPlugins?: string[];
  declarativeFiles?: string[];
  rules?: Partial<Record<RuleId, RuleLevel>>;
  ignore?: IgnoreEntry[];
}

export interface ParsedConfig {
  config: ProjectConfig;
  /** What is wrong with the file, one sentence each (the rest of the file still applies). */
  problems: string[];
}

const LEVELS: RuleLevel[] = ['error', 'warning', 'information', 'hint', 'off'];
const LEVEL_ALIASES: Record<string, RuleLevel> = { info: 'information', note: 'information', none: 'off', false: 'off' };
export const CONFIG_KEYS = ['currentVersion', 'targetVersion', 'edition', 'customPlugins', 'declarativeFiles', 'rules', 'ignore'];
const MAX_CONFIG_CHARS = 1024 * 1024;

/** Read a config file's text. Never throws; unknown or malformed entries are reported and skipped. */
export function parseProjectConfig(text: string): ParsedConfig {
  const problems: string[] = [];
  const config: ProjectConfig = {};
  if (text.length > MAX_CONFIG_CHARS) return { config, problems: ['the file is larger than 1 MB and is not read'] };
  let data: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: false });
    if (doc.errors.length) return { config, problems: doc.errors.slice(0, 3).map((e) => `YAML: ${e.message.split('\n')[0]}`) };
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { config, problems: [`YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (data === null || data === undefined) return { config, problems };
  if (typeof data !== 'object' || Array.isArray(data)) return { config, problems: ['the file must be a map of settings (currentVersion, targetVersion, …)'] };
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!CONFIG_KEYS.includes(k)) problems.push(`unknown key "${k}" (known: ${CONFIG_KEYS.join(', ')})`);
  }
  const version = (key: 'currentVersion' | 'targetVersion') => {
    const v = o[key];
    if (v === undefined || v === null) return;
    if (typeof v === 'number') {
      // 3.10 written without quotes is the number 3.1: say so rather than guess.
      problems.push(`${key}: write the version in quotes ("${v}"), YAML reads ${v} as a number`);
      return;
    }
    if (typeof v !== 'string') return void problems.push(`${key} must be a version such as "2.8"`);
    config[key] = v.trim();
  };
  version('currentVersion');
  version('targetVersion');
  if (o.edition !== undefined && o.edition !== null) {
    if (o.edition === 'oss' || o.edition === 'enterprise') config.edition = o.edition;
    else problems.push('edition must be oss or enterprise');
  }
  const strings = (key: 'customPlugins' | 'declarativeFiles') => {
    const v = o[key];
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) return void problems.push(`${key} must be a list`);
    const out = v.filter((x): x is string => typeof x === 'string');
    if (out.length !== v.length) problems.push(`${key}: only text entries are used`);
    config[key] = out;
  };
  strings('customPlugins');
  strings('declarativeFiles');
  for (const g of config.declarativeFiles ?? []) {
    const p = globProblem(g);
    if (p) problems.push(`declarativeFiles: ${p}`);
  }
  if (o.rules !== undefined && o.rules !== null) {
    if (typeof o.rules !== 'object' || Array.isArray(o.rules)) problems.push('rules must be a map of rule id to error, warning, information, hint or off');
    else {
      const rules: Partial<Record<RuleId, RuleLevel>> = {};
      for (const [id, raw] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!isRuleId(id)) {
          problems.push(`rules: unknown rule "${id}"`);
          continue;
        }
        const s = raw === false ? 'off' : String(raw).toLowerCase();
        const level = (LEVEL_ALIASES[s] ?? s) as RuleLevel;
        if (!LEVELS.includes(level)) problems.push(`rules.${id} must be one of ${LEVELS.join(', ')}`);
        else rules[id] = level;
      }
      config.rules = rules;
    }
  }
  if (o.ignore !== undefined && o.ignore !== null) {
    if (!Array.isArray(o.ignore)) problems.push('ignore must be a list of path globs or { path, rules } entries');
    else {
      const entries: IgnoreEntry[] = [];
      for (const raw of o.ignore as unknown[]) {
        if (typeof raw === 'string') {
          entries.push({ path: raw });
        } else if (raw && typeof raw === 'object' && typeof (raw as { path?: unknown }).path === 'string') {
          const r = raw as { path: string; rules?: unknown };
          const entry: IgnoreEntry = { path: r.path };
          if (r.rules !== undefined) {
            const ids = (Array.isArray(r.rules) ? r.rules : [r.rules]).map(String);
            for (const id of ids) if (!isRuleId(id)) problems.push(`ignore: unknown rule "${id}"`);
            entry.rules = ids.filter(isRuleId);
          }
          entries.push(entry);
        } else {
          problems.push('ignore: each entry is a path glob or { path: <glob>, rules: [<rule>…] }');
          continue;
        }
        const p = globProblem(entries[entries.length - 1]!.path);
        if (p) problems.push(`ignore: ${p}`);
      }
      config.ignore = entries;
    }
  }
  return { config, problems };
}

/** Is this file (relative to the config's folder, "/" separated) ignored as a whole? */
export function isPathIgnored(config: ProjectConfig, relPath: string): boolean {
  return (config.ignore ?? []).some((e) => !e.rules && matchesRel(e.path, relPath));
}

function matchesRel(glob: string, relPath: string): boolean {
  const g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  // A directory pattern ("legacy/" or "legacy") covers what is under it.
  const rel = relPath.replace(/\\/g, '/');
  if (g.endsWith('/')) return rel.startsWith(g) || globMatch(`${g}**`, rel);
  return globMatch(g, rel) || globMatch(`${g}/**`, rel);
}

/**
 * The findings as the config wants them: rules set to off and rules ignored for this
 * path are dropped, severities replaced. Returns the same array when nothing applies.
 */
export function applyRuleConfig(findings: Finding[], config: ProjectConfig | undefined, relPath: string): Finding[] {
  if (!config) return findings;
  const rules = config.rules ?? {};
  const ignored = new Set<RuleId>();
  for (const e of config.ignore ?? []) if (e.rules && matchesRel(e.path, relPath)) for (const r of e.rules) ignored.add(r);
  if (!Object.keys(rules).length && !ignored.size) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    if (ignored.has(f.code)) continue;
    const level = rules[f.code];
    if (level === 'off') continue;
    if (level && level !== f.severity) {
      // A copy that keeps a lazily built `fixes` getter working (see Finding.fixes).
      const copy = Object.create(Object.getPrototypeOf(f), Object.getOwnPropertyDescriptors(f)) as Finding;
      copy.severity = level;
      out.push(copy);
    } else out.push(f);
  }
  return out;
}
