/** Activation only composes: the language client, the status bar, the commands. */
import * as vscode from 'vscode';
import { startClient, type KongClient } from './client';
import { registerCommands } from './commands';
import { StatusBar } from './statusBar';
import { registerPlanFeature, type PlanFeature } from './features/planUpgrade';
import { trackKongFiles } from './features/kongFilesContext';

let kong: KongClient | undefined;

/** What `activate` returns (the extension's exports); used by the end-to-end tests. */
export interface KongExtensionApi {
  client: KongClient;
  plan: PlanFeature;
  /** The Kong status bar item's text now (`$(arrow-up) Kong 2.8 → 3.10`), empty while hidden. */
  readonly status: string;
  /** The image hint beside it (`$(lightbulb) Kong 3.4 in deployment.yaml`), empty while hidden. */
  readonly imageHint: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<KongExtensionApi> {
  const output = vscode.window.createOutputChannel('Kong Upgrade Assistant', { log: true });
  context.subscriptions.push(output);
  kong = await startClient(context, output);
  const status = new StatusBar(kong);
  context.subscriptions.push(status);
  registerCommands(context, kong, status, output);
  const plan = registerPlanFeature(context, kong);
  await vscode.commands.executeCommand('setContext', 'kong.active', true);
  // The Upgrade Path view shows only where the workspace has Kong files (or a plan was asked for).
  void trackKongFiles(context, output);
  return {
    client: kong,
    plan,
    get status() {
      return status.text;
    },
    get imageHint() {
      return status.offerText;
    },
  };
}

export async function deactivate(): Promise<void> {
  await kong?.stop();
}
