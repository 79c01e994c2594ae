/** Turning `yaml` package documents into DNodes, node helpers, and the JSON parser. */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YNode, Scalar } from 'yaml';
import type { DMap, DNode, DPair, DScalar, ParseError, ScalarStyle, ValueKind } from './types';
import { yamlNestingExceeds } from '../yamlLimits';

function styleOf(t: Scalar['type']): ScalarStyle {
  switch (t) {
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'QUOTE_SINGLE':
      return 'single';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

/**
 * Bounds on what a declarative file may make the checker do. Real decK files nest a dozen
 * levels and use a handful of anchors; these limits are far above that and far below what
 * would exhaust the stack, the memory or the user's patience.
 */
export const LIMITS = {
  /** Levels of nesting (block or flow, aliases followed). */
  nesting: 200,
  /** Nodes that aliases and `<<` merges may add by repeating data written once (or this many per character of text, if more). */
  expandedNodes: 100_000,
  expandedPerChar: 2,
};

/**
 * The input is beyond what the checker takes on (nesting, alias expansion, size): not the
 * user's mistake, so it is reported as a check that could not finish, not as a syntax error.
 */
export class LimitError extends Error {}

/**
 * Convert a parsed `yaml` node. Aliases become the anchored node (the same DNode object,
 * so its spans point where the data is written); `<<` merges copy the source map's pairs
 * that the map does not set itself, flagged `merged`.
 *
 * Ranges are made to mean what the fast parser's mean: a node ends where its last
 * character is (the `yaml` package ends block collections and block scalars at the start
 * of the next line), given `text`, the source the ranges point into (without `base`).
 *
 * Throws LimitError on an alias cycle (an alias inside the node it refers to), nesting
 * deeper than LIMITS.nesting, or aliases that expand to more than the node budget.
 */
export function fromYaml(_doc: Document, node: unknown, base: number, unresolved?: { count: number }, text?: string, errors?: ParseError[]): DNode | null {
  const memo = new Map<unknown, DNode | null>();
  /**
   * Anchors seen so far, in document order (the order conv visits): an alias means the
   * last one before it. (The package's own Alias.resolve searches the whole document for
   * each alias: quadratic on a file with many.)
   */
  const anchors = new Map<string, unknown>();
  /** Expanded size (nodes) and height of each finished node. */
  const size = new Map<DNode, number>();
  const height = new Map<DNode, number>();
  const open = new Set<unknown>();
  const budget = Math.max(LIMITS.expandedNodes, (text?.length ?? 0) * LIMITS.expandedPerChar);
  let expanded = 0;
  const trimEnd = (end: number, start: number): number => {
    if (text === undefined) return end;
    let e = Math.min(end, text.length);
    while (e > start) {
      const c = text.charCodeAt(e - 1);
      if (c === 32 || c === 10 || c === 13 || c === 9) e--;
      else break;
    }
    return e;
  };
  const reuse = (d: DNode): DNode => {
    expanded += size.get(d) ?? 1;
    if (expanded > budget) throw new LimitError(`aliases and merges here repeat data to more than ${budget.toLocaleString('en-US')} nodes`);
    return d;
  };
  const conv = (n: unknown, depth: number): DNode | null => {
    if (n == null) return null;
    if (depth > LIMITS.nesting) throw new LimitError(`the data is nested more than ${LIMITS.nesting} levels deep`);
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      if (!target && unresolved) unresolved.count++;
      if (!target) return null;
      if (open.has(target)) throw new LimitError(`the alias *${n.source} is used inside the node it refers to (a cycle)`);
      const got = memo.get(target);
      if (got) return reuse(got);
      return conv(target, depth + 1);
    }
    const got = memo.get(n);
    if (got !== undefined) return got ? reuse(got) : got;
    const yn = n as YNode;
    if (yn.anchor) anchors.set(yn.anchor, n);
    const r = yn.range ?? [0, 0, 0];
    if (isScalar(n)) {
      const start = base + r[0];
      const end = isBlockScalar(n) ? base + trimEnd(r[1], r[0]) : base + r[1];
      const d: DScalar = { kind: 'scalar', value: n.value, style: styleOf(n.type), start, end };
      memo.set(n, d);
      return d;
    }
    if (isSeq(n)) {
      const d: DNode = { kind: 'seq', flow: !!n.flow, items: [], start: base + r[0], end: base + (n.flow ? r[1] : trimEnd(r[1], r[0])) };
      memo.set(n, d);
      open.add(n);
      let sz = 1;
      let h = 0;
      for (const it of n.items) {
        const c = conv(it, depth + 1);
        d.items.push(c ?? { kind: 'scalar', value: null, style: 'plain', start: d.start, end: d.start });
        if (c) {
          sz += size.get(c) ?? 1;
          h = Math.max(h, height.get(c) ?? 0);
        } else sz++;
      }
      open.delete(n);
      finish(d, sz, h + 1);
      return d;
    }
    if (isMap(n)) {
      const d: DMap = { kind: 'map', flow: !!n.flow, pairs: [], start: base + r[0], end: base + (n.flow ? r[1] : trimEnd(r[1], r[0])) };
      memo.set(n, d);
      open.add(n);
      let sz = 1;
      let h = 0;
      const merges: DMap[] = [];
      const keysSeen = new Set<unknown>();
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = p.key as unknown;
        const kNode = isScalar(k) ? k : null;
        const keyVal = kNode ? kNode.value : k;
        if ((k as YNode | null)?.anchor) anchors.set((k as YNode).anchor!, k);
        const isMerge = kNode && (keyVal === '<<' || typeof keyVal === 'symbol') && kNode.type === 'PLAIN' && (isAlias(p.value) || (isSeq(p.value) && p.value.items.every((x) => isAlias(x))));
        if (isMerge) {
          const vs = isSeq(p.value) ? p.value.items : [p.value];
          for (const v of vs) {
            const m = conv(v, depth + 1);
            if (m && m.kind === 'map') merges.push(m);
          }
          continue;
        }
        const kr = kNode?.range ?? (k as YNode | null)?.range ?? [r[0], r[0], r[0]];
        // Duplicate keys (as the package's uniqueKeys would report them, without its quadratic search).
        if (kNode && errors) {
          if (keysSeen.has(keyVal))
            errors.push({ message: 'Map keys must be unique', span: { start: base + kr[0], end: base + Math.min(Math.max(kr[0] + 1, kr[1]), Math.max(kr[0], text?.length ?? kr[0] + 1)) } });
          else keysSeen.add(keyVal);
        }
        const v = conv(p.value, depth + 1);
        if (v) {
          sz += size.get(v) ?? 1;
          h = Math.max(h, height.get(v) ?? 0);
        } else sz++;
        const key = keyVal == null ? '' : typeof keyVal === 'string' ? keyVal : typeof keyVal === 'symbol' ? (kNode?.source ?? '<<') : String(keyVal);
        d.pairs.push({
          key,
          keyStart: base + kr[0],
          keyEnd: base + kr[1],
          keyStyle: kNode ? styleOf(kNode.type) : 'plain',
          value: v,
          valueStart: v ? v.start : base + kr[1] + 1,
          valueEnd: v ? v.end : base + kr[1] + 1,
        });
      }
      if (merges.length) {
        const own = new Set(d.pairs.map((p) => p.key));
        for (const m of merges) {
          for (const p of m.pairs) {
            if (own.has(p.key)) continue;
            own.add(p.key);
            const add = p.value ? (size.get(p.value) ?? 1) : 1;
            sz += add;
            expanded += add;
            if (expanded > budget) throw new LimitError(`aliases and merges here repeat data to more than ${budget.toLocaleString('en-US')} nodes`);
            d.pairs.push({ key: p.key, keyStart: p.keyStart, keyEnd: p.keyEnd, keyStyle: p.keyStyle, value: p.value, valueStart: p.valueStart, valueEnd: p.valueEnd, merged: true });
            if (p.value) h = Math.max(h, height.get(p.value) ?? 0);
          }
        }
      }
      open.delete(n);
      finish(d, sz, h + 1);
      return d;
    }
    return null;
  };
  const finish = (d: DNode, sz: number, h: number) => {
    if (h > LIMITS.nesting) throw new LimitError(`the data is nested more than ${LIMITS.nesting} levels deep`);
    size.set(d, sz);
    height.set(d, h);
  };
  return conv(node, 0);
}

