/** kong/upgradePlan: the plan for the workspace (or the files given), and its Markdown. */
import { detectKind } from '../../core/check';
import { isNginxTemplate, planForWorkspaceEdition } from '../../core/planner/workspace';
import { planToMarkdown } from '../../core/planner/markdown';
import type { PlanInput } from '../../core/planner/types';
import { newestLts } from '../../core/version';
import { UpgradePlanRequest, type UpgradePlanParams, type UpgradePlanResult } from '../../protocol';
import { URI } from '../uri';
import { MAX_FILE_BYTES, readRegularFile, scanWorkspace, type ScanResult } from '../workspace';
import type { ServerState } from '../state';
import { ignoredByProject } from '../project';

export function registerPlan(state: ServerState): void {
  const { connection, documents } = state;
  connection.onRequest(UpgradePlanRequest, async (p: UpgradePlanParams): Promise<UpgradePlanResult | { error: string }> => {
    state.touch();
    const k = state.getKnowledge();
    if (!k.upgrade) return { error: 'The upgrade rules are missing from the knowledge base.' };
    const rootUri = state.workspaceRoots[0] ?? null;
    const s = await state.settingsFor(rootUri ?? '');
    const notes: string[] = [];
    const root = rootUri ? URI.toPath(rootUri) : null;
    let scan: ScanResult = { files: [], uris: {}, skipped: [] };
    if (p.files?.length) {
      for (const uri of p.files) {
        const full = URI.toPath(uri);
        const text = documents.get(uri)?.getText() ?? readText(full, scan.skipped);
        if (text === undefined) continue;
        const rel =
          root && full.startsWith(root)
            ? full
                .slice(root.length + 1)
                .split(/[\\/]/)
                .join('/')
            : full;
        const kind = isNginxTemplate(rel, text) ? 'nginx-template' : detectKind(full, text, { declarativeGlobs: s.declarativeFiles });
        if (kind === 'unknown') continue;
        scan.files.push({ path: rel, text, kind });
        scan.uris[rel] = uri;
      }
    } else if (root) {
      scan = scanWorkspace(
        root,
        (uri) => documents.get(uri)?.getText(),
        s.declarativeFiles,
        (full) => ignoredByProject(s, full),
      );
    }
    if (scan.skipped.length) notes.push(`Not read: ${scan.skipped.join(', ')}`);
    const input: PlanInput = {
      from: p.from || s.currentVersion,
      to: p.to || s.targetVersion || newestLts(k.releases),
      topology: p.topology,
      edition: p.edition ?? s.edition,
      today: new Date().toISOString().slice(0, 10),
      ...(p.cassandra ? { cassandra: true } : {}),
      ...(p.blueGreen ? { blueGreen: true } : {}),
      ...(p.customPlugins || s.customPlugins.length ? { customPlugins: true } : {}),
    };
    const kk = { ...k, upgrade: k.upgrade };
    const { plan, switchedToEnterprise } = planForWorkspaceEdition(input, !!p.edition, scan.files, kk, s.customPlugins);
    if (switchedToEnterprise) notes.push('These versions ship as Kong Gateway Enterprise, so the plan is for Enterprise.');
    return { plan, markdown: planToMarkdown(plan), root: rootUri, files: scan.uris, notes };
  });
}

/** A file the client named that is not open: a regular file under the size cap, else nothing. */
function readText(p: string, skipped: string[]): string | undefined {
  const r = readRegularFile(p);
  if (r.kind === 'too-large') skipped.push(`${p} (larger than ${MAX_FILE_BYTES / 1048576} MB)`);
  return r.kind === 'text' && !r.binary ? r.text : undefined;
}
