/**
 * KONG_* variables wherever they are set: `.env` files, docker-compose files, Kubernetes
 * manifests and the values of Kong's Helm chart. Each parser turns its source into
 * `Setting`s, so the kong.conf rules check them like kong.conf lines.
 */
import { settingsFromCompose } from './compose';
import { settingsFromEnvFile } from './dotenv';
import { settingsFromHelmValues } from './helm';
import { settingsFromKubernetes } from './kubernetes';
import type { EnvKind, EnvParseResult } from './types';

export type { EnvKind, EnvParseError, EnvParseResult } from './types';
export { detectEnvKind, isComposeFileName, isEnvFileName } from './detect';
export { NON_SETTING_ENV_PREFIXES, NON_SETTING_ENV_VARS, isKongSettingVar, settingPropertyOfVar } from './names';
export { settingsFromCompose, settingsFromEnvFile, settingsFromHelmValues, settingsFromKubernetes };

/** Settings of a file of the given kind; never throws. */
export function settingsFor(kind: EnvKind, text: string): EnvParseResult {
  try {
    switch (kind) {
      case 'env':
        return settingsFromEnvFile(text);
      case 'docker-compose':
        return settingsFromCompose(text);
      case 'kubernetes':
        return settingsFromKubernetes(text);
      case 'helm-values':
        return settingsFromHelmValues(text);
    }
  } catch (e) {
    return { settings: [], errors: [{ message: `Could not read the file: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: 0 } }] };
  }
}