function isBlockScalar(n: Scalar): boolean {
  return n.type === 'BLOCK_FOLDED' || n.type === 'BLOCK_LITERAL';
}

export interface YamlSliceResult {
  docs: Array<{ node: DNode | null; start: number; end: number }>;
  errors: ParseError[];
  /** An alias points at an anchor this slice does not define. */
  missingAnchor: boolean;
}

/** Parse YAML text with the `yaml` package (all documents); offsets shifted by `base`. */
export function parseYamlSlice(text: string, base: number): YamlSliceResult {
  const errors: ParseError[] = [];
  let missingAnchor = false;
  const docs: YamlSliceResult['docs'] = [];
  const whole = { start: base, end: base + Math.min(text.length, 1) };
  if (yamlNestingExceeds(text, LIMITS.nesting)) {
    errors.push({ message: `the data is nested more than ${LIMITS.nesting} levels deep`, span: whole, incomplete: true });
    return { docs, errors, missingAnchor };
  }
  let all: Document[];
  try {
    all = parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false }) as unknown as Document[];
    if (!Array.isArray(all)) all = [all as unknown as Document];
  } catch (e) {
    // The `yaml` package failing (its stack on deep input, say) is ours to report, not a syntax error.
    errors.push({ message: `the YAML reader failed: ${(e as Error).message}`, span: whole, incomplete: true });
    return { docs, errors, missingAnchor };
  }
  for (const doc of all) {
    for (const e of doc.errors) {
      if (/alias|anchor/i.test(e.message) && /not found|unresolved|undefined/i.test(e.message)) missingAnchor = true;
      const a = Math.min(e.pos[0], text.length);
      const b = Math.min(Math.max(e.pos[1], a + 1), text.length);
      errors.push({ message: e.message.split('\n')[0]!, span: { start: base + Math.min(a, b), end: base + b } });
    }
    let node: DNode | null = null;
    const unresolved = { count: 0 };
    try {
      node = fromYaml(doc, doc.contents, base, unresolved, text, errors);
      if (unresolved.count) {
        missingAnchor = true;
        if (!doc.errors.some((e) => /alias|anchor/i.test(e.message)))
          errors.push({ message: 'an alias (*name) refers to an anchor (&name) that is not defined before it', span: { start: base, end: base + Math.min(text.length, 1) } });
      }
    } catch (e) {
      const m = (e as Error).message;
      if (e instanceof LimitError || e instanceof RangeError) errors.push({ message: m.split('\n')[0]!, span: whole, incomplete: true });
      else {
        if (/alias|anchor/i.test(m)) missingAnchor = true;
        errors.push({ message: m.split('\n')[0]!, span: { start: base, end: base + text.length } });
      }
    }
    const r = doc.range ?? [0, text.length, text.length];
    docs.push({ node, start: base + r[0], end: base + r[2] });
  }
  return { docs, errors, missingAnchor };
}

