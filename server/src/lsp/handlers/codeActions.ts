/** textDocument/codeAction: quick fixes of the findings asked about, fix-all, pin defaults (each proven in the core). */
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { findingsOfFix } from '../../core/check';
import type { Finding, Fix } from '../../core/model';
import { URI } from '../uri';
import { pinDefaultsEdits } from '../../core/conf/pin';
import { dataId, fromRange, quickFixAction, toDiagnostic, toTextEdit } from '../convert';
import { ServerState } from '../state';
import { currentFinding, suppressionActions } from '../project';
import { pushAll } from '../../core/util';
import { FIX_ALL_KIND, answersFixAll, asksUmbrella } from '../fixAllKinds';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../state';
import { LazyTextDocument, type OffsetChange } from '../lazyDocument';
import { mapFinding, unmapOffset } from '../staleFindings';

export { FIX_ALL_KIND };
export const PIN_DEFAULTS_KIND = 'source.pinDefaults.kong';
/** Declarative files: write the old defaults of every entity the upgrade changes (never part of fix-all). */
export const PIN_ENTITY_DEFAULTS_KIND = 'source.pinEntityDefaults.kong';

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction(async (p: CodeActionParams, token) => {
    state.touch();
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return [];
    const only = p.context.only;
    // Asked automatically (the lightbulb, as the cursor moves): editors do not list source
    // actions there, and fix-all of a big file is the costly part; skip them.
    const automatic = !only && p.context.triggerKind === CodeActionTriggerKind.Automatic;
    // Quick fixes only, while the text has moved on since the last check: answered at once
    // from that check's findings carried through the changes since (see staleFindings.ts).
    const quickOnly = only ? only.every((o) => o === CodeActionKind.QuickFix || o.startsWith(`${CodeActionKind.QuickFix}.`)) : automatic;
    const last = state.analyses.get(doc.uri);
    if (quickOnly && last && last.version !== doc.version && last.env && last.kind !== 'unknown') {
      const changes = changesSince(doc, last.version);
      if (changes) return carriedQuickFixes(state, doc, last, changes, p);
    }
    // The findings of the version this request was sent against (checked now if need be).
    const a = await state.analyze(doc);
    if (ServerState.cancelled(token)) return ServerState.cancelled(token)!;
    if (!a.env || a.kind === 'unknown') return [];
    const wants = (kind: string) => (!only && !(automatic && kind.startsWith('source'))) || (!!only && only.some((o) => kind === o || kind.startsWith(o + '.')));
    const out: CodeAction[] = [];
    const text = doc.getText();
    const checker = state.checkerFor(doc.uri, URI.toPath(doc.uri));
    // A fix is offered as preferred (applied unattended) only when it proves on the current text.
    const proven = (fix: Fix, f: Finding): Fix => {
      if (!fix.preferred) return fix;
      const about = findingsOfFix(a.findings, fix.edits);
      return checker.prove(a.kind, text, fix.edits, about.length ? about : [f]).ok ? fix : { ...fix, preferred: false };
    };
    if (wants(CodeActionKind.QuickFix)) {
      const range = fromRange(a.index, p.range);
      for (const d of p.context.diagnostics) {
        if (d.source !== 'kong') continue;
        const id = dataId(d);
        if (id === undefined) continue;
        const f = state.findingById(a, id);
        if (!f || f.code !== d.code) continue;
        for (const fix of f.fixes ?? []) out.push(quickFixAction(doc.uri, a.index, d, proven(fix, f)));
      }
      // Diagnostics the client did not send back, or whose finding is gone (stale): the findings at the range.
      if (!out.length) {
        for (const f of a.findings) {
          if (f.span.end < range.start || f.span.start > range.end || !f.fixes?.length) continue;
          const diag = toDiagnostic(a.index, f);
          for (const fix of f.fixes) out.push(quickFixAction(doc.uri, a.index, diag, proven(fix, f)));
        }
      }
      // "Ignore … on this line / in this file", for diagnostics that are still current.
      for (const d of p.context.diagnostics) {
        const f = currentFinding(d, a.findings, (id) => state.findingById(a, id), dataId(d), a.index);
        if (f) pushAll(out, suppressionActions(doc.uri, doc.getText(), a.kind, URI.toPath(doc.uri), a.index, f, d));
      }
    }
    const optedIn = asksUmbrella(only) && (await state.settingsFor(doc.uri)).fixAllOnSourceFixAll;
    if (answersFixAll(only, p.context.triggerKind, optedIn)) {
      const edits = checker.fixAllEdits(a.kind, text, a.findings);
      if (edits.length) {
        out.push({ title: 'Fix all Kong upgrade problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits.map((e) => toTextEdit(a.index, e)) } } });
      }
    }
    if (wants(PIN_DEFAULTS_KIND) && (only?.includes(PIN_DEFAULTS_KIND) || (!only && !automatic) || only?.includes(CodeActionKind.Source))) {
      const pin = pinDefaultsEdits(a.kind, a.text, a.env);
      if (pin) out.push({ title: pin.title, kind: PIN_DEFAULTS_KIND, edit: { changes: { [doc.uri]: pin.edits.map((e) => toTextEdit(a.index, e)) } } });
    }
    if (a.kind === 'declarative' && wants(PIN_ENTITY_DEFAULTS_KIND) && (only?.includes(PIN_ENTITY_DEFAULTS_KIND) || !only || only.includes(CodeActionKind.Source))) {
      const pin = checker.pinEntityDefaults(a.kind, a.text, a.findings);
      if (pin) out.push({ title: pin.title, kind: PIN_ENTITY_DEFAULTS_KIND, edit: { changes: { [doc.uri]: pin.edits.map((e) => toTextEdit(a.index, e)) } } });
    }
    return out;
  });
}

function changesSince(doc: TextDocument, version: number): readonly OffsetChange[] | null {
  return doc instanceof LazyTextDocument ? doc.changesSince(version) : null;
}

/**
 * The quick fixes at the requested range from the findings of an older version (`a`),
 * carried to the current text: findings an edit since touched are left out, and a fix is
 * offered only when it proves on the current text (the edits are against the current
 * version, as LSP code actions must be). Nothing waits for a check.
 */
function carriedQuickFixes(state: ServerState, doc: TextDocument, a: Analysis, changes: readonly OffsetChange[], p: CodeActionParams): CodeAction[] {
  const range = fromRange(doc, p.range);
  const lo = unmapOffset(changes, range.start, 'start');
  const hi = unmapOffset(changes, range.end, 'end');
  const olds = new Map<Finding, Diagnostic | undefined>();
  for (const d of p.context.diagnostics) {
    const id = d.source === 'kong' ? dataId(d) : undefined;
    const f = id === undefined ? undefined : state.findingById(a, id);
    if (f && f.code === d.code) olds.set(f, d);
  }
  if (!olds.size) for (const f of a.findings) if (f.fixes?.length && f.span.end >= lo && f.span.start <= hi) olds.set(f, undefined);
  const carried: Array<{ f: Finding; d: Diagnostic | undefined }> = [];
  for (const [old, d] of olds) {
    const f = mapFinding(old, changes);
    // (Widened when mapped back: keep only what overlaps the range in the current text.)
    if (f && (d || (f.span.end >= range.start && f.span.start <= range.end))) carried.push({ f, d });
  }
  if (!carried.length) return [];
  const text = doc.getText();
  const checker = state.checkerFor(doc.uri, URI.toPath(doc.uri));
  const all = carried.map((c) => c.f);
  const out: CodeAction[] = [];
  const ignore: CodeAction[] = [];
  for (const { f, d } of carried) {
    const diag = d ?? toDiagnostic(doc, f);
    for (const fix of f.fixes ?? []) {
      // As for the current version: preferred (applied unattended) only when it proves on the current text.
      let offered = fix;
      if (fix.preferred) {
        const about = findingsOfFix(all, fix.edits);
        if (!checker.prove(a.kind, text, fix.edits, about.length ? about : [f]).ok) offered = { ...fix, preferred: false };
      }
      out.push(quickFixAction(doc.uri, doc, diag, offered));
    }
    // "Ignore … on this line / in this file", for diagnostics the client sent that are still current.
    if (d) pushAll(ignore, suppressionActions(doc.uri, text, a.kind, URI.toPath(doc.uri), doc, f, d));
  }
  pushAll(out, ignore);
  return out;
}
