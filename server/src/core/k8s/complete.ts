/**
 * Completion inside KongPlugin / KongClusterPlugin documents: plugin names after the
 * root `plugin:` key, and config field names and values under `config:`, from the same
 * code as decK files (declarative/complete.ts). The document is recognised from its root
 * lines, so it works while the user is still typing it.
 */
import type { CheckEnv } from '../context';
import type { CompletionEntry } from '../model';
import { completeInConfig, pluginNameEntries } from '../declarative/complete';
import { yamlCursorAt } from '../yamlCursor';

const PLUGIN_DOC = /^kind:[ \t]*["']?Kong(?:Cluster)?Plugin["']?[ \t]*(?:#.*)?$/m;
const KONG_API = /^apiVersion:[ \t]*["']?configuration\.konghq\.com\//m;
const PLUGIN_KEY = /^plugin:[ \t]*["']?([A-Za-z0-9_.-]+)/m;

/** Entries at `offset`, or null when the cursor is not in a KongPlugin / KongClusterPlugin document. */
export function completeKongResource(text: string, offset: number, env: CheckEnv): CompletionEntry[] | null {
  if (!env.knowledge.plugins) return null;
  const cur = yamlCursorAt(text, offset);
  if (!cur) return null;
  const doc = text.slice(cur.doc.start, cur.doc.end);
  if (!PLUGIN_DOC.test(doc) || !KONG_API.test(doc)) return null;
  if (cur.mode === 'value' && cur.key!.key === 'plugin' && cur.container.kind === 'root') return pluginNameEntries(cur, env);
  const first = cur.path[0];
  if (!first || first.kind !== 'key' || first.key !== 'config' || first.col !== 0) return null;
  const plugin = PLUGIN_KEY.exec(doc)?.[1];
  if (!plugin) return [];
  let parent = '';
  for (const n of cur.path.slice(1)) {
    if (n.kind === 'key') parent = parent ? `${parent}.${n.key}` : n.key!;
    else if (n.kind === 'item') parent = `${parent}[]`;
    else return [];
  }
  return completeInConfig({ plugin, parent }, cur, env);
}
