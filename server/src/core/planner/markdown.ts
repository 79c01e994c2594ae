/**
 * Render an UpgradePlan as a Markdown checklist (GitHub task lists: `- [ ]`).
 * Pure: plan in, string out.
 */
import type { ChangelogRef, Hop, Phase, PlanFinding, RuleCite, UpgradePlan } from './types';
import { mdCode, mdText } from '../markdown';

export interface MarkdownOptions {
  /** Heading text; defaults to "Kong Gateway upgrade plan: FROM → TO". */
  title?: string;
  /** Prefix for finding links (e.g. "../" when the file is written in a subfolder). */
  linkBase?: string;
  /** Include the list of rule citations at the end (default true). */
  citations?: boolean;
  /** Include per-hop changelog references (default true). */
  changes?: boolean;
}

const PHASE_TITLE: Record<Phase, string> = { before: 'Before', during: 'During', after: 'After' };

/** Plan text (messages, paths, versions) as Markdown text: see core/markdown.ts. Long enough not to cut a message. */
function esc(text: string): string {
  return mdText(text, 4000);
}

function code(text: string): string {
  return mdCode(text, 4000);
}

function ruleIds(rules: Array<{ id: string } | string>): string {
  const ids = rules.map((r) => (typeof r === 'string' ? r : r.id));
  return ids.length ? ` _(${ids.join(', ')})_` : '';
}

/** `[path:line](path#Lline)` with the link target URL-encoded (spaces etc.). */
export function findingLink(f: Pick<PlanFinding, 'path' | 'line'>, linkBase = ''): string {
  const target = encodeURI(`${linkBase}${f.path}`).replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${esc(f.path)}:${f.line}](${target}#L${f.line})`;
}

/** `#8815` for a pull-request link, else `changelog`. */
function linkText(link: string): string {
  const m = /\/(pull|issues)\/(\d+)$/.exec(link);
  return m ? `#${m[2]}` : 'changelog';
}

/** Markdown of a summary: names the entry lists (fields, kong.conf properties) as code, the rest escaped. */
function summaryMarkdown(text: string, names: string[]): string {
  // Also snake_case words of the summary itself (`_format_version`, `kong.request.get_path()`; `*_metrics` stays text).
  const snake = text.match(/(?<![\w.*/:])(?:[A-Za-z]\w*\.)*_?[A-Za-z][A-Za-z0-9]*_\w*(?:\.\w+)*(?:\(\))?/g) ?? [];
  const list = [...new Set([...names, ...snake].filter((n) => n.length > 2))].sort((a, b) => b.length - a.length);
  if (!list.length) return esc(text);
  const re = new RegExp(`(?<![\\w./:])(${list.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w])`, 'g');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    out += esc(text.slice(last, at)) + code(m[0]);
    last = at + m[0].length;
  }
  return out + esc(text.slice(last));
}

/** One changelog entry: `- **3.0.0.0** summary ([#8815](url)) — plugins: `acl`; kong.conf: `x``. */
export function changelogLine(c: ChangelogRef): string {
  const tag = c.kind === 'deprecation' ? ' _deprecation_' : '';
  const text = c.summary ? summaryMarkdown(c.summary, [...(c.identifiers ?? []), ...c.properties]) : esc(c.label);
  const extra: string[] = [];
  const plugins = [...c.plugins, ...(c.pluginsInferred ?? [])];
  if (plugins.length) extra.push(`plugins: ${plugins.map(code).join(', ')}`);
  if (c.properties.length) extra.push(`kong.conf: ${c.properties.map(code).join(', ')}`);
  return `- **${esc(c.version)}**${tag} ${text} ([${linkText(c.link)}](${c.link}))${extra.length ? ` — ${extra.join('; ')}` : ''}`;
}

function hopTitle(h: Hop, i: number): string {
  const min = h.minimum && h.minimum !== h.to ? ` (at least ${esc(h.minimum)})` : '';
  const tags = [h.prehop ? 'required patch pre-hop' : h.kind, h.guaranteed ? 'guaranteed path' : 'not a guaranteed path'];
  if (h.lowConfidence) tags.push('low confidence');
  return `Hop ${i + 1}: ${esc(h.from)} → ${esc(h.to)}${min} — ${tags.join(', ')}`;
}

