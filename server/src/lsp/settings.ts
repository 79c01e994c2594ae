/** The `kong` settings as the client sends them, made whole and type-safe. */
import { defaultSettings, type KongSettings } from '../protocol';

export function normalizeSettings(s: Partial<KongSettings> | null | undefined): KongSettings {
  const v = s ?? {};
  const str = (x: unknown, d: string) => (typeof x === 'string' ? x : d);
  const arr = (x: unknown) => (Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string') : []);
  return {
    currentVersion: str(v.currentVersion, defaultSettings.currentVersion) || defaultSettings.currentVersion,
    targetVersion: str(v.targetVersion, ''),
    edition: v.edition === 'enterprise' ? 'enterprise' : 'oss',
    editionIsDefault: v.edition !== 'enterprise' && v.edition !== 'oss',
    customPlugins: arr(v.customPlugins),
    declarativeFiles: arr(v.declarativeFiles),
    codeLens: lensEnabled((v as { codeLens?: unknown }).codeLens),
    fixAllOnSourceFixAll: fixAllOptIn(v),
  };
}

/** `kong.fixAll.onSourceFixAll` as VS Code sends it (`fixAll: { onSourceFixAll }`), or the flat field other clients may send. */
function fixAllOptIn(v: Partial<KongSettings>): boolean {
  const nested = (v as { fixAll?: { onSourceFixAll?: unknown } | null }).fixAll?.onSourceFixAll;
  return nested === true || v.fixAllOnSourceFixAll === true;
}

function lensEnabled(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v && typeof v === 'object' && typeof (v as { enabled?: unknown }).enabled === 'boolean') return (v as { enabled: boolean }).enabled;
  return true;
}
