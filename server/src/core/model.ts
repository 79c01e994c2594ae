/**
 * The core's vocabulary. Everything in the core speaks in UTF-16 offsets into the
 * document text (the same unit JavaScript strings and LSP use); line/character
 * positions exist only at the edges (see `text.ts` and `server/src/lsp/convert.ts`).
 */

/** Half-open range [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable rule ids: they are the `diagnostic.code`, the CLI's `code`, the SARIF ruleId. */
export type RuleId =
  | 'unknown-property'
  | 'deprecated-property'
  | 'removed-property'
  | 'invalid-value'
  | 'deprecated-value'
  | 'new-in-target'
  | 'duplicate-property'
  | 'syntax'
  | 'deprecated-plugin-field'
  | 'removed-plugin-field'
  | 'unknown-plugin-field'
  | 'invalid-plugin-value'
  | 'removed-plugin'
  | 'unknown-plugin'
  | 'format-version'
  | 'regex-path-prefix'
  | 'declarative-format'
  | 'config-not-checked'
  | 'missing-kong-plugin'
  | 'plugin-scope'
  | 'file-too-large'
  | 'entity-default-change'
  | 'entity-change'
  | 'entity-value-refused'
  | 'ineffective-plugin-field'
  /** The check stopped short on this file (a limit of the checker, or its own failure): not the file's fault. */
  | 'check-incomplete';

/** A minimal text edit: replace [start, end) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Shown in the editor's quick-fix menu. */
  title: string;
  edits: TextEdit[];
  /** True when this fix is safe to apply unattended (fix-all, `--fix`). */
  preferred: boolean;
  /**
   * Keeps today's behaviour by writing an old default explicitly (declarative entities):
   * never preferred, applied together by the whole-file source action `source.pinEntityDefaults.kong`.
   */
  pin?: boolean;
  /**
   * What a pin writes, for its proof (core/prove.ts): the fields (dotted, relative to the
   * entity or plugin the finding is on) it adds, each set to `value`. Nothing else may change.
   */
  pinned?: { fields: string[]; value: unknown };
}

export interface Finding {
  code: RuleId;
  severity: Severity;
  message: string;
  span: Span;
  /** kong.conf property (or property behind a KONG_* variable) the finding is about. */
  property?: string;
  /** Plugin name and dotted field path under `config`, for declarative findings. */
  plugin?: string;
  field?: string;
  /** Suggested replacement name / dotted path; null when there is none. */
  replacement?: string | null;
  /** Editor hints. */
  tags?: Array<'deprecated' | 'unnecessary'>;
  /**
   * Zero or more fixes; the first preferred one is what fix-all applies. May be computed on
   * first read (an own enumerable getter that then becomes a plain property): present only
   * when there is at least one fix, and read like any other property.
   */
  fixes?: Fix[];
  /** Link to Kong's documentation for the long text. */
  docsUrl?: string;
}

export type FileKind = 'kong-conf' | 'env' | 'docker-compose' | 'kubernetes' | 'helm-values' | 'declarative' | 'unknown';

export interface CheckResult {
  kind: FileKind;
  findings: Finding[];
  /** The checker itself failed on this file (reported as `check-incomplete`); for the edge's log. */
  internalError?: { message: string; stack?: string };
}

/** One completion proposal at a position (kong.conf, KONG_* variables, declarative files). */
export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  detail?: string;
  documentation?: string;
  deprecated?: boolean;
  sortText?: string;
  edit?: TextEdit;
}

/** The Kong version a file's container image names, offered as the current version (core/imageOffer.ts). */
export interface ImageVersionOffer {
  /** The version the image tag names ("3.4", "3.10.0.5"). */
  version: string;
  /** The image's edition (kong/kong-gateway = Enterprise). */
  edition: 'oss' | 'enterprise';
  /** File name the image is in, and its 1-based line. */
  file: string;
  line: number;
  /** e.g. "Use Kong 3.4 from deployment.yaml as current version". */
  title: string;
  /** Where it was found, in one sentence. */
  message: string;
}
