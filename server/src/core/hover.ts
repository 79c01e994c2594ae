/** Hover text for kong.conf properties and KONG_* variables (Markdown, our own words + facts). */
import type { FileKind, Span } from './model';
import type { CheckEnv } from './context';
import { settingsOf } from './fileSettings';
import { docsUrlOf, propertyAt, lifeOf } from './knowledge/conf';
import type { LifeEvent, PropertyState } from './knowledge/types';
import { hoverDeclarative, hoverPlugins } from './declarative/hover';
import { compareVersions, minorOf } from './version';
import { readKongResources } from './k8s/resources';
import { mdCode, mdText, mdUrl } from './markdown';

export interface HoverResult {
  markdown: string;
  span: Span;
}

/** Hover at an offset; never throws (a failure of the core answers nothing rather than break the request). */
export function hoverAt(kind: FileKind, text: string, offset: number, env: CheckEnv): HoverResult | null {
  try {
    return hoverAtUnsafe(kind, text, offset, env);
  } catch {
    return null;
  }
}

function hoverAtUnsafe(kind: FileKind, text: string, offset: number, env: CheckEnv): HoverResult | null {
  if (kind === 'declarative') return hoverDeclarative(text, offset, env);
  if (kind === 'kong-conf') {
    // A kong.conf line stands on its own: read only the line under the cursor (a file of
    // 300,000 lines took seconds per hover when the whole file was read each time).
    const ls = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset);
    const le = nl < 0 ? text.length : nl;
    const at = offset - ls;
    const s = settingsOf(kind, text.slice(ls, le)).settings.find((x) => at >= x.keySpan.start && at <= x.keySpan.end);
    if (!s) return null;
    return { markdown: propertyHover(s.property, env, s.keyText !== s.property ? s.keyText : undefined), span: { start: s.keySpan.start + ls, end: s.keySpan.end + ls } };
  }
  const { settings } = settingsOf(kind, text);
  const s = settings.find((x) => offset >= x.keySpan.start && offset <= x.keySpan.end);
  if (!s) return kind === 'kubernetes' ? hoverPlugins(readKongResources(text).local.plugins, offset, env) : null;
  return { markdown: propertyHover(s.property, env, s.keyText !== s.property ? s.keyText : undefined), span: s.keySpan };
}

function stateLine(st: ReturnType<typeof propertyAt>): string {
  switch (st.status) {
    case 'accepted':
      return 'read';
    case 'prefix':
      return 'read (dynamic prefix)';
    case 'deprecated':
      return `deprecated${st.replacement ? ` → \`${st.replacement}\`` : ''}`;
    case 'removed':
      return `removed${st.removedIn ? ` in ${st.removedIn}` : ''}${st.replacement ? ` → \`${st.replacement}\`` : ''}`;
    default:
      return 'not known';
  }
}

function typeText(state: PropertyState | undefined): string {
  if (!state?.type) return '';
  if (state.type === 'enum' && state.allowed?.length) return `one of ${state.allowed.map((a) => `\`${a}\``).join(', ')}`;
  if (state.type === 'array' && state.allowed?.length) return `list of ${state.allowed.map((a) => `\`${a}\``).join(', ')}`;
  if (state.type === 'ngx_boolean' || state.type === 'boolean') return 'boolean (`on` / `off`)';
  if (state.type === 'array') return 'comma-separated list';
  return state.type;
}

function fmtDefault(state: PropertyState | undefined): string {
  if (!state) return '—';
  const d = state.default;
  if (d === undefined || d === null || d === 'NONE' || d === '') return '*unset*';
  return `\`${d}\``;
}

function eventText(e: LifeEvent): string {
  const q = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? 'unset' : `\`${v}\``);
  switch (e.kind) {
    case 'added':
      return 'added';
    case 'removed':
      return `removed${e.replacement ? `, use \`${e.replacement}\`` : ''}`;
    case 'renamed':
      return `renamed to \`${e.replacement ?? e.new}\``;
    case 'deprecated':
      return `deprecated${e.replacement ? `, use \`${e.replacement}\`` : ''}`;
    case 'undeprecated':
      return 'no longer deprecated';
    case 'default_changed':
      return `default ${q(e.old)} → ${q(e.new)}`;
    case 'type_changed':
      return `type ${q(e.old)} → ${q(e.new)}`;
    case 'enum_changed':
      return `allowed values changed${e.new ? ` to ${e.new}` : ''}`;
    case 'deprecated_value':
      return `value ${q(e.old ?? e.new)} deprecated`;
    case 'no_longer_accepted':
      return 'no longer read by the loader';
    case 'documented':
      return 'documented';
    case 'undocumented':
      return 'dropped from the documentation (still read)';
    case 'alias_added':
      return `accepted as an alias${e.replacement ? ` of \`${e.replacement}\`` : ''}`;
    default:
      return e.kind;
  }
}

export function propertyHover(property: string, env: CheckEnv, spelledAs?: string): string {
  const kb = env.knowledge.conf;
  const rec = kb.properties[property];
  const cur = propertyAt(kb, property, env.current.version, env.current.edition);
  const tgt = propertyAt(kb, property, env.target.version, env.target.edition);
  const lines: string[] = [];
  const ty = typeText(tgt.state ?? cur.state);
  lines.push(`**${mdText(property)}**${spelledAs ? ` (as ${mdCode(spelledAs)})` : ''}${ty ? ` · ${ty}` : ''}${rec?.enterpriseOnly ? ' · Enterprise only' : ''}`);
  if (rec?.description) lines.push('', rec.description);
  if (!rec && tgt.status !== 'prefix') lines.push('', 'Kong does not know this property.');
  lines.push(
    '',
    `| | Kong ${mdText(env.current.input)} (now) | Kong ${mdText(env.target.input)} (target) |`,
    '|---|---|---|',
    `| status | ${stateLine(cur)} | ${stateLine(tgt)} |`,
    `| default | ${fmtDefault(cur.state)} | ${fmtDefault(tgt.state)} |`,
  );
  const events = rec ? lifeOf(kb, property).filter((e) => !['documented', 'undocumented'].includes(e.kind)) : [];
  if (events.length) {
    lines.push('', '**History**', '');
    for (const e of events.slice(0, 12)) lines.push(`- ${e.version}: ${eventText(e)}${e.note ? ` — ${e.note}` : ''}`);
    if (events.length > 12) lines.push(`- … ${events.length - 12} more`);
  }
  // Provenance: a target state read from a line's release branch (before GA) says so.
  const tLine = env.target.line;
  if (tLine.dataBasis === 'release-branch' && tgt.state && minorOf(tgt.state.from) === tLine.minor) {
    lines.push('', `_Kong ${tLine.minor} facts come from its release branch, read before general availability._`);
  }
  for (const e of events)
    if (e.advice && compareVersions(e.version, env.target.version) <= 0 && (e.kind === 'removed' || e.kind === 'deprecated'))
      lines.push('', `${e.version}: ${e.advice} (Kong's changelog, in our words).`);
  // The reference has an anchor for the properties it knows; a name it does not know is user text.
  lines.push('', `[Kong configuration reference](${mdUrl(rec ? docsUrlOf(kb, property) : kb.docsUrl)})`);
  return lines.join('\n');
}
