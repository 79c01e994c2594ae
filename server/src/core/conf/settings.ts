import type { Span, TextEdit } from '../model';
import { commentOutLine, isTemplated, type ConfParseResult } from './parser';

/**
 * One place where a kong.conf property is set: a kong.conf line, a KONG_* variable in
 * a .env / docker-compose / Kubernetes file, or a key of a Helm chart's `env:` map.
 * The kong.conf rules run over settings, so every source gets the same checks and
 * fixes; each source says how it spells names and values and how to disable an entry.
 */
export interface Setting {
  /** Property name as kong.conf spells it (lower case). */
  property: string;
  /** The name as written in the file (`pg_host`, `KONG_PG_HOST`, `pg_host` in Helm). */
  keyText: string;
  keySpan: Span;
  /** The value as Kong reads it (unquoted, unescaped). */
  value: string;
  /** Span of the value's text inside any quotes. */
  valueSpan: Span;
  /** How this source writes another property's name (for renames). */
  spellKey(property: string): string;
  /** How this source writes a value inside `valueSpan` (escaping as needed). */
  spellValue(value: string): string;
  /** Edits that disable this entry without deleting it; null when the source cannot. */
  commentOut(note?: string): TextEdit[] | null;
  /** A later setting of the same property overrides this one. */
  overriddenBy?: Setting;
  /** Values filled in by a template engine are not checked. */
  templated: boolean;
  /** Where the entry ends, for inserting lines after it. */
  entryEnd: number;
}

/** Settings of a parsed kong.conf. */
export function settingsFromConf(parsed: ConfParseResult): Setting[] {
  const map = new Map<object, Setting>();
  const out = parsed.entries.map((e) => {
    const s: Setting = {
      property: e.name,
      keyText: e.name,
      keySpan: e.nameSpan,
      value: e.value,
      valueSpan: e.valueSpan,
      spellKey: (p) => p,
      spellValue: (v) => v.replace(/#/g, '\\#'),
      commentOut: (note) => [commentOutLine(e.lineSpan, note)],
      templated: isTemplated(e.value),
      entryEnd: e.lineSpan.end,
    };
    map.set(e, s);
    return s;
  });
  parsed.entries.forEach((e, i) => {
    if (e.overriddenBy) out[i]!.overriddenBy = map.get(e.overriddenBy);
  });
  return out;
}
