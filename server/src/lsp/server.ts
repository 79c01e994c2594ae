/**
 * The language server: one registration table, handlers that convert at the edge
 * and call the core. Works over stdio (any editor) or node IPC (the VS Code client).
 */
import {
  CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  CompletionItemKind,
  type CompletionParams,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  type Hover,
  type HoverParams,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { loadKnowledge } from '../knowledge';
import { DocumentChecker, detectKind, fixAllEdits, resolveEnv, type CheckEnv, type KnowledgeSet } from '../core/check';
import { hoverAt } from '../core/hover';
import { completeAt } from '../core/complete';
import { pinDefaultsEdits } from '../core/conf/pin';
import type { Finding } from '../core/model';
import { LineIndex } from '../core/text';
import { isNginxTemplate, planForWorkspaceEdition } from '../core/planner/workspace';
import { planToMarkdown } from '../core/planner/markdown';
import type { PlanInput } from '../core/planner/types';
import { scanWorkspace, type ScanResult } from './workspace';
import * as fs from 'node:fs';
import { compareVersions, newestLts } from '../core/version';
import {
  defaultSettings,
  FileSummaryRequest,
  KnownVersionsRequest,
  StatusNotification,
  UpgradePlanRequest,
  type UpgradePlanParams,
  type UpgradePlanResult,
  type FileSummaryParams,
  type FileSummaryResult,
  type KnownVersionsResult,
  type KongSettings,
  type StatusParams,
} from '../protocol';
import { FULL_PAYLOAD_LIMIT, dataId, findingId, fromPosition, fromRange, quickFixAction, toDiagnostic, toRange, toTextEdit, type PositionIndex } from './convert';
import { knownVersions } from './versions';

/**
 * A declarative file larger than this gets a first publish of its first PREVIEW_BYTES
 * (exactly what the full check reports there), so the top of a big file shows its
 * problems in about half a second; the complete set follows (10 MB: ~0.5 s, then ~1.8 s).
 * Smaller files are checked whole about as fast as a preview would be.
 */
const PREVIEW_MIN_CHARS = 4 * 1024 * 1024;
const PREVIEW_BYTES = 512 * 1024;

/** Changes closer together than this are checked once, after they pause. */
const CHANGE_DEBOUNCE_MS = 100;

export const FIX_ALL_KIND = 'source.fixAll.kong';
export const PIN_DEFAULTS_KIND = 'source.pinDefaults.kong';

interface Analysis {
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

/**
 * The line table of one version of an open document. The TextDocument keeps its line
 * offsets current edit by edit, so a big file does not pay for a fresh line scan on every
 * analysis; once the document has moved on, a LineIndex over the analysed text answers.
 */
export class DocumentIndex implements PositionIndex {
  private own: LineIndex | undefined;
  constructor(
    private readonly doc: TextDocument,
    private readonly version: number,
    private readonly text: string,
  ) {}
  private live(): boolean {
    return this.doc.version === this.version && this.doc.getText() === this.text;
  }
  positionAt(offset: number): { line: number; character: number } {
    if (!this.own && this.live()) return this.doc.positionAt(offset);
    return (this.own ??= new LineIndex(this.text)).positionAt(offset);
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (!this.own && this.live()) return this.doc.offsetAt(pos);
    return (this.own ??= new LineIndex(this.text)).offsetAt(pos);
  }
  /**
   * Positions for offsets that mostly come in order (findings sorted by position): a
   * cursor that walks from line to line, so converting a first analysis does not need a
   * line table of the whole text. Same answers as `positionAt`; text with a carriage
   * return (a line break of its own for LSP) uses `positionAt` itself.
   */
  cursor(): PositionIndex {
    const text = this.text;
    if (text.indexOf('\r') >= 0) return this;
    let line = 0;
    let lineStart = 0;
    let nextNl = text.indexOf('\n');
    return {
      positionAt: (offset: number) => {
        const off = Math.max(0, Math.min(offset, text.length));
        while (off < lineStart) {
          nextNl = lineStart - 1;
          const p = lineStart - 2;
          lineStart = p < 0 ? 0 : text.lastIndexOf('\n', p) + 1;
          line--;
        }
        while (nextNl >= 0 && nextNl < off) {
          line++;
          lineStart = nextNl + 1;
          nextNl = text.indexOf('\n', lineStart);
        }
        return { line, character: off - lineStart };
      },
      offsetAt: (pos) => this.offsetAt(pos),
    };
  }
}

export function startServer(connection: Connection, options: { knowledge?: KnowledgeSet } = {}): void {
  const documents = new TextDocuments(TextDocument);
  let knowledge: KnowledgeSet | undefined = options.knowledge;
  let canPullConfig = false;
  const settingsCache = new Map<string, Promise<KongSettings>>();
  const analyses = new Map<string, Analysis>();
  const checkers = new Map<string, DocumentChecker>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastChange = new Map<string, number>();
  let lastStatus = '';

  const getKnowledge = (): KnowledgeSet => (knowledge ??= loadKnowledge());

  async function settingsFor(uri: string): Promise<KongSettings> {
    if (!canPullConfig) return globalSettings;
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'kong' })
        .then((s: Partial<KongSettings> | null) => normalizeSettings(s))
        .catch(() => globalSettings);
      settingsCache.set(uri, p);
    }
    return p;
  }
  let globalSettings: KongSettings = { ...defaultSettings };

  function envFor(s: KongSettings): { env: CheckEnv | null; status: StatusParams } {
    const k = getKnowledge();
    const r = resolveEnv(k, { current: s.currentVersion, target: s.targetVersion, edition: s.edition }, { customPlugins: s.customPlugins, declarativeGlobs: s.declarativeFiles });
    if (!r.ok) {
      return { env: null, status: { current: s.currentVersion || '?', target: s.targetVersion || newestLts(k.releases), edition: s.edition, problems: r.problems } };
    }
    const problems: string[] = [];
    if (compareVersions(r.env.target.version, r.env.current.version) < 0) problems.push(`The target ${r.env.target.input} is older than the current version ${r.env.current.input}: this is a downgrade`);
    return {
      env: r.env,
      status: { current: r.env.current.input.replace(/\.x$/i, ''), target: r.env.target.input.replace(/\.x$/i, ''), edition: r.env.target.edition, problems, notes: r.notes },
    };
  }

  function sendStatus(status: StatusParams): void {
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    void connection.sendNotification(StatusNotification, status);
    if (status.problems.some((p) => p.startsWith('Current version') || p.startsWith('Target version'))) {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kong Upgrade Assistant: ${status.problems.join(' ')}` });
    }
  }

  async function analyze(doc: TextDocument): Promise<Analysis> {
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.env) return cached;
    const s = await settingsFor(doc.uri);
    const { env, status } = envFor(s);
    sendStatus(status);
    const text = doc.getText();
    const path = URI.toPath(doc.uri);
    const kind = detectKind(path, text, env ?? { declarativeGlobs: s.declarativeFiles });
    const index = new DocumentIndex(doc, doc.version, text);
    let findings: Finding[] = [];
    if (env && kind !== 'unknown') {
      try {
        let checker = checkers.get(doc.uri);
        if (!checker) checkers.set(doc.uri, (checker = new DocumentChecker(path)));
        findings = checker.check(kind, text, env).findings;
      } catch (err) {
        connection.console.error(`check failed for ${doc.uri}: ${(err as Error)?.stack ?? err}`);
        findings = [];
      }
    }
    const a: Analysis = { version: doc.version, env, findings, index, kind };
    // Only keep it if the document did not move on meanwhile.
    if (documents.get(doc.uri)?.version === doc.version) analyses.set(doc.uri, a);
    return a;
  }

  /**
   * Before the first full check of a large declarative file: publish the findings of its
   * first stretch (what the editor shows when the file opens), then let that message go
   * out before the long check runs. The full check reuses what was parsed here and
   * publishes the complete set.
   */
  async function publishPreview(doc: TextDocument): Promise<void> {
    const s = await settingsFor(doc.uri);
    const { env } = envFor(s);
    if (!env || documents.get(doc.uri)?.version !== doc.version) return;
    const text = doc.getText();
    const path = URI.toPath(doc.uri);
    const kind = detectKind(path, text, env);
    if (kind !== 'declarative') return;
    let checker = checkers.get(doc.uri);
    if (!checker) checkers.set(doc.uri, (checker = new DocumentChecker(path)));
    let r: ReturnType<DocumentChecker['preview']> = null;
    try {
      r = checker.preview(kind, text, env, PREVIEW_BYTES);
    } catch (err) {
      connection.console.error(`preview failed for ${doc.uri}: ${(err as Error)?.stack ?? err}`);
    }
    if (!r) return;
    const index = new DocumentIndex(doc, doc.version, text);
    const sent = connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: r.findings.map((f) => toDiagnostic(index, f)) });
    // The promise settles once the message is handed to the transport; do not wait long on a slow reader.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([sent.catch(() => undefined), new Promise<void>((res) => (timer = setTimeout(res, 250)))]);
    clearTimeout(timer);
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    if (!analyses.has(uri) && doc.getText().length > PREVIEW_MIN_CHARS) await publishPreview(doc);
    const a = await analyze(doc);
    if (documents.get(uri)?.version !== a.version) return; // stale
    const diagnostics: Diagnostic[] = new Array(a.findings.length);
    const full = a.findings.length <= FULL_PAYLOAD_LIMIT;
    const at = a.index instanceof DocumentIndex && a.findings.length > 1000 ? a.index.cursor() : a.index;
    for (let i = 0; i < a.findings.length; i++) diagnostics[i] = toDiagnostic(at, a.findings[i]!, full);
    a.diagnostics = diagnostics;
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri).catch((err) => connection.console.error(`validation failed: ${(err as Error)?.stack ?? err}`));
      }, delay),
    );
  }

  function revalidateAll(): void {
    analyses.clear();
    settingsCache.clear();
    for (const d of documents.all()) schedule(d.uri, 0);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!workspaceRoots.length && params.rootUri) workspaceRoots = [params.rootUri];
    const init = params.initializationOptions as { settings?: Partial<KongSettings> } | undefined;
    if (init?.settings) globalSettings = normalizeSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ' ', '_', ','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, PIN_DEFAULTS_KIND, CodeActionKind.SourceFixAll] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'kong-upgrade-assistant' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kong' }).catch(() => undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { kong?: Partial<KongSettings> } | null)?.kong;
    if (s && !canPullConfig) globalSettings = normalizeSettings(s);
    lastStatus = '';
    revalidateAll();
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const now = Date.now();
    const quietFor = now - (lastChange.get(uri) ?? -Infinity);
    lastChange.set(uri, now);
    if (!timers.has(uri) && !analyses.has(uri)) return schedule(uri, 0);
    // Leading edge: a change after a quiet spell is checked at once; changes that follow
    // one another quickly (typing) wait until they pause for CHANGE_DEBOUNCE_MS.
    schedule(uri, !timers.has(uri) && quietFor >= CHANGE_DEBOUNCE_MS ? 0 : CHANGE_DEBOUNCE_MS);
  });
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    lastChange.delete(e.document.uri);
    checkers.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (p: HoverParams): Promise<Hover | null> => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const a = await analyze(doc);
    if (!a.env || a.kind === 'unknown') return null;
    const offset = fromPosition(a.index, p.position);
    const h = hoverAt(a.kind, doc.getText(), offset, a.env);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(a.index, h.span) };
  });

  connection.onCompletion(async (p: CompletionParams): Promise<CompletionItem[]> => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const a = await analyze(doc);
    if (!a.env || a.kind === 'unknown') return [];
    const offset = fromPosition(a.index, p.position);
    return completeAt(a.kind, doc.getText(), offset, a.env).map((c) => {
      const item: CompletionItem = { label: c.label, kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value, sortText: c.sortText };
      if (c.detail) item.detail = c.detail;
      if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
      if (c.deprecated) item.tags = [1];
      if (c.edit) item.textEdit = toTextEdit(a.index, c.edit);
      return item;
    });
  });

  connection.onCodeAction(async (p: CodeActionParams): Promise<CodeAction[]> => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const a = await analyze(doc);
    if (!a.env || a.kind === 'unknown') return [];
    const only = p.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
    const out: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const range = fromRange(a.index, p.range);
      for (const d of p.context.diagnostics) {
        if (d.source !== 'kong') continue;
        const id = dataId(d);
        if (id === undefined) continue;
        const f = findingById(a, id);
        if (!f || f.code !== d.code) continue;
        for (const fix of f.fixes ?? []) out.push(quickFixAction(doc.uri, a.index, d, fix));
      }
      // Diagnostics the client did not send back, or whose finding is gone (stale): the findings at the range.
      if (!out.length) {
        for (const f of a.findings) {
          if (f.span.end < range.start || f.span.start > range.end || !f.fixes?.length) continue;
          const diag = toDiagnostic(a.index, f);
          for (const fix of f.fixes) out.push(quickFixAction(doc.uri, a.index, diag, fix));
        }
      }
    }
    if (wants(FIX_ALL_KIND) || (only && only.includes(CodeActionKind.SourceFixAll))) {
      const edits = fixAllEdits(a.findings);
      if (edits.length) {
        out.push({ title: 'Fix all Kong upgrade problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits.map((e) => toTextEdit(a.index, e)) } } });
      }
    }
    if (wants(PIN_DEFAULTS_KIND) && (only?.includes(PIN_DEFAULTS_KIND) || !only || only.includes(CodeActionKind.Source))) {
      const pin = pinDefaultsEdits(a.kind, doc.getText(), a.env);
      if (pin) out.push({ title: pin.title, kind: PIN_DEFAULTS_KIND, edit: { changes: { [doc.uri]: pin.edits.map((e) => toTextEdit(a.index, e)) } } });
    }
    return out;
  });

  function findingById(a: Analysis, id: number): Finding | undefined {
    if (!a.byId) {
      a.byId = new Map();
      for (const f of a.findings) a.byId.set(findingId(f), f);
    }
    return a.byId.get(id);
  }

  connection.onCodeLens(async (p: CodeLensParams): Promise<CodeLens[]> => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const s = await settingsFor(doc.uri);
    if (!s.codeLens) return [];
    const a = await analyze(doc);
    if (!a.env || a.kind === 'unknown') return [];
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [
      { range, command: { title: summaryText(a.env.target.input, a.findings), command: 'kong.selectTargetVersion', arguments: [] } },
      { range, command: { title: 'Plan upgrade', command: 'kong.planUpgrade', arguments: [] } },
    ];
  });

  let workspaceRoots: string[] = [];

  connection.onRequest(UpgradePlanRequest, async (p: UpgradePlanParams): Promise<UpgradePlanResult | { error: string }> => {
    const k = getKnowledge();
    if (!k.upgrade) return { error: 'The upgrade rules are missing from the knowledge base.' };
    const rootUri = workspaceRoots[0] ?? null;
    const s = await settingsFor(rootUri ?? '');
    const notes: string[] = [];
    const root = rootUri ? URI.toPath(rootUri) : null;
    let scan: ScanResult = { files: [], uris: {}, skipped: [] };
    if (p.files?.length) {
      for (const uri of p.files) {
        const text = documents.get(uri)?.getText() ?? readIfSmall(URI.toPath(uri));
        if (text === undefined) continue;
        const full = URI.toPath(uri);
        const rel = root && full.startsWith(root) ? full.slice(root.length + 1).split(/[\\/]/).join('/') : full;
        const kind = isNginxTemplate(rel, text) ? 'nginx-template' : detectKind(full, text, { declarativeGlobs: s.declarativeFiles });
        if (kind === 'unknown') continue;
        scan.files.push({ path: rel, text, kind });
        scan.uris[rel] = uri;
      }
    } else if (root) {
      scan = scanWorkspace(root, (uri) => documents.get(uri)?.getText(), s.declarativeFiles);
    }
    if (scan.skipped.length) notes.push(`Not read: ${scan.skipped.join(', ')}`);
    const input: PlanInput = {
      from: p.from || s.currentVersion,
      to: p.to || s.targetVersion || newestLts(k.releases),
      topology: p.topology,
      edition: p.edition ?? s.edition,
      ...(p.cassandra ? { cassandra: true } : {}),
      ...(p.blueGreen ? { blueGreen: true } : {}),
      ...(p.customPlugins || s.customPlugins.length ? { customPlugins: true } : {}),
    };
    const kk = { ...k, upgrade: k.upgrade };
    const { plan, switchedToEnterprise } = planForWorkspaceEdition(input, !!p.edition, scan.files, kk, s.customPlugins);
    if (switchedToEnterprise) notes.push('These versions ship as Kong Gateway Enterprise, so the plan is for Enterprise.');
    return { plan, markdown: planToMarkdown(plan), root: rootUri, files: scan.uris, notes };
  });

  connection.onRequest(KnownVersionsRequest, (): KnownVersionsResult => knownVersions(getKnowledge().releases));

  connection.onRequest(FileSummaryRequest, async (p: FileSummaryParams): Promise<FileSummaryResult | null> => {
    const doc = documents.get(p.uri);
    if (!doc) return null;
    const a = await analyze(doc);
    if (!a.env) return null;
    const counts: Record<string, number> = {};
    for (const f of a.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
    return { target: a.env.target.input, counts };
  });

  documents.listen(connection);
  connection.listen();
}

const SUMMARY_PARTS: Array<[string, string]> = [
  ['removed-property', 'removed'],
  ['removed-plugin-field', 'removed'],
  ['removed-plugin', 'removed'],
  ['unknown-property', 'unknown'],
  ['unknown-plugin-field', 'unknown'],
  ['invalid-value', 'invalid'],
  ['invalid-plugin-value', 'invalid'],
  ['deprecated-property', 'deprecated'],
  ['deprecated-plugin-field', 'deprecated'],
  ['deprecated-value', 'deprecated'],
  ['format-version', 'format'],
  ['regex-path-prefix', 'format'],
  ['declarative-format', 'format'],
  ['new-in-target', 'new'],
];

/** "Kong 3.10: 2 removed · 5 deprecated" for the lens at the top of a Kong file. */
export function summaryText(target: string, findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const label = SUMMARY_PARTS.find(([code]) => code === f.code)?.[1];
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const order = ['removed', 'unknown', 'invalid', 'deprecated', 'format', 'new'];
  const parts = order.filter((l) => counts.has(l)).map((l) => `${counts.get(l)} ${l}`);
  return `Kong ${target}: ${parts.length ? parts.join(' · ') : 'no upgrade problems'}`;
}

export function normalizeSettings(s: Partial<KongSettings> | null | undefined): KongSettings {
  const v = s ?? {};
  const str = (x: unknown, d: string) => (typeof x === 'string' ? x : d);
  const arr = (x: unknown) => (Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string') : []);
  return {
    currentVersion: str(v.currentVersion, defaultSettings.currentVersion) || defaultSettings.currentVersion,
    targetVersion: str(v.targetVersion, ''),
    edition: v.edition === 'enterprise' ? 'enterprise' : 'oss',
    customPlugins: arr(v.customPlugins),
    declarativeFiles: arr(v.declarativeFiles),
    codeLens: lensEnabled((v as { codeLens?: unknown }).codeLens),
  };
}

function lensEnabled(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v && typeof v === 'object' && typeof (v as { enabled?: unknown }).enabled === 'boolean') return (v as { enabled: boolean }).enabled;
  return true;
}

function readIfSmall(p: string): string | undefined {
  try {
    if (fs.statSync(p).size > 60 * 1024 * 1024) return undefined;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}
