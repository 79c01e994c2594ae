/** Command-line arguments, read by node:util parseArgs (strict: known options only), with our own messages. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** Parse `argv` against `options`; any problem is a UsageError naming the option. */
export function parseCommandArgs(argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { positionals: r.positionals, values: r.values as ParsedArgs['values'] };
  } catch (e) {
    const err = e as Error & { code?: string };
    const name = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${name} (try --help)`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/does not take an argument/.test(err.message)) throw new UsageError(`${name} takes no value`);
      throw new UsageError(`${name} needs a value`);
    }
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument`);
    throw new UsageError(err.message.split('\n')[0]!);
  }
}

/** A string option's value, or undefined. */
export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values, each split on commas, empty ones dropped. */
export function list(args: ParsedArgs, ...names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const v = args.values[n];
    const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    for (const i of items) for (const s of i.split(',')) if (s.trim()) out.push(s.trim());
  }
  return out;
}

export function oneOf<T extends string>(name: string, value: string | boolean | string[] | undefined, allowed: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}
