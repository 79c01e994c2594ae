/**
 * Completion of KONG_* variables in YAML sources: docker-compose `environment:` (map and
 * `- NAME=value` list forms), Kubernetes container `env:` (`- name:` / `value:`) and
 * ConfigMap `data:`, and Helm values `env:` (bare property names). Names come from the
 * target's kong.conf properties; values from their type (booleans, allowed values).
 * The context comes from indentation, so it works while the line is still incomplete.
 */
import type { CompletionEntry } from '../model';
import type { CheckEnv } from '../context';
import { namesAt, propertyAt } from '../knowledge/conf';
import { childValue, yamlCursorAt, type OutlineNode, type YamlCursor } from '../yamlCursor';
import { settingPropertyOfVar } from './names';
import { scalarAtCursor } from '../yamlScalar';
import type { EnvKind } from './types';

type YamlEnvKind = Exclude<EnvKind, 'env'>;

type Spelling = 'var' | 'bare';

interface NameSlot {
  what: 'name';
  spelling: Spelling;
  /** Text that follows the inserted name ('' when something is already written after it). */
  suffix: string;
  /** Text written before the name (a list item's dash). */
  prefix?: string;
  /** Names already set in this block. */
  present: Set<string>;
}

interface ValueSlot {
  what: 'value';
  property: string;
  /** How a value is written: a YAML scalar, or raw text after `=` in a list item. */
  raw: boolean;
}

function isKey(n: OutlineNode | undefined, key: string): boolean {
  return !!n && n.kind === 'key' && n.key === key;
}

function propertyOfName(name: string, spelling: Spelling): string | null {
  return spelling === 'var' ? settingPropertyOfVar(name) : /^[A-Za-z0-9_]+$/.test(name) ? settingPropertyOfVar(`KONG_${name.toUpperCase()}`) : null;
}

function presentNames(container: OutlineNode, spelling: Spelling, listAssign: boolean, nameKey?: string): Set<string> {
  const out = new Set<string>();
  for (const c of container.children) {
    let name: string | undefined;
    if (nameKey && c.kind === 'item') name = childValue(c, nameKey);
    else if (listAssign && c.kind === 'item') name = c.children.find((x) => x.kind === 'scalar')?.value.split('=')[0];
    else if (!listAssign && !nameKey && c.kind === 'key') name = c.key;
    const p = name ? propertyOfName(name.trim(), spelling) : null;
    if (p) out.add(p);
  }
  return out;
}

