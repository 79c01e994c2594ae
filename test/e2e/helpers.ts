/**
 * Helpers for the end-to-end suites running inside VS Code's extension host.
 * Everything waits on events (diagnostics changes, saves, configuration changes) with a
 * time limit; nothing sleeps for a fixed time.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kong-upgrade-assistant.kong-upgrade-assistant';
export const LANGUAGE_ID = 'kong-conf';
/** Upper bound for one wait; generous because the first check also starts the language server. */
export const WAIT_MS = 30_000;

/** Rejects with `what` when `promise` has not settled within `ms`. */
export async function withTimeout<T>(promise: PromiseLike<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${typeof what === 'function' ? what() : what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The diagnostic's code as a string (codes may be plain or `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function kongDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kong');
}

/** Short text form for failure messages: `line:code:message`. */
export function describe(diags: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diags.map((d) => `${d.range.start.line + 1}:${codeOf(d)}:${d.message}`));
}

/**
 * Resolves with the `kong` diagnostics of `uri` as soon as `predicate` holds for them:
 * checks the current ones first, then every `onDidChangeDiagnostics` event for `uri`.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diags: vscode.Diagnostic[]) => boolean, what: string, ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  const now = kongDiagnostics(uri);
  if (predicate(now)) return Promise.resolve(now);
  let sub: vscode.Disposable | undefined;
  const seen = new Promise<vscode.Diagnostic[]>((resolve) => {
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diags = kongDiagnostics(uri);
      if (predicate(diags)) resolve(diags);
    });
  });
  return withTimeout(seen, ms, () => `${what}; last diagnostics of ${uri.fsPath}: ${describe(kongDiagnostics(uri))}`).finally(() => sub?.dispose());
}

/** Diagnostics on the line that starts with `key` (the property name). */
export function onKey(doc: vscode.TextDocument, diags: readonly vscode.Diagnostic[], key: string): vscode.Diagnostic[] {
  const line = lineOf(doc, key);
  return diags.filter((d) => d.range.start.line === line);
}

/** Zero-based line of the first property line `key = ...` (or `key=`), failing the test when absent. */
export function lineOf(doc: vscode.TextDocument, key: string): number {
  const re = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  assert.fail(`fixture ${doc.uri.fsPath} has no line for ${key}`);
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open test/e2e/workspace (a copy of it) as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a workspace file in an editor and checks it got the Kong language. */
export async function openKongFile(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(doc.languageId, LANGUAGE_ID, `${name} should open as ${LANGUAGE_ID}`);
  return { doc, editor };
}

/** The extension, activated (activation is what the language id triggers; this just awaits it). */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  if (!ext.isActive) await withTimeout(ext.activate(), WAIT_MS, `activation of ${EXTENSION_ID}`);
  return ext;
}

/** Updates a `kong.*` workspace setting and waits until VS Code reports the change. */
export async function setKongSetting(key: string, value: unknown): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`kong.${key}`)) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration('kong').update(key, value, vscode.ConfigurationTarget.Workspace);
  await withTimeout(changed, WAIT_MS, `configuration change of kong.${key}`);
}

/** Text of all hover contents (markdown or plain) as one string. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  const parts: string[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else parts.push((c as { value: string }).value);
    }
  }
  return parts.join('\n');
}

/** Saves `doc` through the workbench's save (an explicit save, so `codeActionsOnSave: explicit` runs). */
export async function explicitSave(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  const saved = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.uri.toString() === doc.uri.toString()) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.commands.executeCommand('workbench.action.files.save');
  await withTimeout(saved, WAIT_MS, `save of ${doc.uri.fsPath}`);
}

/**
 * `vscode.executeCodeActionProvider`, asked again once when VS Code cancels it: VS Code
 * cancels a code action request whose document model changes while it runs, and on a
 * loaded CI machine one such cancel (not reproducible locally) failed a run. A second
 * cancel, or a wrong answer, still fails the test.
 */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind: string, resolve?: number): Promise<vscode.CodeAction[]> {
  const ask = () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, ...(resolve === undefined ? [] : [resolve]));
  try {
    return (await ask()) ?? [];
  } catch (e) {
    if ((e as Error)?.name !== 'Canceled' && (e as Error)?.message !== 'Canceled') throw e;
    return (await ask()) ?? [];
  }
}
