/**
 * Fixes built on first read. A large declarative file has tens of thousands of findings
 * whose edits nobody looks at unless a code action, fix-all or a full diagnostics payload
 * asks; building them while checking costs about as much as the rules themselves.
 *
 * A check pass that plans (decides each finding's message and how many fixes it has)
 * gives such a finding a `fixes` array of the right length whose elements are built on
 * first use: `fixes.length` (all the LSP needs to mark a diagnostic fixable) costs
 * nothing, while reading an element, iterating, `find`, `map` or JSON.stringify build the
 * fixes of the whole batch (one check of one piece) by running that check again with
 * edits built. The elements are then what an eager check would have put there, moved by
 * the batch's shift.
 */
import type { Fix } from '../model';

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

const LAZY = Symbol('lazyFixes');

/**
 * The fixes array handed out is a Proxy of a plain array of the right length: reading its
 * `length` answers at once; any other use (an element, a method, its keys, a write) first
 * fills the array with the built fixes, then goes to it unchanged.
 */
class Pending implements ProxyHandler<Fix[]> {
  constructor(
    private readonly batch: FixBatch,
    private readonly key: number,
    /** Added to every edit offset (the batch was checked at other offsets). */
    public delta: number,
    /** Nothing but `length` was read yet. */
    public pending = true,
  ) {}

  fill(t: Fix[]): void {
    if (!this.pending) return;
    this.pending = false;
    const fx = this.batch.fixes(this.key, this.delta);
    t.length = fx.length;
    for (let i = 0; i < fx.length; i++) t[i] = fx[i]!;
  }

  copy(n: number, d: number): Fix[] {
    return lazyFixes(this.batch, this.key, n, this.delta + d);
  }

  get(t: Fix[], p: string | symbol, r: unknown): unknown {
    if (p === LAZY) return this;
    if (p !== 'length') this.fill(t);
    return Reflect.get(t, p, r);
  }
  set(t: Fix[], p: string | symbol, v: unknown, r: unknown): boolean {
    this.fill(t);
    return Reflect.set(t, p, v, r);
  }
  has(t: Fix[], p: string | symbol): boolean {
    this.fill(t);
    return Reflect.has(t, p);
  }
  ownKeys(t: Fix[]): ArrayLike<string | symbol> {
    this.fill(t);
    return Reflect.ownKeys(t);
  }
  getOwnPropertyDescriptor(t: Fix[], p: string | symbol): PropertyDescriptor | undefined {
    this.fill(t);
    return Reflect.getOwnPropertyDescriptor(t, p);
  }
  defineProperty(t: Fix[], p: string | symbol, d: PropertyDescriptor): boolean {
    this.fill(t);
    return Reflect.defineProperty(t, p, d);
  }
  deleteProperty(t: Fix[], p: string | symbol): boolean {
    this.fill(t);
    return Reflect.deleteProperty(t, p);
  }
}

function pendingOf(fixes: Fix[] | undefined): Pending | undefined {
  const h = (fixes as (Fix[] & { [LAZY]?: Pending }) | undefined)?.[LAZY];
  return h instanceof Pending ? h : undefined;
}

/** `n` fixes of the finding `key` of `batch`, built on first use of anything but `length`. */
export function lazyFixes(batch: FixBatch, key: number, n: number, delta = 0): Fix[] {
  return new Proxy(new Array<Fix>(n), new Pending(batch, key, delta));
}

/** The fixes are still to be built (using them would build them). */
export function fixesPending(fixes: Fix[] | undefined): boolean {
  return pendingOf(fixes)?.pending === true;
}

/** Move not yet built fixes by `d` (in place); false when they are built (or not lazy). */
export function shiftPendingFixes(fixes: Fix[], d: number): boolean {
  const h = pendingOf(fixes);
  if (!h || !h.pending) return false;
  h.delta += d;
  return true;
}

/** Not yet built fixes moved by `d`, still not built; null when they are built (or not lazy). */
export function copyPendingFixes(fixes: Fix[], d: number): Fix[] | null {
  const h = pendingOf(fixes);
  if (!h || !h.pending) return null;
  return h.copy(fixes.length, d);
}
