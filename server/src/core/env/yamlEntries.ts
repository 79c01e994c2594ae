/**
 * Builders that turn YAML entries into Settings: a `NAME: value` pair of a map
 * (docker-compose `environment:` map, ConfigMap `data:`, Helm `env:`), a `- NAME=value`
 * item (docker-compose list form) and a `- name: NAME / value: v` item (Kubernetes).
 * Each source passes its value semantics: how the consumer reads a scalar, which
 * escaping it applies before YAML quoting, and how it spells names.
 */
import { isCollection, isMap, isPair, isScalar, visit, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Setting } from '../conf/settings';
import { isTemplated } from '../conf/parser';
import type { Span } from '../model';
import type { EnvParseError } from './types';
import { commentOutBlock, deref, goFloatString, lineEndOf, resolveYaml11, scalarText, seqDashBefore, spellYamlScalar, type BlockEntry, type ScalarText, type YamlDoc } from './yamlSupport';

/** How one consumer (docker-compose, Kubernetes, Helm) reads a scalar written as a value. */
export interface ValueSemantics {
  /** The value the consumer hands to Kong, whether a tool fills it in later, and any problem. */
  read(sc: ScalarText): { value: string; templated: boolean; error?: string };
  /** Escaping the consumer needs before the YAML quoting (e.g. `$` -> `$$`). */
  escape(v: string): string;
  spellKey(property: string): string;
}

const NON_STRING = 'is read as a {type}, not a string: quote it';

function nonStringKind(plain: string): string | null {
  const r = resolveYaml11(plain);
  if (typeof r === 'string' || r === null || r === undefined) return null;
  return typeof r === 'boolean' ? 'boolean' : typeof r === 'number' ? 'number' : 'non-string value';
}

/** docker-compose: `$VAR`/`${VAR}` are interpolated, `$$` is a literal `$`; an empty value comes from the shell. */
export const composeSemantics: ValueSemantics = {
  read(sc) {
    if (sc.style === 'empty' || (sc.style === 'plain' && /^(~|null|Null|NULL)$/.test(sc.text))) return { value: '', templated: true };
    const withoutEscapes = sc.text.replace(/\$\$/g, '');
    return { value: sc.text.replace(/\$\$/g, '$'), templated: isTemplated(withoutEscapes) };
  },
  escape: (v) => v.replace(/\$/g, '$$$$'),
  spellKey: (p) => `KONG_${p.toUpperCase()}`,
};

