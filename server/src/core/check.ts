/**
 * The façade the server, the CLI and the planner call: detect what a file is, check
 * it for a current -> target upgrade, and apply fixes. Same functions everywhere,
 * so the editor and the command line can never disagree.
 */
import type { CheckResult, FileKind, Finding, TextEdit } from './model';
import type { Edition } from './knowledge/types';
import { resolveVersion, newestLts } from './version';
import { checkSettings } from './conf/rules';
import { applyEdits } from './text';
import { detectEnvKind } from './env';
import { DeclarativeSession, isDeclarativeFile, type DeclarativeContext } from './declarative';
import { hasTopLevelFormatVersion } from './declarative/detect';
import { checkKongResources, type KongPluginScope } from './k8s/check';
import { holdsKongResources } from './k8s/resources';
import type { CheckEnv, KnowledgeSet, WorkspaceSettings } from './context';
import { settingsOf } from './fileSettings';
import { TEMPLATE_EXTENSIONS } from './conf/template';
import { looksLikeNginxConf } from './conf/nginxInclude';
import { findingProperties, proveDeclarative, provePins, proveSettings, type ProofResult } from './prove';
import { pinEntityDefaultsEdits } from './declarative/rules/entities';
import type { Setting } from './conf/settings';
import { drain, pushAll } from './util';

export type { CheckEnv, KnowledgeSet, WorkspaceSettings, WorkspaceSetting } from './context';

export interface VersionChoice {
  current: string;
  target: string;
  edition: Edition;
  /**
   * The edition is the default, not the user's choice. Then, as the plan does, a pair that
   * one edition cannot express (an Enterprise-only target such as 3.10, or a four-part
   * Enterprise version) is read in Enterprise on both sides when that edition has both.
   */
  editionIsDefault?: boolean;
}

export type EnvResolution = { ok: true; env: CheckEnv; notes: string[] } | { ok: false; problems: string[] };

/** Resolve the user's versions; the target defaults to the newest LTS. Never throws. */
export function resolveEnv(
  knowledge: KnowledgeSet,
  choice: VersionChoice,
  extra?: { customPlugins?: string[]; declarativeGlobs?: string[]; kongPlugins?: KongPluginScope; settings?: WorkspaceSettings },
): EnvResolution {
  const targetInput = choice.target?.trim() || newestLts(knowledge.releases);
  let cur = resolveVersion(knowledge.releases, choice.current, choice.edition);
  let tgt = resolveVersion(knowledge.releases, targetInput, choice.edition);
  const problems: string[] = [];
  if (!cur.ok) problems.push(`Current version: ${cur.message}`);
  if (!tgt.ok) problems.push(`Target version: ${tgt.message}`);
  if (!cur.ok || !tgt.ok) return { ok: false, problems };
  let sameEdition: string | undefined;
  if (choice.editionIsDefault && cur.value.edition !== tgt.value.edition) {
    // One side is Enterprise only: read the other in Enterprise too, as the plan does, so
    // a property only Enterprise has is not said to be ignored by the version run today.
    const other = cur.value.edition === 'oss' ? 'current' : 'target';
    const again = resolveVersion(knowledge.releases, other === 'current' ? choice.current : targetInput, 'enterprise');
    if (again.ok && again.value.edition === 'enterprise') {
      if (other === 'current') cur = again;
      else tgt = again;
      sameEdition =
        other === 'current'
          ? `Kong ${again.value.input} is read as Kong Gateway Enterprise too, as the upgrade plan does (choose the oss edition if you run open-source ${again.value.input} today)`
          : `Kong ${again.value.input} is read as Kong Gateway Enterprise too, the edition of ${cur.value.input}, as the upgrade plan does`;
    }
  }
  const notes = [cur.value.note, tgt.value.note, sameEdition].filter((n): n is string => !!n);
  return {
    ok: true,
    notes,
    env: {
      knowledge,
      current: cur.value,
      target: tgt.value,
      customPlugins: extra?.customPlugins ?? [],
      declarativeGlobs: extra?.declarativeGlobs ?? [],
      ...(extra?.kongPlugins ? { kongPlugins: extra.kongPlugins } : {}),
      ...(extra?.settings ? { settings: extra.settings } : {}),
    },
  };
}

