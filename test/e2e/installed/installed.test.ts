/**
 * The packaged extension, installed from the .vsix with `code-server --install-extension`:
 * it comes from the extensions folder (not the repo), activates, and lints kong.conf.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, describe, onKey, openKongFile, waitForDiagnostics } from '../helpers';

suite('installed .vsix', () => {
  test('is loaded from the extensions folder, not from the development folder', () => {
    const ext = vscode.extensions.getExtension('kong-upgrade-assistant.kong-upgrade-assistant');
    assert.ok(ext, 'the installed extension is not present');
    const repo = path.resolve(__dirname, '../../../..'); // test/out/e2e/installed -> repo;
    assert.ok(!ext.extensionPath.startsWith(repo + path.sep), `loaded from ${ext.extensionPath}, inside the repo ${repo}`);
    assert.match(path.basename(ext.extensionPath), /^kong-upgrade-assistant\.kong-upgrade-assistant-\d/);
    assert.equal(ext.packageJSON.main, './client/out/extension.js');
  });

  test('activates and lints kong.conf with its bundled server', async () => {
    const { doc } = await openKongFile('kong.conf');
    const ext = await activeExtension();
    assert.ok(ext.isActive);
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'removed-property'), 'removed-property from the installed extension');
    assert.ok(
      onKey(doc, diags, 'nginx_optimizations').some((d) => codeOf(d) === 'removed-property'),
      describe(diags),
    );
    assert.deepEqual(onKey(doc, diags, 'database').map(codeOf), []);
  });
});