/** What the cursor is about to write, per source kind, or null when it is not in a KONG_* block. */
function slotAt(kind: YamlEnvKind, cur: YamlCursor, text: string): { slot: NameSlot | ValueSlot; cur: YamlCursor } | null {
  const c = cur.container;
  const colonFollows = /^[ \t]*:/.test(cur.after);
  if (kind === 'docker-compose') {
    if (isKey(c, 'environment')) {
      // A new line in a list-form block, before its `- `: write the dash too.
      if (cur.mode === 'key' && c.children.some((x) => x.kind === 'item') && !c.children.some((x) => x.kind === 'key')) {
        return { slot: { what: 'name', spelling: 'var', prefix: '- ', suffix: /^=/.test(cur.after) ? '' : '=', present: presentNames(c, 'var', true) }, cur };
      }
      // Map form: `KONG_X: value`.
      if (cur.mode === 'key') return { slot: { what: 'name', spelling: 'var', suffix: colonFollows ? '' : ': ', present: presentNames(c, 'var', false) }, cur };
      const p = settingPropertyOfVar(cur.key!.key!);
      return p ? { slot: { what: 'value', property: p, raw: false }, cur } : null;
    }
    if (c.kind === 'item' && isKey(c.parent ?? undefined, 'environment') && cur.mode === 'key') {
      // List form: `- KONG_X=value`.
      const eq = cur.typed.indexOf('=');
      if (eq < 0) return { slot: { what: 'name', spelling: 'var', suffix: /^=/.test(cur.after) ? '' : '=', present: presentNames(c.parent!, 'var', true) }, cur };
      const p = settingPropertyOfVar(cur.typed.slice(0, eq));
      if (!p) return null;
      const start = cur.span.start + eq + 1;
      return { slot: { what: 'value', property: p, raw: true }, cur: { ...cur, typed: cur.typed.slice(eq + 1), span: { start, end: cur.span.end } } };
    }
    return null;
  }
  if (kind === 'kubernetes') {
    if (c.kind === 'item' && isKey(c.parent ?? undefined, 'env') && cur.mode === 'value') {
      if (cur.key!.key === 'name') return { slot: { what: 'name', spelling: 'var', suffix: '', present: presentNames(c.parent!, 'var', false, 'name') }, cur };
      if (cur.key!.key === 'value') {
        const p = settingPropertyOfVar(childValue(c, 'name') ?? '');
        return p ? { slot: { what: 'value', property: p, raw: false }, cur } : null;
      }
      return null;
    }
    if (isKey(c, 'data') && c.parent?.kind === 'root' && /^kind:[ \t]*(["']?)ConfigMap\1[ \t]*(#.*)?\r?$/m.test(text.slice(cur.doc.start, cur.doc.end))) {
      if (cur.mode === 'key') return { slot: { what: 'name', spelling: 'var', suffix: colonFollows ? '' : ': ', present: presentNames(c, 'var', false) }, cur };
      const p = settingPropertyOfVar(cur.key!.key!);
      return p ? { slot: { what: 'value', property: p, raw: false }, cur } : null;
    }
    return null;
  }
  // helm-values: top-level `env:` or `gateway.env:`.
  const helmEnv = isKey(c, 'env') && (c.parent?.kind === 'root' || (isKey(c.parent ?? undefined, 'gateway') && c.parent!.parent?.kind === 'root'));
  if (!helmEnv) return null;
  if (cur.mode === 'key') return { slot: { what: 'name', spelling: 'bare', suffix: colonFollows ? '' : ': ', present: presentNames(c, 'bare', false) }, cur };
  const p = propertyOfName(cur.key!.key!, 'bare');
  return p ? { slot: { what: 'value', property: p, raw: false }, cur } : null;
}

/** Completion entries for a docker-compose, Kubernetes or Helm values file. */
export function completeEnvYaml(kind: YamlEnvKind, text: string, offset: number, env: CheckEnv): CompletionEntry[] {
  const c0 = yamlCursorAt(text, offset);
  if (!c0) return [];
  const got = slotAt(kind, c0, text);
  if (!got) return [];
  const { slot, cur } = got;
  const kb = env.knowledge.conf;
  const T = env.target.version;
  const E = env.target.edition;
  if (slot.what === 'name') {
    const out: CompletionEntry[] = [];
    for (const name of namesAt(kb, T, E)) {
      if (slot.present.has(name)) continue;
      const at = propertyAt(kb, name, T, E);
      const dep = at.status === 'deprecated';
      const label = slot.spelling === 'var' ? `KONG_${name.toUpperCase()}` : name;
      const d = at.state?.default;
      const e: CompletionEntry = {
        label,
        kind: 'property',
        deprecated: dep,
        sortText: `${dep ? '1' : '0'}${name}`,
        edit: { start: cur.span.start, end: cur.span.end, newText: (slot.prefix ?? '') + label + slot.suffix },
      };
      const detail = dep ? `deprecated${at.replacement ? ` → ${at.replacement}` : ''}` : d && d !== 'NONE' ? `default ${d}` : undefined;
      if (detail) e.detail = detail;
      const doc = kb.properties[name]?.description;
      if (doc) e.documentation = doc;
      out.push(e);
    }
    return out;
  }
  const st = propertyAt(kb, slot.property, T, E).state;
  if (!st) return [];
  const values = st.type === 'boolean' || st.type === 'ngx_boolean' ? ['on', 'off'] : st.type === 'enum' ? (st.allowed ?? []) : [];
  const deprecatedValues = new Set((st.deprecatedValues ?? []).map((d) => d.value));
  return values.map((v, i) => {
    const e: CompletionEntry = {
      label: v,
      kind: 'value',
      deprecated: deprecatedValues.has(v),
      sortText: String(i).padStart(3, '0'),
      edit: { start: cur.span.start, end: cur.span.end, newText: slot.raw ? v : scalarAtCursor(v, cur.quote) },
    };
    if (st.default === v) e.detail = 'default';
    else if (deprecatedValues.has(v)) e.detail = 'deprecated';
    return e;
  });
}
