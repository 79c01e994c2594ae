/**
 * Incremental parsing and checking of declarative files.
 *
 * The text is split into pieces (see split.ts); each piece is parsed on its own (the fast
 * parser, or the `yaml` package when the fast one gives up) with offsets relative to the
 * piece, and the piece's plugins/paths and findings are cached by its exact text. An edit
 * therefore re-parses and re-checks only the pieces whose text changed; the others are
 * reused and only shifted to their new offsets.
 */
import type { Finding } from '../model';
import { parseJsonNodes, JsonError, parseYamlSlice, shiftNode, toJS } from './nodes';
import { splitJson, splitYaml, type DocSplit, type Piece } from './split';
import type { DeclarativeDocument, DeclarativeModel, DNode, ParseError, PluginInstance, RoutePath } from './types';
import { emptyLocal, Field, walkTopItem, walkTopPair, type LocalModel } from './walk';
import { parseYamlFast, Unsupported } from './yamlFast';
import { copyPendingFixes, shiftPendingFixes } from './lazyFixes';
import { checkLocal, checkDocument, contextKey, type DeclarativeContext } from './rules';
import { drain, pushAll } from '../util';

interface ParsedPiece {
  kind: Piece['kind'];
  key: string;
  text: string;
  /** entry: a map node (or a whole document's root); item: the item node. */
  node: DNode | null;
  errors: ParseError[];
  missingAnchor: boolean;
  /** Plugins/paths with piece-relative spans; for items, `where` starts with "\0". */
  local: LocalModel;
  /** Top-level keys the piece defines (entries only). */
  topKeys: Array<{ key: string; start: number; end: number }>;
  /**
   * Findings per check context, at absolute offsets for a piece starting at `base`:
   * reused as they are while the piece does not move, shifted (copied) when it does.
   */
  findings: Map<string, { base: number; findings: Finding[] }>;
  fmt: 'yaml' | 'json';
  jsonKey: string;
  /** Parsed by the `yaml` package (may hold aliases: findings can repeat). */
  slow: boolean;
  /** The piece parsed to a node (false: empty, or it did not parse). */
  hasNode: boolean;
  /**
   * The node and the plugins/paths were let go once the piece was checked (see `drop`);
   * `revive` parses the text again when they are needed.
   */
  dropped: boolean;
}

const ITEM_MARK = '\u0000';
/** Documents up to this size are re-parsed whole when a piece has errors (see update). */
const WHOLE_RETRY_LIMIT = 256 * 1024;

function jsonKeyOf(piece: Piece): string {
  if (piece.kind !== 'entry' || !piece.json) return '';
  const j = piece.json;
  return `${j.keyEnd - piece.start},${j.valueStart - piece.start},${j.valueEnd - piece.start}`;
}

/**
 * A copy of `s` that does not hold on to the string it was cut from. A substring shares
 * its parent's memory, so a piece (its text, keys and values) kept across edits would
 * keep every version of a large document it was cut from alive.
 */
function detached(s: string): string {
  return s.length < 16 ? s : (' ' + s).slice(1);
}

