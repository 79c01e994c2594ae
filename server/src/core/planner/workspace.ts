/**
 * Workspace scoping: for every hop of a plan, what that hop breaks in the user's own
 * files (kong.conf, KONG_* variables, decK files, custom Nginx templates), each with
 * file and line; the default changes that hit properties the files leave unset; and
 * the hop's changelog entries kept to those that concern no plugin or a plugin the
 * workspace uses (the others are only counted).
 *
 * It calls the same check functions as the editor and the CLI, so a finding on a hop is
 * exactly what `kong-upgrade check --from <hop.from> --to <hop.to>` reports, minus what
 * was already reported before the hop.
 */
import type { FileKind, Finding } from '../model';
import { checkText, declarativeContext, resolveEnv, workspaceSettings, type CheckEnv, type KnowledgeSet } from '../check';
import { settingsOf } from '../fileSettings';
import { unsetDefaultChanges } from '../conf/pin';
import { parseDeclarative } from '../declarative';
import { kongPluginScopeOf } from '../k8s/check';
import { kongPluginsDefined } from '../k8s/resources';
import { LineIndex } from '../text';
import type { Edition } from '../knowledge/types';
import type { PlanFinding, PlanInput, UpgradePlan, FindingSeverity, PlannerKnowledge, Note } from './types';
import { planUpgrade } from './plan';

export interface WorkspaceFile {
  /** Workspace-relative path with forward slashes. */
  path: string;
  text: string;
  /** 'nginx-template' for custom Nginx templates; otherwise a checked kind. */
  kind: FileKind | 'nginx-template';
}

/** What the workspace tells the planner about how Kong runs. */
export interface WorkspaceFacts {
  helm: boolean;
  customNginxTemplate: boolean;
  plugins: string[];
  kinds: Record<string, number>;
}

const SEVERITY: Record<Finding['severity'], FindingSeverity> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/** Files named like Kong's Nginx templates or holding its template markers. */
export function isNginxTemplate(path: string, text: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^nginx[-_](kong|kong[-_]stream)?.*\.(conf|template|lua)$/i.test(base) || /^custom[-_]nginx.*\.(conf|template)$/i.test(base)) return true;
  return /\.(conf|template)$/i.test(base) && /\$\{\{[A-Z_]+\}\}|> if [a-z_]+ then|Kong\.(serve_admin_api|admin_content|init_worker|rewrite)/.test(text.slice(0, 200_000));
}

export function workspaceFacts(files: WorkspaceFile[]): WorkspaceFacts {
  const plugins = new Set<string>();
  const kinds: Record<string, number> = {};
  for (const f of files) {
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    if (f.kind === 'declarative') {
      try {
        for (const p of parseDeclarative(f.text, /\.json$/i.test(f.path) ? { format: 'json' } : {}).plugins) if (p.name) plugins.add(p.name);
      } catch {
        /* the checks report unreadable files */
      }
    }
    // KongPlugin / KongClusterPlugin resources name their plugin in `plugin:`.
    if (f.kind === 'kubernetes') for (const d of kongPluginsDefined(f.text)) if (d.plugin) plugins.add(d.plugin);
  }
  return { helm: !!kinds['helm-values'], customNginxTemplate: !!kinds['nginx-template'], plugins: [...plugins].sort(), kinds };
}

function findingKey(f: Finding): string {
  return `${f.code}\u0001${f.span.start}\u0001${f.property ?? ''}\u0001${f.plugin ?? ''}\u0001${f.field ?? ''}`;
}

