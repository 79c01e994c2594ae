/**
 * The declarative (decK / DB-less) model. Every span is an absolute UTF-16 offset into
 * the file's text, half-open, like the rest of the core.
 */
import type { Span } from '../model';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json';

/** A parsed YAML/JSON node, with its own offsets. Aliases resolve to the anchored node (same object). */
export type DNode = DScalar | DMap | DSeq;

export interface DScalar {
  kind: 'scalar';
  value: unknown;
  style: ScalarStyle;
  start: number;
  end: number;
}

export interface DPair {
  key: string;
  keyStart: number;
  keyEnd: number;
  keyStyle: ScalarStyle;
  value: DNode | null;
  /** Where the value text starts/ends (empty value: both at the key's end). */
  valueStart: number;
  valueEnd: number;
  /** True when the pair came in through a `<<` merge (written somewhere else). */
  merged?: boolean;
}

export interface DMap {
  kind: 'map';
  flow: boolean;
  pairs: DPair[];
  start: number;
  end: number;
}

export interface DSeq {
  kind: 'seq';
  flow: boolean;
  items: DNode[];
  start: number;
  end: number;
}

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'map' | 'seq';

export interface FieldOccurrence {
  /** (Read-only; spans and value may be computed on access.) Dotted path under `config`; array elements as `[]` (e.g. `redis.host`, `nodes[].ip`). */
  readonly path: string;
  /** The key as written (last segment). */
  readonly key: string;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  readonly value: unknown;
  readonly valueKind: ValueKind;
  /** The pair in its parent map and the parent map (for edits). */
  readonly pair: DPair;
  readonly parent: DMap;
}

export type PluginScope = 'global' | 'service' | 'route' | 'consumer' | 'consumer_group';

export interface PluginInstance {
  name: string;
  nameSpan: Span;
  enabled?: boolean;
  scope: PluginScope;
  /** e.g. "services[3].routes[0].plugins[1]". */
  where: string;
  /** The whole plugin entry. */
  node: DMap;
  configNodeSpan?: Span;
  config?: DMap;
  fields: FieldOccurrence[];
}

export interface RoutePath {
  value: string;
  span: Span;
  /** e.g. "services[0].routes[2].paths[1]". */
  where: string;
  node: DScalar;
}

/** An entity the entity rules look at (plugins are PluginInstance). */
export interface EntityRef {
  kind: 'route' | 'service' | 'partial' | 'event_hook' | 'upstream';
  node: DMap;
  /** e.g. "services[0].routes[2]". */
  where: string;
}

export interface ParseError {
  message: string;
  span: Span;
  /**
   * Not a mistake in the file: the input is beyond a limit of the checker (nesting, alias
   * expansion, size) or the checker failed. Shown as `check-incomplete`, not `syntax`.
   */
  incomplete?: true;
}

export interface FormatVersion {
  value: string;
  span: Span;
  node: DScalar;
}

export interface DeclarativeDocument {
  /** Text range of the document (without the `---` marker line). */
  start: number;
  end: number;
  formatVersion?: FormatVersion;
  plugins: PluginInstance[];
  routePaths: RoutePath[];
  entities?: EntityRef[];
}

export interface DeclarativeModel {
  format: 'yaml' | 'json';
  documents: DeclarativeDocument[];
  /** First document's `_format_version`, for convenience. */
  formatVersion?: FormatVersion;
  plugins: PluginInstance[];
  routePaths: RoutePath[];
  errors: ParseError[];
}