function parsePiece(full: string, piece: Piece, format: 'yaml' | 'json'): ParsedPiece {
  const text = detached(full.slice(piece.start, piece.end));
  const key = piece.kind === 'entry' ? '' : piece.key;
  const out: ParsedPiece = {
    kind: piece.kind,
    key,
    text,
    node: null,
    errors: [],
    missingAnchor: false,
    local: emptyLocal(),
    topKeys: [],
    findings: new Map(),
    slow: false,
    fmt: format,
    jsonKey: piece.kind === 'entry' && piece.json ? jsonKeyOf(piece) : '',
    hasNode: false,
    dropped: false,
  };
  if (piece.kind === 'header') return out;
  if (format === 'json') {
    try {
      if (piece.kind === 'entry' && piece.json) {
        const j = piece.json;
        const v = parseJsonNodes(text, j.valueStart - piece.start, j.valueEnd - piece.start);
        out.node = {
          kind: 'map',
          flow: true,
          start: j.keyStart - piece.start,
          end: j.valueEnd - piece.start,
          pairs: [{ key: j.key, keyStart: j.keyStart - piece.start, keyEnd: j.keyEnd - piece.start, keyStyle: 'json', value: v, valueStart: v.start, valueEnd: v.end }],
        };
      } else out.node = parseJsonNodes(text);
    } catch (e) {
      const at = e instanceof JsonError ? e.at : 0;
      if (e instanceof JsonError && e.limit) out.errors.push({ message: e.message, span: { start: at, end: Math.min(text.length, at + 1) }, incomplete: true });
      else if (e instanceof JsonError) out.errors.push({ message: `JSON: ${e.message}`, span: { start: at, end: Math.min(text.length, at + 1) } });
      else throw e;
    }
  } else {
    let node: DNode | null = null;
    try {
      node = parseYamlFast(text);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      out.slow = true;
      const r = parseYamlSlice(text, 0);
      pushAll(out.errors, r.errors);
      out.missingAnchor = r.missingAnchor;
      node = r.docs[0]?.node ?? null;
      if (r.docs.length > 1) out.errors.push({ message: 'unexpected document marker inside an entry', span: { start: r.docs[1]!.start, end: r.docs[1]!.start + 1 } });
    }
    if (piece.kind === 'item') {
      if (node && node.kind === 'seq' && node.items.length === 1) node = node.items[0]!;
      else if (node) {
        out.errors.push({ message: 'expected one list item here', span: { start: node.start, end: node.end } });
        node = null;
      }
    }
    out.node = node;
  }
  if (piece.kind === 'item') {
    walkTopItem(out.local, key, out.node, ITEM_MARK);
  } else if (out.node) {
    if (out.node.kind === 'map') {
      for (const p of out.node.pairs) {
        walkTopPair(out.local, p.key, p.value, p, text);
        out.topKeys.push({ key: p.key, start: p.keyStart, end: p.keyEnd });
      }
    } else if (text.trim() !== '') {
      out.errors.push({ message: 'the top level of a declarative file must be a map of keys (_format_version, services, ...)', span: { start: out.node.start, end: out.node.end } });
    }
  }
  out.hasNode = out.node !== null;
  return out;
}

/**
 * A large file's parsed trees are most of what a session would keep, and keeping them is
 * costly twice: the garbage collector copies every long-lived node while the file is
 * parsed, and they hold memory for as long as the document is open. A checked piece only
 * needs its findings (cached per context) until something asks for its nodes again (a
 * new context, the model), so a YAML piece the fast parser read cleanly lets its tree go
 * right after its check, while that tree is still young. Its text is kept; parsing it
 * again gives the same tree.
 */
function canDrop(p: ParsedPiece): boolean {
  return p.fmt === 'yaml' && p.kind !== 'header' && !p.slow && !p.missingAnchor && p.errors.length === 0;
}

function drop(p: ParsedPiece): void {
  if (p.dropped || !canDrop(p)) return;
  p.node = null;
  const fv = p.local.formatVersion;
  const fe = p.local.formatVersionEmpty;
  p.local = { plugins: [], routePaths: [], entities: [], ...(fv ? { formatVersion: fv } : {}), ...(fe ? { formatVersionEmpty: fe } : {}) };
  p.dropped = true;
}

/** Parse a dropped piece again (its nodes, plugins and paths are back). */
function revive(p: ParsedPiece): void {
  if (!p.dropped) return;
  const piece: Piece = p.kind === 'item' ? { kind: 'item', key: p.key, start: 0, end: p.text.length } : { kind: 'entry', start: 0, end: p.text.length };
  const q = parsePiece(p.text, piece, 'yaml');
  p.node = q.node;
  p.local = q.local;
  p.dropped = false;
}

/** A piece's findings for a context at absolute offsets (the piece starts at `base`); cached. */
function findingsOf(p: ParsedPiece, ctx: DeclarativeContext, ck: string, fvValue: string | undefined, base: number): Finding[] {
  let got = p.findings.get(ck);
  if (!got) {
    const wasDropped = p.dropped;
    revive(p);
    // Fixes are built on first read: from the piece's model, parsed again if it was let go.
    const fs = checkLocal(p.local, p.text, ctx, fvValue, () => {
      const was = p.dropped;
      revive(p);
      const local = p.local;
      if (was) drop(p);
      return local;
    });
    fs.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    if (base !== 0) shiftFresh(fs, base);
    p.findings.set(ck, (got = { base, findings: fs }));
    if (wasDropped) drop(p);
  } else if (got.base !== base) {
    const d = base - got.base;
    p.findings.set(ck, (got = { base, findings: got.findings.map((f) => shiftFinding(f, d)) }));
  }
  return got.findings;
}

