/**
 * The conservative upgrade planner (section P of kong-facts/upgrade/upgrade-rules.md).
 * Pure: data in (input + knowledge), data out; never throws on user input.
 */
import type { Edition } from '../knowledge/types';
import { publishedTableRow, tableRowFor } from './tables';
import type {
  Alternative,
  ChangelogRef,
  Condition,
  Hop,
  HopKind,
  Note,
  PlanError,
  PlanFlag,
  PlanInput,
  PlannerKnowledge,
  Prehop,
  RuleCite,
  Step,
  Strategy,
  StrategyKind,
  Topology,
  UpgradePlan,
} from './types';
import { editionLines, inSet, latestPatch, lineOf, majorOf, resolveIn, vcmp, type LineNode, type Resolved } from './versions';
import { nextDay, statusDay, supportOn, supportText } from '../support';

const TOPOLOGIES: Topology[] = ['traditional', 'hybrid', 'dbless', 'konnect'];
const EDITIONS: Edition[] = ['oss', 'enterprise'];

/** Citation text for a rule: its sources, and for conflicts both sides. */
export function citeRule(k: PlannerKnowledge, id: string): RuleCite {
  const rule = k.upgrade.rules[id];
  if (!rule) return { id, title: id, citation: '' };
  const fmt = (s: string) => {
    const src = k.upgrade.sources[s];
    if (!src) return s;
    const where = src.url ?? [src.repo, src.path].filter(Boolean).join(' ') + (src.commit ? `@${src.commit.slice(0, 10)}` : '');
    return where ? `${s} (${where})` : s;
  };
  let citation: string;
  if (rule.sides?.length) {
    citation = rule.sides.map((side) => `${side.claim}: ${side.sources.map(fmt).join(', ')}`).join(' | ');
    if (rule.choice) citation += ` | conservative choice: ${rule.choice}`;
  } else {
    citation = rule.sources.map(fmt).join('; ');
  }
  return { id, title: rule.title, citation };
}

function cites(k: PlannerKnowledge, ids: Iterable<string>): RuleCite[] {
  return [...new Set(ids)].map((id) => citeRule(k, id));
}

function errorPlan(input: Partial<PlanInput>, error: PlanError, extraRules: string[], k: PlannerKnowledge | undefined): UpgradePlan {
  const notes: Note[] = [{ severity: 'blocker', code: error.code, message: error.message, rules: k ? cites(k, extraRules) : [] }];
  return {
    from: String(input.from ?? ''),
    to: String(input.to ?? ''),
    topology: (input.topology ?? 'traditional') as Topology,
    edition: (input.edition ?? 'oss') as Edition,
    hops: [],
    prehops: [],
    direct: false,
    notes,
    alternatives: [],
    error,
  };
}

interface EdgeInfo {
  rules: string[];
  kind: HopKind;
  lowConfidence: boolean;
}

/** Edges of the graph out of `a` (P2), ascending, limited to lines <= target. */
function edgesFrom(k: PlannerKnowledge, edition: Edition, lines: LineNode[], a: string, target: string): Array<[string, EdgeInfo]> {
  const out = new Map<string, EdgeInfo>();
  const add = (b: string, rules: string[], kind: HopKind, low = false) => {
    if (vcmp(b, a) <= 0 || vcmp(b, target) > 0) return;
    if (!lines.some((l) => l.minor === b)) return;
    const prev = out.get(b);
    if (prev) {
      prev.rules.push(...rules.filter((r) => !prev.rules.includes(r)));
      prev.lowConfidence = prev.lowConfidence && low;
      return;
    }
    out.set(b, { rules: [...rules], kind, lowConfidence: low });
  };
  // a. adjacent minor within one major, in the edition's own list
  const i = lines.findIndex((l) => l.minor === a);
  const next = lines[i + 1];
  if (i >= 0 && next && majorOf(next.minor) === majorOf(a)) add(next.minor, k.upgrade.adjacentMinorRules, 'minor');
  // b. adjacent LTS (editions allowed by C4)
  if (k.upgrade.ltsEditions.includes(edition)) {
    const lts = [...k.releases.ltsLines].sort(vcmp);
    const j = lts.indexOf(a);
    if (j >= 0 && lts[j + 1]) add(lts[j + 1], k.upgrade.ltsEdgeRules, 'lts');
  }
  // c/d. documented jumps
  for (const e of k.upgrade.edges) {
    if (!e.editions.includes(edition) || !inSet(a, e.from) || !inSet(target, e.whenTarget)) continue;
    for (const l of lines) {
      if (inSet(l.minor, e.to)) add(l.minor, e.rules, majorOf(l.minor) !== majorOf(a) && e.to.lines?.length === 1 && e.from.lines?.length === 1 ? 'major' : 'jump', !!e.lowConfidence);
    }
  }
  return [...out.entries()].sort((x, y) => vcmp(x[0], y[0]));
}

