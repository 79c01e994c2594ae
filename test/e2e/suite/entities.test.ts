/**
 * Entity changes in a real VS Code (issue 8's done criterion): a decK file written for 3.10
 * (routes without protocols, key-auth without hide_credentials, an https service without
 * tls_verify, a Redis partial, an event hook) checked against 3.14 shows each change where
 * it happens, and the "keep today's behaviour" source action writes the old defaults.
 * The workspace settings are switched to 3.10 -> 3.14 (Enterprise) for this suite only.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActionsAt, codeOf, describe, setKongSetting, waitForDiagnostics, workspaceUri } from '../helpers';

const lineWith = (doc: vscode.TextDocument, text: string): number => {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  assert.fail(`no line with ${text}`);
};

suite('Entity changes of a decK file in VS Code', () => {
  suiteSetup(async () => {
    await setKongSetting('currentVersion', '3.10');
    await setKongSetting('targetVersion', '3.14');
    await setKongSetting('edition', 'enterprise');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await setKongSetting('currentVersion', '2.8');
    await setKongSetting('targetVersion', '3.10');
    await setKongSetting('edition', 'oss');
  });

  test('each entity that changes on 3.14 has its finding; the pin action writes the old defaults', async () => {
    const uri = workspaceUri('entities.kong.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const on = (ds: vscode.Diagnostic[], text: string) => ds.filter((d) => d.range.start.line === lineWith(doc, text) && codeOf(d) === 'entity-default-change');
    const diags = await waitForDiagnostics(uri, (ds) => ds.filter((d) => codeOf(d) === 'entity-default-change').length >= 7, 'entity findings in entities.kong.yaml');
    for (const at of ['- name: orders ', '- name: orders-route', '- name: key-auth', '- name: basic-auth', '- name: rate-limiting', '- name: shared-redis', '- source: crud']) {
      assert.ok(on(diags, at).length, `a finding on "${at}": ${describe(diags)}`);
    }
    assert.ok(
      on(diags, '- name: orders-route').some((d) => /plain http/.test(d.message) && d.severity === vscode.DiagnosticSeverity.Warning),
      describe(diags),
    );

    const actions = await codeActionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.pinEntityDefaults.kong');
    const pin = actions.find((a) => a.kind?.value === 'source.pinEntityDefaults.kong');
    assert.ok(pin?.edit, `the pin action is offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    assert.match(doc.getText(), /hide_credentials: false/);
    assert.match(doc.getText(), /protocols:\n\s+- http\n\s+- https/);
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => /does not set (protocols|config\.hide_credentials)/.test(d.message)), 'pinned: the route and the auth plugins no longer change');
  });
});