interface DocState {
  split: DocSplit;
  pieces: ParsedPiece[];
  /** What the line scan gave (before any whole-document re-parse) and its parsed pieces. */
  orig: DocSplit;
  origPieces: ParsedPiece[];
}

/** The region two texts differ in: [start, oldEnd) of the old text became [start, newEnd) of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 8192;

/** Where `a` and `b` differ (null when equal): common prefix and suffix found chunk-wise. */
export function changedRegion(a: string, b: string): TextChange | null {
  if (a === b) return null;
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p + CHUNK <= n && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const max = n - p;
  let q = 0;
  while (q + CHUNK <= max && a.slice(a.length - q - CHUNK, a.length - q) === b.slice(b.length - q - CHUNK, b.length - q)) q += CHUNK;
  while (q < max && a.charCodeAt(a.length - q - 1) === b.charCodeAt(b.length - q - 1)) q++;
  return { start: p, oldEnd: a.length - q, newEnd: b.length - q };
}

/**
 * True when an edit cannot change how `splitYaml` cuts the text: it stays inside one
 * indented line, adds or removes no line break, and leaves the line's indentation, its
 * first character and the one after it alone (the scan reads nothing else of such a
 * line). Then the new split is the old one shifted.
 */
function lineLocalEdit(oldText: string, text: string, c: TextChange): boolean {
  for (let i = c.start; i < c.oldEnd; i++) {
    const ch = oldText.charCodeAt(i);
    if (ch === 10 || ch === 13) return false;
  }
  for (let i = c.start; i < c.newEnd; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return false;
  }
  const ls = c.start === 0 ? 0 : text.lastIndexOf('\n', c.start - 1) + 1;
  if (text.charCodeAt(ls) !== 32) return false;
  let q = ls;
  while (q < c.start && text.charCodeAt(q) === 32) q++;
  return q + 2 <= c.start;
}

function shiftSplit(s: DocSplit, at: number, delta: number): DocSplit {
  const m = (x: number) => (x < at ? x : x + delta);
  if (s.end < at) return s;
  return {
    start: m(s.start),
    end: m(s.end),
    whole: s.whole,
    pieces: s.pieces.map((p): Piece => {
      if (p.end < at) return p;
      if (p.kind === 'header') return { ...p, start: m(p.start), end: m(p.end), keyStart: m(p.keyStart), keyEnd: m(p.keyEnd) };
      return { ...p, start: m(p.start), end: m(p.end) };
    }),
  };
}

export interface DeclarativeResult {
  format: 'yaml' | 'json';
  findings: Finding[];
  errors: ParseError[];
  /** The model with absolute offsets (built on first access). */
  readonly model: DeclarativeModel;
  /** Plain data of each document (what `yaml.parse` / `JSON.parse` would give); built on access. */
  data(): unknown[];
}

export interface UpdateOptions {
  /** Force the format (from the file name); otherwise a text starting with `{` is JSON. */
  format?: 'yaml' | 'json';
}

export class DeclarativeSession {
  private cache = new Map<string, ParsedPiece[]>();
  private lastFormat: 'yaml' | 'json' | '' = '';
  private last: { text: string; docs: DocState[] } | undefined;
  /** Cache entries a line-local update left behind (pruned by the next full pass). */
  private stale = 0;
  /** The split `preview` made, for the `update` of the same text that follows it (splitting 10 MB takes a tenth of a second). */
  private previewSplit: { text: string; splits: DocSplit[] } | undefined;
  private ctxKey = '';
  constructor(private ctx: DeclarativeContext | null = null) {
    if (ctx) this.ctxKey = contextKey(ctx);
  }

  setContext(ctx: DeclarativeContext | null): void {
    const k = ctx ? contextKey(ctx) : '';
    if (ctx && this.ctx && ctx.plugins !== this.ctx.plugins) for (const l of this.cache.values()) for (const p of l) p.findings.clear();
    this.ctx = ctx;
    this.ctxKey = k;
  }

