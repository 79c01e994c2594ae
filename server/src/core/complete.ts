/** Completion for kong.conf and env files: property names valid in the target, then values. */
import type { CompletionEntry, FileKind } from './model';
import type { CheckEnv } from './context';
import { propertyAt, namesAt } from './knowledge/conf';
import { propertyToEnvName } from './conf/parser';
import { completeDeclarative } from './declarative/complete';
import { completeEnvYaml } from './env/complete';
import { completeKongResource } from './k8s/complete';

export type { CompletionEntry } from './model';

/** Completion at an offset; never throws, and every edit lies inside the text with start <= end. */
export function completeAt(kind: FileKind, text: string, offset: number, env: CheckEnv): CompletionEntry[] {
  let out: CompletionEntry[];
  try {
    out = completeAtUnsafe(kind, text, offset, env);
  } catch {
    return [];
  }
  return out.filter((c) => !c.edit || (0 <= c.edit.start && c.edit.start <= c.edit.end && c.edit.end <= text.length));
}

/** Completion without the safety net (for tests: its edits must already be well-formed). */
export function completeAtUnsafe(kind: FileKind, text: string, offset: number, env: CheckEnv): CompletionEntry[] {
  if (kind === 'declarative') return completeDeclarative(text, offset, env);
  if (kind === 'kubernetes') {
    const k = completeKongResource(text, offset, env);
    if (k) return k;
  }
  if (kind === 'docker-compose' || kind === 'kubernetes' || kind === 'helm-values') return completeEnvYaml(kind, text, offset, env);
  if (kind !== 'kong-conf' && kind !== 'env') return [];
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  const before = text.slice(ls, offset);
  if (/#/.test(before.replace(/\\#/g, ''))) return []; // inside a comment
  const kb = env.knowledge.conf;
  const T = env.target.version;
  const eq = before.indexOf('=');
  const spell = (p: string) => (kind === 'env' ? propertyToEnvName(p) : p);
  if (eq < 0) {
    const m = /[A-Za-z0-9_]*$/.exec(before)!;
    const start = offset - m[0].length;
    let end = offset;
    while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
    const out: CompletionEntry[] = [];
    for (const name of namesAt(kb, T, env.target.edition)) {
      const at = propertyAt(kb, name, T, env.target.edition);
      const rec = kb.properties[name];
      const dep = at.status === 'deprecated';
      out.push({
        label: spell(name),
        kind: 'property',
        detail: dep ? `deprecated${at.replacement ? ` → ${at.replacement}` : ''}` : at.state?.default && at.state.default !== 'NONE' ? `default ${at.state.default}` : undefined,
        documentation: rec?.description,
        deprecated: dep,
        sortText: `${dep ? '1' : '0'}${name}`,
        edit: { start, end, newText: spell(name) },
      });
    }
    return out;
  }
  const key = before.slice(0, eq).trim();
  const property =
    kind === 'env'
      ? key
          .replace(/^export\s+/, '')
          .replace(/^KONG_/, '')
          .toLowerCase()
      : key;
  const at = propertyAt(kb, property, T, env.target.edition);
  const st = at.state;
  if (!st) return [];
  const valueStart = ls + eq + 1;
  let vs = valueStart;
  while (vs < offset && (text[vs] === ' ' || text[vs] === '\t')) vs++;
  const values = st.type === 'boolean' || st.type === 'ngx_boolean' ? ['on', 'off'] : st.type === 'enum' || st.type === 'array' ? (st.allowed ?? []) : [];
  const deprecatedValues = new Set((st.deprecatedValues ?? []).map((d) => d.value));
  // For lists, complete the current element only.
  let start = vs;
  if (st.type === 'array') {
    const lastComma = text.lastIndexOf(',', offset - 1);
    if (lastComma >= vs) {
      start = lastComma + 1;
      while (start < offset && text[start] === ' ') start++;
    }
  }
  return values.map((v, i) => ({
    label: v,
    kind: 'value' as const,
    detail: st.default === v ? 'default' : deprecatedValues.has(v) ? 'deprecated' : undefined,
    deprecated: deprecatedValues.has(v),
    sortText: String(i).padStart(3, '0'),
    edit: { start, end: offset, newText: v },
  }));
}