const YAML_NAME = /\.ya?ml$/i;
/** kong.conf itself (and its templates): a kong.conf whatever it holds. */
const KONG_CONF_EXACT = new RegExp(String.raw`(^|[\\/])kong\.conf(\.default)?(\.(${TEMPLATE_EXTENSIONS.join('|')}))?$`, 'i');
/** kong.conf by name, and its templates (kong.conf.j2 for Ansible, .tmpl for Go templates, .erb, …). */
const KONG_CONF_NAME = new RegExp(String.raw`(^|[\\/])(kong\.conf|kong\.conf\.default|[^\\/]+\.kong\.conf)(\.(${TEMPLATE_EXTENSIONS.join('|')}))?$`, 'i');

/** How much of a text `kindFromHead` reads. */
export const KIND_HEAD_CHARS = 16384;

/**
 * The kind when the start of the text decides it (a kong.conf by its name; a YAML decK
 * file by a top-level `_format_version` in its first KIND_HEAD_CHARS), or null. Reads no
 * more of `head` than that, so a caller may pass just the start of a big document.
 */
export function kindFromHead(path: string, head: string, env?: Pick<CheckEnv, 'declarativeGlobs'>): FileKind | null {
  const start = head.slice(0, KIND_HEAD_CHARS);
  if (KONG_CONF_NAME.test(path)) {
    // my-server.kong.conf as Kong's docs name an nginx_http_include file: Nginx, not ours.
    return KONG_CONF_EXACT.test(path) || !looksLikeNginxConf(start) ? 'kong-conf' : null;
  }
  if (YAML_NAME.test(path) && hasTopLevelFormatVersion(start) && isDeclarativeFile(path, start, env?.declarativeGlobs ?? [])) return 'declarative';
  return null;
}

/** What kind of Kong file this is, or 'unknown' (then it is not ours and gets no findings). */
export function detectKind(path: string, text: string, env?: Pick<CheckEnv, 'declarativeGlobs'>): FileKind {
  const known = kindFromHead(path, text, env);
  if (known) return known;
  // Kubernetes manifests with Kong's resources (KongPlugin...), whatever the file is named.
  const k8s = YAML_NAME.test(path) && !hasTopLevelFormatVersion(text) && holdsKongResources(text);
  const globs = env?.declarativeGlobs ?? [];
  if (!k8s && isDeclarativeFile(path, text, globs)) return 'declarative';
  const envKind = detectEnvKind(path, text);
  return k8s && envKind !== 'docker-compose' && envKind !== 'env' ? 'kubernetes' : (envKind ?? 'unknown');
}

export function declarativeContext(env: CheckEnv): DeclarativeContext | null {
  const plugins = env.knowledge.plugins;
  if (!plugins) return null;
  return {
    plugins,
    current: env.current,
    target: env.target,
    customPlugins: env.customPlugins,
    ...(env.knowledge.entities ? { entities: env.knowledge.entities } : {}),
    ...(env.settings ? { settings: env.settings } : {}),
  };
}

/**
 * The kong.conf properties a set of files sets (kong.conf lines, KONG_* variables of .env,
 * docker-compose, Kubernetes and Helm files), for rules whose outcome another file decides
 * (a declarative file's tls_verify: false against tls_certificate_verify). When several
 * files set one property, a kong.conf wins over a variable file (KONG_* variables override
 * kong.conf at run time, but we cannot tell which files one deployment uses, so the first
 * file that turns a property to a value is reported); within a file the last entry wins.
 */
