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
