import type { PluginKnowledge } from '../../knowledge/pluginTypes';
import { convertRulesForPlugin, fieldAt, pluginAt, type FieldAt, type ResolvedConvertRule } from '../../knowledge/plugins';
import type { Edition } from '../../knowledge/types';
import { contextKey, type DeclarativeContext } from './shared';

// ---------------------------------------------------------------------------------------
// Memoised knowledge lookups (per knowledge object and context): a large file asks the
// same questions thousands of times.

export interface PluginMemo {
  conv: ResolvedConvertRule[];
  target: Map<string, FieldAt>;
  current: Map<string, FieldAt>;
  siblings: Map<string, string[]>;
  /** Deprecated/removed field messages by path, per default note (none, old default, null). */
  messages: Map<string, [string?, string?, string?]>;
}
interface CtxMemo {
  plugins: Map<string, PluginMemo>;
  pluginAt: Map<string, ReturnType<typeof pluginAt>>;
  pluginNames?: string[];
  /** Messages repeat across a large file: keep one copy of each. */
  strings: Map<string, string>;
}

export function intern(ctx: DeclarativeContext, s: string): string {
  const m = memoOf(ctx).strings;
  const got = m.get(s);
  if (got !== undefined) return got;
  if (m.size < 100000) m.set(s, s);
  return s;
}
const memos = new WeakMap<PluginKnowledge, Map<string, CtxMemo>>();

const ctxMemos = new WeakMap<DeclarativeContext, CtxMemo>();

export function memoOf(ctx: DeclarativeContext): CtxMemo {
  const direct = ctxMemos.get(ctx);
  if (direct) return direct;
  const m = memoByKey(ctx);
  ctxMemos.set(ctx, m);
  return m;
}

function memoByKey(ctx: DeclarativeContext): CtxMemo {
  let byKb = memos.get(ctx.plugins);
  if (!byKb) memos.set(ctx.plugins, (byKb = new Map()));
  const k = contextKey(ctx);
  let m = byKb.get(k);
  if (!m) {
    if (byKb.size > 16) byKb.clear();
    byKb.set(k, (m = { plugins: new Map(), pluginAt: new Map(), strings: new Map() }));
  }
  return m;
}

export function pluginMemo(ctx: DeclarativeContext, name: string): PluginMemo {
  const m = memoOf(ctx);
  let pm = m.plugins.get(name);
  if (!pm) {
    pm = {
      conv: convertRulesForPlugin(ctx.plugins, name, ctx.current.version, ctx.target.version).filter((r) => r.action === 'move' || r.action === 'delete'),
      target: new Map(),
      current: new Map(),
      siblings: new Map(),
      messages: new Map(),
    };
    m.plugins.set(name, pm);
  }
  return pm;
}

export function fieldAtMemo(ctx: DeclarativeContext, pm: PluginMemo, name: string, path: string, which: 'target' | 'current', ed: Edition): FieldAt {
  const map = pm[which];
  let r = map.get(path);
  if (!r) {
    r = fieldAt(ctx.plugins, name, path, (which === 'target' ? ctx.target : ctx.current).version, ed);
    map.set(path, r);
  }
  return r;
}