/**
 * Plain JS value of a node (what `yaml.parse` / `JSON.parse` would give). Iterative: the
 * depth of the data does not reach the call stack.
 */
export function toJS(n: DNode | null): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  const root: unknown = n.kind === 'seq' ? [] : {};
  const stack: Array<{ node: DNode; out: unknown }> = [{ node: n, out: root }];
  while (stack.length) {
    const { node, out } = stack.pop()!;
    if (node.kind === 'seq') {
      const arr = out as unknown[];
      for (const it of node.items) {
        if (it.kind === 'scalar') arr.push(it.value);
        else {
          const o: unknown = it.kind === 'seq' ? [] : {};
          arr.push(o);
          stack.push({ node: it, out: o });
        }
      }
    } else if (node.kind === 'map') {
      const obj = out as Record<string, unknown>;
      for (const p of node.pairs) {
        const v = p.value;
        let o: unknown;
        if (!v) o = null;
        else if (v.kind === 'scalar') o = v.value;
        else {
          o = v.kind === 'seq' ? [] : {};
          stack.push({ node: v, out: o });
        }
        // A key named __proto__ is data, as in JSON.parse (an assignment would set the prototype).
        if (p.key === '__proto__') Object.defineProperty(obj, p.key, { value: o, enumerable: true, writable: true, configurable: true });
        else obj[p.key] = o;
      }
    }
  }
  return root;
}

