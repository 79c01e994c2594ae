/**
 * A .kong-upgrade.yaml in a real VS Code: the client sends the server only the settings the
 * workspace sets, so the config's rules apply while the workspace's target version (3.10,
 * .vscode/settings.json) still wins over the config's 3.4; the "Ignore … on this line" quick
 * fix is offered and hides the finding once applied.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActionsAt, codeOf, describe, openKongFile, waitForDiagnostics, workspaceUri } from '../helpers';

const has = (diags: readonly vscode.Diagnostic[], code: string) => diags.some((d) => codeOf(d) === code);

suite('.kong-upgrade.yaml in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the config turns a rule off; the workspace target wins over the config target; "Ignore … on this line" works', async () => {
    const { doc, editor } = await openKongFile('project/kong.conf');
    const line = (s: string) =>
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith(s));
    // cassandra_contact_points is removed in 3.4 already; nginx_optimizations in 3.0: both show with either target.
    // What tells the targets apart: the config's 3.4 vs the workspace's 3.10 in the message.
    const diags = await waitForDiagnostics(doc.uri, (ds) => has(ds, 'removed-property'), 'removed properties');
    assert.ok(!has(diags, 'unknown-property'), `unknown-property is off in the config: ${describe(diags)}`);
    assert.ok(
      diags.some((d) => /3\.10/.test(d.message)),
      `the workspace target 3.10 is used: ${describe(diags)}`,
    );
    const removed = diags.find((d) => codeOf(d) === 'removed-property' && d.range.start.line === line('nginx_optimizations'))!;
    assert.ok(removed, describe(diags));
    const actions = await codeActionsAt(doc.uri, removed.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => a.title === 'Ignore removed-property on this line');
    assert.ok(ignore?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(editor.document.lineAt(line('nginx_optimizations') - 1).text, '# kong-upgrade-ignore-next-line removed-property');
    await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'removed-property' && d.range.start.line === line('nginx_optimizations')) && has(ds, 'removed-property'),
      'the suppressed finding is gone, the other removed property stays',
    );
  });

  test('a setting the workspace leaves at its default does not hide the config: its declarativeFiles glob applies', async () => {
    // Only the config's "gw/*.yml" makes this file (no _format_version) a decK file. VS Code's default
    // kong.declarativeFiles ([]) would override it if the client sent defaults.
    const doc = await vscode.workspace.openTextDocument(workspaceUri('project', 'gw', 'routes.yml'));
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(doc.uri, (ds) => has(ds, 'declarative-format'), 'the acl whitelist finding in a file named by the config');
    assert.ok(
      diags.some((d) => d.range.start.line === 3),
      describe(diags),
    );
  });
});
