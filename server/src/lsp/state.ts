/**
 * What the language server holds between messages: the open documents, the settings per
 * resource, the last analysis and the incremental checker of each document, and the
 * scheduling of checks. The handlers (handlers/*.ts) read and drive it; nothing here
 * registers a handler.
 */
import { type Connection, type Diagnostic, MessageType, ShowMessageNotification, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { loadKnowledge } from '../knowledge';
import { DocumentChecker, detectKind, resolveEnv, workspaceSettings, type CheckEnv, type KnowledgeSet, type WorkspaceSettings } from '../core/check';
import type { WorkspaceFile } from '../core/planner/workspace';
import { scanSettingsFiles, SETTINGS_KINDS } from './workspace';
import type { Finding } from '../core/model';
import { compareVersions, newestLts } from '../core/version';
import { supportLines } from '../core/support';
import { ImageVersionNotification, StatusNotification, type ImageVersionParams, type KongSettings, type StatusParams } from '../protocol';
import { imageVersionOffer } from '../core/imageOffer';
import { FULL_PAYLOAD_LIMIT, findingId, toDiagnostic, type PositionIndex } from './convert';
import { DocumentIndex } from './documentIndex';
import { normalizeSettings } from './settings';
import { KongPluginIndex } from './kongPlugins';
import { kongPluginsDefined } from '../core/k8s/resources';
import { acceptFindings, ignoredByProject, settingsWithProject, type ResolvedSettings } from './project';

/**
 * A declarative file larger than this gets a first publish of its first PREVIEW_BYTES
 * (exactly what the full check reports there), so the top of a big file shows its
 * problems in about half a second; the complete set follows (10 MB: ~0.5 s, then ~1.8 s).
 * Smaller files are checked whole about as fast as a preview would be.
 */
const PREVIEW_MIN_CHARS = 4 * 1024 * 1024;
const PREVIEW_BYTES = 512 * 1024;

/** Changes closer together than this are checked once, after they pause. */
export const CHANGE_DEBOUNCE_MS = 100;

export interface Analysis {
  version: number;
  env: CheckEnv | null;
  findings: Finding[];
  index: PositionIndex;
  kind: ReturnType<typeof detectKind>;
  /** Findings by `findingId` (built when a code action first needs it). */
  byId?: Map<number, Finding>;
  /** The diagnostics last published for this analysis. */
  diagnostics?: Diagnostic[];
}

export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  canPullConfig = false;
  /** Settings sent at start or by didChangeConfiguration, for clients that cannot be asked (merged with .kong-upgrade.yaml per file). */
  globalRaw: Partial<KongSettings> = {};
  canWatchFiles = false;
  workspaceRoots: string[] = [];
  readonly settingsCache = new Map<string, Promise<ResolvedSettings>>();
  readonly analyses = new Map<string, Analysis>();
  readonly checkers = new Map<string, DocumentChecker>();
  readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly lastChange = new Map<string, number>();
  lastStatus = '';
  private knowledge: KnowledgeSet | undefined;
  /** KongPlugin / KongClusterPlugin names of the workspace folders and open documents. */
  readonly kongPlugins = new KongPluginIndex(
    () => this.workspaceRoots,
    () => this.documents.all().map((d) => ({ uri: d.uri, text: d.getText() })),
  );

  constructor(
    readonly connection: Connection,
    knowledge?: KnowledgeSet,
  ) {
    this.knowledge = knowledge;
  }

  getKnowledge(): KnowledgeSet {
    return (this.knowledge ??= loadKnowledge());
  }

  /** The client's settings (explicitly set values) over the .kong-upgrade.yaml that applies to the file (see project.ts). */
  settingsFor(uri: string): Promise<ResolvedSettings> {
    let p = this.settingsCache.get(uri);
    if (!p) {
      const raw: Promise<Partial<KongSettings> | null> = this.canPullConfig
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'kong' }).catch(() => this.globalRaw)
        : Promise.resolve(this.globalRaw);
      const filePath = uri.startsWith('file:') ? URI.toPath(uri) : null;
      p = raw.then((s) => settingsWithProject(s, filePath, normalizeSettings));
      this.settingsCache.set(uri, p);
    }
    return p;
  }

  /**
   * kong.conf properties the workspace sets (its kong.conf and KONG_* files, open text
   * preferred): a declarative file's findings can depend on them (tls_certificate_verify).
   */
  private wsFiles: Map<string, WorkspaceFile> | undefined;
  private wsSettings: WorkspaceSettings | undefined;

  private settingsFilesNow(): Map<string, WorkspaceFile> {
    if (!this.wsFiles) {
      this.wsFiles = new Map();
      for (const rootUri of this.workspaceRoots) {
        try {
          for (const [uri, f] of scanSettingsFiles(URI.toPath(rootUri), (u) => this.documents.get(u)?.getText(), normalizeSettings(this.globalRaw).declarativeFiles)) this.wsFiles.set(uri, f);
        } catch {
          /* an unreadable workspace sets nothing */
        }
      }
    }
    return this.wsFiles;
  }

  currentSettings(): WorkspaceSettings {
    return (this.wsSettings ??= workspaceSettings([...this.settingsFilesNow().values()]));
  }

  /** A settings document was checked: when the workspace's settings change, the declarative files are checked again. */
  private noteSettingsText(uri: string, path: string, kind: string, text: string): void {
    const files = this.settingsFilesNow();
    const prev = files.get(uri);
    if (prev && prev.text === text && prev.kind === kind) return;
    const root = this.workspaceRoots.map((r) => URI.toPath(r)).find((r) => path.startsWith(r));
    files.set(uri, { path: root ? path.slice(root.length + 1).split(/[\\/]/).join('/') : path, kind: kind as WorkspaceFile['kind'], text });
    const before = JSON.stringify(this.currentSettings());
    this.wsSettings = undefined;
    if (JSON.stringify(this.currentSettings()) === before) return;
    for (const [u, a] of this.analyses) {
      if (a.kind !== 'declarative') continue;
      this.analyses.delete(u);
      this.schedule(u, 0);
    }
  }

  envFor(s: ResolvedSettings): { env: CheckEnv | null; status: StatusParams } {
    const k = this.getKnowledge();
    const r = resolveEnv(
      k,
      { current: s.currentVersion, target: s.targetVersion, edition: s.edition },
      { customPlugins: s.customPlugins, declarativeGlobs: s.declarativeFiles, ...(k.entities ? { settings: this.currentSettings() } : {}) },
    );
    if (!r.ok) {
      return { env: null, status: { current: s.currentVersion || '?', target: s.targetVersion || newestLts(k.releases), edition: s.edition, problems: [...r.problems, ...(s.project?.problems ?? [])] } };
    }
    const problems: string[] = [...(s.project?.problems ?? [])];
    if (compareVersions(r.env.target.version, r.env.current.version) < 0) problems.push(`The target ${r.env.target.input} is older than the current version ${r.env.current.input}: this is a downgrade`);
    return {
      env: r.env,
      status: {
        current: r.env.current.input.replace(/\.x$/i, ''),
        target: r.env.target.input.replace(/\.x$/i, ''),
        edition: r.env.target.edition,
        problems,
        notes: [...r.notes, ...(s.project?.notes ?? [])],
        // Support of both lines on the day the server runs (the core takes the day; the edge has the clock).
        support: supportLines(k.releases, [r.env.current.line.minor, r.env.target.line.minor], new Date()),
      },
    };
  }

  sendStatus(status: StatusParams): void {
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    void this.connection.sendNotification(StatusNotification, status);
    if (status.problems.some((p) => p.startsWith('Current version') || p.startsWith('Target version'))) {
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kong Upgrade Assistant: ${status.problems.join(' ')}` });
    }
  }

  private checkerFor(uri: string, path: string): DocumentChecker {
    let checker = this.checkers.get(uri);
    if (!checker) this.checkers.set(uri, (checker = new DocumentChecker(path)));
    return checker;
  }

  private readonly lastOffer = new Map<string, string>();
  /** The Kong version a document's image names, offered as the current version (sent when it changes). */
  private sendImageOffer(uri: string, path: string, text: string, s: KongSettings): void {
    let offer: ImageVersionParams['offer'] = null;
    try {
      offer = imageVersionOffer(path, text, this.getKnowledge().releases, s);
    } catch {
      offer = null;
    }
    const key = JSON.stringify(offer);
    if (this.lastOffer.get(uri) === key) return;
    this.lastOffer.set(uri, key);
    void this.connection.sendNotification(ImageVersionNotification, { uri, offer } satisfies ImageVersionParams);
  }

  private readonly definedBy = new Map<string, string>();
  /** A manifest's KongPlugin names changed: the other open manifests' annotations are checked again. */
  private kongPluginsChanged(uri: string, text: string): void {
    const key = kongPluginsDefined(text).map((d) => `${d.name}=${d.plugin ?? ''}`).join(',');
    const before = this.definedBy.get(uri);
    this.definedBy.set(uri, key);
    if (before === undefined || before === key) return;
    for (const [other, a] of this.analyses) {
      if (other === uri || a.kind !== 'kubernetes') continue;
      this.analyses.delete(other);
      this.schedule(other, CHANGE_DEBOUNCE_MS);
    }
  }

  async analyze(doc: TextDocument): Promise<Analysis> {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.env) return cached;
    const s = await this.settingsFor(doc.uri);
    const { env, status } = this.envFor(s);
    this.sendStatus(status);
    const text = doc.getText();
    const path = URI.toPath(doc.uri);
    const kind = detectKind(path, text, env ?? { declarativeGlobs: s.declarativeFiles });
    if (SETTINGS_KINDS.has(kind)) this.noteSettingsText(doc.uri, path, kind, text);
    const index = new DocumentIndex(doc, doc.version, text);
    let findings: Finding[] = [];
    if (env && kind !== 'unknown') {
      try {
        // A manifest's plugins annotations are checked against the workspace's KongPlugin names.
        const refs = kind === 'kubernetes' && /konghq\.com\/plugins|plugins\.konghq\.com/.test(text);
        const checked = this.checkerFor(doc.uri, path).check(kind, text, refs ? { ...env, kongPlugins: this.kongPlugins.scope() } : env).findings;
        findings = ignoredByProject(s, path) ? [] : acceptFindings(checked, text, kind, path, s);
      } catch (err) {
        this.connection.console.error(`check failed for ${doc.uri}: ${(err as Error)?.stack ?? err}`);
        findings = [];
      }
    }
    const a: Analysis = { version: doc.version, env, findings, index, kind };
    if (kind === 'kubernetes') this.kongPluginsChanged(doc.uri, text);
    // (Not for decK files: they name no image, and a big one should not pay for the scan.)
    if (kind !== 'declarative' && text.length <= 2_000_000) this.sendImageOffer(doc.uri, path, text, s);
    // Only keep it if the document did not move on meanwhile.
    if (this.documents.get(doc.uri)?.version === doc.version) this.analyses.set(doc.uri, a);
    return a;
  }

  /**
   * Before the first full check of a large declarative file: publish the findings of its
   * first stretch (what the editor shows when the file opens), then let that message go
   * out before the long check runs. The full check reuses what was parsed here and
   * publishes the complete set.
   */
  private async publishPreview(doc: TextDocument): Promise<void> {
    const s = await this.settingsFor(doc.uri);
    const { env } = this.envFor(s);
    if (!env || this.documents.get(doc.uri)?.version !== doc.version) return;
    const text = doc.getText();
    const path = URI.toPath(doc.uri);
    const kind = detectKind(path, text, env);
    if (kind !== 'declarative') return;
    const checker = this.checkerFor(doc.uri, path);
    let r: ReturnType<DocumentChecker['preview']> = null;
    try {
      r = checker.preview(kind, text, env, PREVIEW_BYTES);
    } catch (err) {
      this.connection.console.error(`preview failed for ${doc.uri}: ${(err as Error)?.stack ?? err}`);
    }
    if (!r) return;
    const index = new DocumentIndex(doc, doc.version, text);
    const sent = this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: r.findings.map((f) => toDiagnostic(index, f)) });
    // The promise settles once the message is handed to the transport; do not wait long on a slow reader.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([sent.catch(() => undefined), new Promise<void>((res) => (timer = setTimeout(res, 250)))]);
    clearTimeout(timer);
  }

  async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    if (!this.analyses.has(uri) && doc.getText().length > PREVIEW_MIN_CHARS) await this.publishPreview(doc);
    const a = await this.analyze(doc);
    if (this.documents.get(uri)?.version !== a.version) return; // stale
    const diagnostics: Diagnostic[] = new Array(a.findings.length);
    const full = a.findings.length <= FULL_PAYLOAD_LIMIT;
    const at = a.index instanceof DocumentIndex && a.findings.length > 1000 ? a.index.cursor() : a.index;
    for (let i = 0; i < a.findings.length; i++) diagnostics[i] = toDiagnostic(at, a.findings[i]!, full);
    a.diagnostics = diagnostics;
    void this.connection.sendDiagnostics({ uri, version: a.version, diagnostics });
  }

  schedule(uri: string, delay: number): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.validate(uri).catch((err) => this.connection.console.error(`validation failed: ${(err as Error)?.stack ?? err}`));
      }, delay),
    );
  }

  revalidateAll(): void {
    this.analyses.clear();
    this.settingsCache.clear();
    for (const d of this.documents.all()) this.schedule(d.uri, 0);
  }

  /** A settings document closed: what is on disk applies again (scanned anew when next needed). */
  private settingsDocClosed(uri: string): void {
    if (!this.wsFiles?.has(uri)) return;
    const before = JSON.stringify(this.currentSettings());
    this.wsFiles = undefined;
    this.wsSettings = undefined;
    if (JSON.stringify(this.currentSettings()) === before) return;
    for (const [u, a] of this.analyses) {
      if (a.kind !== 'declarative' || u === uri) continue;
      this.analyses.delete(u);
      this.schedule(u, 0);
    }
  }

  /** A document closed: forget everything about it and clear its diagnostics. */
  forget(uri: string): void {
    this.analyses.delete(uri);
    this.lastOffer.delete(uri);
    this.definedBy.delete(uri);
    this.lastChange.delete(uri);
    this.checkers.delete(uri);
    this.settingsCache.delete(uri);
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.settingsDocClosed(uri);
  }

  findingById(a: Analysis, id: number): Finding | undefined {
    if (!a.byId) {
      a.byId = new Map();
      for (const f of a.findings) a.byId.set(findingId(f), f);
    }
    return a.byId.get(id);
  }
}