export function workspaceSettings(files: Array<{ path: string; kind: FileKind | string; text: string }>): WorkspaceSettings {
  const out: Record<string, { value: string; path: string }> = {};
  const ordered = [...files.filter((f) => f.kind === 'kong-conf'), ...files.filter((f) => f.kind !== 'kong-conf')];
  for (const f of ordered) {
    if (f.kind === 'declarative' || f.kind === 'unknown' || f.kind === 'nginx-template') continue;
    let got: Setting[];
    try {
      got = settingsOf(f.kind as FileKind, f.text).settings;
    } catch {
      continue;
    }
    for (const s of got) {
      if (s.templated || s.overriddenBy) continue;
      if (!out[s.property]) out[s.property] = { value: s.value, path: f.path };
    }
  }
  return out;
}

/**
 * Checks one document over its life. Declarative files keep a session that re-parses
 * and re-checks only the top-level entries an edit touched; the other kinds are cheap
 * enough to check whole.
 */
/** Below this size a declarative file's fixes are built with the check (they are all sent or read anyway). */
const LAZY_FIXES_FROM_CHARS = 1_000_000;

export class DocumentChecker {
  private decl: DeclarativeSession | undefined;
  /** A session of its own for proving fixes (kept for files up to PROOF_SESSION_MAX_CHARS). */
  private proofSession: DeclarativeSession | undefined;
  /**
   * `eagerFixes`: build every fix during the check (fix-all reads them all at once);
   * otherwise big files build a piece's fixes when something first reads them.
   */
  constructor(
    private readonly path: string = '',
    private readonly opts: { eagerFixes?: boolean } = {},
  ) {}

  private context(env: CheckEnv, text: string): DeclarativeContext | null {
    const ctx = declarativeContext(env);
    if (!ctx) return null;
    return this.opts.eagerFixes || text.length < LAZY_FIXES_FROM_CHARS ? { ...ctx, eagerFixes: true } : ctx;
  }

  /**
   * Never throws: a failure of the checker itself comes back as one `check-incomplete`
   * finding (and `internalError` for the edge's log), and the file's session starts afresh.
   */
  check(kind: FileKind, text: string, env: CheckEnv): CheckResult {
    return drain(this.checkSteps(kind, text, env));
  }

