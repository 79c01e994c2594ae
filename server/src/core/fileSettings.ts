/** The settings (kong.conf lines or KONG_* variables) of a file, whatever kind it is. */
import type { FileKind } from './model';
import { parseConf } from './conf/parser';
import { settingsFromConf, type Setting } from './conf/settings';
import { settingsFor as envSettingsFor, type EnvKind } from './env';

const ENV_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['env', 'docker-compose', 'kubernetes', 'helm-values']);

/** Settings (kong.conf lines or KONG_* variables) of a file, for kinds that have them. */
export function settingsOf(kind: FileKind, text: string): { settings: Setting[]; errors: Array<{ message: string; span: { start: number; end: number } }> } {
  if (kind === 'kong-conf') {
    const parsed = parseConf(text);
    return { settings: settingsFromConf(parsed), errors: parsed.errors };
  }
  if (ENV_KINDS.has(kind)) return envSettingsFor(kind as EnvKind, text);
  return { settings: [], errors: [] };
}
