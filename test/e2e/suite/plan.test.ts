/**
 * Kong: Plan Kong Upgrade in a real VS Code: the command (with its argument, so no picker
 * opens), the Upgrade Path tree it fills, a finding's location and quick fix, and the
 * Markdown export. The workspace is a copy of test/e2e/workspace (kong.conf for 2.8).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanFeature } from '../../../client/src/features/planUpgrade';
import type { PlanNode } from '../../../client/src/views/upgradePath';
import type { UpgradePlanResult } from '../../../server/src/protocol';
import { activeExtension, lineOf, WAIT_MS, withTimeout, workspaceUri } from '../helpers';

async function planApi(): Promise<PlanFeature> {
  const ext = await activeExtension();
  const api = ext.exports as { plan?: PlanFeature } | undefined;
  assert.ok(api?.plan, 'the extension exports its plan feature as `plan`');
  return api.plan;
}

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const tooltipOf = (item: vscode.TreeItem) => (typeof item.tooltip === 'string' ? item.tooltip : item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '');

/** Every node under `node` (depth first), with its tree item. */
async function walk(plan: PlanFeature, node?: PlanNode): Promise<Array<{ node: PlanNode; item: vscode.TreeItem }>> {
  const out: Array<{ node: PlanNode; item: vscode.TreeItem }> = [];
  for (const child of await plan.provider.getChildren(node)) {
    out.push({ node: child, item: plan.provider.getTreeItem(child) });
    out.push(...(await walk(plan, child)));
  }
  return out;
}

/** Resolves once the view is visible (checks first, then waits for the visibility event). */
function viewVisible(view: vscode.TreeView<PlanNode>): Promise<void> {
  if (view.visible) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => {
      const sub = view.onDidChangeVisibility((e) => {
        if (e.visible) {
          sub.dispose();
          resolve();
        }
      });
    }),
    WAIT_MS,
    'the Upgrade Path view becomes visible',
  );
}

