/** Which files are declarative Kong configuration (decK / DB-less). */
import { globMatch } from '../glob';

export { globMatch };

const NAME_RE = /(^|[\\/])(kong\.ya?ml|[^\\/]*\.kong\.ya?ml)$/i;
const YAML_OR_JSON_RE = /\.(ya?ml|json)$/i;

/**
 * True for kong.yml / kong.yaml / *.kong.yaml / *.kong.yml, for any YAML or JSON whose top
 * level has `_format_version` (only the first KBs are looked at), and for paths matching
 * one of `extraGlobs`.
 */
export function isDeclarativeFile(path: string, text: string, extraGlobs: string[] = []): boolean {
  const p = path.replace(/\\/g, '/');
  if (NAME_RE.test(p)) return true;
  if (extraGlobs.some((g) => globMatch(g, p))) return true;
  if (!YAML_OR_JSON_RE.test(p)) return false;
  return hasTopLevelFormatVersion(text);
}

/** A cheap look for a top-level `_format_version` key in the first 16 KB. */
export function hasTopLevelFormatVersion(text: string): boolean {
  const head = text.slice(0, 16384);
  if (/^\s*\{/.test(head)) {
    // JSON: the key at depth 1.
    let depth = 0;
    let inStr = false;
    for (let i = 0; i < head.length; i++) {
      const c = head[i];
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
        continue;
      }
      if (c === '"') {
        if (depth === 1 && head.startsWith('"_format_version"', i)) return true;
        inStr = true;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
    }
    return false;
  }
  return /^["']?_format_version["']?[ \t]*:/m.test(head);
}
