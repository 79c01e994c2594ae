/**
 * Shapes of the compiled knowledge base (server/knowledge/*.json), written by
 * `npm run kb:build` from ../shared/kong-facts and committed. The core never reads
 * files: the edges import the JSON and pass it in.
 *
 * Versions are strings: OSS 3-part ("2.8.5"), Enterprise 4-part ("3.4.3.19"), or a
 * release line ("3.10") where the facts only know the line. They are ordered by
 * numeric parts, missing parts counting as 0 (see ../version.ts), so "3.2.1" and
 * "3.2.1.0" are the same point and "3.10" == "3.10.0.0".
 */

export type Edition = 'oss' | 'enterprise';

export interface ReleaseLine {
  /** "2.8", "3.10". */
  minor: string;
  lts: boolean;
  oss: boolean;
  enterprise: boolean;
  /** Known patch versions, ascending. */
  ossPatches: string[];
  enterprisePatches: string[];
  firstReleaseDate?: string;
  /** No published first date: the earliest dated patch (the line was out by then). */
  releasedBy?: string;
  /** Last day of full support (YYYY-MM-DD). */
  eol?: string;
  /** Last day of sunset support. */
  sunsetEnd?: string;
  /** Kong has not published the dates yet: bounds derived from the support policy (never shown as dates Kong gave). */
  supportEstimate?: { eolNotBefore: string; eolNotAfter?: string; sunsetEndNotBefore?: string; sunsetEndNotAfter?: string };
  /** The line's kong.conf and plugin facts come from its release branch, before GA. */
  dataBasis?: 'release-branch';
  /** Before 1.0 (OSS 0.x, Enterprise 0.29-0.36 with their own numbering; patches like "0.34-1"). */
  legacy?: true;
  /** Legacy Enterprise line: the OSS release it was built on ("0.13.1"). */
  inheritsOss?: string;
}

export interface ReleasesKnowledge {
  schema: 1;
  asOf: string;
  /** The newest day the facts speak for (a support status is never computed for an earlier day). */
  factsDate: string;
  /** Newest released line ("3.16"). */
  newestLine: string;
  ltsLines: string[];
  /** Lines from 1.0 on, ascending. */
  lines: ReleaseLine[];
  /** Lines before 1.0 (OSS 0.x and legacy Enterprise 0.29-0.36), ascending; the facts start at 0.14.1. */
  legacyLines: ReleaseLine[];
  source: string;
}

export type ValueType = 'boolean' | 'ngx_boolean' | 'number' | 'array' | 'string' | 'enum';

/** What Kong does with a property from `from` until the next state's `from`. */
export interface PropertyState {
  from: string;
  /** The OSS loader reads the name at this version. */
  oss: boolean;
  /** Kong Gateway Enterprise reads (documents) the name at this version. */
  enterprise: boolean;
  /** Listed in kong.conf.default / the configuration reference. */
  documented?: boolean;
  type?: ValueType;
  /** Allowed values when the loader (or the reference) restricts them. For arrays: allowed elements. */
  allowed?: string[];
  /** Default as documented ("NONE"/absent = unset). */
  default?: string | null;
  deprecated?: {
    replacement?: string | null;
    /** Kong copies the old name's value into the replacement. */
    valueCopied?: boolean;
  };
  /** Values still accepted but deprecated, with their replacement value if any. */
  deprecatedValues?: Array<{ value: string; replacement?: string | null }>;
  /** Where this state's facts come from (file + key in ../shared/kong-facts). */
  source: string;
  /** Value the loader really uses when it differs from the documented default. */
  runtimeDefault?: string | null;
  /** Silent alias: Kong copies the value to this property (no warning). */
  aliasOf?: string;
  /** The loader still reads the name, but nothing uses the value any more. */
  ineffective?: boolean;
  /** Value grammar Kong (or Nginx) enforces: a size ("128m") or listen entries ("0.0.0.0:8000 ssl"). */
  grammar?: 'size' | 'listen';
  /** listen: the flags an entry may carry (names; "backlog" stands for "backlog=N"). */
  flags?: string[];
  /** Numeric limits from the loader's own checks: value >= min, > gt, <= max, whole number. */
  min?: number;
  gt?: number;
  max?: number;
  integer?: boolean;
}

export type LifeEventKind =
  | 'added'
  | 'removed'
  | 'renamed'
  | 'deprecated'
  | 'undeprecated'
  | 'default_changed'
  | 'type_changed'
  | 'enum_changed'
  | 'deprecated_value'
  | 'no_longer_accepted'
  | 'documented'
  | 'undocumented'
  | 'alias_added';

export interface LifeEvent {
  kind: LifeEventKind;
  /** First version with the change. */
  version: string;
  edition?: Edition | 'both';
  old?: string | null;
  new?: string | null;
  replacement?: string | null;
  /** Our own words; e.g. a conflict between Kong's CHANGELOG and its code. */
  note?: string;
  /** What to do, in our words, from the changelog entry that announced the change (same as the plan shows). */
  advice?: string;
  /** That changelog entry ("3.0.0.0/kong-ee[104]"). */
  adviceRef?: string;
  source: string;
}

export interface PropertyRecord {
  /** Our own short description (never Kong's sentences). */
  description?: string;
  section?: string;
  /** Only Kong Gateway Enterprise has it. */
  enterpriseOnly?: boolean;
  states: PropertyState[];
  events: LifeEvent[];
  /** The setting made Kong load plugins (Go plugins through go_plugins_dir): dropping it drops them. */
  loadsPlugins?: true;
}

export interface DynamicPrefix {
  /** e.g. "nginx_http_": any key with it is accepted. */
  prefix: string;
  from: string;
  /** First version that no longer accepts it, if any. */
  until?: string;
  /** Full names with the prefix that Kong does not pass on (ignored keys). */
  except?: string[];
  /** From `until` on, keys under this prefix are spelled with this prefix instead (a rename of every key). */
  renamedTo?: string;
  source: string;
}

export interface ConfKnowledge {
  schema: 1;
  /** Base URL of Kong's configuration reference; anchors are the property names. */
  docsUrl: string;
  prefixes: DynamicPrefix[];
  properties: Record<string, PropertyRecord>;
  source: string;
  /** What the short `source` codes of states and events stand for (code prefix -> file and key). */
  sources?: Record<string, string>;
}