suite('Plan Kong Upgrade', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the view, its container and the commands are contributed', async () => {
    const ext = await activeExtension();
    const views = (ext.packageJSON.contributes?.views ?? {}) as Record<string, Array<{ id: string }>>;
    assert.ok(
      Object.values(views)
        .flat()
        .some((v) => v.id === 'kong.upgradePath'),
      'kong.upgradePath is a contributed view',
    );
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['kong.planUpgrade', 'kong.refreshPlan', 'kong.changePlanVersions', 'kong.exportPlan', 'kong.applyFindingFix']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('before any plan, the Upgrade Path view shows because the workspace has Kong files (kong.workspaceHasKongFiles)', async () => {
    const plan = await planApi();
    assert.equal(plan.current, undefined, 'no plan yet, so kong.hasPlan cannot be what shows the view');
    // The key is set once the workspace search ends (after activation): focus until it shows.
    const deadline = Date.now() + WAIT_MS;
    while (!plan.view.visible && Date.now() < deadline) {
      await vscode.commands.executeCommand('kong.upgradePath.focus');
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(plan.view.visible, 'the Upgrade Path view did not show before any plan');
  });

  test('the tree of a fixed plan: notes, hop, phases with steps, findings per file, changes', async () => {
    const plan = await planApi();
    const confUri = workspaceUri('kong.conf').toString();
    const root = vscode.workspace.workspaceFolders![0]!.uri.toString();
    const fixed: UpgradePlanResult = {
      plan: {
        from: '2.8',
        to: '3.4',
        topology: 'hybrid',
        edition: 'enterprise',
        hops: [
          {
            from: '2.8.4.14',
            to: '3.4.3.29',
            fromLine: '2.8',
            toLine: '3.4',
            kind: 'lts',
            guaranteed: true,
            rules: [{ id: 'G3', title: 'Adjacent LTS jumps', citation: 'test' }],
            strategy: {
              name: 'rolling',
              kind: 'rolling',
              why: 'fixed test plan',
              steps: [
                { id: 'a', phase: 'before', text: 'Back up the database', command: 'pg_dump kong', rules: [] },
                { id: 'b', phase: 'during', text: 'Run the migrations', command: 'kong migrations up', rules: [] },
                { id: 'c', phase: 'after', text: 'Smoke-test the routes', rules: [] },
              ],
            },
            findings: [{ code: 'removed-property', severity: 'error', message: 'fixed finding', path: 'kong.conf', line: 2, column: 1 }],
            changes: {
              breaking: [
                {
                  id: 'x[1]',
                  version: '3.0.0.0',
                  component: 'kong',
                  kind: 'breaking_change',
                  scope: 'Core',
                  plugins: [],
                  properties: [],
                  label: 'fixed change',
                  link: 'https://example.invalid/',
                  oss: true,
                },
              ],
              deprecations: [],
            },
          },
        ],
        prehops: [],
        direct: true,
        notes: [{ severity: 'info', code: 'n', message: 'fixed note', rules: [] }],
        alternatives: [],
      },
      markdown: '# fixed',
      root,
      files: { 'kong.conf': confUri },
      notes: [],
    };
    plan.provider.set(fixed);
    const rows = await walk(plan);
    const outline = rows.map((r) => labelOf(r.item));
    for (const expected of [
      'Notes',
      'fixed note',
      '2.8.4.14 → 3.4.3.29',
      'Before',
      'Back up the database',
      'During',
      'Run the migrations',
      'After',
      'Smoke-test the routes',
      'kong.conf',
      'fixed finding',
    ]) {
      assert.ok(outline.includes(expected), `"${expected}" in the tree: ${JSON.stringify(outline)}`);
    }
    assert.ok(
      outline.some((l) => /^In your files/.test(l)),
      `a files group: ${JSON.stringify(outline)}`,
    );
    assert.ok(
      outline.some((l) => /^Changes/.test(l) || /fixed change/.test(l)),
      `the changes: ${JSON.stringify(outline)}`,
    );
    assert.ok(outline.indexOf('Notes') < outline.indexOf('2.8.4.14 → 3.4.3.29'), 'notes first');
    assert.ok(outline.indexOf('Before') < outline.indexOf('During') && outline.indexOf('During') < outline.indexOf('After'), 'phases in order');
    const finding = rows.find((r) => labelOf(r.item) === 'fixed finding')!;
    const cmd = finding.item.command!;
    assert.equal(cmd.command, 'vscode.open');
    assert.equal((cmd.arguments![0] as vscode.Uri).toString(), confUri, 'the finding opens kong.conf');
    plan.provider.set(undefined);
  });

  test('a refused plan (a downgrade) shows an error item and no plan', async () => {
    const plan = await planApi();
    const r = await vscode.commands.executeCommand<UpgradePlanResult | undefined>('kong.planUpgrade', { from: '3.10', to: '2.8', topology: 'traditional' });
    assert.ok(r?.plan.error, `the server refuses 3.10 -> 2.8: ${JSON.stringify(r?.plan.error)}`);
    const roots = await plan.provider.getChildren();
    assert.equal(roots[0]?.kind, 'error');
    assert.equal(labelOf(plan.provider.getTreeItem(roots[0]!)), r.plan.error.message);
    assert.ok(!roots.some((n) => n.kind === 'hop'), 'no hops for a refused plan');
  });

  test('kong.planUpgrade {from, to, topology} shows the hops of 2.8 -> 3.10 hybrid with steps and findings in kong.conf', async () => {
    const plan = await planApi();
    const r = await vscode.commands.executeCommand<UpgradePlanResult | undefined>('kong.planUpgrade', { from: '2.8', to: '3.10', topology: 'hybrid' });
    assert.ok(r && !r.plan.error, `plan: ${JSON.stringify(r?.plan.error)}`);
    assert.equal(plan.current, r, 'the view shows the plan the command returned');
    await viewVisible(plan.view);
    assert.match(plan.view.description ?? '', /2\.8 → 3\.10 · Hybrid/);

    const roots = await plan.provider.getChildren();
    const hops = roots.filter((n): n is Extract<PlanNode, { kind: 'hop' }> => n.kind === 'hop');
    const labels = hops.map((h) => labelOf(plan.provider.getTreeItem(h)));
    // 2.8 is not an LTS line of 3.x: the path goes through the 3.4 LTS, then to 3.10.
    assert.equal(hops.length, 2, `hops: ${JSON.stringify(labels)}`);
    assert.match(labels[0]!, /^2\.8 → 3\.4\.\d/, JSON.stringify(labels));
    assert.match(labels[1]!, /^3\.4\.\S+ → 3\.10\.\d/, JSON.stringify(labels));
    assert.equal(labels.join(' | '), r.plan.hops.map((h) => `${h.from} → ${h.to}`).join(' | '));
    for (const h of hops) {
      const item = plan.provider.getTreeItem(h);
      assert.equal(item.description?.toString().split(' · ')[0], h.hop.guaranteed ? 'guaranteed' : 'not guaranteed');
      for (const rule of h.hop.rules) assert.ok(tooltipOf(item).includes(rule.id), `hop tooltip cites ${rule.id}`);
    }

    // Steps grouped by phase; a step with a command can be copied.
    const all = await walk(plan);
    const phases = all.filter((e) => e.node.kind === 'phase').map((e) => labelOf(e.item));
    assert.ok(phases.includes('Before') && phases.includes('During') && phases.includes('After'), JSON.stringify(phases));
    const withCommand = all.find((e) => e.node.kind === 'step' && e.node.step.command);
    assert.ok(withCommand, 'some step has a command');
    assert.equal(withCommand.item.contextValue, 'kong.step.command');
    assert.equal(withCommand.item.description, (withCommand.node as Extract<PlanNode, { kind: 'step' }>).step.command);

    // The removed nginx_optimizations of kong.conf is a finding of the hop into 3.x.
    const doc = await vscode.workspace.openTextDocument(workspaceUri('kong.conf'));
    const removedLine = lineOf(doc, 'nginx_optimizations');
    const findings = all.filter((e): e is { node: Extract<PlanNode, { kind: 'finding' }>; item: vscode.TreeItem } => e.node.kind === 'finding');
    const hit = findings.find((e) => e.node.finding.path === 'kong.conf' && e.node.finding.code === 'removed-property');
    assert.ok(hit, `findings: ${JSON.stringify(findings.map((e) => `${e.node.finding.path}:${e.node.finding.line}:${e.node.finding.code}`))}`);
    assert.equal(hit.node.hop, 0, 'removed in 3.0: found on the first hop');
    const [uri, options] = (hit.item.command?.arguments ?? []) as [vscode.Uri, { selection: vscode.Range }];
    assert.equal(hit.item.command?.command, 'vscode.open');
    assert.equal(uri.toString(), workspaceUri('kong.conf').toString());
    assert.equal(options.selection.start.line, removedLine);
    const group = all.find((e) => e.node.kind === 'findings' && e.node.hop === 0);
    assert.match(labelOf(group!.item), new RegExp(`^In your files \\(${r.plan.hops[0]!.findings.length}\\)$`));

    // Clicking the row opens kong.conf at the finding.
    await vscode.commands.executeCommand(hit.item.command!.command, ...hit.item.command!.arguments!);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor?.selection.start.line, removedLine);
  });

  test("Apply fix on a finding runs the language server's preferred quick fix", async () => {
    const plan = await planApi();
    if (!plan.current || plan.current.plan.error) await vscode.commands.executeCommand('kong.planUpgrade', { from: '2.8', to: '3.10', topology: 'hybrid' });
    const all = await walk(plan);
    const hit = all.find((e) => e.node.kind === 'finding' && e.node.finding.path === 'kong.conf' && e.node.finding.code === 'removed-property');
    assert.ok(hit, 'the removed-property finding of kong.conf');
    const doc = await vscode.workspace.openTextDocument(workspaceUri('kong.conf'));
    assert.equal(hit.item.contextValue, 'kong.finding.fixable', 'a removed property has a quick fix (comment it out)');
    const before = doc.getText();
    try {
      const applied = await vscode.commands.executeCommand<boolean>('kong.applyFindingFix', hit.node);
      assert.equal(applied, true);
      assert.notEqual(doc.getText(), before);
      assert.doesNotMatch(doc.getText(), /^nginx_optimizations\s*=/m, 'the removed property is no longer active');
      assert.match(doc.getText(), /^database = postgres$/m, 'other lines are kept');
      // The plan was made again on the edited text: the finding is gone from it.
      const again = plan.current!.plan.hops.flatMap((h) => h.findings).filter((f) => f.path === 'kong.conf' && f.code === 'removed-property');
      assert.deepEqual(again, []);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(doc.getText(), before);
  });

  test("Refresh makes the plan again with the same answers; Copy Command puts a step's command on the clipboard", async () => {
    const plan = await planApi();
    const first = await vscode.commands.executeCommand<UpgradePlanResult | undefined>('kong.planUpgrade', { from: '2.8', to: '3.10', topology: 'dbless' });
    assert.ok(first && !first.plan.error);
    const again = await vscode.commands.executeCommand<UpgradePlanResult | undefined>('kong.refreshPlan');
    assert.ok(again && again !== first, 'a new answer from the server');
    assert.deepEqual([again.plan.from, again.plan.to, again.plan.topology], ['2.8', '3.10', 'dbless']);
    assert.equal(plan.current, again);

    const step = (await walk(plan)).find((e) => e.node.kind === 'step' && e.node.step.command);
    assert.ok(step, 'a step with a command');
    const copied = await vscode.commands.executeCommand<string | undefined>('kong.copyStepCommand', step.node);
    assert.equal(copied, (step.node as Extract<PlanNode, { kind: 'step' }>).step.command);
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  test('kong.exportPlan opens the plan as an untitled Markdown checklist', async () => {
    const plan = await planApi();
    const r = await vscode.commands.executeCommand<UpgradePlanResult | undefined>('kong.planUpgrade', { from: '2.8', to: '3.10', topology: 'hybrid' });
    assert.ok(r && !r.plan.error);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('kong.exportPlan');
    assert.ok(doc, 'the command returns the document it opened');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    const text = doc.getText();
    assert.match(text, /^- \[ \] /m, 'a task list');
    assert.equal(plan.current, r);
    for (const h of r.plan.hops) assert.ok(text.includes(`${h.from} → ${h.to}`), `hop ${h.from} → ${h.to} in the Markdown`);
    assert.match(text, /\[kong\.conf:\d+\]\(kong\.conf#L\d+\)/, 'findings link to kong.conf relative to the workspace');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