  update(text: string, opts: UpdateOptions = {}): DeclarativeResult {
    return drain(this.updateSteps(text, opts));
  }

  /**
   * `update` a piece of work at a time: the generator yields after each piece it had to
   * parse or check (pieces reused from the cache cost nothing), so a caller can let other
   * work run between pieces, and drop the update by not resuming it (`return()`): what
   * was parsed so far stays cached for the next update.
   */
  *updateSteps(text: string, opts: UpdateOptions = {}): Generator<void, DeclarativeResult> {
    const format = opts.format ?? (/^\s*[{[]/.test(text) ? 'json' : 'yaml');
    const memo = this.previewSplit;
    this.previewSplit = undefined;
    // An edit inside one line: keep the split and every piece it did not touch.
    const last = this.last;
    if (format === 'yaml' && this.lastFormat === 'yaml' && last && this.stale < 2000) {
      const c = changedRegion(last.text, text);
      if (!c) return yield* this.assembleSteps(text, format, last.docs);
      if (lineLocalEdit(last.text, text, c)) return yield* this.updateLineLocal(text, last.docs, c);
    }
    const next = new Map<string, ParsedPiece[]>();
    let parsed = 0;
    const fmtKey = format;
    const matches = (p: ParsedPiece, piece: Piece) =>
      p.kind === piece.kind && (piece.kind === 'entry' ? true : p.key === piece.key) && (this.lastFormat === fmtKey || format === 'yaml') && p.fmt === fmtKey;
    // The first `_format_version` of the document so far (see the early check below).
    let fvSoFar: string | undefined;
    const ctx = this.ctx;
    const get = (piece: Piece): ParsedPiece => {
      const k = text.slice(piece.start, piece.end);
      const find = (m: Map<string, ParsedPiece[]>) => m.get(k)?.find((p) => matches(p, piece) && (piece.kind !== 'entry' || !piece.json || p.jsonKey === jsonKeyOf(piece)));
      let p = find(next) ?? find(this.cache);
      if (!p) {
        parsed++;
        p = parsePiece(text, piece, format);
        fvSoFar ??= p.local.formatVersion?.value;
        if (ctx && p.hasNode && canDrop(p)) {
          // Check it now, with the document's `_format_version` as far as it is known
          // (almost always at the top): assemble then finds the findings cached, and the
          // tree can go while it is young. A guess that turns out wrong only costs a re-parse.
          findingsOf(p, ctx, `${this.ctxKey}\u0001${fvSoFar ?? ''}`, fvSoFar, piece.start);
          drop(p);
        }
      } else fvSoFar ??= p.local.formatVersion?.value;
      const l = next.get(k);
      if (!l) next.set(p.text, [p]);
      else if (!l.includes(p)) l.push(p);
      return p;
    };
    let splits: DocSplit[];
    if (format === 'json') {
      const s = splitJson(text);
      splits = [s ?? { start: 0, end: text.length, whole: true, pieces: [{ kind: 'entry', start: 0, end: text.length }] }];
    } else splits = memo?.text === text ? memo.splits : splitYaml(text);
    let settled = false;
    try {
      const docs: DocState[] = [];
      for (const split of splits) {
        fvSoFar = undefined;
        const pieces: ParsedPiece[] = [];
        for (const piece of split.pieces) {
          const before = parsed;
          pieces.push(get(piece));
          if (parsed !== before) yield;
        }
        docs.push(this.settle(format, split, pieces, get));
      }
      this.cache = next;
      this.stale = 0;
      this.lastFormat = format;
      this.last = { text, docs };
      settled = true;
      return yield* this.assembleSteps(text, format, docs);
    } finally {
      // Dropped half-way: keep what was parsed (the next update will want most of it).
      if (!settled) {
        for (const [k, l] of next) {
          const old = this.cache.get(k);
          if (!old) this.cache.set(k, l);
          else for (const p of l) if (!old.includes(p)) old.push(p);
        }
      }
    }
  }

  /**
   * Findings and errors of the first pieces of a large YAML document (those ending within
   * `bytes`), for showing something before the whole file is checked. Only answers when
   * they are exactly what `update` will report for that stretch: one document, split in
   * pieces, whose `_format_version` is among those first pieces, none of them needing the
   * full YAML parser. The pieces parsed here are kept, so the `update` that follows does
   * not parse them again. Null when there is no such preview.
   */
  preview(text: string, bytes: number, opts: UpdateOptions = {}): { findings: Finding[]; errors: ParseError[] } | null {
    const format = opts.format ?? (/^\s*[{[]/.test(text) ? 'json' : 'yaml');
    if (format !== 'yaml' || text.length <= bytes) return null;
    const splits = splitYaml(text);
    this.previewSplit = { text, splits };
    const d = splits[0];
    if (splits.length !== 1 || !d || d.whole) return null;
    const head = d.pieces.filter((p) => p.end <= bytes);
    if (!head.length || head.length === d.pieces.length) return null;
    const parsed = head.map((piece) => {
      const k = text.slice(piece.start, piece.end);
      const l = this.cache.get(k);
      let p = l?.find((x) => x.kind === piece.kind && (piece.kind === 'entry' || x.key === piece.key) && x.fmt === 'yaml');
      if (!p) {
        p = parsePiece(text, piece, 'yaml');
        if (l) l.push(p);
        else this.cache.set(p.text, [p]);
      }
      return p;
    });
    if (!parsed.some((p) => p.local.formatVersion) || parsed.some((p) => p.slow || p.missingAnchor || p.errors.length)) return null;
    const split: DocSplit = { start: d.start, end: head[head.length - 1]!.end, whole: false, pieces: head };
    const r = this.assemble(text, 'yaml', [{ split, pieces: parsed, orig: split, origPieces: parsed }]);
    return { findings: r.findings, errors: r.errors };
  }

  /** `update` for a line-local change: shift the old split, re-parse the one piece that holds the change. */
  private *updateLineLocal(text: string, old: DocState[], c: TextChange): Generator<void, DeclarativeResult> {
    const delta = c.newEnd - c.oldEnd;
    const cache = this.cache;
    const get = (piece: Piece): ParsedPiece => {
      const k = text.slice(piece.start, piece.end);
      const l = cache.get(k);
      let p = l?.find((x) => x.kind === piece.kind && (piece.kind === 'entry' || x.key === piece.key) && x.fmt === 'yaml');
      if (!p) {
        p = parsePiece(text, piece, 'yaml');
        if (l) l.push(p);
        else cache.set(p.text, [p]);
        this.stale++;
      }
      return p;
    };
    const docs = old.map((d) => {
      const o = d.orig;
      if (o.end < c.start) return d;
      const split = shiftSplit(o, c.start, delta);
      if (o.start > c.start) return { ...d, orig: split, split: d.split === o ? split : shiftSplit(d.split, c.start, delta) };
      // The document that holds the change.
      const pieces = o.pieces.map((p, i) => (p.start <= c.start && (c.start < p.end || (p.end === c.start && c.start === o.end)) ? get(split.pieces[i]!) : d.origPieces[i]!));
      return this.settle('yaml', split, pieces, get);
    });
    this.last = { text, docs };
    return yield* this.assembleSteps(text, 'yaml', docs);
  }

  /** The pieces of one document as `update` keeps them: whole-document re-parses where the pieces cannot stand alone. */
  private settle(format: 'yaml' | 'json', orig: DocSplit, origPieces: ParsedPiece[], get: (p: Piece) => ParsedPiece): DocState {
    let split = orig;
    let pieces = origPieces;
    {
      if (!split.whole && pieces.some((p) => p.missingAnchor)) {
        // An alias refers to an anchor in another piece: parse the document as one piece.
        split = { start: split.start, end: split.end, whole: true, pieces: [{ kind: 'entry', start: split.start, end: split.end }] };
        pieces = split.pieces.map(get);
      } else if (format === 'yaml' && !split.whole && split.end - split.start <= WHOLE_RETRY_LIMIT && pieces.some((p) => p.errors.length)) {
        // The line scan may have cut through something only the full grammar sees (a
        // multi-line scalar continued at column 0, say). For a document of moderate size,
        // trust the whole-document parse when it reads cleanly.
        const whole: DocSplit = { start: split.start, end: split.end, whole: true, pieces: [{ kind: 'entry', start: split.start, end: split.end }] };
        const wp = whole.pieces.map(get);
        if (!wp.some((p) => p.errors.length)) {
          split = whole;
          pieces = wp;
        }
      }
    }
    return { split, pieces, orig, origPieces };
  }

  private assemble(text: string, format: 'yaml' | 'json', docs: DocState[]): DeclarativeResult {
    return drain(this.assembleSteps(text, format, docs));
  }

  /** Findings of every piece (cached per check context) in document order; yields after each piece it had to check. */
  private *assembleSteps(text: string, format: 'yaml' | 'json', docs: DocState[]): Generator<void, DeclarativeResult> {
    const findings: Finding[] = [];
    const errors: ParseError[] = [];
    const ctx = this.ctx;
    for (const d of docs) {
      // Document-level facts: its `_format_version` and duplicate top-level keys.
      let fv: (LocalModel['formatVersion'] & { base: number }) | undefined;
      /** `_format_version` is written without a value (a finding of its own; nothing to add). */
      let emptyFv = false;
      const topSeen = new Map<string, number>();
      const hasContent = d.pieces.some((p) => (p.kind !== 'header' ? p.hasNode : true));
      d.pieces.forEach((p, i) => {
        const base = d.split.pieces[i]!.start;
        for (const e of p.errors) errors.push({ message: e.message, span: { start: e.span.start + base, end: e.span.end + base }, ...(e.incomplete ? { incomplete: true as const } : {}) });
        const keys = p.kind === 'header' ? [{ key: p.key, start: 0, end: 0 }] : p.topKeys;
        for (const k of keys) {
          if (p.kind === 'header') {
            const pc = d.split.pieces[i] as Extract<Piece, { kind: 'header' }>;
            k.start = pc.keyStart - base;
            k.end = pc.keyEnd - base;
          }
          if (topSeen.has(k.key)) errors.push({ message: `"${k.key}" appears twice at the top level; Kong would reject the file`, span: { start: k.start + base, end: k.end + base } });
          else topSeen.set(k.key, k.start + base);
        }
        if (p.local.formatVersion && !fv) fv = { ...p.local.formatVersion, base };
        if (p.local.formatVersionEmpty) emptyFv = true;
      });
      if (!ctx) continue;
      const fvValue = fv?.value;
      const ck = `${this.ctxKey}\u0001${fvValue ?? ''}`;
      if (hasContent && !emptyFv) pushAll(findings, checkDocument(text, ctx, d.split.start, d.split.end, fv ? { value: fv.value, present: true } : { present: false }, format));
      for (let i = 0; i < d.pieces.length; i++) {
        const p = d.pieces[i]!;
        if (p.kind === 'header' || !p.hasNode) continue;
        const cached = p.findings.has(ck);
        for (const f of findingsOf(p, ctx, ck, fvValue, d.split.pieces[i]!.start)) findings.push(f);
        if (!cached) yield;
      }
    }
    let model: DeclarativeModel | undefined;
    return {
      format,
      findings,
      errors,
      get model() {
        if (!model) for (const d of docs) d.pieces.forEach(revive);
        return (model ??= buildModel(format, docs, errors));
      },
      data: () => {
        for (const d of docs) d.pieces.forEach(revive);
        return docs.map((d) => docData(d));
      },
    };
  }
}

/**
 * Move findings just made for a piece (nothing else holds them yet) to absolute offsets,
 * in place: no copies. Spans may be shared with the piece's model, so they are replaced,
 * not changed; edits are the findings' own, and each is moved once even when fixes share it.
 */
function shiftFresh(fs: Finding[], d: number): void {
  let seen: Set<object> | undefined;
  for (const f of fs) {
    f.span = { start: f.span.start + d, end: f.span.end + d };
    if (!f.fixes || shiftPendingFixes(f.fixes, d)) continue;
    for (const x of f.fixes) {
      for (const e of x.edits) {
        if ((seen ??= new Set()).has(e)) continue;
        seen.add(e);
        e.start += d;
        e.end += d;
      }
    }
  }
}

function shiftFinding(f: Finding, d: number): Finding {
  const g: Finding = { ...f, span: { start: f.span.start + d, end: f.span.end + d } };
  if (f.fixes) g.fixes = copyPendingFixes(f.fixes, d) ?? f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ start: e.start + d, end: e.end + d, newText: e.newText })) }));
  return g;
}

