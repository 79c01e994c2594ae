/** kong/knownVersions: the released lines for the client's version pickers. */
import { KnownVersionsRequest, type KnownVersionsResult } from '../../protocol';
import { knownVersions } from '../versions';
import type { ServerState } from '../state';

export function registerKnownVersions(state: ServerState): void {
  state.connection.onRequest(KnownVersionsRequest, (): KnownVersionsResult => knownVersions(state.getKnowledge().releases, new Date()));
}
