/** Plugin field values: wrong type, not an allowed value (with the nearest allowed one). */
import { nearestAllowed } from '../../suggest';
import type { FieldAt } from '../../knowledge/plugins';
import type { FieldOccurrence } from '../types';

/** Type and allowed-value problems of a value against the field facts. */
export function valueProblem(f: FieldOccurrence, r: Extract<FieldAt, { status: 'accepted' }>): { message: string; nearest?: string } | null {
  const val = f.value;
  if (val === null) return null;
  if (typeof val === 'string' && /^\{vault:\/\//.test(val)) return null;
  if (typeof val === 'string' && /\$\{[^}]*\}|\{\{[^}]*\}\}/.test(val)) return null; // templated (envsubst, Helm)
  const t = r.type;
  const kindOk = (() => {
    switch (t) {
      case 'string':
        // YAML reads unquoted 123 or true as non-strings; that is seldom what breaks a config.
        return true;
      case 'number':
        return typeof val === 'number';
      case 'integer':
        return typeof val === 'number' && Number.isInteger(val);
      case 'boolean':
        return typeof val === 'boolean';
      case 'array':
      case 'set':
        return Array.isArray(val);
      case 'record':
      case 'map':
        // An empty list is an empty Lua table to Kong, so it is a valid empty map or record
        // (Kong's own db_export wrote `custom_fields_by_lua: []` before 3.13).
        return typeof val === 'object' && (!Array.isArray(val) || val.length === 0);
      default:
        return true;
    }
  })();
  if (!kindOk) {
    const want = t === 'set' || t === 'array' ? 'a list' : t === 'record' || t === 'map' ? 'a map' : `a ${t}`;
    return { message: `config.${f.path} must be ${want}; here it is ${describe(val)}.` };
  }
  if (r.allowed && (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean')) {
    if (!r.allowed.some((a) => a === val)) {
      const strs = r.allowed.filter((a): a is string => typeof a === 'string');
      const nearest = typeof val === 'string' ? (nearestAllowed(val, strs, typeof r.default === 'string' ? r.default : null) ?? undefined) : undefined;
      return { message: `${JSON.stringify(val)} is not a value config.${f.path} accepts; allowed: ${r.allowed.map((a) => JSON.stringify(a)).join(', ')}.`, ...(nearest ? { nearest } : {}) };
    }
  }
  if (r.elementsAllowed && Array.isArray(val)) {
    const bad = val.filter((x) => (typeof x === 'string' || typeof x === 'number') && !r.elementsAllowed!.includes(x));
    if (bad.length)
      return { message: `config.${f.path} has ${bad.map((b) => JSON.stringify(b)).join(', ')}, not among the allowed values ${r.elementsAllowed.map((a) => JSON.stringify(a)).join(', ')}.` };
  }
  return null;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? 'the boolean' : 'the string'} ${JSON.stringify(v)}`;
}