function buildModel(format: 'yaml' | 'json', docs: DocState[], errors: ParseError[]): DeclarativeModel {
  const out: DeclarativeModel = { format, documents: [], plugins: [], routePaths: [], errors };
  for (const d of docs) {
    const doc: DeclarativeDocument = { start: d.split.start, end: d.split.end, plugins: [], routePaths: [], entities: [] };
    const counters = new Map<string, number>();
    d.pieces.forEach((p, i) => {
      const base = d.split.pieces[i]!.start;
      const memo = new Map<DNode, DNode>();
      let prefix = '';
      if (p.kind === 'item') {
        const n = counters.get(p.key) ?? 0;
        counters.set(p.key, n + 1);
        prefix = `${p.key}[${n}]`;
      }
      const where = (w: string) => (w.startsWith(ITEM_MARK) ? prefix + w.slice(1) : w);
      if (p.local.formatVersion && !doc.formatVersion) {
        const f = p.local.formatVersion;
        doc.formatVersion = { value: f.value, span: { start: f.span.start + base, end: f.span.end + base }, node: shiftNode(f.node, base, memo) };
      }
      for (const pl of p.local.plugins) doc.plugins.push(shiftPlugin(pl, base, memo, where(pl.where)));
      for (const rp of p.local.routePaths) doc.routePaths.push(shiftPath(rp, base, memo, where(rp.where)));
      for (const e of p.local.entities ?? []) doc.entities!.push({ kind: e.kind, where: where(e.where), node: shiftNode(e.node, base, memo) as typeof e.node });
    });
    out.documents.push(doc);
    pushAll(out.plugins, doc.plugins);
    pushAll(out.routePaths, doc.routePaths);
    if (!out.formatVersion && doc.formatVersion) out.formatVersion = doc.formatVersion;
  }
  return out;
}

