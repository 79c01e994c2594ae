/** textDocument/codeAction: quick fixes of the findings asked about, fix-all, pin defaults (each proven in the core). */
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { findingsOfFix } from '../../core/check';
import type { Finding, Fix } from '../../core/model';
import { URI } from '../uri';
import { pinDefaultsEdits } from '../../core/conf/pin';
import { dataId, fromRange, quickFixAction, toDiagnostic, toTextEdit } from '../convert';
import { ServerState } from '../state';
import { currentFinding, suppressionActions } from '../project';
import { pushAll } from '../../core/util';
import { FIX_ALL_KIND, answersFixAll, asksUmbrella } from '../fixAllKinds';

export { FIX_ALL_KIND };
export const PIN_DEFAULTS_KIND = 'source.pinDefaults.kong';
/** Declarative files: write the old defaults of every entity the upgrade changes (never part of fix-all). */
export const PIN_ENTITY_DEFAULTS_KIND = 'source.pinEntityDefaults.kong';

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction(async (p: CodeActionParams, token) => {
    state.touch();
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return [];
    // The findings of the version this request was sent against (checked now if need be).
    const a = await state.analyze(doc);
    if (ServerState.cancelled(token)) return ServerState.cancelled(token)!;
    if (!a.env || a.kind === 'unknown') return [];
    const only = p.context.only;
    // Asked automatically (the lightbulb, as the cursor moves): editors do not list source
    // actions there, and fix-all of a big file is the costly part; skip them.
    const automatic = !only && p.context.triggerKind === CodeActionTriggerKind.Automatic;
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