/** Kubernetes container env: `$(VAR)` refers to another variable, `$$` is a literal `$`; values must be strings. */
export const kubernetesSemantics: ValueSemantics = {
  read(sc) {
    const withoutEscapes = sc.text.replace(/\$\$/g, '');
    const templated = isTemplated(withoutEscapes) || /\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(withoutEscapes);
    const kind = sc.style === 'plain' ? nonStringKind(sc.text) : null;
    return {
      value: sc.text.replace(/\$\$/g, '$'),
      templated,
      ...(kind ? { error: `Kubernetes rejects this value: it ${NON_STRING.replace('{type}', kind)}` } : {}),
    };
  },
  escape: (v) => v.replace(/\$(?=[($])/g, '$$$$'),
  spellKey: (p) => `KONG_${p.toUpperCase()}`,
};

/** ConfigMap `data:` (used with envFrom): literal strings. */
export const configMapSemantics: ValueSemantics = {
  read(sc) {
    const kind = sc.style === 'plain' ? nonStringKind(sc.text) : null;
    return {
      value: sc.text,
      templated: isTemplated(sc.text),
      ...(kind ? { error: `Kubernetes rejects this ConfigMap value: it ${NON_STRING.replace('{type}', kind)}` } : {}),
    };
  },
  escape: (v) => v,
  spellKey: (p) => `KONG_${p.toUpperCase()}`,
};

/**
 * Helm values of Kong's chart: keys are property names; Helm reads YAML 1.1, so a plain
 * `off` becomes the boolean false and reaches Kong as "false", and numbers are float64.
 */
export const helmSemantics: ValueSemantics = {
  read(sc) {
    if (sc.style === 'empty') return { value: '', templated: false };
    if (sc.style !== 'plain') return { value: sc.text, templated: isTemplated(sc.text) };
    const r = resolveYaml11(sc.text);
    let value = sc.text;
    if (typeof r === 'boolean') value = r ? 'true' : 'false';
    else if (typeof r === 'number') value = goFloatString(r);
    else if (r === null) value = '';
    return { value, templated: isTemplated(sc.text) };
  },
  escape: (v) => v,
  spellKey: (p) => p,
};

/** For each collection, where its parent key ends (for writing an emptied collection as `{}`/`[]`). */
export function parentKeyIndex(doc: YamlDoc): Map<Node, number> {
  const out = new Map<Node, number>();
  visit(doc, {
    Pair(_k, pair) {
      const key = pair.key as Node | null;
      if (isCollection(pair.value) && key && key.range) out.set(pair.value as Node, key.range[1]);
    },
  });
  return out;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function blockEntry(text: string, start: number, end: number, parent: YAMLMap | YAMLSeq, parents: Map<Node, number>): BlockEntry | null {
  if (parent.flow) return null;
  const entry: BlockEntry = { start, end: trimEnd(text, start, end) };
  const pk = parents.get(parent);
  if (parent.items.length === 1 && pk !== undefined) entry.lastOfParent = { parentKeyEnd: pk, empty: isMap(parent) ? '{}' : '[]' };
  return entry;
}

/** The Setting for one YAML entry from [start, end), disabled by commenting out `entry`. */
function yamlSetting(
  text: string,
  start: number,
  end: number,
  entry: BlockEntry | null,
  fields: Pick<Setting, 'property' | 'keyText' | 'keySpan' | 'value' | 'valueSpan' | 'spellKey' | 'spellValue' | 'templated'>,
): Setting {
  return {
    ...fields,
    commentOut: (note) => (entry ? commentOutBlock(text, entry, note) : null),
    entryEnd: lineEndOf(text, Math.max(start, trimEnd(text, start, end) - 1)),
  };
}

function entryValueOf(
  node: Node | null,
  sem: ValueSemantics,
  text: string,
  fallbackAt: number,
  errors: EnvParseError[],
  flow: boolean,
): { value: string; valueSpan: Span; templated: boolean; spell: (v: string) => string; end: number } {
  if (node && isScalar(node)) {
    const sc = scalarText(node as Scalar, text);
    if (sc) {
      const r = sem.read(sc);
      if (r.error) errors.push({ message: r.error, span: sc.span });
      const beforeSpan = text[sc.span.start - 1] ?? '';
      return {
        value: r.value,
        valueSpan: sc.span,
        templated: r.templated,
        spell: (v) => spellYamlScalar(sc.style, sem.escape(v), { beforeSpan, flow }),
        end: node.range ? node.range[1] : sc.span.end,
      };
    }
  }
  // A map (valueFrom, secretKeyRef...), an alias or nothing: the value is not in this file.
  const end = node?.range ? node.range[1] : fallbackAt;
  return { value: '', valueSpan: { start: fallbackAt, end: fallbackAt }, templated: true, spell: (v) => v, end };
}

/** A `NAME: value` pair of a block map. `propertyOf` returns null for names that are not settings. */
export function settingFromPair(
  pair: Pair,
  parent: YAMLMap,
  doc: YamlDoc,
  text: string,
  sem: ValueSemantics,
  propertyOf: (name: string) => string | null,
  parents: Map<Node, number>,
  errors: EnvParseError[],
): Setting | null {
  if (!isPair(pair) || !isScalar(pair.key)) return null;
  const key = scalarText(pair.key as Scalar, text);
  if (!key || key.style === 'block' || key.style === 'empty') return null;
  const property = propertyOf(key.text);
  if (!property) return null;
  const keyNode = pair.key as Scalar;
  const start = keyNode.range![0];
  const rawValue = pair.value as Node | null;
  const resolved = deref(rawValue, doc);
  // Values that are aliases live elsewhere: treat them as filled in by the file itself.
  const v = entryValueOf(rawValue && resolved === rawValue ? resolved : null, sem, text, key.span.end, errors, !!parent.flow);
  if (rawValue && resolved !== rawValue) v.end = rawValue.range ? rawValue.range[1] : v.end;
  const end = Math.max(v.end, keyNode.range![1]);
  const entry = blockEntry(text, start, end, parent, parents);
  return yamlSetting(text, start, end, entry, {
    property,
    keyText: key.text,
    keySpan: key.span,
    value: v.value,
    valueSpan: v.valueSpan,
    spellKey: sem.spellKey,
    spellValue: v.spell,
    templated: v.templated,
  });
}

/** A `- NAME=value` item of a block or flow sequence (docker-compose list form). */
export function settingFromAssignmentItem(
  item: Node,
  parent: YAMLSeq,
  text: string,
  sem: ValueSemantics,
  propertyOf: (name: string) => string | null,
  parents: Map<Node, number>,
  errors: EnvParseError[],
): Setting | null {
  if (!isScalar(item)) return null;
  const sc = scalarText(item as Scalar, text);
  if (!sc || sc.style === 'block' || sc.style === 'empty') return null;
  const eq = sc.text.indexOf('=');
  const name = eq < 0 ? sc.text.trim() : sc.text.slice(0, eq);
  const property = propertyOf(name);
  if (!property) return null;
  const keySpan = { start: sc.span.start, end: sc.span.start + name.length };
  if (text.slice(keySpan.start, keySpan.end) !== name) return null; // escapes inside the name: no exact span
  let value = '';
  let valueSpan: Span = { start: keySpan.end, end: keySpan.end };
  let templated = true; // NAME alone: the value comes from the shell
  if (eq >= 0) {
    const rawValue = sc.style === 'plain' ? sc.text.slice(eq + 1) : String((item as Scalar).value).slice(eq + 1);
    valueSpan = { start: keySpan.end + 1, end: sc.span.end };
    const r = sem.read({ style: sc.style, text: rawValue, span: valueSpan });
    if (r.error) errors.push({ message: r.error, span: valueSpan });
    value = r.value;
    templated = r.templated;
  }
  const start0 = item.range![0];
  const dash = parent.flow ? null : seqDashBefore(text, start0);
  const end = item.range![1];
  const entry = dash === null ? null : blockEntry(text, dash, end, parent, parents);
  const style = sc.style;
  return yamlSetting(text, start0, end, entry, {
    property,
    keyText: name,
    keySpan,
    value,
    valueSpan,
    spellKey: sem.spellKey,
    // Inside a plain item only the tail after `=` is replaced, so it cannot gain quotes.
    spellValue: (v) => (eq < 0 ? '=' : '') + (style === 'plain' ? sem.escape(v) : spellYamlScalar(style, sem.escape(v))),
    templated,
  });
}

/** A `- name: NAME` / `value: v` (or `valueFrom:`) item of a Kubernetes container's env. */
export function settingFromNameValueItem(
  item: Node,
  parent: YAMLSeq,
  doc: YamlDoc,
  text: string,
  sem: ValueSemantics,
  propertyOf: (name: string) => string | null,
  parents: Map<Node, number>,
  errors: EnvParseError[],
): Setting | null {
  const map = deref(item, doc);
  if (!isMap(map) || map !== item) return null;
  let namePair: Pair | null = null;
  let valuePair: Pair | null = null;
  for (const p of map.items as Pair[]) {
    const k = isScalar(p.key) ? String((p.key as Scalar).value) : null;
    if (k === 'name') namePair = p;
    else if (k === 'value') valuePair = p;
  }
  if (!namePair || !isScalar(namePair.value)) return null;
  const key = scalarText(namePair.value as Scalar, text);
  if (!key || key.style === 'block' || key.style === 'empty') return null;
  const property = propertyOf(key.text);
  if (!property) return null;
  const valueNode = valuePair ? (valuePair.value as Node | null) : null;
  const flow = !!map.flow || !!parent.flow;
  let v: ReturnType<typeof entryValueOf>;
  if (valuePair && (valueNode === null || (isScalar(valueNode) && (valueNode as Scalar).value === null && scalarText(valueNode as Scalar, text)?.style === 'empty'))) {
    // `value:` with nothing after it is the empty string.
    const at = valueNode?.range ? valueNode.range[0] : (valuePair.key as Node).range![1] + 1;
    v = { value: '', valueSpan: { start: at, end: at }, templated: false, spell: (x) => spellYamlScalar('empty', sem.escape(x), { beforeSpan: text[at - 1] ?? '', flow }), end: at };
  } else if (valuePair) {
    v = entryValueOf(valueNode, sem, text, key.span.end, errors, flow);
  } else {
    v = entryValueOf(null, sem, text, key.span.end, errors, flow); // valueFrom or no value: not in this file
  }
  const start0 = map.range![0];
  const dash = parent.flow ? null : seqDashBefore(text, start0);
  const end = map.range![1];
  const entry = dash === null ? null : blockEntry(text, dash, end, parent, parents);
  return yamlSetting(text, start0, end, entry, {
    property,
    keyText: key.text,
    keySpan: key.span,
    value: v.value,
    valueSpan: v.valueSpan,
    spellKey: sem.spellKey,
    spellValue: v.spell,
    templated: v.templated,
  });
}
