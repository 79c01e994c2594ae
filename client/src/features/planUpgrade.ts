/**
 * Kong: Plan Kong Upgrade. Asks for the versions and the deployment mode (or takes them
 * as the command's argument), asks the language server for `kong/upgradePlan`, and shows
 * the answer in the Upgrade Path view; the view's title actions refresh, re-ask and export
 * the plan as Markdown.
 *
 * Commands (all return something, so tests and other extensions can use them):
 * - `kong.planUpgrade(args?: PlanArgs)` → UpgradePlanResult | undefined (undefined when cancelled)
 * - `kong.refreshPlan()` → the same, with the last answers
 * - `kong.changePlanVersions()` → the same, asking again
 * - `kong.exportPlan()` → the untitled Markdown TextDocument it opened
 * - `kong.applyFindingFix(node)` → true when a fix was applied
 * - `kong.copyStepCommand(node)` → the text copied
 */
import * as vscode from 'vscode';
import type { KongClient } from '../client';
import { readConfig } from '../config';
import { UpgradePlanRequest, labelText, noticeText, type KnownVersionsResult, type PlanFinding, type Topology, type UpgradePlanParams, type UpgradePlanResult } from '../../../server/src/protocol';
import { findingRange, UpgradePathProvider, type PlanNode } from '../views/upgradePath';
import { versionItems } from '../versionItems';

export const VIEW_ID = 'kong.upgradePath';
const STATE_KEY = 'kong.plan.lastAnswers';
const HAS_PLAN = 'kong.hasPlan';

/** What the plan is asked for; the argument of `kong.planUpgrade`. */
export interface PlanArgs {
  from?: string;
  to?: string;
  topology?: Topology;
  edition?: 'oss' | 'enterprise';
  cassandra?: boolean;
  blueGreen?: boolean;
  customPlugins?: boolean;
}

interface Answers {
  from: string;
  to: string;
  topology: Topology;
  edition?: 'oss' | 'enterprise';
  cassandra?: boolean;
  blueGreen?: boolean;
  customPlugins?: boolean;
}

/** The feature's API, exported by the extension as `plan`. */
export interface PlanFeature {
  provider: UpgradePathProvider;
  view: vscode.TreeView<PlanNode>;
  /** Plan without asking anything (missing answers come from the last ones, then the settings). */
  run(args: PlanArgs): Promise<UpgradePlanResult | undefined>;
  /** The plan on screen. */
  readonly current: UpgradePlanResult | undefined;
}

export const TOPOLOGIES: ReadonlyArray<{ id: Topology; label: string; detail: string }> = [
  { id: 'traditional', label: 'Traditional', detail: 'Every node has the database (PostgreSQL) and serves both the Admin API and traffic' },
  { id: 'hybrid', label: 'Hybrid', detail: 'Control planes own the database; data planes get their configuration from them' },
  { id: 'dbless', label: 'DB-less', detail: 'No database: each node loads a declarative file (kong.yaml)' },
  { id: 'konnect', label: 'Konnect', detail: 'Kong Konnect runs the control plane; you run the data planes' },
];

const VERSION_RE = /^\d+\.\d+(\.(\d+|x))?(\.\d+)?$/;

