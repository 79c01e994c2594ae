/**
 * The language server through the protocol, in-process: two JSON-RPC connections joined by
 * in-memory streams, no editor involved. `connectInProcess` gives the bare client (not yet
 * listening); `startLspClient` also answers the server's requests (configuration,
 * registration), collects what it publishes and runs initialize / initialized.
 */
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { connectionOptions as serverConnectionOptions, startServer } from '../../../server/src/lsp/server';
import type { StatusParams } from '../../../server/src/protocol';

/** A server started on in-memory streams, and the client connection to it (call `listen()` after adding handlers). */
export function connectInProcess(opts: { connectionOptions?: boolean } = {}): MessageConnection {
  const up = new PassThrough();
  const down = new PassThrough();
  const reader = new StreamMessageReader(up);
  const writer = new StreamMessageWriter(down);
  startServer(opts.connectionOptions ? createConnection(reader, writer, serverConnectionOptions) : createConnection(reader, writer));
  return createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
}

export interface LspClient {
  client: MessageConnection;
  /** Every publishDiagnostics, by URI, in order (nextDiagnostics consumes them). */
  diagnostics: Map<string, PublishDiagnosticsParams[]>;
  /** Every kong/status notification, in order. */
  statuses: StatusParams[];
  /**
   * The first diagnostics published for `uri` that match `predicate` (waiting for them up to
   * `timeoutMs`); what was published for `uri` until then is dropped.
   */
  nextDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The last diagnostics published for `uri`, once they match `predicate` (nothing is dropped). */
  latestDiagnostics(uri: string, predicate?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Resolves at the next notification the helper collects, or after `ms`. */
  tick(ms?: number): Promise<void>;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  dispose(): void;
}

export interface LspClientOptions {
  /** What the client answers to workspace/configuration (read at each request, so a test may change it). */
  settings: () => unknown;
  rootUri?: string | null;
  /** Client capabilities (default: workspace configuration). */
  capabilities?: Record<string, unknown>;
  /** Further notifications to listen to (each call also wakes `tick`). */
  // biome-ignore lint/suspicious/noExplicitAny: each test types its own notification's parameters
  notifications?: Record<string, (params: any) => void>;
}

export async function startLspClient(opts: LspClientOptions): Promise<LspClient> {
  const client = connectInProcess();
  const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  const statuses: StatusParams[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, [...(diagnostics.get(p.uri) ?? []), p]);
    wake();
  });
  client.onNotification('kong/status', (p: StatusParams) => {
    statuses.push(p);
  });
  client.onNotification('window/showMessage', () => undefined);
  for (const [method, handler] of Object.entries(opts.notifications ?? {})) {
    client.onNotification(method, (p: unknown) => {
      handler(p);
      wake();
    });
  }
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings()));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: opts.rootUri ?? null, capabilities: opts.capabilities ?? { workspace: { configuration: true } } });
  await client.sendNotification('initialized', {});

  const tick = (ms = 200) =>
    new Promise<void>((r) => {
      waiters.push(r);
      setTimeout(r, ms);
    });
  return {
    client,
    diagnostics,
    statuses,
    tick,
    async nextDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = (diagnostics.get(uri) ?? []).find(predicate);
        if (got) {
          diagnostics.set(uri, []);
          return got.diagnostics;
        }
        if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify((diagnostics.get(uri) ?? []).map((p) => p.diagnostics.map((d) => d.code)))}`);
        await tick();
      }
    },
    async latestDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = diagnostics.get(uri) ?? [];
        const last = all[all.length - 1];
        if (last && predicate(last.diagnostics)) return last.diagnostics;
        if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(last?.diagnostics.map((d) => d.code))}`);
        await tick(50);
      }
    },
    open(uri, text, languageId = 'kong-conf', version = 1) {
      void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    dispose: () => client.dispose(),
  };
}
