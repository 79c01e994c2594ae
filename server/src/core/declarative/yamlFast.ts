/**
 * A fast parser for the plain block-style YAML that decK files are made of: block maps
 * and sequences, single-line plain/quoted scalars, single-line flow collections,
 * comments, LF or CRLF. Anything else (anchors, aliases, tags, block scalars,
 * multi-line scalars or flow collections, odd indentation, any syntax error) makes it
 * give up with `Unsupported`, and the caller parses the slice with the `yaml` package
 * instead. So this parser only has to be right on what it accepts: it never reports
 * errors itself, the full parser does.
 *
 * Offsets are relative to the start of `src`.
 */
import type { DMap, DNode, DPair, DScalar, DSeq } from './types';
import { resolvePlain } from '../yamlScalar';

export class Unsupported extends Error {}

/**
 * Map keys repeat endlessly in a decK file (a few dozen names over hundreds of thousands of
 * pairs), and so do short values (`http`, `GET`, `true`...). Parsed nodes are kept for the
 * life of a document, so each repeat shares one string instead of holding its own copy.
 */
const SLOTS = 4096;
const shared: string[] = new Array<string>(SLOTS).fill('');
/** Keys up to this length are shared. */
const SHARE_KEY_MAX = 40;
/** Values up to this length are shared (longer ones are seldom repeated: names, ids, URLs). */
const SHARE_VALUE_MAX = 12;

/**
 * The text of `s` in [a, b): a string seen before with the same text when there is one
 * (then no new string is made at all).
 */
function sliceShared(s: string, a: number, b: number): string {
  const len = b - a;
  if (len === 0) return '';
  const slot = (s.charCodeAt(a) * 31 + s.charCodeAt(b - 1) * 7 + len * 131) & (SLOTS - 1);
  const got = shared[slot]!;
  if (got.length === len && s.startsWith(got, a)) return got;
  return (shared[slot] = flat(s.slice(a, b)));
}

/** `v` itself, or an equal string seen before. */
function share(v: string): string {
  if (v.length === 0 || v.length > SHARE_KEY_MAX) return v;
  const slot = (v.charCodeAt(0) * 31 + v.charCodeAt(v.length - 1) * 7 + v.length * 131) & (SLOTS - 1);
  const got = shared[slot]!;
  if (got === v) return got;
  return (shared[slot] = flat(v));
}

/**
 * A copy that does not point into the text it was cut from (a slice of 13 characters or
 * more is a view of its parent; the table must not keep old texts alive).
 */
function flat(v: string): string {
  return v.length < 13 ? v : (JSON.parse(JSON.stringify(v)) as string);
}

/**
 * A list grown by push keeps spare capacity (16 slots for a 1-item list); trees are kept
 * for long, so short lists are stored at their exact size.
 */
function exact<T>(a: T[]): T[] {
  return a.length < 8 ? a.slice() : a;
}

const FAIL = (): never => {
  throw new Unsupported();
};

export function parseYamlFast(src: string): DNode | null {
  // A carriage return not followed by a line feed (or a tab) is read differently by different parsers.
  if (/\r(?!\n)|\t/.test(src)) FAIL();
  return new FastParser(src).parseRoot();
}

/**
 * Nesting the fast parser takes on (real decK files nest about a dozen levels); deeper
 * text goes to the `yaml` package path, which reports it against the checker's limit.
 */
const MAX_DEPTH = 64;

