/**
 * What the Kong status bar item says, from the server's `kong/status` notification.
 * Pure (no `vscode`): the StatusBar turns it into text, a MarkdownString tooltip and a
 * warning background.
 */
import { mdText, type StatusParams } from '../../server/src/protocol';

export interface StatusText {
  /** Item text, with a codicon: `$(arrow-up) Kong 2.8 → 3.10`. */
  text: string;
  /** Markdown tooltip; uses `$(warning)`, so the MarkdownString needs supportThemeIcons. */
  tooltip: string;
  /** True when the settings have problems: the item gets the warning colour. */
  warning: boolean;
}

export function editionName(edition: StatusParams['edition']): string {
  return edition === 'enterprise' ? 'Enterprise' : 'open source';
}

export function statusText(s: StatusParams): StatusText {
  const problems = s.problems.map((p) => p.trim()).filter(Boolean);
  const warning = problems.length > 0;
  // The versions are the user's settings, and problems and notes may quote them: data, not Markdown.
  const lines = [
    `Checking for an upgrade from Kong **${mdText(s.current)}** to **${mdText(s.target)}** (${editionName(s.edition)}).`,
    ...(s.edition === 'enterprise' ? ['Enterprise-only properties and plugins count as known.'] : []),
    ...problems.map((p) => `$(warning) ${mdText(p, 1000)}`),
    ...(s.support ?? []).map((t) => `$(calendar) ${mdText(t, 1000)}`),
    ...(s.notes ?? []).map((n) => `$(info) ${mdText(n, 1000)}`),
    'Click to pick the target version.',
  ];
  return {
    text: `${warning ? '$(warning)' : '$(arrow-up)'} Kong ${s.current} → ${s.target}`,
    tooltip: lines.join('\n\n'),
    warning,
  };
}
