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

/**
 * A kong.conf line as a setting. A class, not an object of closures: a file can hold
 * hundreds of thousands of lines, and each setting then costs only its fields.
 */
class ConfSetting implements Setting {
  readonly property: string;
  readonly keyText: string;
  readonly keySpan: Span;
  readonly value: string;
  readonly valueSpan: Span;
  readonly templated: boolean;
  readonly entryEnd: number;
  overriddenBy?: Setting;
  constructor(private readonly e: ConfParseResult['entries'][number]) {
    this.property = e.name;
    this.keyText = e.name;
    this.keySpan = e.nameSpan;
    this.value = e.value;
    this.valueSpan = e.valueSpan;
    this.templated = e.templated === true || isTemplated(e.value);
    this.entryEnd = e.lineSpan.end;
  }
  spellKey(p: string): string {
    return p;
  }
  spellValue(v: string): string {
    return v.replace(/#/g, '\\#');
  }
  commentOut(note?: string): TextEdit[] {
    return [commentOutLine(this.e.lineSpan, note)];
  }
}

/** Settings of a parsed kong.conf. */
export function settingsFromConf(parsed: ConfParseResult): Setting[] {
  const map = new Map<object, Setting>();
  const out = parsed.entries.map((e) => {
    const s = new ConfSetting(e);
    map.set(e, s);
    return s;
  });
  parsed.entries.forEach((e, i) => {
    if (e.overriddenBy) out[i]!.overriddenBy = map.get(e.overriddenBy);
  });
  return out;
}
