/**
 * Fixes built on first read. A large declarative file has tens of thousands of findings
 * whose edits nobody looks at unless a code action, fix-all or a full diagnostics payload
 * asks; building them while checking costs about as much as the rules themselves.
 *
 * A check pass that plans (decides each finding's message and whether it has a fix) gives
 * such findings an own, enumerable `fixes` accessor. The first read builds the fixes of the
 * whole batch (one check of one piece) by running that check again with edits built, and
 * turns the accessor into a plain data property: reads after it are plain reads, and the
 * value is what an eager check would have put there (moved by the batch's shift).
 */
import type { Finding, Fix } from '../model';

/** Fixes of one batch by finding key, in the batch's own coordinates. */
export class FixBatch {
  private byKey: Map<number, Fix[]> | undefined;
  private make: (() => Map<number, Fix[]>) | undefined;
  /** Shifted copies for the last delta asked (findings sharing a fix keep sharing it). */
  private shifted: { delta: number; copies: Map<Fix, Fix> } | undefined;

  constructor(make: () => Map<number, Fix[]>) {
    this.make = make;
  }

  fixes(key: number, delta: number): Fix[] {
    if (!this.byKey) {
      this.byKey = this.make!();
      this.make = undefined;
    }
    const fx = this.byKey.get(key) ?? [];
    if (delta === 0) return fx;
    if (!this.shifted || this.shifted.delta !== delta) this.shifted = { delta, copies: new Map() };
    const copies = this.shifted.copies;
    return fx.map((x) => {
      let c = copies.get(x);
      if (!c) copies.set(x, (c = { ...x, edits: x.edits.map((e) => ({ start: e.start + delta, end: e.end + delta, newText: e.newText })) }));
      return c;
    });
  }
}

interface LazyRecord {
  batch: FixBatch;
  key: number;
  /** Added to every edit offset (the batch was checked at other offsets). */
  delta: number;
  /** The accessor is still in place (nothing read or wrote `fixes` yet). */
  pending: boolean;
}

const LAZY = Symbol('lazyFixes');
type WithLazy = Finding & { [LAZY]?: LazyRecord };

function settle(f: Finding, value: Fix[] | undefined): void {
  Object.defineProperty(f, 'fixes', { value, writable: true, enumerable: true, configurable: true });
}

function lazyGet(this: WithLazy): Fix[] {
  const r = this[LAZY]!;
  const v = r.batch.fixes(r.key, r.delta);
  r.pending = false;
  settle(this, v);
  return v;
}

function lazySet(this: WithLazy, v: Fix[] | undefined): void {
  this[LAZY]!.pending = false;
  settle(this, v);
}

const ACCESSOR: PropertyDescriptor = { get: lazyGet, set: lazySet, enumerable: true, configurable: true };

/** Give `f` fixes that `batch` builds on first read (`f` must not have `fixes` yet). */
export function defineLazyFixes(f: Finding, batch: FixBatch, key: number, delta = 0): void {
  Object.defineProperty(f, LAZY, { value: { batch, key, delta, pending: true } satisfies LazyRecord, writable: true });
  Object.defineProperty(f, 'fixes', ACCESSOR);
}

/** The finding's fixes are still to be built (reading `fixes` would build them). */
export function fixesPending(f: Finding): boolean {
  return (f as WithLazy)[LAZY]?.pending === true;
}

/** Move a finding's not yet built fixes by `d` (in place); false when they are built already. */
export function shiftPendingFixes(f: Finding, d: number): boolean {
  const r = (f as WithLazy)[LAZY];
  if (!r || !r.pending) return false;
  r.delta += d;
  return true;
}

/** A copy of a finding whose fixes are still pending, at `span`, with its fixes moved by `d`; null otherwise. */
export function copyPending(f: Finding, span: Finding['span'], d: number): Finding | null {
  const r = (f as WithLazy)[LAZY];
  if (!r || !r.pending) return null;
  const g = {} as Record<string, unknown>;
  for (const k of Object.keys(f)) if (k !== 'fixes') g[k] = (f as unknown as Record<string, unknown>)[k];
  g.span = span;
  const out = g as unknown as Finding;
  defineLazyFixes(out, r.batch, r.key, r.delta + d);
  return out;
}
