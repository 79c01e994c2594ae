/** initialize / initialized: capabilities, workspace roots, settings sent at start. */
import { CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { KongSettings } from '../../protocol';
import type { ServerState } from '../state';
import { FIX_ALL_KIND, PIN_DEFAULTS_KIND, PIN_ENTITY_DEFAULTS_KIND } from './codeActions';

export function registerLifecycle(state: ServerState): void {
  const { connection } = state;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    state.canPullConfig = !!params.capabilities.workspace?.configuration;
    state.workspaceRoots = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!state.workspaceRoots.length && params.rootUri) state.workspaceRoots = [params.rootUri];
    const init = params.initializationOptions as { settings?: Partial<KongSettings> } | undefined;
    if (init?.settings) state.globalRaw = init.settings;
    state.canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ' ', '_', ','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, PIN_DEFAULTS_KIND, PIN_ENTITY_DEFAULTS_KIND, CodeActionKind.SourceFixAll] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'kong-upgrade-assistant' },
    };
  });

  connection.onInitialized(() => {
    if (state.canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kong' }).catch(() => undefined);
    if (state.canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.kong-upgrade.{yaml,yml}' }] }).catch(() => undefined);
    // Read the knowledge now, while the editor is still sending the first files (a 10 MB
    // file takes a while through the pipe), not after the first one arrived: every check
    // needs it. A failure here is reported when a check asks for it.
    setImmediate(() => {
      try {
        state.getKnowledge();
      } catch {
        // (reported by the check that needs it)
      }
    });
  });
}
