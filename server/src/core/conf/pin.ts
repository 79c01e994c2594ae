/**
 * "Pin defaults that change in <target>": for properties the file leaves unset whose
 * default differs between the current and the target version, write the current
 * default explicitly so the upgrade does not change behaviour silently.
 */
import type { FileKind, TextEdit } from '../model';
import type { CheckEnv } from '../context';
import { settingsOf } from '../fileSettings';
import { defaultChanges, propertyAt } from '../knowledge/conf';
import { parseConf, propertyToEnvName } from './parser';
import { settingsFromConf } from './settings';
import { checkSettings } from './rules';
import { proveSettings, type ProofResult } from '../prove';
import { applyEdits } from '../text';

export interface DefaultChangeForFile {
  property: string;
  old: string | null;
  new: string | null;
  version: string;
}

/**
 * Default changes between current and target for properties this file does not set and
 * that both versions read (a property the running Kong does not know has no behaviour to
 * keep).
 */
export function unsetDefaultChanges(kind: FileKind, text: string, env: CheckEnv): DefaultChangeForFile[] {
  const { settings } = settingsOf(kind, text);
  const set = new Set(settings.map((s) => s.property));
  const kb = env.knowledge.conf;
  return defaultChanges(kb, env.current.version, env.target.version, env.target.edition)
    .filter((c) => !set.has(c.name))
    .filter((c) => {
      const now = propertyAt(kb, c.name, env.current.version, env.current.edition).status;
      const then = propertyAt(kb, c.name, env.target.version, env.target.edition).status;
      return (now === 'accepted' || now === 'deprecated') && (then === 'accepted' || then === 'deprecated');
    })
    .map((c) => ({ property: c.name, old: c.old ?? null, new: c.new ?? null, version: c.version }));
}

const unsetText = (v: string | null) => (v === null || v === '' || v === 'NONE' ? 'unset' : v);

/**
 * Pinning writes today's default explicitly. Only where that is a line the target
 * accepts without complaint: a value the target rejects or deprecates, or a property it
 * deprecates, would trade a silent change for a broken or noisy config, so those are
 * left to the upgrade plan, which lists them.
 */
export function pinnableDefaultChanges(kind: FileKind, text: string, env: CheckEnv): DefaultChangeForFile[] {
  return unsetDefaultChanges(kind, text, env).filter((c) => {
    if (c.old === null || c.old === '' || c.old === 'NONE') return false;
    const probe = settingsFromConf(parseConf(`${c.property} = ${c.old.replace(/#/g, '\\#')}\n`));
    return checkSettings(probe, { conf: env.knowledge.conf, releases: env.knowledge.releases, current: env.current, target: env.target }).length === 0;
  });
}

export interface PinDefaults {
  title: string;
  edits: TextEdit[];
  /** The properties the pin writes (nothing else may change). */
  properties: string[];
}

/**
 * The pin action's edits, proven (core/prove.ts): applied in memory, the file must read
 * without new errors, every other setting must stay as it was, and each pinned property
 * must read back as its old default. When the whole pin does not prove, the properties
 * whose own pin proves are pinned (if they prove together); otherwise null.
 */
export function pinDefaultsEdits(kind: FileKind, text: string, env: CheckEnv): PinDefaults | null {
  if (kind !== 'kong-conf' && kind !== 'env') return null;
  const changes = pinnableDefaultChanges(kind, text, env);
  if (!changes.length) return null;
  const all = pinEditsFor(kind, text, env, changes);
  if (provePin(kind, text, all, changes).ok) return all;
  const good = changes.filter((c) => provePin(kind, text, pinEditsFor(kind, text, env, [c]), [c]).ok);
  if (!good.length) return null;
  const some = pinEditsFor(kind, text, env, good);
  return provePin(kind, text, some, good).ok ? some : null;
}

/** Proves a pin of `changes` on a kong.conf or KONG_* text (see pinDefaultsEdits). */
export function provePin(kind: FileKind, text: string, pin: { edits: readonly TextEdit[] }, changes: readonly DefaultChangeForFile[]): ProofResult {
  const r = proveSettings(kind, text, pin.edits, new Set(changes.map((c) => c.property)));
  if (!r.ok) return r;
  const after = settingsOf(kind, applyEdits(text, [...pin.edits])).settings;
  for (const c of changes) {
    const got = after.filter((s) => s.property === c.property);
    if (got.length !== 1 || got[0]!.value !== c.old) return { ok: false, reason: `the pin does not read back as ${c.property} = ${c.old}` };
  }
  return { ok: true };
}

/** The text of a pin of `changes`: one block appended at the end of the file. */
export function pinEditsFor(kind: 'kong-conf' | 'env', text: string, env: CheckEnv, changes: readonly DefaultChangeForFile[]): PinDefaults {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = [`# Defaults that change between Kong ${env.current.input} and ${env.target.input}, kept as they are today:`];
  for (const c of changes) {
    if (kind === 'env') lines.push(`# ${c.version}: default becomes ${unsetText(c.new)}`, `${propertyToEnvName(c.property)}=${c.old}`);
    else lines.push(`${c.property} = ${c.old!.replace(/#/g, '\\#')}  # ${c.version}: default becomes ${unsetText(c.new)}`);
  }
  const prefix = text.length && !text.endsWith('\n') ? eol + eol : text.length ? eol : '';
  return {
    title: `Pin defaults that change in Kong ${env.target.input} (${changes.length})`,
    edits: [{ start: text.length, end: text.length, newText: prefix + lines.join(eol) + eol }],
    properties: changes.map((c) => c.property),
  };
}