function shiftPlugin(p: PluginInstance, d: number, memo: Map<DNode, DNode>, where: string): PluginInstance {
  const node = shiftNode(p.node, d, memo);
  const config = p.config ? shiftNode(p.config, d, memo) : undefined;
  const out: PluginInstance = {
    ...p,
    where,
    nameSpan: { start: p.nameSpan.start + d, end: p.nameSpan.end + d },
    node,
    fields: p.fields.map((f) => {
      const parent = shiftNode(f.parent, d, memo);
      const idx = f.parent.pairs.indexOf(f.pair);
      return new Field(f.path, parent.pairs[idx] ?? f.pair, parent);
    }),
  };
  if (config) out.config = config;
  if (p.configNodeSpan) out.configNodeSpan = { start: p.configNodeSpan.start + d, end: p.configNodeSpan.end + d };
  return out;
}

function shiftPath(r: RoutePath, d: number, memo: Map<DNode, DNode>, where: string): RoutePath {
  return { ...r, where, span: { start: r.span.start + d, end: r.span.end + d }, node: shiftNode(r.node, d, memo) };
}

function docData(d: DocState): unknown {
  const o: Record<string, unknown> = {};
  let any = false;
  let root: unknown = undefined;
  d.pieces.forEach((p) => {
    if (p.kind === 'header') {
      o[p.key] = [];
      any = true;
    } else if (p.kind === 'item') {
      const arr = (o[p.key] ??= []) as unknown[];
      arr.push(toJS(p.node));
      any = true;
    } else if (p.node) {
      if (p.node.kind === 'map') {
        for (const pr of p.node.pairs) o[pr.key] = toJS(pr.value);
        any = true;
      } else root = toJS(p.node);
    }
  });
  return any ? o : (root ?? null);
}

/** Parse and check a whole text without any cache (what the session must always agree with). */
export function checkDeclarativeFull(text: string, ctx: DeclarativeContext | null, opts: UpdateOptions = {}): DeclarativeResult {
  return new DeclarativeSession(ctx).update(text, opts);
}

/** Parse only: the model of a declarative text. */
export function parseDeclarative(text: string, opts: UpdateOptions = {}): DeclarativeModel {
  return new DeclarativeSession(null).update(text, opts).model;
}