export function planToMarkdown(plan: UpgradePlan, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  const title = opts.title ?? `Kong Gateway upgrade plan: ${esc(plan.from)} → ${esc(plan.to)}`;
  out.push(`# ${title}`, '');
  out.push(`- Edition: ${plan.edition === 'enterprise' ? 'Kong Gateway Enterprise' : 'open source'}`);
  out.push(`- Topology: ${esc(plan.topology)}`);

  if (plan.error) {
    out.push('', `**No plan:** ${esc(plan.error.message)}`, '');
    const other = plan.notes.filter((n) => n.code !== plan.error?.code);
    if (other.length) {
      out.push('## Notes', '');
      for (const n of other) out.push(`- **${n.severity}**: ${esc(n.message)}${ruleIds(n.rules)}`);
      out.push('');
    }
    return joinLines(out);
  }

  const path = [plan.from, ...plan.hops.map((h) => h.to)];
  out.push(`- Path: ${plan.hops.length ? path.map(esc).join(' → ') : 'nothing to do'}${plan.direct ? ' (direct)' : ''}`, '');

  const blockers = plan.notes.filter((n) => n.severity === 'blocker');
  if (blockers.length) {
    out.push('## Blockers', '');
    for (const n of blockers) out.push(`- [ ] ${esc(n.message)}${n.hop !== undefined ? ` (hop ${n.hop + 1})` : ''}${ruleIds(n.rules)}`);
    out.push('');
  }

  if (plan.prehops.length) {
    out.push('## Patch pre-hops', '');
    for (const p of plan.prehops) {
      const min = p.minimum ? ` (at least ${esc(p.minimum)})` : '';
      const cond = p.conditional ? ' — skip if you are already there' : '';
      out.push(`- [ ] ${p.required ? 'Required' : 'Recommended'}: ${esc(p.from)} → ${esc(p.to)}${min}: ${esc(p.reason)}${cond}${ruleIds(p.rules)}`);
    }
    out.push('');
  }

  for (const [i, h] of plan.hops.entries()) {
    out.push(`## ${hopTitle(h, i)}`, '');
    out.push(`Strategy: **${esc(h.strategy.name)}**. ${esc(h.strategy.why)}`, '');
    if (h.deckConvert) out.push(`decK conversion for this hop: ${code(`deck file convert --from ${h.deckConvert.from} --to ${h.deckConvert.to}`)}`, '');
    const hopNotes = plan.notes.filter((n) => n.hop === i && n.severity !== 'blocker');
    if (hopNotes.length) {
      for (const n of hopNotes) out.push(`> **${n.severity}**: ${esc(n.message)}${ruleIds(n.rules)}`);
      out.push('');
    }
    for (const phase of ['before', 'during', 'after'] as const) {
      const steps = h.strategy.steps.filter((s) => s.phase === phase);
      if (!steps.length) continue;
      out.push(`### ${PHASE_TITLE[phase]}`, '');
      for (const s of steps) {
        out.push(`- [ ] ${esc(s.text)}${ruleIds(s.rules)}`);
        if (s.command) out.push(`  ${code(s.command)}`);
      }
      out.push('');
    }
    if (h.findings.length) {
      out.push('### Findings in your configuration', '');
      const sorted = [...h.findings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
      for (const f of sorted) out.push(`- [ ] ${findingLink(f, opts.linkBase)} **${f.severity}** ${code(f.code)}: ${esc(f.message)}`);
      out.push('');
    }
    if (opts.changes !== false) {
      const all = [...h.changes.breaking, ...h.changes.deprecations];
      if (all.length) {
        out.push(`<details><summary>Changelog entries in this hop: ${h.changes.breaking.length} breaking, ${h.changes.deprecations.length} deprecations</summary>`, '');
        for (const c of all) out.push(changelogLine(c));
        out.push('', '</details>', '');
      }
    }
  }

  const general = plan.notes.filter((n) => n.hop === undefined && n.severity !== 'blocker');
  if (general.length) {
    out.push('## Notes', '');
    for (const n of general) out.push(`- **${n.severity}**: ${esc(n.message)}${ruleIds(n.rules)}`);
    out.push('');
  }

  if (plan.alternatives.length) {
    out.push('## Published alternatives (not taken)', '');
    for (const a of plan.alternatives) out.push(`- ${a.stops.map(esc).join(' → ')}: ${esc(a.description)}${ruleIds(a.rules)}`);
    out.push('');
  }

  if (opts.citations !== false) {
    const seen = new Map<string, RuleCite>();
    const addAll = (rs: RuleCite[]) => rs.forEach((r) => seen.has(r.id) || seen.set(r.id, r));
    plan.hops.forEach((h) => addAll(h.rules));
    plan.notes.forEach((n) => addAll(n.rules));
    plan.prehops.forEach((p) => addAll(p.rules));
    plan.alternatives.forEach((a) => addAll(a.rules));
    if (seen.size) {
      out.push('## Rules and sources', '');
      for (const r of [...seen.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))) {
        out.push(`- **${r.id}** ${esc(r.title)}${r.citation ? ` — ${esc(r.citation)}` : ''}`);
      }
      out.push('');
    }
  }
  return joinLines(out);
}

/** The lines as one Markdown text: at most one blank line in a row, one final newline. */
function joinLines(out: string[]): string {
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