/** Shortest path of lines (P4): BFS, neighbours in ascending order, first discovery wins. */
function shortestPath(k: PlannerKnowledge, edition: Edition, lines: LineNode[], from: string, to: string): Array<{ line: string; edge: EdgeInfo }> | null {
  const parent = new Map<string, { prev: string; edge: EdgeInfo }>();
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    const a = queue.shift() as string;
    if (a === to) break;
    for (const [b, edge] of edgesFrom(k, edition, lines, a, to)) {
      if (seen.has(b)) continue;
      seen.add(b);
      parent.set(b, { prev: a, edge });
      queue.push(b);
    }
  }
  if (!seen.has(to)) return null;
  const path: Array<{ line: string; edge: EdgeInfo }> = [];
  for (let cur = to; cur !== from; ) {
    const p = parent.get(cur);
    if (!p) return null;
    path.unshift({ line: cur, edge: p.edge });
    cur = p.prev;
  }
  return path;
}

interface HopCtx {
  input: PlanInput;
  fromLine: string;
  toLine: string;
  strategy: StrategyKind;
  deck?: { from: string; to: string };
}

function flag(input: PlanInput, f: PlanFlag): boolean | undefined {
  if (f === 'blueGreen') return input.blueGreen === true || input.strategy === 'blue-green' ? true : input.blueGreen;
  return input[f];
}