  /**
   * `check` a piece of work at a time (see DeclarativeSession.updateSteps): the server
   * runs a big file's check in slices, lets other requests in between, and drops it when
   * the text moves on. Do not start another check of this checker before this one ends
   * or is dropped (`return()`). Never throws, like `check`.
   */
  *checkSteps(kind: FileKind, text: string, env: CheckEnv): Generator<void, CheckResult> {
    try {
      if (text.length > MAX_CHECKED_CHARS) return { kind, findings: [incompleteFinding(`the file is larger than ${MAX_CHECKED_CHARS / 1_000_000} million characters`, text)] };
      if (kind === 'declarative') {
        const ctx = this.context(env, text);
        if (!ctx) return { kind, findings: [] };
        if (!this.decl) this.decl = new DeclarativeSession(ctx);
        else this.decl.setContext(ctx);
        const r = yield* this.decl.updateSteps(text, /\.json$/i.test(this.path) ? { format: 'json' } : {});
        const findings = errorFindings(r.errors, text);
        pushAll(findings, r.findings);
        if (!inOrder(findings)) findings.sort(byPosition);
        return { kind, findings };
      }
      return checkSettingsText(kind, text, env);
    } catch (e) {
      this.decl = undefined;
      const err = e instanceof Error ? e : new Error(String(e));
      return { kind, findings: [incompleteFinding('the checker failed on it (an internal error, logged)', text)], internalError: { message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
    }
  }

  /** Whether a fix for `findings` is safe to apply unattended to `text` (see prove.ts). */
  prove(kind: FileKind, text: string, edits: readonly TextEdit[], findings: readonly Finding[]): ProofResult {
    return proveFix({ kind, text, path: this.path }, edits, findings, this.proving(kind, text));
  }

  /** Fix-all's edits for `findings` of `text`, proven (see provenFixAllEdits). */
  fixAllEdits(kind: FileKind, text: string, findings: Finding[]): TextEdit[] {
    return provenFixAllEdits({ kind, text, path: this.path }, findings, this.proving(kind, text));
  }

  /** The whole-file "keep today's behaviour" action of a declarative file, proven (see provenPinEntityDefaults). */
  pinEntityDefaults(kind: FileKind, text: string, findings: readonly Finding[]): { title: string; edits: TextEdit[]; count: number } | null {
    if (kind !== 'declarative') return null;
    return provenPinEntityDefaults({ kind, text, path: this.path }, findings, this.proving(kind, text));
  }

  private proving(kind: FileKind, text: string): DeclarativeSession | undefined {
    if (kind !== 'declarative') return undefined;
    if (text.length > PROOF_SESSION_MAX_CHARS) {
      this.proofSession = undefined;
      return new DeclarativeSession(null);
    }
    return (this.proofSession ??= new DeclarativeSession(null));
  }

  /**
   * A first look at a large declarative file: the findings of its first `bytes` or so,
   * exactly as the next `check` will report them there (see DeclarativeSession.preview),
   * or null. What is parsed here is not parsed again by that `check`.
   */
  preview(kind: FileKind, text: string, env: CheckEnv, bytes: number): CheckResult | null {
    if (kind !== 'declarative') return null;
    const ctx = this.context(env, text);
    if (!ctx) return null;
    if (!this.decl) this.decl = new DeclarativeSession(ctx);
    else this.decl.setContext(ctx);
    let r: ReturnType<DeclarativeSession['preview']>;
    try {
      r = this.decl.preview(text, bytes, /\.json$/i.test(this.path) ? { format: 'json' } : {});
    } catch {
      // The check that follows reports it.
      return null;
    }
    if (!r) return null;
    const findings = errorFindings(r.errors, text);
    pushAll(findings, r.findings);
    if (!inOrder(findings)) findings.sort(byPosition);
    return { kind, findings };
  }
}

/** Larger files get a fresh proving session per proof instead of a kept one (its trees would double the memory held). */
const PROOF_SESSION_MAX_CHARS = 2_000_000;

/** Files above this size are not checked (one `check-incomplete` finding says so). */
export const MAX_CHECKED_CHARS = 64_000_000;

/** The one finding that says the check of a file could not finish, and why. */
export function incompleteFinding(reason: string, text: string, at = 0): Finding {
  const start = Math.max(0, Math.min(at, text.length));
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return {
    code: 'check-incomplete',
    severity: 'information',
    message: `The check could not finish for this file: ${reason}. What follows from there is not checked.`,
    span: { start, end: Math.max(start, Math.min(end, start + 200)) },
  };
}

/** Parse errors as findings: the file's mistakes as `syntax`, the checker's limits as one `check-incomplete` each. */
function errorFindings(errors: Array<{ message: string; span: { start: number; end: number }; incomplete?: true }>, text: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (!e.incomplete) out.push({ code: 'syntax', severity: 'error', message: e.message, span: e.span });
    else if (!seen.has(e.message)) {
      seen.add(e.message);
      out.push(incompleteFinding(e.message, text, e.span.start));
    }
  }
  return out;
}

const byPosition = (a: Finding, b: Finding) => a.span.start - b.span.start || a.span.end - b.span.end;

/** Already sorted by position (the usual case for a declarative file: pieces come in order)? */
function inOrder(fs: Finding[]): boolean {
  for (let i = 1; i < fs.length; i++) if (byPosition(fs[i - 1]!, fs[i]!) > 0) return false;
  return true;
}

/** Check one file's text (a fresh, one-off check). */
export function checkText(kind: FileKind, text: string, env: CheckEnv, path = ''): CheckResult {
  return new DocumentChecker(path).check(kind, text, env);
}

function checkSettingsText(kind: FileKind, text: string, env: CheckEnv): CheckResult {
  const { settings, errors } = settingsOf(kind, text);
  const findings = errorFindings(errors, text);
  const kongPlugins = env.knowledge.plugins?.plugins;
  pushAll(
    findings,
    checkSettings(settings, {
      conf: env.knowledge.conf,
      releases: env.knowledge.releases,
      current: env.current,
      target: env.target,
      ...(kongPlugins ? { isKongPlugin: (n: string) => Object.prototype.hasOwnProperty.call(kongPlugins, n) } : {}),
    }),
  );
  // KongPlugin / KongClusterPlugin documents: the decK plugin checks on their config.
  if (kind === 'kubernetes') {
    // KongPlugin resources get the plugin-field rules and the entity facts of their config
    // fields (checkKongResources reads only those: see EntityContext.resources).
    pushAll(findings, checkKongResources(text, declarativeContext(env), env.kongPlugins));
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { kind, findings };
}

/**
 * The edits fix-all applies (the LSP's `source.fixAll.kong`, the CLI's `--fix`, `fixAll`):
 * each finding's preferred fix, in finding order, skipping a fix that overlaps an edit
 * already taken. A fix shared by several findings (keys moved together) counts once; two
 * insertions at one offset conflict (their order would be a guess), so the second waits
 * for the next pass.
 */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  return chooseFixAll(findings).edits;
}

/** Same edits, so one fix serves several findings (a move of several keys at once). */
function editsKey(edits: readonly TextEdit[]): string {
  return edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join('\u0000');
}

/** The findings whose preferred fix is `edits` (what that fix is about, all of it). */
export function findingsOfFix(findings: readonly Finding[], edits: readonly TextEdit[]): Finding[] {
  const k = editsKey(edits);
  return findings.filter((f) => {
    const x = f.fixes?.find((y) => y.preferred);
    return !!x && x.edits.length === edits.length && editsKey(x.edits) === k;
  });
}

interface Chosen {
  finding: Finding;
  edits: TextEdit[];
  /** Other findings the same fix serves. */
  also: Finding[];
}

function chooseFixAll(findings: Finding[]): { edits: TextEdit[]; chosen: Chosen[] } {
  const chosen: TextEdit[] = [];
  const taken = new TakenEdits();
  const seen = new Set<string>();
  const key = (e: TextEdit) => `${e.start}:${e.end}:${e.newText}`;
  const by: Chosen[] = [];
  const byFix = new Map<string, Chosen>();
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || !fix.edits.length) continue;
    if (fix.edits.every((e) => seen.has(key(e)))) {
      byFix.get(editsKey(fix.edits))?.also.push(f);
      continue;
    }
    if (fix.edits.some((e) => seen.has(key(e)) || taken.conflicts(e))) continue;
    for (const e of fix.edits) {
      chosen.push(e);
      seen.add(key(e));
      taken.add(e);
    }
    const c: Chosen = { finding: f, edits: fix.edits, also: [] };
    byFix.set(editsKey(fix.edits), c);
    by.push(c);
  }
  return { edits: chosen, chosen: by };
}

