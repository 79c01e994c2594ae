/**
 * What the YAML-based sources (docker-compose, Kubernetes, Helm values) share: parsing
 * with exact offsets, reading scalars as written, spelling a value so it stays a string
 * in the file's quoting style, and commenting out a block entry in place.
 */
import { yamlNestingExceeds } from '../yamlLimits';
import { isAlias, isMap, isScalar, isSeq, parse, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span, TextEdit } from '../model';
import { escapeDoubleQuoted, escapeSingleQuoted, isPlainSafe } from '../yamlScalar';
import type { Setting } from '../conf/settings';
import type { EnvParseError } from './types';

export type YamlDoc = Document.Parsed;

/** Nesting the YAML readers take on (as for declarative files). */
const YAML_MAX_NESTING = 200;

/** Parse every document of a YAML stream; never throws. */
export function parseYamlStream(text: string): { docs: YamlDoc[]; errors: EnvParseError[] } {
  const errors: EnvParseError[] = [];
  let docs: YamlDoc[] = [];
  if (yamlNestingExceeds(text, YAML_MAX_NESTING)) {
    errors.push({ message: `the data is nested more than ${YAML_MAX_NESTING} levels deep`, span: { start: 0, end: Math.min(text.length, 1) }, incomplete: true });
    return { docs, errors };
  }
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    // The reader failing (its stack on deep input, say) is the checker's limit, not the file's mistake.
    errors.push({ message: `the YAML reader failed: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: Math.min(text.length, 1) }, incomplete: true });
    return { docs, errors };
  }
  for (const d of docs) {
    for (const err of d.errors) {
      const [s, e] = err.pos;
      const a = Math.min(s, text.length);
      errors.push({ message: firstLine(err.message), span: { start: a, end: Math.min(Math.max(a, e), text.length) } });
    }
  }
  return { docs, errors };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/** Follow an alias to the node it names. */
export function deref(node: unknown, doc: YamlDoc): Node | null {
  if (isAlias(node)) {
    try {
      return (node.resolve(doc) as Node | undefined) ?? null;
    } catch {
      return null;
    }
  }
  return (node as Node | null) ?? null;
}

/** A scalar's string value, or null for anything else. */
export function scalarString(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  if (v === null || v === undefined) return null;
  return String(v);
}

/**
 * The pairs of a map in ascending precedence (a later pair overrides an earlier one
 * with the same key), with `<<` merge keys expanded the way YAML 1.1 merges work:
 * the map's own keys win over merged ones, and among merged maps the first one wins.
 */
export function effectivePairs(map: YAMLMap, doc: YamlDoc, seen: Set<object> = new Set()): Pair[] {
  if (seen.has(map)) return [];
  seen.add(map);
  const merged: Pair[] = [];
  const own: Pair[] = [];
  for (const p of map.items as Pair[]) {
    if (isScalar(p.key) && p.key.value === '<<' && p.key.type === 'PLAIN') {
      const sources: Node[] = [];
      const v = deref(p.value, doc);
      if (isSeq(v))
        for (const it of v.items) {
          const r = deref(it, doc);
          if (r) sources.push(r);
        }
      else if (v) sources.push(v);
      // First source wins: add them last-to-first so that the first comes last.
      for (const src of [...sources].reverse()) {
        if (isMap(src)) merged.push(...effectivePairs(src, doc, seen));
      }
      continue;
    }
    own.push(p);
  }
  seen.delete(map);
  return [...merged, ...own];
}

/** The value node of `key` in a map (merges and aliases followed), or null. */
export function getIn(map: unknown, key: string, doc: YamlDoc): Node | null {
  if (!isMap(map)) return null;
  let found: Node | null = null;
  for (const p of effectivePairs(map, doc)) {
    if (scalarString(p.key) === key) found = deref(p.value, doc);
  }
  return found;
}

export type ScalarStyle = 'plain' | 'double' | 'single' | 'block' | 'empty';

export interface ScalarText {
  style: ScalarStyle;
  /** The string as written (plain: the source text; quoted/block: the decoded string). */
  text: string;
  /** Inside the quotes; for block scalars the header and content (no trailing line break). */
  span: Span;
}

/** How a scalar is written. `null` when the node has no source position. */
export function scalarText(node: Scalar, source: string): ScalarText | null {
  const r = node.range;
  if (!r) return null;
  const [s, e] = r;
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return {
        style: node.type === 'QUOTE_DOUBLE' ? 'double' : 'single',
        text: String(node.value ?? ''),
        span: { start: s + 1, end: Math.max(s + 1, e - 1) },
      };
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      let end = e;
      while (end > s && /[\s]/.test(source[end - 1]!)) end--;
      return { style: 'block', text: String(node.value ?? ''), span: { start: s, end } };
    }
    default: {
      if (e <= s) return { style: 'empty', text: '', span: { start: s, end: s } };
      const src = node.source ?? source.slice(s, e);
      return { style: 'plain', text: src, span: { start: s, end: e } };
    }
  }
}

/**
 * What a plain scalar resolves to under YAML 1.1, the schema of the Go YAML library that
 * Kubernetes and Helm read files with (`on`, `off`, `yes`, `no` are booleans there).
 */
export function resolveYaml11(plain: string): unknown {
  try {
    return parse(plain, { version: '1.1', logLevel: 'silent' });
  } catch {
    return plain;
  }
}

/**
 * Spell a value for a scalar written in `style`, to replace that scalar's `span`.
 * Quoted scalars keep their quotes (the span is inside them); a plain scalar stays plain
 * when that is safe and becomes double-quoted otherwise (so `off` or `8000` stay strings).
 * `beforeSpan` is the character before an empty span, so `key:` gets a space.
 */
export function spellYamlScalar(style: ScalarStyle, v: string, opts: { flow?: boolean; beforeSpan?: string } = {}): string {
  switch (style) {
    case 'double':
      return escapeDoubleQuoted(v);
    case 'single':
      // A line break inside single quotes needs folding rules; fall back to an escape-free form.
      return escapeSingleQuoted(v);
    case 'plain':
      return isPlainSafe(v, opts.flow) ? v : `"${escapeDoubleQuoted(v)}"`;
    case 'block':
      return `"${escapeDoubleQuoted(v)}"`;
    case 'empty': {
      const spelled = isPlainSafe(v, opts.flow) ? v : `"${escapeDoubleQuoted(v)}"`;
      return opts.beforeSpan === ':' ? ` ${spelled}` : spelled;
    }
  }
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the line holding `offset` (before its line break). */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset of the `-` indicator of a sequence item whose node starts at `nodeStart`, or null. */
export function seqDashBefore(text: string, nodeStart: number): number | null {
  let i = nodeStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '-' ? i : null;
}

export interface BlockEntry {
  /** First character of the entry (its key, or the `-` of a sequence item). */
  start: number;
  /** End of its last value character. */
  end: number;
  /** When this is the only entry of its collection: the parent key's end and the empty form. */
  lastOfParent?: { parentKeyEnd: number; empty: '{}' | '[]' };
}

/**
 * Comment out a block-style entry: `# ` in front of each of its lines at the entry's
 * indentation (blank lines skipped). When the entry is the only one of its collection,
 * the collection is written empty (`{}` / `[]`) so it keeps its type rather than becoming
 * null. Null when the entry does not start its line (e.g. inside a flow collection).
 */
export function commentOutBlock(text: string, entry: BlockEntry, note?: string): TextEdit[] | null {
  const ls = lineStartOf(text, entry.start);
  const indent = text.slice(ls, entry.start);
  if (!/^[ \t]*$/.test(indent)) return null;
  const col = entry.start - ls;
  const edits: TextEdit[] = [];
  let first = note ? `# ${note.replace(/[\r\n]+/g, ' ')}\n${indent}# ` : '# ';
  if (entry.lastOfParent) {
    const colon = text.indexOf(':', entry.lastOfParent.parentKeyEnd);
    const restOfLine = colon < 0 ? '' : text.slice(colon + 1, lineEndOf(text, colon + 1));
    if (colon >= 0 && colon < entry.start && /^[ \t]*(#.*)?$/.test(restOfLine)) {
      edits.push({ start: colon + 1, end: colon + 1, newText: ` ${entry.lastOfParent.empty}` });
    } else {
      first = `  ${entry.lastOfParent.empty}\n${indent}${first}`;
    }
  }
  edits.push({ start: entry.start, end: entry.start, newText: first });
  const last = Math.max(entry.start, entry.end - 1);
  let pos = lineEndOf(text, entry.start);
  while (pos < last) {
    // Step over the line break to the next line.
    pos += text[pos] === '\r' && text[pos + 1] === '\n' ? 2 : 1;
    if (pos > last) break;
    const le = lineEndOf(text, pos);
    let fns = pos;
    while (fns < le && (text[fns] === ' ' || text[fns] === '\t')) fns++;
    if (fns < le) edits.push({ start: Math.min(pos + col, fns), end: Math.min(pos + col, fns), newText: '# ' });
    pos = le;
  }
  return edits;
}

/**
 * Link settings of the same property within one scope, given in ascending precedence:
 * each one is overridden by the next one that sets the same property.
 */
export function overridesInScope(ordered: Setting[]): Map<Setting, Setting> {
  const out = new Map<Setting, Setting>();
  const last = new Map<string, Setting>();
  for (const s of ordered) {
    const prev = last.get(s.property);
    if (prev && prev !== s) out.set(prev, s);
    last.set(s.property, s);
  }
  return out;
}

/**
 * Apply per-scope overrides to settings that may be shared by several scopes (a YAML
 * anchor merged into several services): a setting is marked overridden only when every
 * scope that uses it overrides it.
 */
export class OverrideTracker {
  private readonly uses = new Map<Setting, number>();
  private readonly overridden = new Map<Setting, { count: number; by: Setting }>();
  addScope(ordered: Setting[]): void {
    for (const s of new Set(ordered)) this.uses.set(s, (this.uses.get(s) ?? 0) + 1);
    for (const [s, by] of overridesInScope(ordered)) {
      const o = this.overridden.get(s);
      this.overridden.set(s, { count: (o?.count ?? 0) + 1, by });
    }
  }
  apply(): void {
    for (const [s, o] of this.overridden) if (o.count === this.uses.get(s)) s.overriddenBy = o.by;
  }
}

/** A number as Go's `fmt` prints a float64 with %v (Helm reads every YAML number as float64). */
export function goFloatString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expStr] = n.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  // strconv's shortest %g switches to an exponent from 1e+06 on (so 1000000 -> "1e+06").
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}
