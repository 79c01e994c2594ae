/** One function per command, registered from a table. */
import * as vscode from 'vscode';
import type { KongClient } from './client';
import { readConfig, writeSetting, writeVersion } from './config';
import type { ImageVersionParams } from '../../server/src/protocol';
import type { StatusBar } from './statusBar';
import { startingValue, versionItems, type VersionKey, type VersionPickItem } from './versionItems';

type Command = (...args: unknown[]) => unknown;

export function registerCommands(context: vscode.ExtensionContext, kong: KongClient, status: StatusBar, output: vscode.LogOutputChannel): void {
  const table: Record<string, Command> = {
    'kong.selectCurrentVersion': () => pickVersion(kong, 'currentVersion'),
    'kong.selectTargetVersion': () => pickVersion(kong, 'targetVersion'),
    'kong.showOutput': () => output.show(true),
    'kong.useImageVersion': (offer?: unknown) => useImageVersion(kong, offer as ImageVersionOffer | undefined),
    'kong.restartServer': async () => {
      await kong.client.restart();
      status.update();
    },
  };
  for (const [id, fn] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, fn));
}

type ImageVersionOffer = NonNullable<ImageVersionParams['offer']>;

/**
 * Take the current version (and edition) from a Kong image: the offer passed by the code
 * lens, or the active document's. Returns the version written, or undefined.
 */
export async function useImageVersion(kong: KongClient, offer?: ImageVersionOffer): Promise<string | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const o = offer && typeof offer.version === 'string' ? offer : doc ? kong.imageOffers.get(doc.uri.toString()) : undefined;
  if (!o) {
    void vscode.window.showInformationMessage('No Kong image with a version in the active file (kong:3.4, kong/kong-gateway:3.10.0.5, Helm image.tag).');
    return undefined;
  }
  const scope = doc?.uri;
  if (readConfig(scope).edition !== o.edition) await writeSetting('edition', o.edition, scope);
  await writeVersion('currentVersion', o.version, scope);
  return o.version;
}

type VersionItem = vscode.QuickPickItem & VersionPickItem;

/** Quick pick of the known release lines, newest first, LTS marked; also accepts a typed patch version. */
export async function pickVersion(kong: KongClient, key: VersionKey): Promise<string | undefined> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const cfg = readConfig(scope);
  const known = await kong.knownVersions();
  const current = startingValue(key, key === 'currentVersion' ? cfg.currentVersion : cfg.targetVersion, known);
  const items: VersionItem[] = versionItems(known, key, current);
  const qp = vscode.window.createQuickPick<VersionItem>();
  qp.title = key === 'currentVersion' ? 'Kong version you run today' : 'Kong version you are upgrading to';
  qp.placeholder = `${current} now; pick a release line or type a patch version such as 3.4.3.19`;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.picked);
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
