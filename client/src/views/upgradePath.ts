/**
 * The "Upgrade Path" tree: one plan (the answer of `kong/upgradePlan`) shown as
 * notes → hops → Before / During / After steps, the findings in the user's files and the
 * changelog entries of each hop.
 *
 * Text from the user's files (finding messages quote values) only reaches the UI as plain
 * tree labels or through `MarkdownString.appendText`, which escapes it.
 */
import * as vscode from 'vscode';
import type { ChangelogRef, Hop, Note, Phase, PlanFinding, Step, UpgradePlanResult } from '../../../server/src/protocol';

export type PlanNode =
  | { kind: 'error'; message: string }
  | { kind: 'notes'; notes: NoteLike[] }
  | { kind: 'note'; note: NoteLike; index: number }
  | { kind: 'hop'; hop: Hop; index: number }
  | { kind: 'phase'; hop: number; phase: Phase; steps: Step[] }
  | { kind: 'step'; hop: number; step: Step; index: number }
  | { kind: 'findings'; hop: number; findings: PlanFinding[] }
  | { kind: 'file'; hop: number; path: string; uri: vscode.Uri | undefined; findings: PlanFinding[] }
  | { kind: 'finding'; hop: number; finding: PlanFinding; uri: vscode.Uri | undefined; index: number; fixable: boolean }
  | { kind: 'changes'; hop: number; changes: ChangelogRef[] }
  | { kind: 'change'; hop: number; change: ChangelogRef };

/** A note of the plan, or one of the server's notes about the request (those have no rules). */
export interface NoteLike {
  severity: Note['severity'];
  message: string;
  code?: string;
  hop?: number;
  rules: Note['rules'];
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export const PHASES: ReadonlyArray<{ phase: Phase; title: string }> = [
  { phase: 'before', title: 'Before' },
  { phase: 'during', title: 'During' },
  { phase: 'after', title: 'After' },
];

/**
 * Tells which findings of a file have a quick fix; the feature answers it with the code
 * actions of the language server. Undefined: every finding offers "Apply fix".
 */
export type FixableProbe = (uri: vscode.Uri, findings: PlanFinding[]) => Promise<boolean[]>;

export class UpgradePathProvider implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PlanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: UpgradePlanResult | undefined;
  private failure: string | undefined;
  /** Bumped on every new plan so tree item ids of an old plan are not reused. */
  private generation = 0;

  constructor(private readonly probe?: FixableProbe) {}

  get plan(): UpgradePlanResult | undefined {
    return this.result;
  }

  /** Show a plan (or a failure message instead of one). */
  set(result: UpgradePlanResult | undefined, failure?: string): void {
    this.result = result;
    this.failure = failure;
    this.generation++;
    this.changed.fire(undefined);
  }

