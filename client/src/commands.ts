/** One function per command, registered from a table. */
import * as vscode from 'vscode';
import type { KongClient } from './client';
import { readConfig, writeVersion } from './config';
import type { StatusBar } from './statusBar';

type Command = (...args: unknown[]) => unknown;

export function registerCommands(context: vscode.ExtensionContext, kong: KongClient, status: StatusBar, output: vscode.LogOutputChannel): void {
  const table: Record<string, Command> = {
    'kong.selectCurrentVersion': () => pickVersion(kong, 'currentVersion'),
    'kong.selectTargetVersion': () => pickVersion(kong, 'targetVersion'),
    'kong.showOutput': () => output.show(true),
    'kong.restartServer': async () => {
      await kong.client.restart();
      status.update();
    },
  };
  for (const [id, fn] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, fn));
}

interface VersionItem extends vscode.QuickPickItem {
  version: string;
}

/** Quick pick of the known release lines, newest first, LTS marked; also accepts a typed patch version. */
export async function pickVersion(kong: KongClient, key: 'currentVersion' | 'targetVersion'): Promise<string | undefined> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const cfg = readConfig(scope);
  const known = await kong.knownVersions();
  const current = key === 'currentVersion' ? cfg.currentVersion : cfg.targetVersion || known.defaultTarget;
  const items: VersionItem[] = known.versions.map((v) => ({
    label: v.minor,
    version: v.minor,
    description: [v.lts ? 'LTS' : '', v.minor === known.defaultTarget && key === 'targetVersion' ? 'default target' : '', v.enterprise && !v.oss ? 'Enterprise' : '']
      .filter(Boolean)
      .join(' · '),
    detail: v.latestPatch ? `latest patch ${v.latestPatch}${v.status ? ` · ${v.status}` : ''}` : undefined,
    picked: v.minor === current,
  }));
  const qp = vscode.window.createQuickPick<VersionItem>();
  qp.title = key === 'currentVersion' ? 'Kong version you run today' : 'Kong version you are upgrading to';
  qp.placeholder = `${current} now; pick a release line or type a patch version such as 3.4.3.19`;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.version === current);
  const chosen = await new Promise<string | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const sel = qp.selectedItems[0]?.version ?? (qp.value.trim() || undefined);
      resolve(sel);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (chosen) await writeVersion(key, chosen, scope);
  return chosen;
}