export function kindOf(n: DNode | null): ValueKind {
  if (!n) return 'null';
  if (n.kind === 'map') return 'map';
  if (n.kind === 'seq') return 'seq';
  const v = n.value;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

export function getPair(m: DMap, key: string): DPair | undefined {
  for (const p of m.pairs) if (p.key === key) return p;
  return undefined;
}

/** Deep copy of a node with every offset moved by `delta` (shared nodes stay shared). */
export function shiftNode<T extends DNode | null>(n: T, delta: number, memo = new Map<DNode, DNode>()): T {
  if (!n || delta === 0) return n;
  const got = memo.get(n);
  if (got) return got as T;
  if (n.kind === 'scalar') {
    const c: DScalar = { ...n, start: n.start + delta, end: n.end + delta };
    memo.set(n, c);
    return c as T;
  }
  if (n.kind === 'seq') {
    const c = { ...n, items: [] as DNode[], start: n.start + delta, end: n.end + delta };
    memo.set(n, c);
    for (const it of n.items) c.items.push(shiftNode(it, delta, memo));
    return c as T;
  }
  const c: DMap = { ...n, pairs: [], start: n.start + delta, end: n.end + delta };
  memo.set(n, c);
  for (const p of n.pairs) {
    c.pairs.push({ ...p, keyStart: p.keyStart + delta, keyEnd: p.keyEnd + delta, valueStart: p.valueStart + delta, valueEnd: p.valueEnd + delta, value: shiftNode(p.value, delta, memo) });
  }
  return c as T;
}

// ---------------------------------------------------------------------------------------
// JSON

export class JsonError extends Error {
  constructor(
    message: string,
    readonly at: number,
    /** A limit of the checker, not a mistake in the JSON. */
    readonly limit = false,
  ) {
    super(message);
  }
}

/** Parse JSON text in [start, end) of `s` into DNodes with absolute offsets. Throws JsonError. */
export function parseJsonNodes(s: string, start = 0, end = s.length): DNode {
  let p = start;
  const ws = () => {
    while (p < end) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
  };
  const fail = (msg: string): never => {
    throw new JsonError(msg, Math.min(p, end));
  };
  const str = (): DScalar => {
    const st = p;
    p++;
    let q = p;
    let hasEsc = false;
    for (;;) {
      if (q >= end) fail('unterminated string');
      const c = s.charCodeAt(q);
      if (c === 34) break;
      if (c === 92) {
        hasEsc = true;
        q += 2;
        continue;
      }
      if (c < 32) {
        p = q;
        fail('control character in string');
      }
      q++;
    }
    let v: string;
    if (hasEsc) {
      try {
        v = JSON.parse(s.slice(st, q + 1)) as string;
      } catch {
        p = st;
        return fail('invalid escape in string');
      }
    } else v = s.slice(p, q);
    p = q + 1;
    return { kind: 'scalar', value: v, style: 'json', start: st, end: p };
  };
  const value = (depth: number): DNode => {
    if (depth > LIMITS.nesting) throw new JsonError(`the data is nested more than ${LIMITS.nesting} levels deep`, Math.min(p, end), true);
    ws();
    if (p >= end) fail('unexpected end of input');
    const c = s.charCodeAt(p);
    if (c === 123) {
      const m: DMap = { kind: 'map', flow: true, pairs: [], start: p, end: p };
      p++;
      ws();
      if (s.charCodeAt(p) === 125) {
        p++;
        m.end = p;
        return m;
      }
      for (;;) {
        ws();
        if (s.charCodeAt(p) !== 34) fail('expected a quoted key');
        const k = str();
        ws();
        if (s.charCodeAt(p) !== 58) fail("expected ':'");
        p++;
        const v = value(depth + 1);
        const key = k.value as string;
        const pair: DPair = { key, keyStart: k.start, keyEnd: k.end, keyStyle: 'json', value: v, valueStart: v.start, valueEnd: v.end };
        // Like JSON.parse: the last duplicate wins.
        const i = m.pairs.findIndex((x) => x.key === key);
        if (i >= 0) m.pairs.splice(i, 1);
        m.pairs.push(pair);
        ws();
        const d = s.charCodeAt(p);
        if (d === 44) {
          p++;
          continue;
        }
        if (d === 125) {
          p++;
          break;
        }
        fail("expected ',' or '}'");
      }
      m.end = p;
      return m;
    }
    if (c === 91) {
      const q: DNode = { kind: 'seq', flow: true, items: [], start: p, end: p };
      p++;
      ws();
      if (s.charCodeAt(p) === 93) {
        p++;
        q.end = p;
        return q;
      }
      for (;;) {
        q.items.push(value(depth + 1));
        ws();
        const d = s.charCodeAt(p);
        if (d === 44) {
          p++;
          continue;
        }
        if (d === 93) {
          p++;
          break;
        }
        fail("expected ',' or ']'");
      }
      q.end = p;
      return q;
    }
    if (c === 34) return str();
    const st = p;
    const m = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/.exec(s.slice(p, Math.min(end, p + 400)));
    if (!m) fail('unexpected character');
    p += m![0].length;
    const t = m![0];
    const v = t === 'true' ? true : t === 'false' ? false : t === 'null' ? null : Number(t);
    return { kind: 'scalar', value: v, style: 'json', start: st, end: p };
  };
  const v = value(0);
  ws();
  if (p < end) fail('unexpected content after the value');
  return v;
}
