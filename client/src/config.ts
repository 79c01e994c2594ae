/** The only reader of the `kong.*` settings in the client. */
import * as vscode from 'vscode';

export type Edition = 'oss' | 'enterprise';

export interface ClientConfig {
  currentVersion: string;
  targetVersion: string;
  edition: Edition;
  statusText: boolean;
}

export function readConfig(scope?: vscode.ConfigurationScope): ClientConfig {
  const c = vscode.workspace.getConfiguration('kong', scope);
  return {
    currentVersion: c.get<string>('currentVersion', '2.8'),
    targetVersion: c.get<string>('targetVersion', ''),
    edition: c.get<Edition>('edition', 'oss'),
    statusText: c.get<boolean>('codeLens.enabled', true),
  };
}

/** Write a version setting where the user keeps it: the workspace if it is open, else the user settings. */
export async function writeVersion(key: 'currentVersion' | 'targetVersion', value: string, scope?: vscode.ConfigurationScope): Promise<void> {
  await writeSetting(key, value, scope);
}

/** Write a `kong.*` setting where the user keeps it (see writeVersion). */
export async function writeSetting(key: 'currentVersion' | 'targetVersion' | 'edition', value: string, scope?: vscode.ConfigurationScope): Promise<void> {
  const c = vscode.workspace.getConfiguration('kong', scope);
  const info = c.inspect<string>(key);
  const target =
    info?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

const SERVER_KEYS = ['currentVersion', 'targetVersion', 'edition', 'customPlugins', 'declarativeFiles', 'codeLens.enabled'] as const;

/**
 * The `kong` settings for the server, so that a `.kong-upgrade.yaml` applies where the user did
 * not choose otherwise: values set for this workspace or folder go at the top level (they
 * override the config file), values set in the user settings go under `userSettings` (the config
 * file overrides them), and defaults are not sent (the server has the same ones).
 */
export function settingsForServer(scopeUri?: string): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const c = vscode.workspace.getConfiguration('kong', scope);
  const workspace: Record<string, unknown> = {};
  const user: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const info = c.inspect(key);
    if (!info) continue;
    const ws = info.workspaceFolderValue ?? info.workspaceValue;
    const name = key === 'codeLens.enabled' ? 'codeLens' : key;
    if (ws !== undefined) workspace[name] = ws;
    else if (info.globalValue !== undefined) user[name] = info.globalValue;
  }
  return { ...workspace, userSettings: user };
}
