/** workspace/didChangeConfiguration: new settings, every open document checked again. */
import type { KongSettings } from '../../protocol';
import type { ServerState } from '../state';
import { normalizeSettings } from '../settings';

export function registerConfiguration(state: ServerState): void {
  state.connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { kong?: Partial<KongSettings> } | null)?.kong;
    if (s && !state.canPullConfig) state.globalSettings = normalizeSettings(s);
    state.lastStatus = '';
    state.revalidateAll();
  });
}
