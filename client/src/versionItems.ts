/**
 * Items of the version quick pick, built from the server's `kong/knownVersions` answer.
 * Pure (no `vscode`): plain objects that fit `vscode.QuickPickItem`, so they can be tested
 * outside the editor.
 */
import { compareVersions, labelText, minorOf, parseParts, type KnownVersion, type KnownVersionsResult } from '../../server/src/protocol';

export type VersionKey = 'currentVersion' | 'targetVersion';

export interface VersionPickItem {
  label: string;
  description: string;
  detail: string | undefined;
  picked: boolean;
  /** What is written to the setting when the item is accepted. */
  version: string;
}

/** Support states of the knowledge base, said shortly; unknown ones are shown with spaces for dashes. */
const STATUS_TEXT: Record<string, string> = {
  'full-support': 'full support',
  'sunset-support': 'sunset support',
  'end-of-life': 'end of life',
  'oss-only-no-published-support-dates': 'no published support dates',
  'not-released': 'not released yet',
  unknown: 'no published support dates',
};

export function statusLabel(status: string): string {
  return STATUS_TEXT[status] ?? status.replace(/-/g, ' ');
}

/** " · sunset support since 2026-09-01 …" (dated, from the server) or the bare state; "" when unknown. */
function supportDetail(v: KnownVersion): string {
  const text = v.support ?? (v.status ? statusLabel(v.status) : '');
  const branch = v.releaseBranchData ? ' · facts from the release branch' : '';
  return text ? ` · ${text}${branch}` : branch;
}

/** The value the picker starts from: the setting, or for an empty target the default target. */
export function startingValue(key: VersionKey, setting: string, known: KnownVersionsResult): string {
  const v = setting.trim();
  return key === 'targetVersion' && !v ? known.defaultTarget : v;
}

/**
 * Release lines newest first; each says LTS, default target (target picker only) and
 * Enterprise only where that applies, with its latest patch and support state as detail.
 * The item of `current` is picked: its release line, or, when `current` is a patch
 * version (2.8.5, 3.4.3.19), an extra first item for that exact value so accepting it
 * keeps the setting as it is.
 */
export function versionItems(known: KnownVersionsResult, key: VersionKey, current: string): VersionPickItem[] {
  const cur = current.trim();
  const curParts = parseParts(cur);
  const isPatch = !!curParts && curParts.length > 2;
  const curLine = curParts ? minorOf(cur) : cur;
  const lines = [...known.versions].sort((a, b) => compareVersions(b.minor, a.minor));
  const items = lines.map((v) => lineItem(v, key, known.defaultTarget, !isPatch && v.minor === curLine));
  if (isPatch) {
    const line = lines.find((v) => v.minor === curLine);
    items.unshift({
      // The setting as typed (quick pick labels render `$(icon)`).
      label: labelText(cur, 60),
      description: ['current setting', line && line.enterprise && !line.oss ? 'Enterprise only' : ''].filter(Boolean).join(' · '),
      detail: line ? `patch of ${line.minor}${supportDetail(line)}` : undefined,
      picked: true,
      version: cur,
    });
  }
  return items;
}

function lineItem(v: KnownVersion, key: VersionKey, defaultTarget: string, picked: boolean): VersionPickItem {
  const marks = [v.lts ? 'LTS' : '', key === 'targetVersion' && v.minor === defaultTarget ? 'default target' : '', v.enterprise && !v.oss ? 'Enterprise only' : ''];
  const details = [v.latestPatch ? `latest patch ${v.latestPatch}` : '', supportDetail(v).replace(/^ · /, '')];
  const detail = details.filter(Boolean).join(' · ');
  return { label: v.minor, description: marks.filter(Boolean).join(' · '), detail: detail || undefined, picked, version: v.minor };
}
