/** Turns plugin-field verdicts into findings, with moves, renames and comment-outs as fixes. */
import type { Finding, Fix, Severity, TextEdit } from '../../model';
import type { FieldAt } from '../../knowledge/plugins';
import { commentOutEdits, eolOf, lineStartOf, moveKeysEdits, removalEdits, renameKeyEdit, replaceStringScalarEdit, type MoveBlock, type MoveRequest } from '../edits';
import type { FieldOccurrence, PluginInstance } from '../types';
import { intern } from './memo';
import { PLANNED, fix, planned, type DeclarativeContext, type Lazy } from './shared';

export const DEPRECATED_TAGS: Finding['tags'] = ['deprecated'];

export interface FieldVerdict {
  f: FieldOccurrence;
  r: FieldAt;
  /** Config-relative target path when the key should move/rename. */
  to?: string;
  code: Finding['code'];
  severity: Severity;
  message: string;
  tags?: Finding['tags'];
  /** Comment the key out instead (removed, no replacement). */
  commentOut?: boolean;
  /** A note written as a comment line above the commented-out key (why its value is not moved). */
  commentNote?: string;
  replacement: string | null;
  /** Null or the old default: probably written by a tool. */
  isDefault?: boolean;
}

/** Turn verdicts into findings; moves into the same new parent share one fix. */
export function emitVerdicts(out: Finding[], p: PluginInstance, text: string, verdicts: FieldVerdict[], ctx: DeclarativeContext, lz: Lazy | null): void {
  // Planning (lz): the same decisions, with PLANNED standing for each fix that would be built.
  const build = !lz;
  // Group moves by (parent map, first segment under it).
  const groups = new Map<string, FieldVerdict[]>();
  const rel = (vd: FieldVerdict): string[] | null => {
    const parentPath = vd.f.path.includes('.') ? vd.f.path.slice(0, vd.f.path.lastIndexOf('.')) : '';
    const to = vd.to!;
    if (parentPath && !to.startsWith(parentPath + '.')) return null;
    const rest = parentPath ? to.slice(parentPath.length + 1) : to;
    if (rest.includes('[')) return null;
    return rest.split('.');
  };
  const parentIds = new Map<object, number>();
  for (const vd of verdicts) {
    if (!vd.to) continue;
    const segs = rel(vd);
    if (!segs) continue;
    let id = parentIds.get(vd.f.parent);
    if (id === undefined) parentIds.set(vd.f.parent, (id = parentIds.size));
    const k = segs.length === 1 ? `${id}|=${vd.f.path}` : `${id}|${segs[0]}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(vd);
  }
  const fixesFor = new Map<FieldVerdict, { fix?: Fix; conflict?: boolean; block?: MoveBlock }>();
  for (const g of groups.values()) {
    const reqs: MoveRequest[] = g.map((vd) => ({ pair: vd.f.pair, segments: rel(vd)! }));
    const res = moveKeysEdits(text, g[0]!.f.parent, reqs, build);
    if (!res) continue;
    const ok = g.filter((vd) => !res.conflicts.includes(vd.f.pair));
    const conflictSet = g.filter((vd) => res.conflicts.includes(vd.f.pair));
    for (const vd of conflictSet) {
      const b = res.blocked?.get(vd.f.pair);
      fixesFor.set(vd, { conflict: true, ...(b ? { block: b } : {}) });
    }
    if (!ok.length || !res.edits.length) continue;
    if (!build) {
      for (const vd of ok) fixesFor.set(vd, { fix: PLANNED });
      continue;
    }
    // Edits of the conflicting keys were not made; the shared fix covers the others.
    const title =
      ok.length === 1
        ? rel(ok[0]!)!.length === 1
          ? `Rename ${ok[0]!.f.key} to ${ok[0]!.to!.slice(ok[0]!.to!.lastIndexOf('.') + 1)}`
          : `Move ${ok[0]!.f.key} to ${ok[0]!.to}`
        : `Move ${ok.map((x) => x.f.key).join(', ')} into ${rel(ok[0]!)![0]}`;
    const fx = fix(title, res.edits, true);
    for (const vd of ok) fixesFor.set(vd, { fix: fx });
  }
  for (const vd of verdicts) {
    const got = fixesFor.get(vd);
    const fixes: Fix[] = [];
    let message = vd.message;
    if (got?.fix) fixes.push(got.fix);
    else if (got?.conflict) {
      const why = blockReason(vd, got.block);
      // Both the old key and its new place are set (decK dumps of 3.6+ write both): the same
      // value makes the old key redundant; different values need a person, told which differ.
      const there = got.block && !got.block.merged && got.block.at.length && vd.to ? p.fields.find((x) => x.path === vd.to) : undefined;
      const same = there !== undefined && sameValue(there.value, vd.f.value);
      const redundant = same ? removalEdits(text, vd.f.parent, [vd.f.pair], build) : null;
      const edits = !redundant && vd.isDefault ? commentOutFix(text, vd.f, build) : null;
      if (redundant && (!build || redundant.length)) {
        message += ` config.${vd.to} is already set to the same value, so the fix removes this redundant key.`;
        fixes.push(build ? fix(`Remove ${vd.f.key} (config.${vd.to} holds the same value)`, redundant, true) : PLANNED);
      } else if (there !== undefined && !same && !vd.isDefault) {
        message += ` config.${vd.to} is already set to ${shown(there.value)} while this key says ${shown(vd.f.value)}: the values differ, so there is no automatic fix: keep one by hand.`;
      } else if (edits && edits.length) {
        message += ` ${why}, so the fix only comments this key out.`;
        fixes.push(build ? fix(`Comment out ${vd.f.key}`, edits, true) : PLANNED);
      } else message += ` ${why}, so there is no automatic fix: merge the two by hand.`;
    } else if (vd.to) {
      // Could not move automatically (another layout); a plain rename still helps when the name is the only change.
    }
    if (!fixes.length && (vd.commentOut || (!vd.to && vd.code === 'removed-plugin-field'))) {
      const edits = commentOutFix(text, vd.f, build, vd.commentNote);
      if (edits) fixes.push(build ? fix(`Comment out ${vd.f.key}`, edits, true) : PLANNED);
      else {
        // No silent no-op: say that this one is left to the user.
        message = message.replace(' (the fix keeps it as a comment)', '');
        message +=
          vd.f.pair.keyStyle === 'json'
            ? ` JSON has no comments, so no fix is offered: remove config.${vd.f.path} by hand.`
            : ` The key cannot be commented out where it is written${vd.f.pair.merged ? ' (it comes in through a << merge)' : ''}, so no fix is offered: remove config.${vd.f.path} by hand.`;
      }
    }
    if (!fixes.length && vd.code === 'unknown-plugin-field' && vd.replacement) {
      const name = vd.replacement.slice(vd.replacement.lastIndexOf('.') + 1);
      const ex = vd.f.parent.pairs.some((x) => x.key === name);
      if (!ex) fixes.push(build ? fix(`Rename to ${name}`, [renameKeyEdit(vd.f.pair, name)], false) : PLANNED);
    }
    if (!fixes.length && vd.code === 'invalid-plugin-value' && vd.replacement !== null && vd.f.pair.value?.kind === 'scalar') {
      const e = replaceStringScalarEdit(vd.f.pair.value, vd.replacement, build);
      if (e) fixes.push(build ? fix(`Change to "${vd.replacement}"`, [e], false) : PLANNED);
    }
    const f: Finding = {
      code: vd.code,
      severity: vd.severity,
      message: intern(ctx, message),
      span: vd.f.keySpan,
      plugin: p.name,
      field: vd.f.path,
      replacement: vd.replacement,
      ...(vd.tags ? { tags: vd.tags } : {}),
      ...(fixes.length ? { fixes: lz ? planned(lz, vd.f.keySpan.start, vd.code, fixes.length) : fixes } : {}),
    };
    out.push(f);
  }
}

/**
 * Comment a key out (JSON has no comments: null). When it is the only key written in its
 * block map, a `{}` line keeps the map a map: with nothing but comments under it, the key
 * above (say `config:`) would read as null.
 */
function commentOutFix(text: string, f: FieldOccurrence, build = true, note?: string): TextEdit[] | null {
  if (f.pair.keyStyle === 'json') return null;
  const edits = commentOutEdits(text, f.pair, build);
  if (!edits || !edits.length) return null;
  if (!build) return edits;
  const ls = lineStartOf(text, f.pair.keyStart);
  if (note && ls < f.pair.keyStart && /^[ ]*$/.test(text.slice(ls, f.pair.keyStart))) {
    edits.unshift({ start: ls, end: ls, newText: `${text.slice(ls, f.pair.keyStart)}# ${note}${eolOf(text)}` });
  }
  if (!f.parent.flow && ls < f.pair.keyStart && f.parent.pairs.every((p) => p === f.pair)) {
    edits.unshift({ start: ls, end: ls, newText: `${text.slice(ls, f.pair.keyStart)}{}${eolOf(text)}` });
  }
  return edits;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A short rendering of a value for a message. */
function shown(v: unknown): string {
  const t = JSON.stringify(v) ?? 'nothing';
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** Why a move was left out, e.g. "config.redis.port is already set" (no trailing period). */
function blockReason(vd: FieldVerdict, b: MoveBlock | undefined): string {
  const target = `config.${vd.to}`;
  if (!b) return `the fix cannot write ${target} in this layout`;
  const parentPath = vd.f.path.includes('.') ? vd.f.path.slice(0, vd.f.path.lastIndexOf('.')) : '';
  const at = `config.${parentPath ? parentPath + '.' : ''}${b.at.join('.')}`;
  if (at === target) return `${target} is already set${b.merged ? ' (through a << merge)' : ''}`;
  if (b.merged) return `${at} comes in through a << merge, and a key added to it here would replace the whole merged map`;
  if (b.notMap) return `${at} is already set to something other than a map`;
  return `another key already moves to ${at}`;
}
