/** `_format_version`: missing, not loaded by the target, refused by decK, converted on the fly. */
import type { Finding, TextEdit } from '../../model';
import { deckRefusesFormat, formatVersionsAccepted } from '../../knowledge/plugins';
import { compareVersions } from '../../version';
import { eolOf, lineStartOf, replaceStringScalarEdit } from '../edits';
import type { LocalModel } from '../walk';
import { fix, v, type DeclarativeContext } from './shared';

/** Document-level checks (a missing `_format_version`). Offsets are absolute. */
export function checkDocument(text: string, ctx: DeclarativeContext, start: number, end: number, fv: { present: true; value: string } | { present: false }, format: 'yaml' | 'json'): Finding[] {
  if (fv.present) return [];
  const acc = formatVersionsAccepted(ctx.plugins, ctx.target.version);
  if (!acc) return [];
  const best = [...acc.values].sort(compareVersions).pop()!;
  // Skip blank/comment lines at the document's start.
  let s = start;
  const m = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text.slice(start, Math.min(end, start + 4000)));
  if (m && format === 'yaml') s = start + m[0].length;
  let e = text.indexOf('\n', s);
  if (e < 0 || e > end) e = end;
  if (text.charCodeAt(e - 1) === 13) e--;
  const edits: TextEdit[] = [];
  // Content on the `---` line itself (or a directive): a line inserted there would land in
  // the previous document, so only a flow map there gets the key, inside its braces.
  const markerLine = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text.slice(s, s + 4)) || /^[ \t]*%/.test(text.slice(s, s + 80));
  if (format === 'yaml' && !markerLine) edits.push({ start: s, end: s, newText: `_format_version: "${best}"${eolOf(text)}` });
  else if (format === 'yaml' && !/^(?:---|\.\.\.)[ \t]+\{/.test(text.slice(s, e))) {
    // Nothing: a `---` line whose content is not a flow map takes no key.
  } else {
    const brace = text.indexOf('{', s);
    if (brace >= 0 && brace < end) {
      const after = text.slice(brace + 1, end).trimStart();
      edits.push({ start: brace + 1, end: brace + 1, newText: ` "_format_version": "${best}"${after.startsWith('}') ? ' ' : ','}` });
    }
  }
  return [
    {
      code: 'format-version',
      severity: 'error',
      message: `No _format_version here. Kong ${v(ctx.target)} needs it to load the file; it accepts ${acc.values.map((x) => `"${x}"`).join(', ')}.`,
      span: { start: s, end: Math.max(s, e) },
      replacement: best,
      ...(edits.length ? { fixes: [fix(`Add _format_version: "${best}"`, edits)] } : {}),
    },
  ];
}

/** `_format_version:` with no value (or `~`, `null`): set the value; never add a second key. */
export function checkFormatEmpty(out: Finding[], fe: NonNullable<LocalModel['formatVersionEmpty']>, text: string, ctx: DeclarativeContext): void {
  const acc = formatVersionsAccepted(ctx.plugins, ctx.target.version);
  if (!acc) return;
  const best = [...acc.values].sort(compareVersions).pop()!;
  const edit: TextEdit = fe.node && fe.node.style !== 'block' ? { start: fe.node.start, end: fe.node.end, newText: `"${best}"` } : { start: fe.colon, end: fe.colon, newText: ` "${best}"` };
  const span = fe.node ? { start: fe.node.start, end: fe.node.end } : { start: lineStartOf(text, fe.colon), end: fe.colon };
  out.push({
    code: 'format-version',
    severity: 'error',
    message: `_format_version has no value. Kong ${v(ctx.target)} needs it to load the file; it accepts ${acc.values.map((x) => `"${x}"`).join(', ')}.`,
    span,
    replacement: best,
    ...(fe.node && fe.node.style === 'block' ? {} : { fixes: [fix(`Set _format_version to "${best}"`, [edit])] }),
  });
}

export function checkFormatValue(out: Finding[], fv: NonNullable<LocalModel['formatVersion']>, _text: string, ctx: DeclarativeContext): void {
  const kb = ctx.plugins;
  const acc = formatVersionsAccepted(kb, ctx.target.version);
  if (!acc) return;
  const val = fv.value.trim();
  const best = [...acc.values].sort(compareVersions).pop()!;
  const edit = replaceStringScalarEdit(fv.node, best);
  const fixes = edit && val !== best ? [fix(`Set _format_version to "${best}"`, [edit])] : undefined;
  if (!acc.values.includes(val)) {
    out.push({
      code: 'format-version',
      severity: 'error',
      message: `Kong ${v(ctx.target)} does not load _format_version "${val}"; it accepts ${acc.values.map((x) => `"${x}"`).join(', ')}.`,
      span: fv.span,
      replacement: best,
      ...(fixes ? { fixes } : {}),
    });
    return;
  }
  const refuse = deckRefusesFormat(kb, val, ctx.target.version);
  if (refuse) {
    out.push({
      code: 'format-version',
      severity: 'warning',
      message: `Kong ${v(ctx.target)} still loads _format_version "${val}" by converting it while it loads, but decK refuses to sync such a file to Kong ${refuse.fromKong} or later. Change it to "${best}" (regex route paths then need the "${kb.format.regexPath.prefix}" prefix).`,
      span: fv.span,
      replacement: best,
      ...(fixes ? { fixes } : {}),
    });
    return;
  }
  const otf = kb.format.onTheFly;
  if (compareVersions(ctx.target.version, otf.from) >= 0 && otf.formatVersions.includes(val)) {
    out.push({
      code: 'format-version',
      severity: 'information',
      message: `From Kong ${otf.from}, a file with _format_version "${val}" is converted to "${otf.treatedAs}" each time it loads. Writing "${best}" makes the file say what Kong reads (add "${kb.format.regexPath.prefix}" to regex route paths at the same time).`,
      span: fv.span,
      replacement: best,
      ...(fixes ? { fixes } : {}),
    });
  }
}