export function registerPlanFeature(context: vscode.ExtensionContext, kong: KongClient): PlanFeature {
  const provider = new UpgradePathProvider((uri, findings) => fixableFindings(uri, findings));
  const view = vscode.window.createTreeView<PlanNode>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(provider, view);
  let last: Answers | undefined = context.workspaceState.get<Answers>(STATE_KEY);
  let running: Promise<UpgradePlanResult | undefined> | undefined;

  const defaults = (): Answers => {
    const cfg = readConfig(vscode.workspace.workspaceFolders?.[0]?.uri);
    return last ?? { from: cfg.currentVersion, to: cfg.targetVersion, topology: 'traditional' };
  };

  const request = async (a: Answers): Promise<UpgradePlanResult | undefined> => {
    const params: UpgradePlanParams = {
      topology: a.topology,
      ...(a.from ? { from: a.from } : {}),
      ...(a.to ? { to: a.to } : {}),
      ...(a.edition ? { edition: a.edition } : {}),
      ...(a.cassandra ? { cassandra: true } : {}),
      ...(a.blueGreen ? { blueGreen: true } : {}),
      ...(a.customPlugins ? { customPlugins: true } : {}),
    };
    last = a;
    await context.workspaceState.update(STATE_KEY, a);
    const work = vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Planning the Kong upgrade' }, () =>
      kong.client.sendRequest<UpgradePlanResult | { error: string }>(UpgradePlanRequest, params),
    );
    let answer: UpgradePlanResult | { error: string };
    try {
      answer = await work;
    } catch (e) {
      answer = { error: `The language server could not make the plan: ${e instanceof Error ? e.message : String(e)}` };
    }
    if ('error' in answer) {
      provider.set(undefined, answer.error);
      view.description = undefined;
      await vscode.commands.executeCommand('setContext', HAS_PLAN, false);
      return undefined;
    }
    provider.set(answer);
    const p = answer.plan;
    view.description = `${p.from} → ${p.to} · ${TOPOLOGIES.find((t) => t.id === p.topology)?.label ?? p.topology}${p.edition === 'enterprise' ? ' · Enterprise' : ''}`;
    await vscode.commands.executeCommand('setContext', HAS_PLAN, !p.error);
    return answer;
  };

  const show = async (): Promise<void> => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  };

  const run = async (args: PlanArgs): Promise<UpgradePlanResult | undefined> => {
    const d = defaults();
    const a: Answers = {
      from: args.from ?? d.from,
      to: args.to ?? d.to,
      topology: args.topology ?? d.topology,
      ...(args.edition ? { edition: args.edition } : {}),
      ...(args.cassandra !== undefined ? { cassandra: args.cassandra } : {}),
      ...(args.blueGreen !== undefined ? { blueGreen: args.blueGreen } : {}),
      ...(args.customPlugins !== undefined ? { customPlugins: args.customPlugins } : {}),
    };
    running = request(a);
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  const ask = async (): Promise<UpgradePlanResult | undefined> => {
    const a = await askAnswers(kong, defaults());
    if (!a) return undefined;
    await show();
    running = request(a);
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  const planUpgrade = async (args?: unknown): Promise<UpgradePlanResult | undefined> => {
    if (isPlanArgs(args)) {
      const r = await run(args);
      await show();
      return r;
    }
    return ask();
  };

  const exportPlan = async (): Promise<vscode.TextDocument | undefined> => {
    if (running) await running;
    const r = provider.plan;
    if (!r) {
      const choice = await vscode.window.showInformationMessage('There is no upgrade plan to export yet.', 'Plan Kong Upgrade');
      if (choice) await vscode.commands.executeCommand('kong.planUpgrade');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    void offerSave(doc, r);
    return doc;
  };

  const applyFindingFix = async (node?: PlanNode): Promise<boolean> => {
    if (!node || node.kind !== 'finding' || !node.uri) return false;
    const applied = await applyFix(node.uri, node.finding);
    if (applied && last) await request(last);
    return applied;
  };

  const copyStepCommand = async (node?: PlanNode): Promise<string | undefined> => {
    const text = node?.kind === 'step' ? node.step.command : undefined;
    if (!text) return undefined;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage('$(copy) Command copied', 2500);
    return text;
  };

  const table: Record<string, (...args: never[]) => unknown> = {
    'kong.planUpgrade': planUpgrade,
    'kong.refreshPlan': () => (last ? run({}).then(async (r) => (await show(), r)) : ask()),
    'kong.changePlanVersions': ask,
    'kong.exportPlan': exportPlan,
    'kong.applyFindingFix': applyFindingFix,
    'kong.copyStepCommand': copyStepCommand,
  };
  for (const [id, fn] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, fn as (...a: unknown[]) => unknown));
  void vscode.commands.executeCommand('setContext', HAS_PLAN, false);

  return {
    provider,
    view,
    run,
    get current() {
      return provider.plan;
    },
  };
}

function isPlanArgs(x: unknown): x is PlanArgs {
  if (!x || typeof x !== 'object' || Array.isArray(x) || x instanceof vscode.Uri) return false;
  const o = x as Record<string, unknown>;
  const str = (k: string) => o[k] === undefined || typeof o[k] === 'string';
  return ['from', 'to', 'topology', 'edition'].some((k) => k in o) && str('from') && str('to') && str('topology') && str('edition');
}

// ---------------------------------------------------------------------------------------
// Pickers
// ---------------------------------------------------------------------------------------

interface VersionItem extends vscode.QuickPickItem {
  version: string;
}

async function askAnswers(kong: KongClient, d: Answers): Promise<Answers | undefined> {
  let known: KnownVersionsResult;
  try {
    known = await kong.knownVersions();
  } catch {
    known = { versions: [], defaultTarget: '' };
  }
  const from = await askVersion(known, 'Kong version you run today', d.from, 1, false);
  if (!from) return undefined;
  const to = await askVersion(known, 'Kong version you are upgrading to', d.to || known.defaultTarget, 2, true);
  if (!to) return undefined;
  const topology = await askTopology(d.topology);
  if (!topology) return undefined;
  return { ...d, from, to, topology };
}

function askVersion(known: KnownVersionsResult, title: string, current: string, step: number, target: boolean): Promise<string | undefined> {
  const items: VersionItem[] = versionItems(known, target ? 'targetVersion' : 'currentVersion', current);
  const qp = vscode.window.createQuickPick<VersionItem>();
  qp.title = title;
  qp.step = step;
  qp.totalSteps = 3;
  qp.placeholder = `${current ? `${current} last time; ` : ''}pick a release line or type a version such as 2.8.4.14`;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.version === current);
  qp.ignoreFocusOut = true;
  return new Promise<string | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const typed = qp.value.trim();
      const sel = qp.activeItems[0]?.version ?? qp.selectedItems[0]?.version;
      const chosen = typed && VERSION_RE.test(typed) && !items.some((i) => i.version === typed) ? typed : (sel ?? (typed || undefined));
      if (!chosen) return;
      resolve(chosen);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

interface TopologyItem extends vscode.QuickPickItem {
  id: Topology;
}

function askTopology(current: Topology): Promise<Topology | undefined> {
  const items: TopologyItem[] = TOPOLOGIES.map((t) => ({ id: t.id, label: t.label, description: t.id, detail: t.detail }));
  const qp = vscode.window.createQuickPick<TopologyItem>();
  qp.title = 'How Kong is deployed';
  qp.step = 3;
  qp.totalSteps = 3;
  qp.placeholder = 'Deployment mode';
  qp.matchOnDescription = true;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.id === current);
  qp.ignoreFocusOut = true;
  return new Promise<Topology | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const sel = qp.activeItems[0]?.id ?? qp.selectedItems[0]?.id;
      if (!sel) return;
      resolve(sel);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

// ---------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------

async function offerSave(doc: vscode.TextDocument, r: UpgradePlanResult): Promise<void> {
  const choice = await vscode.window.showInformationMessage('The upgrade plan is open as an untitled Markdown file. Its links to your files start at the workspace folder.', 'Save…');
  if (choice !== 'Save…') return;
  const base = r.root ? vscode.Uri.parse(r.root) : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, 'kong-upgrade-plan.md') } : {}),
    filters: { Markdown: ['md'] },
    title: 'Save the Kong upgrade plan',
  });
  if (!target) return;
  const text = doc.isClosed ? r.markdown : doc.getText();
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  // Close the untitled copy without the "save changes?" question, then show the saved file.
  if (!doc.isClosed) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.window.showTextDocument(target, { preview: false });
}

