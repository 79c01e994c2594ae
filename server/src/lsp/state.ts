/**
 * What the language server holds between messages: the open documents, the settings per
 * resource, the last analysis and the incremental checker of each document, and the
 * scheduling of checks. The handlers (handlers/*.ts) read and drive it; nothing here
 * registers a handler.
 */
import { type CancellationToken, type Connection, type Diagnostic, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification, TextDocuments } from 'vscode-languageserver';
import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import { requestText, type RequestText } from './requestText';
import { getHeapStatistics } from 'node:v8';
import { LazyTextDocument, lazyDocuments } from './lazyDocument';
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
import { incompleteFinding } from '../core/check';
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
/** A change read this soon after a check (and its publish) ended had queued up behind it. */
const QUEUED_MS = 20;
/** While changes keep coming, the newest version is still checked this often. */
const CHANGE_MAX_WAIT_MS = 1000;
/** A document's lines are read ahead after its diagnostics when no message came for this long. */
const WARM_AFTER_MS = 50;
/** A check runs this long before it lets waiting messages in. */
const SLICE_MS = 8;
/** At most this many messages are let in between two slices of a check. */
const MAX_TURNS = 64;

/**
 * What one check of one document version may spend: this much time working (its slices
 * added up, not the time other messages took between them: 120 s, ten times what a
 * 50 MB decK file takes on an idle machine), and the server's heap may not grow past
 * this while it runs (3 GB, or three quarters of the heap's limit if that is lower). Past either, the check stops and the file gets one
 * `check-incomplete` diagnostic; other documents and requests go on as usual.
 * KONG_UPGRADE_CHECK_BUDGET_MS / KONG_UPGRADE_CHECK_HEAP_MB set other limits.
 */
export function checkBudget(env: NodeJS.ProcessEnv = process.env): { ms: number; heapBytes: number } {
  const num = (v: string | undefined, d: number) => {
    const n = Number(v);
    return v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? n : d;
  };
  // (Below the heap's own limit, so the check stops before the process runs out of memory.)
  const heapMb = Math.min(3072, Math.floor((getHeapStatistics().heap_size_limit * 0.75) / 2 ** 20));
  return { ms: num(env.KONG_UPGRADE_CHECK_BUDGET_MS, 120_000), heapBytes: num(env.KONG_UPGRADE_CHECK_HEAP_MB, heapMb) * 2 ** 20 };
}

