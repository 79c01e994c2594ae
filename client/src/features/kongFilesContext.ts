/**
 * Sets `kong.workspaceHasKongFiles` (the Upgrade Path view's `when`): true when the workspace
 * has a file named like a Kong file, or a compose / .env / YAML file whose content is Kong
 * configuration (a bounded search: MAX_CONTENT_FILES files, MAX_CONTENT_BYTES each). Searched
 * again when such files are created, deleted or saved, and set at once when a Kong document opens.
 */
import * as vscode from 'vscode';
import { EXCLUDE_GLOB, HAS_KONG_FILES, KONG_CONTENT_GLOB, KONG_NAME_GLOB, MAX_CONTENT_BYTES, MAX_CONTENT_FILES, WATCH_GLOB, looksLikeKongContent } from '../kongFiles';

async function search(): Promise<boolean> {
  if ((await vscode.workspace.findFiles(KONG_NAME_GLOB, EXCLUDE_GLOB, 1)).length) return true;
  for (const uri of await vscode.workspace.findFiles(KONG_CONTENT_GLOB, EXCLUDE_GLOB, MAX_CONTENT_FILES)) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (looksLikeKongContent(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MAX_CONTENT_BYTES)).toString('utf8'))) return true;
    } catch {
      // unreadable: not evidence either way
    }
  }
  return false;
}

/** Starts the search and keeps the key current; resolves after the first search. */
export function trackKongFiles(context: vscode.ExtensionContext, output?: vscode.LogOutputChannel): Promise<boolean> {
  let current: boolean | undefined;
  const set = (v: boolean) => {
    if (v === current) return;
    current = v;
    output?.info(`${HAS_KONG_FILES}: ${v}`);
    void vscode.commands.executeCommand('setContext', HAS_KONG_FILES, v);
  };
  let timer: NodeJS.Timeout | undefined;
  const again = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void search().then(set, () => undefined), 500);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCH_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(again),
    watcher.onDidDelete(again),
    watcher.onDidChange(() => {
      if (!current) again();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(again),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.languageId === 'kong-conf') set(true);
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return search().then(
    (v) => {
      set(v || vscode.workspace.textDocuments.some((d) => d.languageId === 'kong-conf'));
      return current!;
    },
    (err) => {
      output?.warn(`searching the workspace for Kong files failed: ${(err as Error)?.message ?? err}`);
      return false;
    },
  );
}
