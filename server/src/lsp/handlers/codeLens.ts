/** textDocument/codeLens: the summary line at the top of a Kong file. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Finding } from '../../core/model';
import { ServerState } from '../state';
import { URI } from '../uri';
import { imageVersionOffer } from '../../core/imageOffer';
import { labelText } from '../../core/markdown';

export function registerCodeLens(state: ServerState): void {
  state.connection.onCodeLens(async (p: CodeLensParams, token) => {
    state.touch();
    const doc = state.documents.get(p.textDocument.uri);
    if (!doc) return [];
    const s = await state.settingsFor(doc.uri);
    if (!s.codeLens) return [];
    const a = await state.analyze(doc);
    if (ServerState.cancelled(token)) return ServerState.cancelled(token)!;
    if (!a.env || a.kind === 'unknown') return [];
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const lenses: CodeLens[] = [
      { range, command: { title: summaryText(a.env.target.input, a.findings), command: 'kong.selectTargetVersion', arguments: [] } },
      { range, command: { title: 'Plan upgrade', command: 'kong.planUpgrade', arguments: [] } },
    ];
    // The Kong version the file's image names, offered as the current version.
    const offer = a.kind === 'declarative' ? null : imageVersionOffer(URI.toPath(doc.uri), doc.getText(), state.getKnowledge().releases, s);
    if (offer) lenses.push({ range, command: { title: labelText(offer.title, 300), command: 'kong.useImageVersion', arguments: [offer] } });
    return lenses;
  });
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
  ['entity-value-refused', 'invalid'],
  ['entity-default-change', 'behaviour changes'],
  ['entity-change', 'behaviour changes'],
  ['ineffective-plugin-field', 'ignored'],
];

/** "Kong 3.10: 2 removed · 5 deprecated" for the lens at the top of a Kong file. */
export function summaryText(target: string, findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const label = SUMMARY_PARTS.find(([code]) => code === f.code)?.[1];
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const order = ['removed', 'unknown', 'invalid', 'behaviour changes', 'deprecated', 'ignored', 'format', 'new'];
  const parts = order.filter((l) => counts.has(l)).map((l) => `${counts.get(l)} ${l}`);
  return `Kong ${labelText(target, 40)}: ${parts.length ? parts.join(' · ') : 'no upgrade problems'}`;
}