function toPlanFinding(path: string, index: LineIndex, f: Finding): PlanFinding {
  const p = index.positionAt(f.span.start);
  const e = index.positionAt(f.span.end);
  const out: PlanFinding = { code: f.code, severity: SEVERITY[f.severity], message: f.message, path, line: p.line + 1, column: p.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  if (f.property !== undefined) out.property = f.property;
  if (f.plugin !== undefined) out.plugin = f.plugin;
  if (f.field !== undefined) out.field = f.field;
  if (f.replacement !== undefined) out.replacement = f.replacement;
  return out;
}

export interface ScopeOptions {
  edition: Edition;
  customPlugins?: string[];
}

/** Fill `findings` of each hop and add scoping notes. Never throws; a file that fails is skipped with a note. */
export function scopePlan(plan: UpgradePlan, files: WorkspaceFile[], knowledge: KnowledgeSet & PlannerKnowledge, opts: ScopeOptions): UpgradePlan {
  const facts = workspaceFacts(files);
  const usedPlugins = new Set(facts.plugins);
  const notes: Note[] = [...plan.notes];
  const kongPlugins = kongPluginScopeOf(
    files.filter((f) => f.kind === 'kubernetes').map((f) => f.text),
    'the workspace',
  );
  // What the workspace's kong.conf / KONG_* files set decides some declarative findings (tls_certificate_verify).
  const settings = knowledge.entities ? workspaceSettings(files) : undefined;
  const envAt = (from: string, to: string): CheckEnv | null => {
    const r = resolveEnv(knowledge, { current: from, target: to, edition: opts.edition }, { customPlugins: opts.customPlugins ?? [], kongPlugins, ...(settings ? { settings } : {}) });
    return r.ok ? r.env : null;
  };
  const hops = plan.hops.map((hop, i) => {
    const findings: PlanFinding[] = [];
    const env = envAt(hop.from, hop.to);
    const before = envAt(hop.from, hop.from);
    if (env && before) {
      for (const file of files) {
        if (file.kind === 'nginx-template') {
          pushAll(findings, templateFindings(file, knowledge, hop.from, hop.to));
          continue;
        }
        if (file.kind === 'unknown') continue;
        if (file.kind === 'declarative' && !declarativeContext(env)) continue;
        try {
          const index = new LineIndex(file.text);
          const already = new Set(checkText(file.kind, file.text, before, file.path).findings.map(findingKey));
          for (const f of checkText(file.kind, file.text, env, file.path).findings) {
            if (f.code === 'new-in-target' || already.has(findingKey(f))) continue;
            findings.push(toPlanFinding(file.path, index, f));
          }
        } catch (err) {
          notes.push({ severity: 'warning', code: 'file-skipped', message: `${file.path} could not be checked for hop ${hop.from} → ${hop.to}: ${(err as Error)?.message ?? err}`, hop: i, rules: [] });
        }
      }
      pushAll(findings, defaultChangeFindings(files, env));
    }
    // An entry about named plugins stays only when the workspace uses one of them.
    const names = (c: { plugins: string[]; pluginsInferred?: string[] }) => [...c.plugins, ...(c.pluginsInferred ?? [])];
    const keep = <T extends { plugins: string[]; pluginsInferred?: string[] }>(list: T[]) => list.filter((c) => !names(c).length || names(c).some((p) => usedPlugins.has(p)));
    const breaking = keep(hop.changes.breaking);
    const deprecations = keep(hop.changes.deprecations);
    const omitted = hop.changes.breaking.length - breaking.length + hop.changes.deprecations.length - deprecations.length;
    if (omitted > 0) {
      notes.push({
        severity: 'info',
        code: 'changes-not-in-workspace',
        message: `Hop ${hop.from} → ${hop.to}: ${omitted} more changelog entr${omitted === 1 ? 'y concerns plugins' : 'ies concern plugins'} this workspace does not use.`,
        hop: i,
        rules: [],
      });
    }
    findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0)));
    return { ...hop, findings, changes: { breaking, deprecations } };
  });
  return { ...plan, hops, notes };
}

const SETTINGS_KINDS = new Set<WorkspaceFile['kind']>(['kong-conf', 'env', 'docker-compose', 'kubernetes', 'helm-values']);

/**
 * Default changes on this hop for properties that no settings file of the workspace sets
 * (a property set in any kong.conf or KONG_* file is not at the mercy of its default).
 * One finding per property, placed on the first kong.conf (else the first settings file).
 */