class FastParser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  parseRoot(): DNode | null {
    this.skipBlank();
    if (this.pos >= this.s.length) return null;
    const ind = this.indentAt(this.pos);
    const node = this.parseBlock(ind);
    this.skipBlank();
    if (this.pos < this.s.length) FAIL();
    return node;
  }

  /** Move pos to the start of the next line that has content; pos must be at a line start. */
  private skipBlank(): void {
    const s = this.s;
    let p = this.pos;
    for (;;) {
      if (p >= s.length) break;
      let q = p;
      while (q < s.length && s.charCodeAt(q) === 32) q++;
      const c = s.charCodeAt(q);
      if (q >= s.length) {
        p = q;
        break;
      }
      if (c === 10) {
        p = q + 1;
        continue;
      }
      if (c === 13) {
        if (s.charCodeAt(q + 1) !== 10) FAIL();
        p = q + 2;
        continue;
      }
      if (c === 35 /* # */) {
        const nl = s.indexOf('\n', q);
        p = nl < 0 ? s.length : nl + 1;
        continue;
      }
      if (c === 9) FAIL();
      break;
    }
    this.pos = p;
  }

  /** Indentation of the line starting at p (p at a line start with content). */
  private indentAt(p: number): number {
    let q = p;
    while (this.s.charCodeAt(q) === 32) q++;
    if (this.s.charCodeAt(q) === 9) FAIL();
    return q - p;
  }

  private isSeqIndicator(q: number): boolean {
    if (this.s.charCodeAt(q) !== 45) return false;
    const n = this.s.charCodeAt(q + 1);
    return n === 32 || n === 10 || n === 13 || Number.isNaN(n);
  }

  /** pos at a content line start with indentation `ind`. */
  private parseBlock(ind: number): DNode {
    const q = this.pos + ind;
    if (this.isSeqIndicator(q)) return this.parseSeq(ind);
    return this.parseMap(ind, q);
  }

  private parseSeq(ind: number): DSeq {
    if (++this.depth > MAX_DEPTH) FAIL();
    const s = this.s;
    const items: DNode[] = [];
    let start = -1;
    let end = -1;
    for (;;) {
      this.skipBlank();
      if (this.pos >= s.length) break;
      const li = this.indentAt(this.pos);
      if (li < ind) break;
      if (li > ind) FAIL();
      const q = this.pos + ind;
      if (!this.isSeqIndicator(q)) break;
      if (start < 0) start = q;
      let c = q + 1;
      while (s.charCodeAt(c) === 32) c++;
      const ch = s.charCodeAt(c);
      let item: DNode | null;
      if (c >= s.length || ch === 10 || ch === 13 || ch === 35) {
        if (ch === 35 && c === q + 1) FAIL();
        this.pos = this.lineEndNext(c);
        this.skipBlank();
        if (this.pos < s.length && this.indentAt(this.pos) > ind) {
          item = this.parseBlock(this.indentAt(this.pos));
        } else item = null;
      } else if (this.isSeqIndicator(c)) {
        FAIL();
        item = null;
      } else if (this.looksLikeKey(c)) {
        item = this.parseMap(c - this.lineStart(c), c);
      } else {
        item = this.parseInlineLine(c, ind);
      }
      if (item === null) {
        items.push({ kind: 'scalar', value: null, style: 'plain', start: q + 1, end: q + 1 });
        end = q + 1;
      } else {
        items.push(item);
        end = item.end;
      }
    }
    if (start < 0) FAIL();
    this.depth--;
    return { kind: 'seq', flow: false, items: exact(items), start, end };
  }

  private lineStart(p: number): number {
    const nl = this.s.lastIndexOf('\n', p - 1);
    return nl + 1;
  }

  /** Offset just past the end of the line containing p (start of the next line). */
  private lineEndNext(p: number): number {
    const nl = this.s.indexOf('\n', p);
    return nl < 0 ? this.s.length : nl + 1;
  }

  /** Does the text at c (up to end of line) start with `key:` (key plain or quoted)? */
  private looksLikeKey(c: number): boolean {
    const s = this.s;
    const ch = s.charCodeAt(c);
    if (ch === 34 || ch === 39) {
      const e = this.quotedEnd(c);
      if (e < 0) return false;
      let q = e;
      while (s.charCodeAt(q) === 32) q++;
      return s.charCodeAt(q) === 58 && this.isBreakOrSpace(q + 1);
    }
    if (ch === 91 || ch === 123) return false;
    for (let q = c; q < s.length; q++) {
      const x = s.charCodeAt(q);
      if (x === 10 || x === 13) return false;
      if (x === 58 && this.isBreakOrSpace(q + 1)) return true;
      if (x === 35 && s.charCodeAt(q - 1) === 32) return false;
    }
    return false;
  }

  private isBreakOrSpace(q: number): boolean {
    if (q >= this.s.length) return true;
    const x = this.s.charCodeAt(q);
    return x === 32 || x === 10 || x === 13;
  }

  /** End (exclusive) of a one-line quoted scalar starting at c, or -1. */
  private quotedEnd(c: number): number {
    const s = this.s;
    const qc = s.charCodeAt(c);
    for (let q = c + 1; q < s.length; q++) {
      const x = s.charCodeAt(q);
      if (x === 10 || x === 13) return -1;
      if (qc === 39 && x === 39) {
        if (s.charCodeAt(q + 1) === 39) {
          q++;
          continue;
        }
        return q + 1;
      }
      if (qc === 34) {
        if (x === 92) {
          q++;
          continue;
        }
        if (x === 34) return q + 1;
      }
    }
    return -1;
  }

  /** A block map whose keys sit at column `ind`; the first key starts at `first`. */
  private parseMap(ind: number, first: number): DMap {
    if (++this.depth > MAX_DEPTH) FAIL();
    const s = this.s;
    const pairs: DPair[] = [];
    let q = first;
    let end = first;
    for (;;) {
      // Key.
      let key: string;
      let keyEnd: number;
      let keyStyle: 'plain' | 'single' | 'double';
      const ch = s.charCodeAt(q);
      if (ch === 34 || ch === 39) {
        const e = this.quotedEnd(q);
        if (e < 0) FAIL();
        key = share(ch === 34 ? unescapeDouble(s.slice(q + 1, e - 1)) : s.slice(q + 1, e - 1).replace(/''/g, "'"));
        keyStyle = ch === 34 ? 'double' : 'single';
        keyEnd = e;
      } else {
        if (isIndicatorStart(s, q)) FAIL();
        let e = q;
        for (;;) {
          const x = s.charCodeAt(e);
          if (e >= s.length || x === 10 || x === 13) FAIL();
          if (x === 58 && this.isBreakOrSpace(e + 1)) break;
          if (x === 35 && s.charCodeAt(e - 1) === 32) FAIL();
          e++;
        }
        while (s.charCodeAt(e - 1) === 32) e--;
        key = e - q <= SHARE_KEY_MAX ? sliceShared(s, q, e) : s.slice(q, e);
        if (key === '<<') FAIL();
        const r = resolvePlain(key);
        if (typeof r !== 'string') key = String(r);
        keyStyle = 'plain';
        keyEnd = e;
      }
      for (let i = 0; i < pairs.length; i++) if (pairs[i]!.key === key) FAIL();
      let c = keyEnd;
      while (s.charCodeAt(c) === 32) c++;
      if (s.charCodeAt(c) !== 58) FAIL();
      c++;
      while (s.charCodeAt(c) === 32) c++;
      const vch = s.charCodeAt(c);
      let value: DNode | null;
      if (c >= s.length || vch === 10 || vch === 13 || vch === 35) {
        if (vch === 35 && s.charCodeAt(c - 1) !== 32) FAIL();
        this.pos = this.lineEndNext(c);
        this.skipBlank();
        value = null;
        if (this.pos < s.length) {
          const li = this.indentAt(this.pos);
          if (li > ind) value = this.parseBlock(li);
          else if (li === ind && this.isSeqIndicator(this.pos + li)) value = this.parseSeq(li);
        }
      } else {
        value = this.parseInlineLine(c, ind);
      }
      if (value) {
        pairs.push({ key, keyStart: q, keyEnd, keyStyle, value, valueStart: value.start, valueEnd: value.end });
        end = value.end;
      } else {
        pairs.push({ key, keyStart: q, keyEnd, keyStyle, value: null, valueStart: keyEnd + 1, valueEnd: keyEnd + 1 });
        end = keyEnd + 1;
      }
      // Next key at the same indentation?
      this.skipBlank();
      if (this.pos >= s.length) break;
      const li = this.indentAt(this.pos);
      if (li < ind) break;
      if (li > ind) FAIL();
      q = this.pos + li;
      if (this.isSeqIndicator(q)) break; // the caller decides (error or end of a compact seq)
    }
    this.depth--;
    return { kind: 'map', flow: false, pairs: exact(pairs), start: first, end };
  }

  /**
   * A value that starts at c and must end on this line (then only a comment may follow).
   * Leaves pos at the next line's start. A deeper-indented line after it is a
   * continuation we do not handle.
   */
  private parseInlineLine(c: number, ind: number): DNode {
    const s = this.s;
    const ch = s.charCodeAt(c);
    let node: DNode;
    let after: number;
    if (ch === 34 || ch === 39) {
      const e = this.quotedEnd(c);
      if (e < 0) FAIL();
      const raw = s.slice(c + 1, e - 1);
      const val = ch === 34 ? unescapeDouble(raw) : raw.replace(/''/g, "'");
      node = { kind: 'scalar', value: val.length <= SHARE_VALUE_MAX ? share(val) : val, style: ch === 34 ? 'double' : 'single', start: c, end: e };
      after = e;
    } else if (ch === 91 || ch === 123) {
      const r = new FlowParser(s, c).parse();
      node = r;
      after = r.end;
    } else {
      if (isIndicatorStart(s, c)) FAIL();
      let e = c;
      for (;;) {
        if (e >= s.length) break;
        const x = s.charCodeAt(e);
        if (x === 10 || x === 13) break;
        if (x === 35 && s.charCodeAt(e - 1) === 32) break;
        if (x === 58 && this.isBreakOrSpace(e + 1)) FAIL();
        if (x === 9) FAIL();
        e++;
      }
      while (s.charCodeAt(e - 1) === 32) e--;
      const raw = e - c <= SHARE_VALUE_MAX ? sliceShared(s, c, e) : s.slice(c, e);
      node = { kind: 'scalar', value: resolvePlain(raw), style: 'plain', start: c, end: e };
      after = e;
    }
    // Rest of line: spaces, then comment or end.
    let q = after;
    while (s.charCodeAt(q) === 32) q++;
    const x = s.charCodeAt(q);
    if (q < s.length && x !== 10 && x !== 13) {
      if (x !== 35 || q === after) FAIL();
    }
    this.pos = this.lineEndNext(q);
    // A deeper line right after a scalar would be a multi-line scalar (or an error).
    this.skipBlank();
    if (this.pos < s.length && this.indentAt(this.pos) > ind) FAIL();
    return node;
  }
}

