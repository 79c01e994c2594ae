/**
 * "Pin defaults that change in <target>": for properties the file leaves unset whose
 * default differs between the current and the target version, write the current
 * default explicitly so the upgrade does not change behaviour silently.
 */
import type { FileKind, TextEdit } from '../model';
import type { CheckEnv } from '../check';
import { settingsOf } from '../check';
import { defaultChanges, propertyAt } from '../knowledge/conf';
import { propertyToEnvName } from './parser';

export interface DefaultChangeForFile {
  property: string;
  old: string | null;
  new: string | null;
  version: string;
}

/** Default changes between current and target for properties this file does not set. */
export function unsetDefaultChanges(kind: FileKind, text: string, env: CheckEnv): DefaultChangeForFile[] {
  const { settings } = settingsOf(kind, text);
  const set = new Set(settings.map((s) => s.property));
  return defaultChanges(env.knowledge.conf, env.current.version, env.target.version, env.target.edition)
    .filter((c) => !set.has(c.name))
    .filter((c) => {
      const st = propertyAt(env.knowledge.conf, c.name, env.target.version, env.target.edition).status;
      return st === 'accepted' || st === 'deprecated';
    })
    .map((c) => ({ property: c.name, old: c.old ?? null, new: c.new ?? null, version: c.version }));
}

export function pinDefaultsEdits(kind: FileKind, text: string, env: CheckEnv): { title: string; edits: TextEdit[] } | null {
  if (kind !== 'kong-conf' && kind !== 'env') return null;
  const changes = unsetDefaultChanges(kind, text, env).filter((c) => c.old !== null && c.old !== '' && c.old !== 'NONE');
  if (!changes.length) return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = [`# Defaults that change between Kong ${env.current.input} and ${env.target.input}, kept as they are today:`];
  for (const c of changes) lines.push(kind === 'env' ? `${propertyToEnvName(c.property)}=${c.old}` : `${c.property} = ${c.old}  # ${c.version}: default becomes ${c.new ?? 'unset'}`);
  const prefix = text.length && !text.endsWith('\n') ? eol + eol : text.length ? eol : '';
  return {
    title: `Pin defaults that change in Kong ${env.target.input} (${changes.length})`,
    edits: [{ start: text.length, end: text.length, newText: prefix + lines.join(eol) + eol }],
  };
}