/** Context a proof needs: what the file is and its text. */
export interface ProofTarget {
  kind: FileKind;
  text: string;
  path?: string;
}

/** Proves one fix (or several findings' fixes together) on a text; see prove.ts. */
export function proveFix(t: ProofTarget, edits: readonly TextEdit[], findings: readonly Finding[], session?: DeclarativeSession): ProofResult {
  try {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    if (t.kind === 'declarative') return proveDeclarative(t.text, sorted, findings, /\.json$/i.test(t.path ?? '') ? 'json' : undefined, session);
    return proveSettings(t.kind, t.text, sorted, findingProperties(findings), t.kind === 'kubernetes' && findings.some((f) => f.plugin !== undefined));
  } catch (e) {
    return { ok: false, reason: `the proof failed: ${(e as Error).message}` };
  }
}

/** How many fixes fix-all proves one by one when the whole set fails (beyond: left out). */
const SINGLE_PROOFS_MAX = 200;

/**
 * Fix-all's edits, proven: the whole set when it proves, otherwise the fixes that prove
 * on their own (and still prove together). Nothing that breaks the file is applied.
 */
export function provenFixAllEdits(t: ProofTarget, findings: Finding[], session?: DeclarativeSession): TextEdit[] {
  const c = chooseFixAll(findings);
  if (!c.edits.length) return [];
  const about = (l: Chosen[]) => l.flatMap((x) => [x.finding, ...x.also]);
  if (proveFix(t, c.edits, about(c.chosen), session).ok) return c.edits;
  const good = c.chosen.slice(0, SINGLE_PROOFS_MAX).filter((x) => proveFix(t, x.edits, [x.finding, ...x.also], session).ok);
  const edits = good.flatMap((x) => x.edits);
  if (!edits.length) return [];
  return proveFix(t, edits, about(good), session).ok ? edits : [];
}

