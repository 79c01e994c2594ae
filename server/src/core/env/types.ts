import type { Span } from '../model';
import type { Setting } from '../conf/settings';

/** The kinds of files that set KONG_* variables (a subset of the model's FileKind). */
export type EnvKind = 'env' | 'docker-compose' | 'kubernetes' | 'helm-values';

/** Something the parser could not read, or that the tool reading the file would reject. */
export interface EnvParseError {
  message: string;
  span: Span;
  /** A limit of the checker, not a mistake in the file (shown as `check-incomplete`). */
  incomplete?: true;
}

export interface EnvParseResult {
  settings: Setting[];
  errors: EnvParseError[];
}