function defaultChangeFindings(files: WorkspaceFile[], env: CheckEnv): PlanFinding[] {
  // A manifest claimed only for its KongPlugins sets no property: not a settings file.
  const settingsFiles = files.filter((f) => SETTINGS_KINDS.has(f.kind) && (f.kind !== 'kubernetes' || settingsOf('kubernetes', f.text).settings.length > 0));
  if (!settingsFiles.length) return [];
  const home = settingsFiles.find((f) => f.kind === 'kong-conf') ?? settingsFiles[0]!;
  const setSomewhere = new Set<string>();
  for (const f of settingsFiles) for (const s of settingsOf(f.kind as FileKind, f.text).settings) setSomewhere.add(s.property);
  return unsetDefaultChanges(home.kind as FileKind, '', env)
    .filter((c) => !setSomewhere.has(c.property))
    .map((c) => ({
      code: 'default-changed',
      severity: 'info' as const,
      message: `${c.property} is not set in the workspace and its default changes from ${shown(c.old)} to ${shown(c.new)} (Kong ${c.version}); set it explicitly to keep today's behaviour.`,
      path: home.path,
      line: 1,
      property: c.property,
      replacement: null,
    }));
}

/** Lines of a custom Nginx template that use something Kong removed on this hop. */
function templateFindings(file: WorkspaceFile, knowledge: PlannerKnowledge, from: string, to: string): PlanFinding[] {
  const out: PlanFinding[] = [];
  const index = new LineIndex(file.text);
  for (const change of knowledge.upgrade.templateChanges) {
    if (!(cmp(change.version, from) > 0 && cmp(change.version, to) <= 0)) continue;
    let at = file.text.indexOf(change.removed);
    while (at >= 0) {
      out.push(
        toPlanFinding(file.path, index, {
          code: 'removed-property',
          severity: 'error',
          message: `${change.removed} is gone in Kong ${change.version}${change.replacement ? `; use ${change.replacement}` : ''}. Compare this template with the one the target ships.`,
          span: { start: at, end: at + change.removed.length },
        }),
      );
      out[out.length - 1]!.code = 'nginx-template';
      at = file.text.indexOf(change.removed, at + change.removed.length);
    }
  }
  return out;
}

import { compareVersions as cmp } from '../version';
import { pushAll } from '../util';

function shown(v: string | null): string {
  return v === null || v === '' || v === 'NONE' ? 'unset' : `"${v}"`;
}

/** Plan and scope in one call: the workspace's facts (Helm, custom templates) feed the plan's inputs. */
export function planForWorkspace(input: PlanInput, files: WorkspaceFile[], knowledge: KnowledgeSet & PlannerKnowledge, customPlugins: string[] = []): UpgradePlan {
  const facts = workspaceFacts(files);
  const plan = planUpgrade({ ...input, helm: input.helm ?? (facts.helm || undefined), customNginxTemplate: input.customNginxTemplate ?? (facts.customNginxTemplate || undefined) }, knowledge);
  if (plan.error) return plan;
  return scopePlan(plan, files, knowledge, { edition: input.edition, customPlugins });
}

/**
 * As `planForWorkspace`, but when the user did not choose an edition and the versions
 * cannot be planned as given (e.g. 3.10+ has no open-source release), plan them as
 * Enterprise, the way `check` resolves such versions. `switchedToEnterprise` says so.
 */
export function planForWorkspaceEdition(
  input: PlanInput,
  editionChosen: boolean,
  files: WorkspaceFile[],
  knowledge: KnowledgeSet & PlannerKnowledge,
  customPlugins: string[] = [],
): { plan: UpgradePlan; switchedToEnterprise: boolean } {
  const plan = planForWorkspace(input, files, knowledge, customPlugins);
  if (!plan.error || plan.error.code === 'downgrade' || editionChosen) return { plan, switchedToEnterprise: false };
  const ee = planForWorkspace({ ...input, edition: 'enterprise' }, files, knowledge, customPlugins);
  if (ee.error && ee.error.code !== 'downgrade') return { plan, switchedToEnterprise: false };
  return { plan: ee, switchedToEnterprise: true };
}
