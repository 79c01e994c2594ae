/** kong/fileSummary: finding counts of one open document, for the client's views. */
import { FileSummaryRequest, type FileSummaryParams, type FileSummaryResult } from '../../protocol';
import type { ServerState } from '../state';

export function registerFileSummary(state: ServerState): void {
  state.connection.onRequest(FileSummaryRequest, async (p: FileSummaryParams): Promise<FileSummaryResult | null> => {
    state.touch();
    const doc = state.documents.get(p.uri);
    if (!doc) return null;
    const a = await state.analyze(doc);
    if (!a.env) return null;
    const counts: Record<string, number> = {};
    for (const f of a.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
    return { target: a.env.target.input, counts };
  });
}