function matches(c: Condition | undefined, ctx: HopCtx): boolean {
  if (!c) return true;
  const { input, fromLine, toLine } = ctx;
  if (c.topologies && !c.topologies.includes(input.topology)) return false;
  if (c.editions && !c.editions.includes(input.edition)) return false;
  if (c.strategies && !c.strategies.includes(ctx.strategy)) return false;
  if (c.crosses !== undefined && !(vcmp(fromLine, c.crosses) < 0 && vcmp(c.crosses, toLine) <= 0)) return false;
  if (c.landsAtLeast !== undefined && vcmp(toLine, c.landsAtLeast) < 0) return false;
  if (c.lands !== undefined && vcmp(toLine, c.lands) !== 0) return false;
  if (c.leaves !== undefined && vcmp(fromLine, c.leaves) !== 0) return false;
  if (c.touches !== undefined && !(fromLine !== toLine && (vcmp(fromLine, c.touches) === 0 || vcmp(toLine, c.touches) === 0))) return false;
  if (c.lineChange !== undefined && (fromLine !== toLine) !== c.lineChange) return false;
  if (c.deckConvert !== undefined && !!ctx.deck !== c.deckConvert) return false;
  if (c.flags && !c.flags.every((f) => flag(input, f) === true)) return false;
  if (c.flagsNot && c.flagsNot.some((f) => flag(input, f) === true)) return false;
  if (c.flagsUnknown && !c.flagsUnknown.every((f) => flag(input, f) === undefined)) return false;
  if (c.flagsNotFalse && c.flagsNotFalse.some((f) => flag(input, f) === false)) return false;
  return true;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

function chooseStrategy(k: PlannerKnowledge, input: PlanInput, kind: HopKind): { kind: StrategyKind; why: string; rules: string[] } {
  const describe = (s: StrategyKind) => k.upgrade.strategies.find((x) => x.kind === s);
  if (input.topology === 'dbless' || input.topology === 'konnect') {
    const s = describe('rolling');
    return { kind: 'rolling', why: s?.why ?? '', rules: s?.rules ?? [] };
  }
  const wanted: StrategyKind = input.strategy ?? (input.blueGreen ? 'blue-green' : 'dual-cluster');
  if (wanted === 'blue-green' && kind !== 'patch') {
    const s = describe('dual-cluster');
    return {
      kind: 'dual-cluster',
      why: `Blue-green was asked for, but Kong limits it to patch upgrades inside one line and does not offer it for LTS jumps, so this hop uses dual-cluster. ${s?.why ?? ''}`.trim(),
      rules: [...(s?.rules ?? []), 'S1', 'L5'],
    };
  }
  const s = describe(wanted);
  return { kind: wanted, why: s?.why ?? '', rules: s?.rules ?? [] };
}

function strategyName(topology: Topology, kind: StrategyKind): string {
  if (topology === 'hybrid') return `control planes ${kind}, then data planes rolling`;
  if (topology === 'konnect') return 'rolling (data planes; Kong upgrades the Konnect control plane)';
  return kind;
}

function changesFor(k: PlannerKnowledge, edition: Edition, lowerExclusive: string, upper: string, fromLine: string, toLine: string) {
  const breaking: ChangelogRef[] = [];
  const deprecations: ChangelogRef[] = [];
  for (const e of k.upgrade.changelog) {
    let inRange: boolean;
    if (edition === 'enterprise') {
      inRange = vcmp(e.version, lowerExclusive) > 0 && vcmp(e.version, upper) <= 0;
    } else {
      // OSS patch numbers do not map onto the Enterprise keys (V2): use whole lines.
      if (!e.oss) continue;
      const l = lineOf(e.version);
      inRange = fromLine === toLine ? l === toLine && vcmp(e.version, `${l}.0.0`) > 0 : vcmp(l, fromLine) > 0 && vcmp(l, toLine) <= 0;
    }
    if (!inRange) continue;
    (e.kind === 'deprecation' ? deprecations : breaking).push(e);
  }
  return { breaking, deprecations };
}

function floorFor(k: PlannerKnowledge, edition: Edition, line: string, fromLine: string, target: string) {
  return k.upgrade.floors.find((f) => f.edition === edition && f.line === line && inSet(fromLine, f.whenFromLine) && inSet(target, f.whenTarget));
}

/** Plan the upgrade. Never throws: refusals come back as a plan with `error` and no hops. */
export function planUpgrade(input: PlanInput, knowledge: PlannerKnowledge): UpgradePlan {
  const k = knowledge;
  try {
    return plan(input, k);
  } catch (e) {
    return errorPlan(input ?? ({} as PlanInput), { code: 'no-path', message: `The planner failed on this input: ${e instanceof Error ? e.message : String(e)}` }, [], k);
  }
}

function plan(input: PlanInput, k: PlannerKnowledge): UpgradePlan {
  if (!input || !TOPOLOGIES.includes(input.topology)) {
    return errorPlan(input ?? {}, { code: 'unknown-version', message: `Unknown topology "${input?.topology}" (expected ${TOPOLOGIES.join(', ')})` }, [], k);
  }
  if (!EDITIONS.includes(input.edition)) {
    return errorPlan(input, { code: 'edition-mismatch', message: `Unknown edition "${input.edition}" (expected oss or enterprise)` }, [], k);
  }
  const edition = input.edition;
  const notes: Note[] = [];
  const lines = editionLines(k, edition);

  const rf = resolveIn(k, edition, String(input.from ?? ''));
  const rt = resolveIn(k, edition, String(input.to ?? ''));
  for (const [which, r] of [
    ['current', rf],
    ['target', rt],
  ] as const) {
    if (r.ok) continue;
    if (which === 'target' && r.reason === 'other-edition' && edition === 'oss') {
      return errorPlan(input, { code: 'not-oss', message: `${r.message}: Kong ${lineOf(input.to)} is Kong Gateway Enterprise only (open source ends with ${k.upgrade.lastOssLine})` }, ['V5', 'P1'], k);
    }
    const code = r.reason === 'other-edition' ? 'edition-mismatch' : 'unknown-version';
    return errorPlan(input, { code, message: `The ${which} version: ${r.message}` }, ['P1'], k);
  }
  if (!rf.ok || !rt.ok) return errorPlan(input, { code: 'unknown-version', message: 'unreachable' }, [], k);
  const from = rf.value;
  const to = rt.value;
  for (const r of [from, to]) if (r.note) notes.push({ severity: 'info', code: 'version', message: r.note, rules: cites(k, ['V1', 'V2']) });

  const base = {
    from: from.input,
    to: to.input,
    topology: input.topology,
    edition,
    fromLine: from.line,
    toLine: to.line,
  };

  // P1: downgrades
  const lineCmp = vcmp(to.line, from.line);
  if (lineCmp < 0 || (lineCmp === 0 && from.exact && to.exact && vcmp(to.exact, from.exact) < 0)) {
    const refused = errorPlan(
      input,
      { code: 'downgrade', message: `${to.input} is older than ${from.input}: migrations cannot be undone, so going back means restoring the backup taken before the upgrade` },
      ['P1', 'K8'],
      k,
    );
    return { ...refused, ...base, notes: [...notes, ...refused.notes] };
  }

  const fromVersion = from.exact ?? from.line;
  const targetVersion = to.exact ?? latestPatch(to.node);
  const blueGreen = flag(input, 'blueGreen') === true;

  // Same version: nothing to do.
  if (lineCmp === 0 && ((from.exact && vcmp(from.exact, targetVersion) === 0) || (!from.exact && !to.exact))) {
    notes.push({
      severity: 'info',
      code: 'same-version',
      message: from.exact
        ? `Already on ${from.exact}: nothing to upgrade.`
        : `Both versions name the ${from.line} line: nothing to plan between lines (give exact patches to plan a patch upgrade; the newest known is ${latestPatch(from.node)}).`,
      rules: cites(k, ['G1']),
    });
    return { ...base, hops: [], prehops: [], direct: false, notes, alternatives: [] };
  }

  const hops: Hop[] = [];
  const prehops: Prehop[] = [];
  type Stop = { fromV: string; fromLine: string; toV: string; toLine: string; minimum?: string; kind: HopKind; rules: string[]; prehop?: boolean; low?: boolean };
  const stops: Stop[] = [];

  let path: Array<{ line: string; edge: EdgeInfo }> = [];
  if (lineCmp === 0) {
    // G1: one patch hop inside the line.
    stops.push({ fromV: fromVersion, fromLine: from.line, toV: targetVersion, toLine: to.line, kind: 'patch', rules: ['G1'] });
  } else {
    const found = shortestPath(k, edition, lines, from.line, to.line);
    if (!found) {
      return { ...errorPlan(input, { code: 'no-path', message: `No documented upgrade path leads from ${from.line} to ${to.line} for this edition` }, ['P2', 'G4'], k), ...base };
    }
    path = found;
    // P6: patch pre-hops on the current line.
    const firstNext = path[0]?.line;
    for (const ph of k.upgrade.prehops) {
      if (ph.edition !== edition || ph.line !== from.line) continue;
      if (ph.topologies && !ph.topologies.includes(input.topology)) continue;
      if (ph.blueGreen && !blueGreen) continue;
      if (!inSet(to.line, ph.whenTarget)) continue;
      if (ph.whenNextLine && ph.whenNextLine !== firstNext) continue;
      if (from.exact && vcmp(from.exact, ph.minimum) >= 0) continue;
      const latest = latestPatch(from.node);
      prehops.push({
        from: fromVersion,
        to: latest,
        minimum: ph.minimum,
        required: ph.required,
        reason: k.upgrade.rules[ph.rules[0]]?.title ?? ph.id,
        rules: cites(k, ph.rules),
        ...(from.exact ? {} : { conditional: true }),
      });
    }
    const latestCur = latestPatch(from.node);
    if (from.exact && vcmp(from.exact, latestCur) < 0 && !prehops.some((p) => p.required || p.to === latestCur)) {
      prehops.push({ from: from.exact, to: latestCur, required: false, reason: 'Newest patch of the current line first (recommended)', rules: cites(k, ['P6', 'G1']) });
    }
    const required = prehops.filter((p) => p.required);
    let cur = fromVersion;
    if (required.length) {
      const minimum = required
        .map((p) => p.minimum as string)
        .sort(vcmp)
        .pop();
      stops.push({
        fromV: fromVersion,
        fromLine: from.line,
        toV: latestCur,
        toLine: from.line,
        ...(minimum ? { minimum } : {}),
        kind: 'patch',
        rules: ['G1', 'P6', ...required.flatMap((p) => p.rules.map((r) => r.id))],
        prehop: true,
      });
      cur = latestCur;
    }
    let prevLine = from.line;
    for (const [idx, step] of path.entries()) {
      const last = idx === path.length - 1;
      const node = lines.find((l) => l.minor === step.line) as LineNode;
      const toV = last ? targetVersion : latestPatch(node);
      const floor = floorFor(k, edition, step.line, prevLine, to.line);
      stops.push({
        fromV: cur,
        fromLine: prevLine,
        toV,
        toLine: step.line,
        ...(floor ? { minimum: floor.version } : {}),
        kind: step.edge.kind,
        rules: [...step.edge.rules, ...(floor ? floor.rules : [])],
        low: step.edge.lowConfidence || vcmp(prevLine, '1.0') < 0,
      });
      if (last && floor && to.exact && vcmp(to.exact, floor.version) < 0) {
        notes.push({
          severity: 'warning',
          code: 'below-minimum',
          message: `The target ${to.exact} is below ${floor.version}, the lowest patch the rules accept on ${step.line}; prefer ${latestPatch(node)}.`,
          rules: cites(k, floor.rules),
        });
      }
      cur = toV;
      prevLine = step.line;
    }
  }

  // Build hops with strategy, steps, changes, notes.
  for (const [i, s] of stops.entries()) {
    const guaranteed = (s.kind === 'patch' || s.kind === 'minor' || s.kind === 'lts') && vcmp(s.fromLine, k.upgrade.guaranteedFrom) >= 0;
    const deckRule = s.fromLine !== s.toLine ? k.upgrade.deckConvert.find((d) => inSet(s.fromLine, d.fromLine) && inSet(s.toLine, d.toLine)) : undefined;
    const deck = deckRule ? { from: deckRule.deckFrom, to: deckRule.deckTo } : undefined;
    const strat = chooseStrategy(k, input, s.kind);
    const ctx: HopCtx = { input, fromLine: s.fromLine, toLine: s.toLine, strategy: strat.kind, ...(deck ? { deck } : {}) };
    const vars: Record<string, string> = { from: s.fromV, to: s.toV, fromLine: s.fromLine, toLine: s.toLine, deckFrom: deck?.from ?? '', deckTo: deck?.to ?? '' };
    const steps: Step[] = [];
    for (const t of k.upgrade.steps) {
      if (!matches(t.when, ctx)) continue;
      steps.push({ id: t.id, phase: t.phase, text: fill(t.text, vars), ...(t.command ? { command: fill(t.command, vars) } : {}), rules: t.rules });
    }
    if (input.customNginxTemplate) {
      for (const tc of k.upgrade.templateChanges) {
        if (!(vcmp(s.fromLine, tc.version) < 0 && vcmp(tc.version, s.toLine) <= 0)) continue;
        steps.push({
          id: `nginx-template-${tc.removed}`,
          phase: 'before',
          text: `Custom Nginx template: ${tc.removed} no longer exists from ${tc.version}${tc.replacement ? `; use ${tc.replacement} instead` : ''} (changelog ${tc.ref}).`,
          rules: ['K1'],
        });
      }
    }
    const order = { before: 0, during: 1, after: 2 } as const;
    steps.sort((a, b) => order[a.phase] - order[b.phase]);
    const strategy: Strategy = {
      name: strategyName(input.topology, strat.kind),
      kind: input.topology === 'traditional' ? strat.kind : 'rolling',
      ...(input.topology === 'hybrid' ? { controlPlane: strat.kind } : {}),
      why: strat.why,
      steps,
    };
    const lower = s.fromV === s.fromLine ? `${s.fromLine}.0.0` : s.fromV;
    const ruleIds = [...s.rules, ...(guaranteed ? [] : ['G4']), ...(deckRule ? deckRule.rules : []), ...strat.rules];
    const hop: Hop = {
      from: s.fromV,
      to: s.toV,
      fromLine: s.fromLine,
      toLine: s.toLine,
      ...(s.minimum ? { minimum: s.minimum } : {}),
      kind: s.kind,
      guaranteed,
      ...(s.prehop ? { prehop: true } : {}),
      ...(s.low ? { lowConfidence: true } : {}),
      ...(deck ? { deckConvert: deck } : {}),
      rules: cites(k, ruleIds),
      strategy,
      findings: [],
      changes: changesFor(k, edition, lower, s.toV, s.fromLine, s.toLine),
    };
    hops.push(hop);
    for (const n of k.upgrade.notes) {
      if (!matches(n.when, ctx)) continue;
      notes.push({ severity: n.severity, code: n.id, message: fill(n.text, vars), hop: i, rules: cites(k, n.rules) });
    }
  }

  // Plan-level notes.
  if (hops.some((h) => h.lowConfidence)) {
    notes.push({
      severity: 'warning',
      code: 'low-confidence',
      message: 'Part of this path is before 1.0, where Kong documented upgrades one minor at a time only: treat it as low confidence and test each step.',
      rules: cites(k, ['C10', 'O2']),
    });
  }
  const nonGuaranteed = hops.filter((h) => !h.guaranteed);
  if (nonGuaranteed.length) {
    notes.push({
      severity: 'info',
      code: 'not-guaranteed',
      message: `Not one of Kong's guaranteed paths: ${nonGuaranteed.map((h) => `${h.fromLine} → ${h.toLine}`).join(', ')}. These hops follow documented upgrade rules; discuss them with Kong support if you can.`,
      rules: cites(k, ['G4']),
    });
  }
  if (edition === 'oss') {
    const lts = [...k.releases.ltsLines].sort(vcmp);
    const skipped = lts.some((a, j) => lts[j + 1] && vcmp(a, from.line) >= 0 && vcmp(lts[j + 1], to.line) <= 0);
    if (skipped)
      notes.push({
        severity: 'info',
        code: 'oss-no-lts',
        message: 'Open source: LTS-to-LTS jumps are documented for Enterprise only, so this plan walks every minor.',
        rules: cites(k, ['C4', 'L1', 'L7']),
      });
  }
  // Support status on the day of planning (never before the facts' own date), from the lines' dates.
  const day = statusDay(k.releases, input.today);
  const supports = [from.line, ...(to.line !== from.line ? [to.line] : [])].map((line) => ({ line, s: supportOn(k.releases, line, day) }));
  for (const { line, s } of supports) {
    if (!s || s.state === 'unknown') continue;
    notes.push({ severity: 'info', code: 'support', message: `${line}: ${supportText(s)} (as of ${day}).`, rules: cites(k, ['LC1']) });
  }
  const target = supports.find((x) => x.line === to.line)?.s;
  if (target && (target.state === 'sunset-support' || target.state === 'end-of-life')) {
    const what =
      target.state === 'end-of-life'
        ? `is past its end of life (since ${target.since})`
        : `is in sunset support since ${target.since} (no more patches; end of life from ${nextDay(target.until as string)})`;
    notes.push({ severity: 'warning', code: 'target-status', message: `The target line ${to.line} ${what} as of ${day}: consider a supported line.`, rules: cites(k, ['LC1', 'LC4']) });
  }
  if (input.topology === 'konnect' && !k.upgrade.konnectLines.some((l) => l.minor === to.line)) {
    notes.push({ severity: 'warning', code: 'konnect-line', message: `Konnect does not list ${to.line} among its supported data plane lines.`, rules: cites(k, ['S6']) });
  }
  if (input.topology === 'konnect') {
    notes.push({
      severity: 'info',
      code: 'konnect-dcgw',
      message: 'Dedicated Cloud Gateways are upgraded differently: Kong applies patches and the data plane version must match the control plane exactly.',
      rules: cites(k, ['S7', 'H7']),
    });
  }

  const alternatives = alternativesFor(k, input, from, to, hops);
  return { ...base, hops, prehops, direct: hops.length === 1, notes, alternatives };
}

/** Published routes that differ from the conservative one (P9); offered, never taken. */
function alternativesFor(k: PlannerKnowledge, input: PlanInput, from: Resolved, to: Resolved, hops: Hop[]): Alternative[] {
  const out: Alternative[] = [];
  const main = hops.filter((h) => !h.prehop);
  const planLines = main.map((h) => h.toLine);
  const planStops = main.map((h) => h.minimum ?? h.toLine);
  const blueGreen = flag(input, 'blueGreen') === true;
  // The table Kong published for this target (Enterprise documents).
  if (input.edition === 'enterprise' && input.topology !== 'konnect') {
    const row = tableRowFor(from.line, from.exact, input.topology);
    const table = row ? publishedTableRow(k, to.line, row, input.topology as 'traditional' | 'hybrid' | 'dbless') : undefined;
    if (table) {
      const lead = hops.some((h) => h.prehop) ? [from.line] : [];
      const tableLines = table.stops.map((s) => lineOf(s.replace(/\.x$/, '')));
      const conservative = [...lead, ...planLines];
      const matchesPlan = tableLines.length === conservative.length && tableLines.every((l, i) => l === conservative[i]);
      out.push({
        stops: table.stops.map((s) => (table.blueGreenOnly.includes(s) ? `${s} (blue-green only)` : s)),
        description: `Kong's published upgrade table for ${to.line} (row ${row}, ${input.topology}), removed from the docs in Dec 2024${matchesPlan ? '; same route as this plan' : ''}.`,
        ...(matchesPlan ? { matchesPlan } : {}),
        rules: cites(k, [...k.upgrade.tables.rules, 'P9']),
      });
    }
  }
  // Shortcuts: from a stop, jump to a later line, then continue conservatively (memoryless).
  const lines = editionLines(k, input.edition);
  const seq = [from.line, ...planLines];
  for (const sc of k.upgrade.shortcuts) {
    if (!sc.editions.includes(input.edition)) continue;
    if (sc.topologies && !sc.topologies.includes(input.topology)) continue;
    if (sc.notBlueGreen && blueGreen) continue;
    if (vcmp(sc.line, to.line) > 0) continue;
    const at = seq.findIndex((l, i) => inSet(l, sc.at) && (!sc.atCurrentOnly || i === 0));
    if (at < 0) continue;
    const next = seq[at + 1];
    if (!next || vcmp(sc.line, next) <= 0) continue; // the shortcut must skip at least one stop
    const onward = sc.line === to.line ? [] : shortestPath(k, input.edition, lines, sc.line, to.line);
    if (onward === null) continue;
    const lead = hops.filter((h) => h.prehop).map((h) => h.minimum ?? h.to);
    const stops = [...lead, ...planStops.slice(0, at), sc.stop, ...onward.map((p) => p.line)];
    const dup = out.find((a) => a.stops.length === stops.length && a.stops.every((x, i) => x.replace(/\.x$/, '') === stops[i]));
    if (dup) {
      dup.description += ` ${sc.description}`;
      dup.rules.push(
        ...cites(
          k,
          sc.rules.filter((r) => !dup.rules.some((c) => c.id === r)),
        ),
      );
      continue;
    }
    out.push({ stops, description: sc.description, rules: cites(k, [...sc.rules, 'P9']) });
  }
  return out;
}
