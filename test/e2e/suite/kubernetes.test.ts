/**
 * A Kubernetes manifest in a real VS Code: the KongPlugins of k8s/deployment.yaml (a
 * rate-limiting with flat redis_* fields and an acl whitelist, beside the Kong Deployment
 * and an Ingress) checked 2.8 -> 3.10, each finding with a working fix, hover, and the
 * Deployment's image (kong:2.8.4) offered as the current version in the status bar and a
 * code lens; accepting it writes kong.currentVersion.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KongExtensionApi } from '../../../client/src/extension';
import { codeActionsAt, activeExtension, codeOf, describe, hoverText, setKongSetting, waitForDiagnostics, withTimeout, WAIT_MS, workspaceUri } from '../helpers';

const FILE = ['k8s', 'deployment.yaml'];

async function openManifest(): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...FILE));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

const lineWith = (doc: vscode.TextDocument, s: string) => {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(s)) return i;
  assert.fail(`no line with ${s}`);
};

async function until(cond: () => boolean, what: () => string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > WAIT_MS) assert.fail(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('Kubernetes manifest with KongPlugins in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('each KongPlugin finding is shown with a quick fix that works; fix-all fixes them all, comments kept', async () => {
    await activeExtension();
    const doc = await openManifest();
    const before = doc.getText();
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.filter((d) => codeOf(d) === 'deprecated-plugin-field').length === 2 && ds.some((d) => codeOf(d) === 'declarative-format'),
      'redis_host, redis_port and whitelist findings in k8s/deployment.yaml',
    );
    assert.deepEqual(
      diags.map((d) => `${d.range.start.line}:${codeOf(d)}`),
      [`${lineWith(doc, 'redis_host')}:deprecated-plugin-field`, `${lineWith(doc, 'redis_port')}:deprecated-plugin-field`, `${lineWith(doc, 'whitelist')}:declarative-format`],
      describe(diags),
    );
    // Nothing on the Deployment or the Ingress.
    assert.ok(
      diags.every((d) => d.range.start.line > lineWith(doc, 'kind: KongPlugin')),
      describe(diags),
    );
    for (const d of diags) {
      const actions = await codeActionsAt(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 50);
      const fix = (actions ?? []).find((a) => a.edit && a.kind?.value.startsWith('quickfix'));
      assert.ok(fix?.edit, `a quick fix for ${codeOf(d)} on line ${d.range.start.line}: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    }
    // The whitelist quick fix alone.
    const wl = diags.find((d) => codeOf(d) === 'declarative-format')!;
    const wlActions = await codeActionsAt(doc.uri, wl.range, vscode.CodeActionKind.QuickFix.value, 50);
    const wlFix = (wlActions ?? []).find((a) => a.edit && /allow/.test(a.title));
    assert.ok(wlFix?.edit && (await vscode.workspace.applyEdit(wlFix.edit)), 'whitelist fix applied');
    assert.equal(doc.getText(), before.replace('  whitelist:\n', '  allow:\n'));
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'declarative-format'), 'whitelist finding gone after its fix');
    // Fix-all for the rest.
    const all = await codeActionsAt(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.kong', 50);
    const fixAll = (all ?? []).find((a) => a.kind?.value === 'source.fixAll.kong');
    assert.ok(fixAll?.edit && (await vscode.workspace.applyEdit(fixAll.edit)), 'fix-all applied');
    assert.equal(
      doc.getText(),
      before
        .replace('  whitelist:\n', '  allow:\n')
        .replace('  redis_host: redis.kong.svc   # shared limits\n  redis_port: 6380\n', '  redis:\n    host: redis.kong.svc   # shared limits\n    port: 6380\n'),
    );
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no findings left after the fixes');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 3, 'findings back after revert');
  });

  test('hover on a KongPlugin config key', async () => {
    const doc = await openManifest();
    const line = lineWith(doc, 'redis_host');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 4));
    assert.match(hoverText(hovers ?? []), /redis_host/);
  });

  test('the image tag is offered as the current version (status bar hint, code lens); accepting it sets kong.currentVersion', async () => {
    const ext = await activeExtension();
    const api = ext.exports as KongExtensionApi;
    const doc = await openManifest();
    await until(
      () => api.imageHint.includes('Kong 2.8.4 in deployment.yaml'),
      () => `image hint; now ${JSON.stringify(api.imageHint)}`,
    );
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    const lens = (lenses ?? []).find((l) => l.command?.command === 'kong.useImageVersion');
    assert.ok(lens?.command, `code lens: ${JSON.stringify((lenses ?? []).map((l) => l.command?.title))}`);
    assert.equal(lens.command.title, 'Use Kong 2.8.4 from deployment.yaml as current version');
    try {
      const changed = new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('kong.currentVersion')) {
            sub.dispose();
            resolve();
          }
        });
      });
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
      await withTimeout(changed, WAIT_MS, 'kong.currentVersion written');
      assert.equal(vscode.workspace.getConfiguration('kong').get('currentVersion'), '2.8.4');
      const shown = () => api.status.replace(/\$\([\w-]+\)\s*/g, '').trim();
      await until(
        () => shown() === 'Kong 2.8.4 → 3.10',
        () => `status now ${JSON.stringify(api.status)}`,
      );
      await until(
        () => api.imageHint === '',
        () => `hint withdrawn once the settings say it; now ${JSON.stringify(api.imageHint)}`,
      );
    } finally {
      await setKongSetting('currentVersion', '2.8');
    }
  });
});
