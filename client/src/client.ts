import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ImageVersionNotification, KnownVersionsRequest, StatusNotification, type ImageVersionParams, type KnownVersionsResult, type StatusParams } from '../../server/src/protocol';
import { settingsForServer } from './config';

import { documentSelector } from './selector';

export { documentSelector };

export interface KongClient {
  client: LanguageClient;
  status: StatusParams | undefined;
  onStatus: vscode.Event<StatusParams>;
  /** The Kong version each open document's image names, offered as the current version (by URI). */
  imageOffers: Map<string, NonNullable<ImageVersionParams['offer']>>;
  onImageOffer: vscode.Event<ImageVersionParams>;
  knownVersions(): Promise<KnownVersionsResult>;
  stop(): Promise<void>;
}

export async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<KongClient> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // .kong-upgrade.yaml changes reach the server through the watcher it registers itself.
    synchronize: { configurationSection: 'kong' },
    middleware: {
      workspace: {
        // Only the values the user set, so the project's .kong-upgrade.yaml applies elsewhere (see settingsForServer).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === 'kong' ? settingsForServer(item.scopeUri) : result[i]));
        },
      },
    },
    outputChannel: output,
    traceOutputChannel: output,
  };
  const client = new LanguageClient('kong', 'Kong Upgrade Assistant', serverOptions, clientOptions);
  const emitter = new vscode.EventEmitter<StatusParams>();
  const offers = new vscode.EventEmitter<ImageVersionParams>();
  const api: KongClient = {
    client,
    status: undefined,
    onStatus: emitter.event,
    imageOffers: new Map(),
    onImageOffer: offers.event,
    knownVersions: () => client.sendRequest<KnownVersionsResult>(KnownVersionsRequest, {}),
    stop: () => client.stop(),
  };
  context.subscriptions.push(emitter, offers);
  await client.start();
  client.onNotification(StatusNotification, (p: StatusParams) => {
    api.status = p;
    emitter.fire(p);
    for (const problem of p.problems) output.warn(problem);
    for (const note of p.notes ?? []) output.info(note);
  });
  client.onNotification(ImageVersionNotification, (p: ImageVersionParams) => {
    if (p.offer) api.imageOffers.set(p.uri, p.offer);
    else api.imageOffers.delete(p.uri);
    offers.fire(p);
  });
  return api;
}