  /** Re-render the same plan (after a fix was applied, for example). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  uriOf(path: string): vscode.Uri | undefined {
    const r = this.result;
    if (!r) return undefined;
    const known = r.files[path];
    if (known) return vscode.Uri.parse(known);
    return r.root ? vscode.Uri.joinPath(vscode.Uri.parse(r.root), ...path.split('/')) : undefined;
  }

  async getChildren(node?: PlanNode): Promise<PlanNode[]> {
    const r = this.result;
    if (!node) {
      if (this.failure) return [{ kind: 'error', message: this.failure }];
      if (!r) return [];
      const out: PlanNode[] = [];
      if (r.plan.error) out.push({ kind: 'error', message: r.plan.error.message });
      const notes = allNotes(r);
      if (notes.length) out.push({ kind: 'notes', notes });
      r.plan.hops.forEach((hop, index) => out.push({ kind: 'hop', hop, index }));
      return out;
    }
    switch (node.kind) {
      case 'notes':
        return node.notes.map((note, index) => ({ kind: 'note', note, index }));
      case 'hop': {
        const h = node.hop;
        const out: PlanNode[] = [];
        for (const { phase } of PHASES) {
          const steps = h.strategy.steps.filter((s) => s.phase === phase);
          if (steps.length) out.push({ kind: 'phase', hop: node.index, phase, steps });
        }
        if (h.findings.length) out.push({ kind: 'findings', hop: node.index, findings: h.findings });
        const changes = [...h.changes.breaking, ...h.changes.deprecations];
        if (changes.length) out.push({ kind: 'changes', hop: node.index, changes });
        return out;
      }
      case 'phase':
        return node.steps.map((step, index) => ({ kind: 'step', hop: node.hop, step, index }));
      case 'findings': {
        const byFile = new Map<string, PlanFinding[]>();
        for (const f of node.findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
        return [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, findings]) => ({ kind: 'file', hop: node.hop, path, uri: this.uriOf(path), findings }));
      }
      case 'file': {
        // What breaks first (errors, warnings), then what only changes (information), each in line order.
        const rank = (f: PlanFinding) => SEVERITY_RANK[f.severity] ?? 3;
        const sorted = [...node.findings].sort((a, b) => rank(a) - rank(b) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
        let fixable: boolean[] = sorted.map(() => true);
        if (this.probe && node.uri) {
          try {
            fixable = await this.probe(node.uri, sorted);
          } catch {
            fixable = sorted.map(() => false);
          }
        }
        return sorted.map((finding, index) => ({ kind: 'finding', hop: node.hop, finding, uri: node.uri, index, fixable: !!fixable[index] }));
      }
      case 'changes':
        return node.changes.map((change) => ({ kind: 'change', hop: node.hop, change }));
      default:
        return [];
    }
  }

  getTreeItem(node: PlanNode): vscode.TreeItem {
    const id = (s: string) => `${this.generation}/${s}`;
    switch (node.kind) {
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = id('error');
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.tooltip = node.message;
        return item;
      }
      case 'notes': {
        const blockers = node.notes.filter((n) => n.severity === 'blocker').length;
        const item = new vscode.TreeItem('Notes', blockers ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = id('notes');
        item.description = blockers ? `${blockers} blocker${blockers > 1 ? 's' : ''} · ${node.notes.length}` : String(node.notes.length);
        item.iconPath = new vscode.ThemeIcon(blockers ? 'error' : 'info');
        return item;
      }
      case 'note': {
        const n = node.note;
        const item = new vscode.TreeItem(n.message, vscode.TreeItemCollapsibleState.None);
        item.id = id(`note/${node.index}`);
        item.description = n.hop !== undefined ? `hop ${n.hop + 1}` : undefined;
        item.iconPath = severityIcon(n.severity === 'blocker' ? 'error' : n.severity);
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${n.severity}**${n.hop !== undefined ? ` (hop ${n.hop + 1})` : ''}\n\n`);
        md.appendText(n.message);
        appendRules(md, n.rules);
        item.tooltip = md;
        item.contextValue = 'kong.note';
        return item;
      }
      case 'hop': {
        const h = node.hop;
        const label = `${h.from} → ${h.to}`;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = id(`hop/${node.index}`);
        const tags = [h.guaranteed ? 'guaranteed' : 'not guaranteed'];
        if (h.prehop) tags.push('patch pre-hop');
        if (h.minimum && h.minimum !== h.to) tags.push(`at least ${h.minimum}`);
        if (h.lowConfidence) tags.push('low confidence');
        item.description = tags.join(' · ');
        item.iconPath = new vscode.ThemeIcon(h.guaranteed ? 'pass' : 'warning');
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**Hop ${node.index + 1}:** `);
        md.appendText(`${label} (${h.kind}${h.guaranteed ? ', guaranteed path' : ', not a guaranteed path'})`);
        md.appendMarkdown('\n\n**Strategy:** ');
        md.appendText(`${h.strategy.name}. ${h.strategy.why}`);
        if (h.deckConvert) {
          md.appendMarkdown('\n\n**decK:** ');
          md.appendText(`deck file convert --from ${h.deckConvert.from} --to ${h.deckConvert.to}`);
        }
        appendRules(md, h.rules);
        item.tooltip = md;
        item.contextValue = 'kong.hop';
        return item;
      }
      case 'phase': {
        const title = PHASES.find((p) => p.phase === node.phase)?.title ?? node.phase;
        const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = id(`hop/${node.hop}/${node.phase}`);
        item.description = `${node.steps.length} step${node.steps.length > 1 ? 's' : ''}`;
        item.iconPath = new vscode.ThemeIcon(node.phase === 'before' ? 'checklist' : node.phase === 'during' ? 'play-circle' : 'verified');
        return item;
      }
      case 'step': {
        const s = node.step;
        const item = new vscode.TreeItem(s.text, vscode.TreeItemCollapsibleState.None);
        item.id = id(`hop/${node.hop}/${s.phase}/${node.index}`);
        item.description = s.command;
        item.iconPath = new vscode.ThemeIcon(s.command ? 'terminal' : 'circle-large-outline');
        const md = new vscode.MarkdownString();
        md.appendText(s.text);
        if (s.command) md.appendMarkdown('\n\n').appendCodeblock(s.command, 'shell');
        if (s.rules.length) md.appendMarkdown('\n\n').appendText(`Rules: ${s.rules.join(', ')}`);
        item.tooltip = md;
        item.contextValue = s.command ? 'kong.step.command' : 'kong.step';
        return item;
      }
      case 'findings': {
        const item = new vscode.TreeItem(`In your files (${node.findings.length})`, vscode.TreeItemCollapsibleState.Expanded);
        item.id = id(`hop/${node.hop}/findings`);
        item.iconPath = new vscode.ThemeIcon('files');
        item.tooltip = 'What this hop changes for the Kong files of this workspace';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Expanded);
        item.resourceUri = node.uri;
        item.id = id(`hop/${node.hop}/file/${node.path}`);
        item.description = String(node.findings.length);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'kong.file';
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
        item.id = id(`hop/${node.hop}/file/${f.path}/${node.index}`);
        item.description = `${f.code} · Ln ${f.line}${f.column ? `, Col ${f.column}` : ''}`;
        item.iconPath = severityIcon(f.severity);
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${f.severity}** \`${f.code.replace(/`/g, '')}\` · `);
        md.appendText(`${f.path}:${f.line}${f.column ? `:${f.column}` : ''}`);
        md.appendMarkdown('\n\n');
        md.appendText(f.message);
        item.tooltip = md;
        if (node.uri) item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri, { selection: findingRange(f), preview: true }] };
        item.contextValue = node.fixable ? 'kong.finding.fixable' : 'kong.finding';
        return item;
      }
      case 'changes': {
        const item = new vscode.TreeItem(`Changes (${node.changes.length})`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = id(`hop/${node.hop}/changes`);
        item.iconPath = new vscode.ThemeIcon('history');
        item.tooltip = 'Breaking changes and deprecations of the Kong changelog in this hop that concern this workspace';
        return item;
      }
      case 'change': {
        const c = node.change;
        const item = new vscode.TreeItem(c.label, vscode.TreeItemCollapsibleState.None);
        item.id = id(`hop/${node.hop}/change/${c.id}`);
        item.description = [c.kind === 'breaking_change' ? 'breaking' : 'deprecation', ...c.plugins, ...c.properties].join(' · ');
        item.iconPath = new vscode.ThemeIcon(c.kind === 'breaking_change' ? 'flame' : 'clock');
        const md = new vscode.MarkdownString();
        md.appendText(`${c.label} — ${c.id}`);
        md.appendMarkdown('\n\n');
        md.appendText(c.link);
        item.tooltip = md;
        if (/^https?:\/\//.test(c.link)) item.command = { command: 'vscode.open', title: 'Open changelog', arguments: [vscode.Uri.parse(c.link)] };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The range a finding covers, zero-based, for an editor selection. */
export function findingRange(f: PlanFinding): vscode.Range {
  const line = Math.max(0, f.line - 1);
  const col = Math.max(0, (f.column ?? 1) - 1);
  const endLine = f.endLine !== undefined ? Math.max(line, f.endLine - 1) : line;
  const endCol = f.endColumn !== undefined ? Math.max(0, f.endColumn - 1) : col;
  const end = endLine === line && endCol < col ? col : endCol;
  return new vscode.Range(line, col, endLine, end);
}

function allNotes(r: UpgradePlanResult): NoteLike[] {
  const server: NoteLike[] = r.notes.map((message) => ({ severity: 'info', message, rules: [] }));
  const order = { blocker: 0, warning: 1, info: 2 } as const;
  const plan = [...r.plan.notes].filter((n) => !(r.plan.error && n.code === r.plan.error.code)).sort((a, b) => order[a.severity] - order[b.severity]);
  const prehops: NoteLike[] = r.plan.prehops.map((p) => ({
    severity: p.required ? 'warning' : 'info',
    message: `${p.required ? 'Required' : 'Recommended'} patch pre-hop ${p.from} → ${p.to}${p.minimum ? ` (at least ${p.minimum})` : ''}: ${p.reason}${p.conditional ? ' (skip it if you are already there)' : ''}`,
    rules: p.rules,
  }));
  return [...plan.filter((n) => n.severity === 'blocker'), ...prehops, ...plan.filter((n) => n.severity !== 'blocker'), ...server];
}

function severityIcon(s: string): vscode.ThemeIcon {
  switch (s) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    default:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  }
}

function appendRules(md: vscode.MarkdownString, rules: Note['rules']): void {
  if (!rules.length) return;
  md.appendMarkdown('\n\n**Rules**\n');
  for (const r of rules) {
    md.appendMarkdown('\n- ');
    md.appendText(`${r.id} ${r.title}${r.citation ? ` — ${r.citation}` : ''}`);
  }
}