/** A check in progress: of one version of one document. */
interface Run {
  version: number;
  /** A request waits for this version's findings: do not drop the run when the text moves on. */
  wanted: boolean;
  /** Drop the run at its next step (a newer version makes it useless). */
  abort: boolean;
  promise: Promise<Analysis | null>;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export interface Analysis {
  version: number;
  /** The text this analysis is of. */
  text: string;
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
  readonly documents = new TextDocuments<TextDocument>(lazyDocuments);
  canPullConfig = false;
  /** Settings sent at start or by didChangeConfiguration, for clients that cannot be asked (merged with .kong-upgrade.yaml per file). */
  globalRaw: Partial<KongSettings> = {};
  canWatchFiles = false;
  workspaceRoots: string[] = [];
  readonly settingsCache = new Map<string, Promise<ResolvedSettings>>();
  /** The newest finished analysis of each document (may be of an older version than the document). */
  readonly analyses = new Map<string, Analysis>();
  readonly checkers = new Map<string, DocumentChecker>();
  /** The pending check of each document: when it is due, and the timer that wakes it (at `wakes`, then waits the rest). */
  private readonly timers = new Map<string, { due: number; wakes: number; handle: ReturnType<typeof setTimeout> }>();
  readonly lastChange = new Map<string, number>();
  /** When the oldest change not yet checked came (for CHANGE_MAX_WAIT_MS). */
  private readonly firstUnchecked = new Map<string, number>();
  private readonly lastCheckEnd = new Map<string, number>();
  private readonly running = new Map<string, Run>();
  /** Counts the messages handled: a check that yields waits until no more come in. */
  private messages = 0;
  lastStatus = '';
  private knowledge: KnowledgeSet | undefined;
  /** KongPlugin / KongClusterPlugin names of the workspace folders and open documents. */
  readonly kongPlugins = new KongPluginIndex(
    () => this.workspaceRoots,
    () => this.documents.all().map((d) => ({ uri: d.uri, text: d.getText() })),
  );
  private readonly envs = new WeakMap<KongSettings, ReturnType<ServerState['envFor']>>();
  private readonly budget: { ms: number; heapBytes: number };

  constructor(
    readonly connection: Connection,
    knowledge?: KnowledgeSet,
    budget: { ms: number; heapBytes: number } = checkBudget(),
  ) {
    this.knowledge = knowledge;
    this.budget = budget;
  }

  /** Every handler calls this first: a message was taken from the queue. */
  touch(): void {
    this.messages++;
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
    files.set(uri, {
      path: root
        ? path
            .slice(root.length + 1)
            .split(/[\\/]/)
            .join('/')
        : path,
      kind: kind as WorkspaceFile['kind'],
      text,
    });
    const before = JSON.stringify(this.currentSettings());
    this.wsSettings = undefined;
    if (JSON.stringify(this.currentSettings()) === before) return;
    // Environments are cached per settings object; they carry the workspace settings, so resolve them again.
    this.settingsCache.clear();
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
      { current: s.currentVersion, target: s.targetVersion, edition: s.edition, editionIsDefault: s.editionIsDefault === true },
      { customPlugins: s.customPlugins, declarativeGlobs: s.declarativeFiles, ...(k.entities ? { settings: this.currentSettings() } : {}) },
    );
    if (!r.ok) {
      return {
        env: null,
        status: { current: s.currentVersion || '?', target: s.targetVersion || newestLts(k.releases), edition: s.edition, problems: [...r.problems, ...(s.project?.problems ?? [])] },
      };
    }
    const problems: string[] = [...(s.project?.problems ?? [])];
    if (compareVersions(r.env.target.version, r.env.current.version) < 0)
      problems.push(`The target ${r.env.target.input} is older than the current version ${r.env.current.input}: this is a downgrade`);
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

  checkerFor(uri: string, path: string): DocumentChecker {
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
    const key = kongPluginsDefined(text)
      .map((d) => `${d.name}=${d.plugin ?? ''}`)
      .join(',');
    const before = this.definedBy.get(uri);
    this.definedBy.set(uri, key);
    if (before === undefined || before === key) return;
    for (const [other, a] of this.analyses) {
      if (other === uri || a.kind !== 'kubernetes') continue;
      this.analyses.delete(other);
      this.schedule(other, CHANGE_DEBOUNCE_MS);
    }
  }

  /** The env and status for some settings (resolved once per settings object). */
  private envOf(s: KongSettings): ReturnType<ServerState['envFor']> {
    let e = this.envs.get(s);
    if (!e) this.envs.set(s, (e = this.envFor(s)));
    return e;
  }

  /**
   * What hover and completion read at a position, from the document as it is now: no
   * check involved, so they answer at once however many checks are pending; and of a
   * big decK file only the cursor's entry (see requestText.ts).
   */
  async requestAt(uri: string, position: Position, purpose: 'hover' | 'completion'): Promise<({ doc: TextDocument; env: CheckEnv } & RequestText) | null> {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    const s = await this.settingsFor(uri);
    const { env, status } = this.envOf(s);
    this.sendStatus(status);
    const now = this.documents.get(uri);
    if (!env || !now) return null;
    const r = requestText(now, URI.toPath(uri), env, now.offsetAt(position), purpose);
    return r && { doc: now, env, ...r };
  }

  /**
   * The analysis of the document's version as it is now (what a request was sent
   * against): the one already made, the check of that version in progress, or a check of
   * it started now. Not a queue: a check of an older version is dropped, and the text
   * moving on while this version is checked does not drop this one.
   */
  async analyze(doc: TextDocument): Promise<Analysis> {
    const uri = doc.uri;
    const version = doc.version;
    const text = doc.getText();
    for (;;) {
      const a = await this.analysisOf(uri, doc, version, text, true);
      if (a) return a;
    }
  }

  /** The analysis of `version` (with its `text`); null when a background check was dropped. */
  private async analysisOf(uri: string, doc: TextDocument, version: number, text: string, wanted: boolean): Promise<Analysis | null> {
    for (;;) {
      const a = this.analyses.get(uri);
      if (a && a.version === version && a.env) return a;
      const run = this.running.get(uri);
      if (run) {
        if (run.version === version) {
          if (wanted) {
            run.wanted = true;
            run.abort = false;
          }
          const got = await run.promise;
          if (got || !wanted) return got;
          continue;
        }
        if (run.version < version && !run.wanted) run.abort = true;
        await run.promise;
        continue;
      }
      const r: Run = { version, wanted, abort: false, promise: Promise.resolve(null) };
      r.promise = this.execute(uri, doc, version, text, r).finally(() => {
        if (this.running.get(uri) === r) this.running.delete(uri);
        this.lastCheckEnd.set(uri, Date.now());
      });
      this.running.set(uri, r);
      const got = await r.promise;
      if (got || !wanted) return got;
    }
  }

  /**
   * Check one version, a slice at a time: between slices the messages waiting in the queue
   * are handled (changes, requests on this or other documents), then the check goes on,
   * or stops if it was dropped meanwhile.
   */
  private async execute(uri: string, doc: TextDocument, version: number, text: string, run: Run): Promise<Analysis | null> {
    const s = await this.settingsFor(uri);
    const { env, status } = this.envOf(s);
    this.sendStatus(status);
    const path = URI.toPath(uri);
    const kind = detectKind(path, text, env ?? { declarativeGlobs: s.declarativeFiles });
    if (SETTINGS_KINDS.has(kind)) this.noteSettingsText(doc.uri, path, kind, text);
    let findings: Finding[] = [];
    if (env && kind !== 'unknown') {
      // A manifest's plugins annotations are checked against the workspace's KongPlugin names.
      const refs = kind === 'kubernetes' && /konghq\.com\/plugins|plugins\.konghq\.com/.test(text);
      const steps = this.checkerFor(uri, path).checkSteps(kind, text, refs ? { ...env, kongPlugins: this.kongPlugins.scope() } : env);
      try {
        let sliceStart = performance.now();
        let spent = 0;
        for (;;) {
          const r = steps.next();
          if (r.done) {
            const res = r.value;
            if (res.internalError) this.connection.console.error(`check could not finish for ${uri}: ${res.internalError.stack ?? res.internalError.message}`);
            findings = ignoredByProject(s, path) ? [] : acceptFindings(res.findings, text, kind, path, s);
            break;
          }
          const now = performance.now();
          if (now - sliceStart < SLICE_MS) continue;
          spent += now - sliceStart;
          const over =
            spent > this.budget.ms
              ? `it took more than ${formatMs(this.budget.ms)}`
              : process.memoryUsage().heapUsed > this.budget.heapBytes
                ? `the server's memory went past ${Math.round(this.budget.heapBytes / 2 ** 20)} MB`
                : null;
          if (over) {
            // Stop here (the checker starts this file afresh next time) and say so once.
            steps.return(undefined as never);
            this.checkers.delete(uri);
            this.connection.console.warn(`check of ${uri} stopped: ${over}`);
            findings = ignoredByProject(s, path) ? [] : [incompleteFinding(`${over} (the budget per file)`, text)];
            break;
          }
          await this.yieldToMessages(run);
          if (run.abort || !this.documents.get(uri)) {
            steps.return(undefined as never);
            return null;
          }
          sliceStart = performance.now();
        }
      } catch (err) {
        this.connection.console.error(`check failed for ${uri}: ${(err as Error)?.stack ?? err}`);
        findings = [];
      }
    }
    const a: Analysis = { version, text, env, findings, index: new DocumentIndex(doc, version, text), kind };
    const prev = this.analyses.get(uri);
    if (this.documents.get(uri) && (!prev || prev.version <= version)) this.analyses.set(uri, a);
    if (kind === 'kubernetes') this.kongPluginsChanged(uri, text);
    // (Not for decK files: they name no image, and a big one should not pay for the scan.)
    if (kind !== 'declarative' && text.length <= 2_000_000) this.sendImageOffer(uri, path, text, s);
    return a;
  }

  /**
   * Let the event loop run until a turn passes in which no message was handled (the
   * library hands over one message per turn), the run is dropped, or MAX_TURNS messages
   * went by (then the check takes its next slice: a long stream of messages does not
   * starve it).
   */
  private async yieldToMessages(run?: Run): Promise<void> {
    for (let turns = 0; turns < MAX_TURNS; turns++) {
      const seen = this.messages;
      await new Promise<void>((res) => setImmediate(res));
      if (this.messages === seen || run?.abort) return;
    }
  }

  /** A request's answer when the client cancelled it meanwhile. */
  static cancelled(token: CancellationToken | undefined): ResponseError<void> | null {
    return token?.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : null;
  }

  /**
   * Before the first full check of a large declarative file: publish the findings of its
   * first stretch (what the editor shows when the file opens), then let that message go
   * out before the long check runs. The full check reuses what was parsed here and
   * publishes the complete set.
   */
  private async publishPreview(doc: TextDocument): Promise<void> {
    const s = await this.settingsFor(doc.uri);
    const { env } = this.envOf(s);
    if (!env || this.documents.get(doc.uri)?.version !== doc.version || this.running.has(doc.uri)) return;
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
    // Positions by a cursor over the text (findings come in order): no line table of the whole file before the first publish.
    const index = new DocumentIndex(doc, doc.version, text).cursor();
    const sent = this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: r.findings.map((f) => toDiagnostic(index, f)) });
    // The promise settles once the message is handed to the transport; do not wait long on a slow reader.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([sent.catch(() => undefined), new Promise<void>((res) => (timer = setTimeout(res, 250)))]);
    clearTimeout(timer);
  }

  async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    // Messages already waiting go first: when they are a burst of typing, the text moves on
    // and the check of this version would be thrown away (a newer check is scheduled).
    const version = doc.version;
    await this.yieldToMessages();
    if (this.documents.get(uri)?.version !== version || this.timers.has(uri)) return;
    this.firstUnchecked.delete(uri);
    if (!this.analyses.has(uri) && doc.getText().length > PREVIEW_MIN_CHARS) await this.publishPreview(doc);
    const now = this.documents.get(uri);
    if (!now) return;
    const a = await this.analysisOf(uri, now, now.version, now.getText(), false);
    if (!a || this.documents.get(uri)?.version !== a.version) return; // dropped or stale: the newer change scheduled its own check
    if (a.diagnostics) return; // published already
    const diagnostics: Diagnostic[] = new Array(a.findings.length);
    const full = a.findings.length <= FULL_PAYLOAD_LIMIT;
    const at = a.index instanceof DocumentIndex && a.findings.length > 1000 ? a.index.cursor() : a.index;
    // A slice at a time, letting waiting messages in between: in a burst of typing the
    // version moves on meanwhile, and thousands of stale diagnostics are not worth sending.
    let sliceStart = performance.now();
    for (let i = 0; i < a.findings.length; i++) {
      diagnostics[i] = toDiagnostic(at, a.findings[i]!, full);
      if ((i & 255) === 255 && performance.now() - sliceStart >= SLICE_MS) {
        await this.yieldToMessages();
        if (this.documents.get(uri)?.version !== a.version || a.diagnostics) return;
        sliceStart = performance.now();
      }
    }
    await this.yieldToMessages();
    if (this.documents.get(uri)?.version !== a.version || a.diagnostics) return;
    a.diagnostics = diagnostics;
    await this.connection.sendDiagnostics({ uri, version: a.version, diagnostics }).catch(() => undefined);
    this.lastCheckEnd.set(uri, Date.now());
    if (a.kind === 'declarative') this.warmLines(uri, a.version);
  }

  /**
   * Once a decK file's diagnostics are out and the server is idle, read its line table
   * and line shapes (what the first keystroke and the first hover would read: 1 MB, about
   * 30 ms), so a burst of typing does not start by waiting for them.
   */
  private warmLines(uri: string, version: number): void {
    const seen = this.messages;
    setTimeout(() => {
      const doc = this.documents.get(uri);
      if (this.messages !== seen || this.running.has(uri) || !(doc instanceof LazyTextDocument) || doc.version !== version) return;
      // (JSON is read whole by requests: its lines are not needed.)
      if (!/^\s*[{[]/.test(doc.slice(0, 4096))) doc.lineView();
    }, WARM_AFTER_MS).unref?.();
  }

  /**
   * Check a document `delay` ms from now. A burst of changes moves the time on with each
   * keystroke: the timer already set is not replaced (a timer per keystroke cost more than
   * the keystroke); it wakes, sees the later time and sleeps the rest.
   */
  schedule(uri: string, delay: number): void {
    const due = Date.now() + delay;
    const t = this.timers.get(uri);
    if (t) {
      if (due >= t.wakes) {
        t.due = due;
        return;
      }
      clearTimeout(t.handle);
    }
    const entry = { due, wakes: due, handle: undefined as unknown as ReturnType<typeof setTimeout> };
    const wake = () => {
      const left = entry.due - Date.now();
      if (left > 0) {
        entry.wakes = entry.due;
        entry.handle = setTimeout(wake, left);
        return;
      }
      this.timers.delete(uri);
      this.validate(uri).catch((err) => this.connection.console.error(`validation failed: ${(err as Error)?.stack ?? err}`));
    };
    entry.handle = setTimeout(wake, delay);
    this.timers.set(uri, entry);
  }

  /**
   * A document changed. Nothing is checked here: a running check of an older version that
   * no request waits for is dropped, and the newest version is checked once the changes
   * pause (at once after a quiet spell; at least every CHANGE_MAX_WAIT_MS while they go on).
   * Quiet means no change for CHANGE_DEBOUNCE_MS, and the change did not come right after
   * a check and its publish ended: changes that queued up behind them are a burst, not a
   * pause (they are read within a few ms of the end; a change typed after the diagnostics
   * came is checked at once, not after a debounce).
   */
  noteChange(uri: string): void {
    const now = Date.now();
    const prev = Math.max(this.lastChange.get(uri) ?? -Infinity, (this.lastCheckEnd.get(uri) ?? -Infinity) - CHANGE_DEBOUNCE_MS + QUEUED_MS);
    this.lastChange.set(uri, now);
    const run = this.running.get(uri);
    if (run && !run.wanted) run.abort = true;
    if (!this.firstUnchecked.has(uri)) this.firstUnchecked.set(uri, now);
    const idle = !this.timers.has(uri) && !run;
    if (idle && (!this.analyses.has(uri) || now - prev >= CHANGE_DEBOUNCE_MS)) {
      this.schedule(uri, 0);
      return;
    }
    const waited = now - this.firstUnchecked.get(uri)!;
    this.schedule(uri, Math.max(0, Math.min(CHANGE_DEBOUNCE_MS, CHANGE_MAX_WAIT_MS - waited)));
  }

  revalidateAll(): void {
    this.analyses.clear();
    this.settingsCache.clear();
    for (const r of this.running.values()) if (!r.wanted) r.abort = true;
    for (const d of this.documents.all()) this.schedule(d.uri, 0);
  }

  /** A settings document closed: what is on disk applies again (scanned anew when next needed). */
  private settingsDocClosed(uri: string): void {
    if (!this.wsFiles?.has(uri)) return;
    const before = JSON.stringify(this.currentSettings());
    this.wsFiles = undefined;
    this.wsSettings = undefined;
    if (JSON.stringify(this.currentSettings()) === before) return;
    // Environments are cached per settings object; they carry the workspace settings, so resolve them again.
    this.settingsCache.clear();
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
    this.firstUnchecked.delete(uri);
    this.lastCheckEnd.delete(uri);
    const run = this.running.get(uri);
    if (run) run.abort = true;
    this.checkers.delete(uri);
    this.settingsCache.delete(uri);
    const t = this.timers.get(uri);
    if (t) clearTimeout(t.handle);
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
