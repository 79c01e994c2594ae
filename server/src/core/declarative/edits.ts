/**
 * Minimal, source-preserving edits on declarative files: everything not being changed
 * (comments, key order, quoting, indentation, anchors, line endings) stays as written.
 * Offsets are in the coordinates of `text` (a whole file or one piece of it).
 */
import type { TextEdit } from '../model';
import { getPair } from './nodes';
import { doubleQuoted, escapeSingleQuoted, isPlainSafe } from '../yamlScalar';
import { lastTextMemo } from '../util';
import type { DMap, DPair, DScalar, ScalarStyle } from './types';

export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

export function lineStartOf(text: string, off: number): number {
  let i = off;
  while (i > 0 && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

/** Start of the next line after the line containing `off` (or the text's end). */
export function nextLineStart(text: string, off: number): number {
  const nl = text.indexOf('\n', off);
  return nl < 0 ? text.length : nl + 1;
}

function onlySpacesBefore(text: string, off: number): boolean {
  const ls = lineStartOf(text, off);
  for (let i = ls; i < off; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/** A scalar written in `style` (plain falls back to double quotes when plain would not read back). */
export function formatScalar(s: string, style: ScalarStyle): string {
  switch (style) {
    case 'single':
      return /[\r\n]/.test(s) ? doubleQuoted(s) : `'${escapeSingleQuoted(s)}'`;
    case 'double':
    case 'json':
      return doubleQuoted(s);
    default:
      return isPlainSafe(s) ? s : doubleQuoted(s);
  }
}

/** Rename a key, keeping its quoting style. */
export function renameKeyEdit(pair: DPair, newName: string): TextEdit {
  return { start: pair.keyStart, end: pair.keyEnd, newText: formatScalar(newName, pair.keyStyle) };
}

/** Replace a scalar's value with a string, keeping the quote style (a plain "3.0" would read as a number, so it is quoted). */
export function replaceStringScalarEdit(node: DScalar, value: string, build = true): TextEdit | null {
  if (node.style === 'block') return null;
  if (!build) return PLANNED_EDIT;
  const style: ScalarStyle = node.style === 'plain' && !isPlainSafe(value) ? 'double' : node.style;
  return { start: node.start, end: node.end, newText: formatScalar(value, style) };
}

/** Prefix a string scalar with `prefix` (e.g. the route regex marker "~"). */
export function prefixScalarEdit(text: string, node: DScalar, prefix: string, build = true): TextEdit | null {
  if (typeof node.value !== 'string') return null;
  if (node.style === 'single' || node.style === 'double' || node.style === 'json') {
    const q = text.charCodeAt(node.start);
    if (q !== 39 /* ' */ && q !== 34 /* " */) return null;
    if (!build) return PLANNED_EDIT;
    const add = node.style === 'single' ? prefix.replace(/'/g, "''") : JSON.stringify(prefix).slice(1, -1);
    return { start: node.start + 1, end: node.start + 1, newText: add };
  }
  if (node.style === 'plain') {
    if (!build) return PLANNED_EDIT;
    const v = prefix + node.value;
    if (isPlainSafe(v) && text.slice(node.start, node.end) === node.value) return { start: node.start, end: node.start, newText: prefix };
    return { start: node.start, end: node.end, newText: doubleQuoted(v) };
  }
  return null;
}

/** Indentation step used in the text (2 when it cannot tell). */
export const indentStep: (text: string) => number = lastTextMemo(computeIndentStep);

function computeIndentStep(text: string): number {
  // A line "key:" (possibly after "- " markers) followed by a deeper line: the step is the
  // difference between the key's column and the next line's indentation.
  const re = /^((?: *- +)*|( *))([^\s#-][^\n]*?):[ \t]*(?:#[^\n]*)?\r?\n((?: *\r?\n)*)( *)[^\s#]/gm;
  let m: RegExpExecArray | null;
  let n = 0;
  const votes = new Map<number, number>();
  while ((m = re.exec(text)) && n < 50) {
    n++;
    const d = m[5]!.length - m[1]!.length;
    if (d > 0 && d <= 8) votes.set(d, (votes.get(d) ?? 0) + 1);
    re.lastIndex = m.index + m[1]!.length + m[3]!.length + 1;
  }
  let best = 2;
  let bestN = 0;
  for (const [d, c] of votes) if (c > bestN || (c === bestN && d < best)) [best, bestN] = [d, c];
  return best;
}

function colOf(text: string, off: number): number {
  return off - lineStartOf(text, off);
}

/**
 * Stands for an edit that a planning pass (`build` false) decided would be made, without
 * its text: planning answers "can this be fixed, and what blocks it" as the building pass
 * would, at a fraction of the cost. Never shown to anyone.
 */
export const PLANNED_EDIT: TextEdit = Object.freeze({ start: 0, end: 0, newText: '' });

/**
 * Comment a block-map key out (all its lines), so the value stays in the file as text.
 * With `build` false: only whether there is anything to comment out ([PLANNED_EDIT] or []).
 */
export function commentOutEdits(text: string, pair: DPair, build = true): TextEdit[] | null {
  if (!onlySpacesBefore(text, pair.keyStart) || pair.merged) return null;
  const start = lineStartOf(text, pair.keyStart);
  const end = Math.max(pair.valueEnd, pair.keyEnd);
  const edits: TextEdit[] = [];
  let ls = start;
  // Lines that start before the pair's end: a range that ends at the next line's start
  // (as the `yaml` package's block ranges did) must not take that line along.
  while (ls < text.length && ls < end) {
    let q = ls;
    while (text.charCodeAt(q) === 32) q++;
    const c = text.charCodeAt(q);
    if (!(c === 10 || c === 13 || Number.isNaN(c))) {
      if (!build) return [PLANNED_EDIT];
      edits.push({ start: q, end: q, newText: '# ' });
    }
    const nl = text.indexOf('\n', ls);
    if (nl < 0) break;
    ls = nl + 1;
  }
  return edits;
}

export interface MoveRequest {
  pair: DPair;
  /** New location relative to the pair's map: ["allow"] renames, ["redis", "host"] moves. */
  segments: string[];
}

export interface MoveResult {
  edits: TextEdit[];
  /** Requests left out because the target key already exists (or cannot be created). */
  conflicts: DPair[];
  /** Why each conflict was left out (absent: the text's layout did not allow the edit). */
  blocked?: Map<DPair, MoveBlock>;
}

/** What stands in the way of a move: an existing key at `at` (segments under the map). */
export interface MoveBlock {
  /** The target itself, or a prefix of it that exists but cannot take new keys. */
  at: string[];
  /** That key comes in through a `<<` merge (written elsewhere, possibly shared). */
  merged: boolean;
  /** That key holds something other than a map (for a prefix of the target). */
  notMap: boolean;
}

interface Tree {
  kids: Map<string, Tree>;
  leaf?: DPair;
}

/**
 * Move keys of `parent` to new (possibly nested) places under the same map, creating or
 * merging into nested maps. Keys whose target already exists are left alone and listed in
 * `conflicts`. Returns null when no edit can be made safely.
 *
 * With `build` false it only plans: the same null, `conflicts` and `blocked` answer, and
 * `edits` empty exactly when the building pass makes none (otherwise [PLANNED_EDIT]).
 */
export function moveKeysEdits(text: string, parent: DMap, reqs: MoveRequest[], build = true): MoveResult | null {
  if (reqs.some((r) => r.pair.merged)) return null;
  const eol = eolOf(text);
  const conflicts: DPair[] = [];
  const blocked = new Map<DPair, MoveBlock>();
  const block = (p: DPair, at: string[], ex: DPair | undefined) => {
    conflicts.push(p);
    blocked.set(p, { at, merged: !!ex?.merged, notMap: !!ex && !(ex.value && ex.value.kind === 'map') });
  };
  const edits: TextEdit[] = [];
  // Simple renames: same map, one segment.
  const moves: MoveRequest[] = [];
  for (const r of reqs) {
    if (r.segments.length === 1) {
      const ex = getPair(parent, r.segments[0]!);
      if (ex && ex !== r.pair) block(r.pair, r.segments, ex);
      else edits.push(build ? renameKeyEdit(r.pair, r.segments[0]!) : PLANNED_EDIT);
    } else if (r.segments.length > 1) moves.push(r);
  }
  if (moves.length) {
    const root: Tree = { kids: new Map() };
    for (const r of moves) {
      let t = root;
      for (let i = 0; i < r.segments.length - 1; i++) {
        const s = r.segments[i]!;
        let k = t.kids.get(s);
        if (!k) t.kids.set(s, (k = { kids: new Map() }));
        if (k.leaf) {
          block(r.pair, r.segments.slice(0, i + 1), undefined);
          t = undefined as unknown as Tree;
          break;
        }
        t = k;
      }
      if (!t) continue;
      const leafName = r.segments[r.segments.length - 1]!;
      if (t.kids.has(leafName)) block(r.pair, r.segments, undefined);
      else t.kids.set(leafName, { kids: new Map(), leaf: r.pair });
    }
    const step = build ? indentStep(text) : 0;
    const moved: DPair[] = [];
    // Insertions per target map.
    const inserts = new Map<DMap, Array<{ name: string; tree: Tree }>>();
    const place = (t: Tree, d: DMap, at: string[]): void => {
      for (const [name, kid] of t.kids) {
        const ex = getPair(d, name);
        if (kid.leaf) {
          if (ex && ex !== kid.leaf) block(kid.leaf, [...at, name], ex);
          else add(d, name, kid);
          continue;
        }
        if (ex) {
          if (ex.value && ex.value.kind === 'map' && !ex.merged) place(kid, ex.value, [...at, name]);
          else {
            const ls: DPair[] = [];
            collectLeaves(kid, ls);
            for (const l of ls) block(l, [...at, name], ex);
          }
          continue;
        }
        add(d, name, kid);
      }
    };
    const add = (d: DMap, name: string, tree: Tree) => {
      let l = inserts.get(d);
      if (!l) inserts.set(d, (l = []));
      l.push({ name, tree });
    };
    place(root, parent, []);
    for (const [d, items] of inserts) {
      const leaves: DPair[] = [];
      for (const it of items) collectLeaves(it.tree, leaves);
      const txt = d.flow ? flowText(text, d, items, build) : blockText(text, d, items, step, eol, build);
      if (txt === null) {
        conflicts.push(...leaves);
        continue;
      }
      moved.push(...leaves);
      edits.push(txt);
    }
    if (moved.length === 0 && edits.length === 0) return conflicts.length ? { edits: [], conflicts, blocked } : null;
    // Removals of the moved keys.
    const rem = removalEdits(text, parent, moved, build);
    if (!rem) return null;
    // Planning: the merges below replace or add edits, never drop one.
    if (!build) return { edits: edits.length ? [PLANNED_EDIT] : [], conflicts, blocked };
    // Merge an insertion that lands exactly where a removal starts (block maps: replaces the first moved key).
    // In a flow map whose members all move, the insertion follows the last member, where the
    // removal of every member ends: the new members replace them (without a leading comma).
    const firstFlow = parent.flow ? parent.pairs.find((p) => !p.merged) : undefined;
    for (const r of rem) {
      const i = edits.findIndex((e) => e.start === e.end && e.start === r.start);
      const j = firstFlow && r.start === firstFlow.keyStart ? edits.findIndex((e) => e.start === e.end && e.start === r.end) : -1;
      if (i >= 0) {
        edits[i] = { start: r.start, end: r.end, newText: edits[i]!.newText };
      } else if (j >= 0) {
        edits[j] = { start: r.start, end: r.end, newText: edits[j]!.newText.replace(/^,\s*/, '') };
      } else edits.push(r);
    }
  }
  if (edits.length === 0) return conflicts.length ? { edits: [], conflicts, blocked } : null;
  if (!build) return { edits: [PLANNED_EDIT], conflicts, blocked };
  return { edits: edits.sort((a, b) => a.start - b.start), conflicts, blocked };
}

function collectLeaves(t: Tree, out: DPair[]): void {
  if (t.leaf) out.push(t.leaf);
  for (const k of t.kids.values()) collectLeaves(k, out);
}

function keyText(name: string, style: ScalarStyle, json: boolean): string {
  return json ? JSON.stringify(name) : formatScalar(name, style === 'json' ? 'double' : style);
}

/** Text of a block map insertion (chains as nested block maps). */
function blockText(text: string, d: DMap, items: Array<{ name: string; tree: Tree }>, step: number, eol: string, build: boolean): TextEdit | null {
  const first = d.pairs.find((p) => !p.merged);
  if (!first || !onlySpacesBefore(text, first.keyStart)) {
    // A map that starts after "- " on its line: its keys' column is still the key's column.
    if (!first) return null;
  }
  const indent = colOf(text, first.keyStart);
  let out = '';
  const emit = (name: string, tree: Tree, ind: number): boolean => {
    if (tree.leaf) {
      const p = tree.leaf;
      if (!onlySpacesBefore(text, p.keyStart) || (!p.value && false)) return false;
      if (!build) return blockPairTailStart(text, p) >= 0;
      const src = blockPairTail(text, p);
      if (src === null) return false;
      const origInd = colOf(text, p.keyStart);
      out += ' '.repeat(ind) + keyText(name, p.keyStyle, false) + reindent(src, ind - origInd);
      if (!out.endsWith('\n')) out += eol;
      return true;
    }
    if (build) out += ' '.repeat(ind) + keyText(name, 'plain', false) + ':' + eol;
    for (const [n, k] of tree.kids) if (!emit(n, k, ind + step)) return false;
    return true;
  };
  for (const it of items) if (!emit(it.name, it.tree, indent)) return null;
  if (!build) return PLANNED_EDIT;
  // Where: in the original map, at the first moved key (keeps the neighbourhood); in an
  // existing nested map, after its last key.
  let at: number;
  const firstMovedHere = items.map((it) => firstLeaf(it.tree)).filter((p): p is DPair => !!p && d.pairs.includes(p));
  if (firstMovedHere.length) {
    at = lineStartOf(text, Math.min(...firstMovedHere.map((p) => p.keyStart)));
  } else {
    const last = [...d.pairs].reverse().find((p) => !p.merged)!;
    at = nextLineStart(text, Math.max(last.valueEnd, last.keyEnd) - 1);
    if (at === text.length && !/\n$/.test(text)) out = eol + out.replace(/\r?\n$/, '');
  }
  return { start: at, end: at, newText: out };
}

function firstLeaf(t: Tree): DPair | undefined {
  if (t.leaf) return t.leaf;
  let best: DPair | undefined;
  for (const k of t.kids.values()) {
    const l = firstLeaf(k);
    if (l && (!best || l.keyStart < best.keyStart)) best = l;
  }
  return best;
}

/** Where a block pair's `:` is (spaces only after the key), or -1. */
function blockPairTailStart(text: string, p: DPair): number {
  let q = p.keyEnd;
  while (text.charCodeAt(q) === 32) q++;
  return text.charCodeAt(q) === 58 ? q : -1;
}

/** From just after a block pair's key to the end of its last line (value, comment, nested lines, EOL). */
function blockPairTail(text: string, p: DPair): string | null {
  const q = blockPairTailStart(text, p);
  if (q < 0) return null;
  const end = nextLineStart(text, Math.max(p.valueEnd, p.keyEnd + 1) - 1);
  return text.slice(q, end);
}

function reindent(s: string, delta: number): string {
  if (delta === 0) return s;
  const lines = s.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '' || l === '\r') continue;
    if (delta > 0) lines[i] = ' '.repeat(delta) + l;
    else {
      let k = 0;
      while (k < -delta && l.charCodeAt(k) === 32) k++;
      lines[i] = l.slice(k);
    }
  }
  return lines.join('\n');
}

/** Text of a flow (or JSON) map insertion, placed after the map's last member. */
function flowText(text: string, d: DMap, items: Array<{ name: string; tree: Tree }>, build: boolean): TextEdit | null {
  const json = text[d.start] === '{' && d.pairs.every((p) => p.keyStyle === 'json' || p.keyStyle === 'double');
  const isJson = json && d.pairs.some((p) => p.keyStyle === 'json');
  const members: string[] = [];
  const memberOf = (name: string, tree: Tree): string | null => {
    if (!build) {
      // Planning: only whether a member can be written (a multi-line value outside JSON cannot).
      if (tree.leaf) {
        const p = tree.leaf;
        if (!p.value || isJson) return '';
        const nl = text.indexOf('\n', p.valueStart);
        return nl >= 0 && nl < p.valueEnd ? null : '';
      }
      for (const [n, kid] of tree.kids) if (memberOf(n, kid) === null) return null;
      return '';
    }
    const k = isJson ? JSON.stringify(name) : keyText(name, tree.leaf?.keyStyle ?? 'plain', false);
    if (tree.leaf) {
      const p = tree.leaf;
      if (!p.value) return `${k}: ${isJson ? 'null' : ''}`.trimEnd();
      const v = text.slice(p.valueStart, p.valueEnd);
      if (!isJson && v.includes('\n')) return null;
      return `${k}: ${v}`;
    }
    const inner: string[] = [];
    for (const [n, kid] of tree.kids) {
      const m = memberOf(n, kid);
      if (m === null) return null;
      inner.push(m);
    }
    return `${k}: {${isJson ? ' ' : ''}${inner.join(', ')}${isJson ? ' ' : ''}}`;
  };
  for (const it of items) {
    const m = memberOf(it.name, it.tree);
    if (m === null) return null;
    members.push(m);
  }
  // Merged pairs are written elsewhere (the anchor): never insert after one of them.
  const lastKept = [...d.pairs].reverse().find((p) => !p.merged);
  if (!lastKept) {
    // Only a `<<` merge written here: where its text ends is not known.
    if (d.pairs.length) return null;
    if (!build) return PLANNED_EDIT;
    // Empty map `{}`.
    return { start: d.start + 1, end: d.start + 1, newText: members.join(', ') };
  }
  if (!build) return PLANNED_EDIT;
  const multi = text.slice(d.start, d.end).includes('\n');
  if (multi) {
    const ind = ' '.repeat(colOf(text, lastKept.keyStart));
    const eol = eolOf(text);
    return { start: lastKept.valueEnd, end: lastKept.valueEnd, newText: members.map((m) => `,${eol}${ind}${m}`).join('') };
  }
  return { start: lastKept.valueEnd, end: lastKept.valueEnd, newText: members.map((m) => `, ${m}`).join('') };
}

/** Edits removing pairs from a map (block: whole lines; flow: the member and one comma). With `build` false: [] or null only. */
export function removalEdits(text: string, m: DMap, remove: DPair[], build = true): TextEdit[] | null {
  if (!remove.length) return [];
  if (!m.flow) {
    const out: TextEdit[] = [];
    for (const p of remove) {
      if (!onlySpacesBefore(text, p.keyStart) || p.merged) return null;
      if (build) out.push({ start: lineStartOf(text, p.keyStart), end: nextLineStart(text, Math.max(p.valueEnd, p.keyEnd + 1) - 1), newText: '' });
    }
    return out;
  }
  if (!build) return [];
  const set = new Set(remove);
  const pairs = m.pairs.filter((p) => !p.merged);
  const out: TextEdit[] = [];
  let i = 0;
  while (i < pairs.length) {
    if (!set.has(pairs[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < pairs.length && set.has(pairs[j + 1]!)) j++;
    if (j + 1 < pairs.length) out.push({ start: pairs[i]!.keyStart, end: pairs[j + 1]!.keyStart, newText: '' });
    else if (i > 0) out.push({ start: pairs[i - 1]!.valueEnd, end: pairs[j]!.valueEnd, newText: '' });
    else out.push({ start: pairs[i]!.keyStart, end: pairs[j]!.valueEnd, newText: '' });
    i = j + 1;
  }
  return out;
}

/** Replace a scalar with a boolean or number (written plain: YAML and JSON read it the same). */
export function replaceScalarEdit(_text: string, node: DScalar, value: boolean | number): TextEdit | null {
  if (node.style === 'block') return null;
  return { start: node.start, end: node.end, newText: String(value) };
}

type JsonLike = null | boolean | number | string | JsonLike[] | { [k: string]: JsonLike };

/** How the file writes lists of scalars: flow (`[a, b]`) or block, and block items indented under their key or not. */
const seqStyle = lastTextMemo((text: string): { flow: boolean; indented: boolean } => {
  const head = text.length > 400_000 ? text.slice(0, 400_000) : text;
  const flowAt = head.search(/:[ \t]+\[[^\]\n]*\][ \t]*(?:#[^\n]*)?\r?$/m);
  const block = /^( *)(?:- +)?[^\s#-][^\n:]*:[ \t]*\r?\n( *)- +[^\s:#][^:\n]*\r?$/m.exec(head);
  const flow = flowAt >= 0 && (!block || flowAt < block.index);
  const indented = block ? block[2]!.length > block[1]!.length + (/^ *- /.test(block[0]) ? 2 : 0) : true;
  return { flow, indented };
});

function yamlScalar(v: JsonLike): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return formatScalar(v, 'plain');
  return String(v);
}

/**
 * Insert new keys (each a chain of map keys ending in a value) at the end of a map, written
 * the way the file writes such things (block or flow map, JSON, list style, indentation,
 * line endings). Null when it cannot be done safely (only merged keys, a map that starts
 * mid-line in an unknown way).
 */
export function insertKeysEdit(text: string, m: DMap, entries: Array<{ path: string[]; value: JsonLike }>): TextEdit | null {
  if (!entries.length) return null;
  const json = m.pairs.some((p) => p.keyStyle === 'json') || (m.pairs.length === 0 && text[m.start] === '{' && /^\s*[{[]/.test(text));
  const kept = m.pairs.filter((p) => !p.merged);
  if (m.flow || json) {
    const members = entries.map((e) => flowMember(e.path, e.value, json));
    const last = kept[kept.length - 1];
    if (!last) {
      if (m.pairs.length) return null;
      if (text[m.start] !== '{') return null;
      return { start: m.start + 1, end: m.start + 1, newText: json ? ` ${members.join(', ')} ` : members.join(', ') };
    }
    const multi = text.slice(m.start, m.end).includes('\n');
    if (multi) {
      const ind = ' '.repeat(colOf(text, last.keyStart));
      const eol = eolOf(text);
      return { start: last.valueEnd, end: last.valueEnd, newText: members.map((x) => `,${eol}${ind}${x}`).join('') };
    }
    return { start: last.valueEnd, end: last.valueEnd, newText: members.map((x) => `, ${x}`).join('') };
  }
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (!first || !last) return null;
  const indent = colOf(text, first.keyStart);
  if (kept.some((p) => colOf(text, p.keyStart) !== indent && onlySpacesBefore(text, p.keyStart))) return null;
  const step = indentStep(text);
  const eol = eolOf(text);
  const style = seqStyle(text);
  let out = '';
  const line = (ind: number, s: string) => {
    out += ' '.repeat(ind) + s + eol;
  };
  const emit = (ind: number, name: string, v: JsonLike): void => {
    const key = formatScalar(name, 'plain');
    if (Array.isArray(v) && !style.flow && v.length && v.every((x) => x === null || typeof x !== 'object')) {
      line(ind, `${key}:`);
      for (const x of v) line(ind + (style.indented ? step : 0), `- ${yamlScalar(x)}`);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
      line(ind, `${key}:`);
      for (const [k, x] of Object.entries(v)) emit(ind + step, k, x);
    } else line(ind, `${key}: ${flowValue(v, false)}`);
  };
  for (const e of entries) {
    let ind = indent;
    for (let i = 0; i < e.path.length - 1; i++) {
      line(ind, `${formatScalar(e.path[i]!, 'plain')}:`);
      ind += step;
    }
    emit(ind, e.path[e.path.length - 1]!, e.value);
  }
  const at = nextLineStart(text, Math.max(last.valueEnd, last.keyEnd) - 1);
  if (at === text.length && !/\n$/.test(text)) out = eol + out.replace(/\r?\n$/, '');
  return { start: at, end: at, newText: out };
}

function flowValue(v: JsonLike, json: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => flowValue(x, json)).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${json ? JSON.stringify(k) : formatScalar(k, 'plain')}: ${flowValue(x, json)}`)
      .join(', ')}}`;
  return json ? JSON.stringify(v) : yamlScalar(v);
}

function flowMember(path: string[], value: JsonLike, json: boolean): string {
  const k = (s: string) => (json ? JSON.stringify(s) : formatScalar(s, 'plain'));
  let v = flowValue(value, json);
  for (let i = path.length - 1; i > 0; i--) v = `{${json ? ' ' : ''}${k(path[i]!)}: ${v}${json ? ' ' : ''}}`;
  return `${k(path[0]!)}: ${v}`;
}
