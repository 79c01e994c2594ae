/** workspace/didChangeConfiguration: new settings, every open document checked again. */
import type { KongSettings } from '../../protocol';
import type { ServerState } from '../state';
import { clearConfigCache } from '../../projectConfig';

export function registerConfiguration(state: ServerState): void {
  state.connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { kong?: Partial<KongSettings> } | null)?.kong;
    if (s && !state.canPullConfig) state.globalRaw = s;
    state.lastStatus = '';
    state.revalidateAll();
  });
  // A .kong-upgrade.yaml changed (the watcher registered at initialized): every file's settings may have.
  state.connection.onDidChangeWatchedFiles(() => {
    clearConfigCache();
    state.lastStatus = '';
    state.revalidateAll();
  });
}