function isIndicatorStart(s: string, q: number): boolean {
  const c = s.charCodeAt(q);
  switch (c) {
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 44: // ,
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 37: // %
    case 64: // @
    case 96: // `
    case 34: // "
    case 39: // '
      return true;
    case 45: // -
    case 63: // ?
    case 58: {
      // :
      const n = s.charCodeAt(q + 1);
      return Number.isNaN(n) || n === 32 || n === 10 || n === 13 || n === 9;
    }
    default:
      return false;
  }
}

const ESC: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

export function unescapeDouble(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = raw[++i];
    if (n === undefined) FAIL();
    if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = raw.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) FAIL();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
      continue;
    }
    const r = ESC[n!];
    if (r === undefined) FAIL();
    out += r;
  }
  return out;
}

/** One-line flow collections: `[a, "b", {c: 1}]`, `{}`. */
class FlowParser {
  private p: number;
  private depth = 0;
  constructor(
    private readonly s: string,
    start: number,
  ) {
    this.p = start;
  }
  parse(): DMap | DSeq {
    return this.node() as DMap | DSeq;
  }
  private ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.p);
      if (c === 32) this.p++;
      else if (c === 10 || c === 13 || c === 9 || c === 35) FAIL();
      else return;
    }
  }
  private node(): DNode {
    if (++this.depth > MAX_DEPTH) FAIL();
    const r = this.nodeAt();
    this.depth--;
    return r;
  }
  private nodeAt(): DNode {
    const s = this.s;
    this.ws();
    const c = s.charCodeAt(this.p);
    if (c === 91) {
      const start = this.p++;
      const items: DNode[] = [];
      for (;;) {
        this.ws();
        if (s.charCodeAt(this.p) === 93) {
          this.p++;
          break;
        }
        const item = this.node();
        this.ws();
        if (s.charCodeAt(this.p) === 58) FAIL(); // single-pair map inside a sequence
        items.push(item);
        const d = s.charCodeAt(this.p);
        if (d === 44) {
          this.p++;
          continue;
        }
        if (d === 93) {
          this.p++;
          break;
        }
        FAIL();
      }
      return { kind: 'seq', flow: true, items, start, end: this.p };
    }
    if (c === 123) {
      const start = this.p++;
      const pairs: DPair[] = [];
      for (;;) {
        this.ws();
        if (s.charCodeAt(this.p) === 125) {
          this.p++;
          break;
        }
        const k = this.node();
        if (k.kind !== 'scalar') FAIL();
        const ks = k as DScalar;
        this.ws();
        if (s.charCodeAt(this.p) !== 58) FAIL();
        this.p++;
        this.ws();
        let v: DNode | null = null;
        const d0 = s.charCodeAt(this.p);
        if (d0 !== 44 && d0 !== 125) v = this.node();
        const key = typeof ks.value === 'string' ? ks.value : String(ks.value);
        for (let i = 0; i < pairs.length; i++) if (pairs[i]!.key === key) FAIL();
        pairs.push({
          key,
          keyStart: ks.start,
          keyEnd: ks.end,
          keyStyle: ks.style,
          value: v,
          valueStart: v ? v.start : ks.end + 1,
          valueEnd: v ? v.end : ks.end + 1,
        });
        this.ws();
        const d = s.charCodeAt(this.p);
        if (d === 44) {
          this.p++;
          continue;
        }
        if (d === 125) {
          this.p++;
          break;
        }
        FAIL();
      }
      return { kind: 'map', flow: true, pairs, start, end: this.p };
    }
    if (c === 34 || c === 39) {
      const start = this.p;
      let q = start + 1;
      for (;;) {
        const x = s.charCodeAt(q);
        if (q >= s.length || x === 10 || x === 13) FAIL();
        if (c === 39 && x === 39) {
          if (s.charCodeAt(q + 1) === 39) {
            q += 2;
            continue;
          }
          break;
        }
        if (c === 34 && x === 92) {
          q += 2;
          continue;
        }
        if (c === 34 && x === 34) break;
        q++;
      }
      const raw = s.slice(start + 1, q);
      this.p = q + 1;
      return { kind: 'scalar', value: c === 34 ? unescapeDouble(raw) : raw.replace(/''/g, "'"), style: c === 34 ? 'double' : 'single', start, end: this.p };
    }
    // Plain scalar in flow context.
    if (isIndicatorStart(s, this.p)) FAIL();
    const start = this.p;
    let q = start;
    for (;;) {
      const x = s.charCodeAt(q);
      if (q >= s.length || x === 10 || x === 13) FAIL();
      if (x === 44 || x === 91 || x === 93 || x === 123 || x === 125) break;
      if (x === 58) {
        const n = s.charCodeAt(q + 1);
        if (n === 32 || n === 44 || n === 93 || n === 125) break;
      }
      if (x === 35 && s.charCodeAt(q - 1) === 32) FAIL();
      q++;
    }
    let e = q;
    while (s.charCodeAt(e - 1) === 32) e--;
    this.p = q;
    if (e === start) FAIL();
    return { kind: 'scalar', value: resolvePlain(s.slice(start, e)), style: 'plain', start, end: e };
  }
}