/** Proves a pin action's edits for `findings` (declarative: provePins; see prove.ts). */
export function provePinFix(t: ProofTarget, edits: readonly TextEdit[], findings: readonly Finding[], session?: DeclarativeSession): ProofResult {
  try {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    return provePins(t.text, sorted, findings, /\.json$/i.test(t.path ?? '') ? 'json' : undefined, session);
  } catch (e) {
    return { ok: false, reason: `the proof failed: ${(e as Error).message}` };
  }
}

/**
 * The whole-file pin action of a declarative file (pinEntityDefaultsEdits), proven like
 * fix-all: all pins together when they prove; otherwise the pins that prove on their own
 * (at most SINGLE_PROOFS_MAX are tried), when they still prove together; else null.
 */
export function provenPinEntityDefaults(t: ProofTarget, findings: readonly Finding[], session?: DeclarativeSession): { title: string; edits: TextEdit[]; count: number } | null {
  const all = pinEntityDefaultsEdits(findings);
  if (!all) return null;
  const pinned = findings.filter((f) => f.fixes?.some((x) => x.pin));
  if (provePinFix(t, all.edits, pinned, session).ok) return all;
  const good = pinned.slice(0, SINGLE_PROOFS_MAX).filter((f) => provePinFix(t, f.fixes!.find((x) => x.pin)!.edits, [f], session).ok);
  const some = pinEntityDefaultsEdits(good);
  return some && provePinFix(t, some.edits, good, session).ok ? some : null;
}

/**
 * The edits fix-all took so far, for conflict checks by binary search (a file can have
 * 100k findings). Replacements never overlap one another, so sorted by start they are
 * sorted by end too; insertions are kept apart by offset.
 */
class TakenEdits {
  private readonly ranges: TextEdit[] = [];
  private readonly inserts: number[] = [];

  conflicts(e: TextEdit): boolean {
    if (e.start === e.end) {
      // Another insertion at the same offset, or inside a replaced range.
      const i = lowerBound(this.inserts, e.start, (x) => x);
      if (this.inserts[i] === e.start) return true;
      const r = this.ranges[lowerBound(this.ranges, e.start, (x) => x.start) - 1];
      return !!r && r.end > e.start;
    }
    // The last range starting before e's end is the only one that can reach into e.
    const r = this.ranges[lowerBound(this.ranges, e.end, (x) => x.start) - 1];
    if (r && r.end > e.start) return true;
    // An insertion strictly inside e.
    const ins = this.inserts[lowerBound(this.inserts, e.start + 1, (x) => x)];
    return ins !== undefined && ins < e.end;
  }

  add(e: TextEdit): void {
    if (e.start === e.end)
      this.inserts.splice(
        lowerBound(this.inserts, e.start, (x) => x),
        0,
        e.start,
      );
    else
      this.ranges.splice(
        lowerBound(this.ranges, e.start, (x) => x.start),
        0,
        e,
      );
  }
}

/** First index whose key is >= pos. */
function lowerBound<T>(xs: readonly T[], pos: number, keyOf: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(xs[mid]!) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Apply fix-all repeatedly until nothing is left to fix (fixes can unlock others); every pass is proven. */
export function fixAll(kind: FileKind, text: string, env: CheckEnv, maxPasses = 8, path = ''): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  const checker = new DocumentChecker(path, { eagerFixes: true });
  const session = kind === 'declarative' ? new DeclarativeSession(null) : undefined;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = provenFixAllEdits({ kind, text: current, path }, checker.check(kind, current, env).findings, session);
    if (!edits.length) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied += edits.length;
  }
  return { text: current, applied };
}
