/** Route paths that look like regexes but lack the `~` prefix Kong 3.0 and later need. */
import type { Finding, Severity } from '../../model';
import { isRegexLikePath } from '../../knowledge/plugins';
import { compareVersions } from '../../version';
import { prefixScalarEdit } from '../edits';
import type { RoutePath } from '../types';
import { fix, planned, v, type DeclarativeContext, type Lazy } from './shared';

export function checkRoutePath(out: Finding[], r: RoutePath, text: string, ctx: DeclarativeContext, formatVersion: string | undefined, lz: Lazy | null): void {
  const kb = ctx.plugins;
  const rule = kb.format.regexPath;
  if (compareVersions(ctx.target.version, rule.from) < 0) return;
  if (r.value.startsWith(rule.prefix) || !isRegexLikePath(kb, r.value)) return;
  const edit = prefixScalarEdit(text, r.node, rule.prefix, !lz);
  const oldFormat = formatVersion === undefined || compareVersions(formatVersion, rule.from) < 0;
  const crossing = compareVersions(ctx.current.version, rule.from) < 0;
  let severity: Severity;
  let message: string;
  let preferred = true;
  if (crossing) {
    severity = 'warning';
    message = `From Kong ${rule.from}, a route path is a regex only when it starts with "${rule.prefix}". "${r.value}" looks like a regex: add "${rule.prefix}" so it stays one${oldFormat ? ' once the file uses _format_version "3.0"' : ''}.`;
  } else if (oldFormat) {
    severity = 'information';
    message = `Kong adds "${rule.prefix}" to "${r.value}" while it loads this old-format file; write it yourself when you change _format_version to "3.0".`;
  } else {
    severity = 'hint';
    preferred = false;
    message = `"${r.value}" looks like a regex, but without a leading "${rule.prefix}" Kong ${v(ctx.target)} matches it as a plain prefix. Add "${rule.prefix}" if it is meant as a regex.`;
  }
  out.push({
    code: 'regex-path-prefix',
    severity,
    message,
    span: r.span,
    replacement: rule.prefix + r.value,
    ...(edit ? { fixes: lz ? planned(lz, r.span.start, 'regex-path-prefix', 1) : [fix(`Add "${rule.prefix}" to the path`, [edit], preferred)] } : {}),
  });
}
