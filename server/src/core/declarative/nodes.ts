/** Turning `yaml` package documents into DNodes, node helpers, and the JSON parser. */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YNode, Scalar } from 'yaml';
import type { DMap, DNode, DPair, DScalar, ParseError, ScalarStyle, ValueKind } from './types';

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
 * Convert a parsed `yaml` node. Aliases become the anchored node (the same DNode object,
 * so its spans point where the data is written); `<<` merges copy the source map's pairs
 * that the map does not set itself, flagged `merged`.
 */
export function fromYaml(doc: Document, node: unknown, base: number, unresolved?: { count: number }): DNode | null {
  const memo = new Map<unknown, DNode | null>();
  const conv = (n: unknown, depth: number): DNode | null => {
    if (n == null || depth > 200) return null;
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (!target && unresolved) unresolved.count++;
      return target ? conv(target, depth + 1) : null;
    }
    const got = memo.get(n);
    if (got !== undefined) return got;
    const yn = n as YNode;
    const r = yn.range ?? [0, 0, 0];
    if (isScalar(n)) {
      const d: DScalar = { kind: 'scalar', value: n.value, style: styleOf(n.type), start: base + r[0], end: base + r[1] };
      memo.set(n, d);
      return d;
    }
    if (isSeq(n)) {
      const d: DNode = { kind: 'seq', flow: !!n.flow, items: [], start: base + r[0], end: base + r[1] };
      memo.set(n, d);
      for (const it of n.items) {
        const c = conv(it, depth + 1);
        d.items.push(c ?? { kind: 'scalar', value: null, style: 'plain', start: d.start, end: d.start });
      }
      return d;
    }
    if (isMap(n)) {
      const d: DMap = { kind: 'map', flow: !!n.flow, pairs: [], start: base + r[0], end: base + r[1] };
      memo.set(n, d);
      const merges: DMap[] = [];
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = p.key as unknown;
        const kNode = isScalar(k) ? k : null;
        const keyVal = kNode ? kNode.value : k;
        const isMerge = kNode && (keyVal === '<<' || typeof keyVal === 'symbol') && kNode.type === 'PLAIN' && (isAlias(p.value) || (isSeq(p.value) && p.value.items.every((x) => isAlias(x))));
        if (isMerge) {
          const vs = isSeq(p.value) ? p.value.items : [p.value];
          for (const v of vs) {
            const m = conv(v, depth + 1);
            if (m && m.kind === 'map') merges.push(m);
          }
          continue;
        }
        const kr = (kNode?.range ?? (k as YNode | null)?.range) ?? [r[0], r[0], r[0]];
        const v = conv(p.value, depth + 1);
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
            d.pairs.push({ ...p, merged: true });
          }
        }
      }
      return d;
    }
    return null;
  };
  return conv(node, 0);
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
  let all: Document[];
  try {
    all = parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false }) as unknown as Document[];
    if (!Array.isArray(all)) all = [all as unknown as Document];
  } catch (e) {
    errors.push({ message: `YAML could not be read: ${(e as Error).message}`, span: { start: base, end: base + text.length } });
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
      node = fromYaml(doc, doc.contents, base, unresolved);
      if (unresolved.count) {
        missingAnchor = true;
        if (!doc.errors.some((e) => /alias|anchor/i.test(e.message))) errors.push({ message: 'an alias (*name) refers to an anchor (&name) that is not defined before it', span: { start: base, end: base + Math.min(text.length, 1) } });
      }
    } catch (e) {
      const m = (e as Error).message;
      if (/alias|anchor/i.test(m)) missingAnchor = true;
      errors.push({ message: m.split('\n')[0]!, span: { start: base, end: base + text.length } });
    }
    const r = doc.range ?? [0, text.length, text.length];
    docs.push({ node, start: base + r[0], end: base + r[2] });
  }
  return { docs, errors, missingAnchor };
}

/** Plain JS value of a node (what `yaml.parse` / `JSON.parse` would give). */
export function toJS(n: DNode | null): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toJS);
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[p.key] = toJS(p.value);
  return o;
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
    if (depth > 500) fail('nesting too deep');
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
