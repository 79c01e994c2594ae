/**
 * What the Kong status bar item says, from the server's `kong/status` notification.
 * Pure (no `vscode`): the StatusBar turns it into text, a MarkdownString tooltip and a
 * warning background.
 */
import { labelText, mdText, type StatusParams } from '../../server/src/protocol';

export interface StatusText {
  /** Item text, with a codicon: `$(arrow-up) Kong 2.8 → 3.10`. */
  text: string;
  /** Markdown tooltip; uses `$(warning)`, so the MarkdownString needs supportThemeIcons. */
  tooltip: string;
  /** True when the settings have problems: the item gets the warning colour. */
  warning: boolean;
}

/** Longest user text (a version setting, a file name) on the status bar before it is cut. */
const LABEL_MAX = 40;

/**
 * The image hint's status bar text: the version and the file name are the user's, shown
 * as typed (no icons of their own, no control characters, cut when long).
 */
export function offerText(offer: { version: string; file: string }): string {
  return `$(lightbulb) Kong ${labelText(offer.version, LABEL_MAX)} in ${labelText(offer.file, LABEL_MAX)}`;
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
    // Status bar text renders `$(icon)` too: a version setting such as `$(alert) 3.4` shows as typed.
    text: `${warning ? '$(warning)' : '$(arrow-up)'} Kong ${labelText(s.current, LABEL_MAX)} → ${labelText(s.target, LABEL_MAX)}`,
    tooltip: lines.join('\n\n'),
    warning,
  };
}