// ---------------------------------------------------------------------------------------
// Quick fixes for the plan's findings, through the language server's code actions
// ---------------------------------------------------------------------------------------

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && !!(a.edit || a.command));
}

/**
 * Does the action edit the finding's lines? (`vscode.executeCodeActionProvider` hands the
 * actions back without their diagnostics, so the edit's place is what ties a fix to a finding.)
 */
function touches(a: vscode.CodeAction, uri: vscode.Uri, r: vscode.Range): boolean {
  const edits = a.edit?.get(uri) ?? [];
  return edits.some((e) => e.range.start.line <= r.end.line && e.range.end.line >= r.start.line);
}

/** For each finding: does the language server offer a quick fix for it? One request per file. */
async function fixableFindings(uri: vscode.Uri, findings: PlanFinding[]): Promise<boolean[]> {
  if (!findings.length) return [];
  const doc = await vscode.workspace.openTextDocument(uri);
  const last = doc.lineAt(doc.lineCount - 1);
  const all = await quickFixes(uri, new vscode.Range(new vscode.Position(0, 0), last.range.end));
  return findings.map((f) => all.some((a) => touches(a, uri, findingRange(f))));
}

/** Applies the preferred quick fix of a finding (or lets the user pick when there is no preferred one). */
export async function applyFix(uri: vscode.Uri, f: PlanFinding): Promise<boolean> {
  const range = findingRange(f);
  const candidates = (await quickFixes(uri, range)).filter((a) => touches(a, uri, range));
  let chosen = candidates.find((a) => a.isPreferred) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!chosen && candidates.length) {
    const pick = await vscode.window.showQuickPick(
      candidates.map((a) => ({ label: labelText(a.title), action: a })),
      { title: `Fix ${f.code} in ${f.path}:${f.line}`, placeHolder: 'Pick a fix' },
    );
    chosen = pick?.action;
  }
  if (!chosen) {
    if (!candidates.length) void vscode.window.showInformationMessage(`No quick fix for ${f.code} at ${noticeText(f.path)}:${f.line}.`);
    return false;
  }
  let ok = true;
  if (chosen.edit) ok = await vscode.workspace.applyEdit(chosen.edit);
  if (ok && chosen.command) await vscode.commands.executeCommand(chosen.command.command, ...(chosen.command.arguments ?? []));
  return ok;
}
