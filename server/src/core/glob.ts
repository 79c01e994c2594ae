/**
 * Glob patterns of users' settings and config files (`kong.declarativeFiles`,
 * `.kong-upgrade.yaml` ignores), matched by minimatch.
 *
 * minimatch turns each path segment into a regular expression, and a segment with many
 * `*` (`**a**a**a…b.json`) backtracks for ever on a long name. Patterns a repository can
 * set must not freeze the editor, so a pattern with more than MAX_STARS wildcards in one
 * segment, more than MAX_BRACES brace groups or more than MAX_LENGTH characters is refused
 * with a message instead of being matched; extglobs (`+(…)`, nested quantifiers) are off.
 * With at most 3 `*` a 255-character file name is matched in well under 50 ms worst case.
 */
import { Minimatch } from 'minimatch';

const MAX_STARS = 3;
const MAX_BRACES = 6;
const MAX_LENGTH = 1000;

export interface CompiledGlob {
  pattern: string;
  matcher: Minimatch | null;
  /** Why the pattern is not used; set when matcher is null. */
  problem?: string;
}

const cache = new Map<string, CompiledGlob>();

/** Why a pattern cannot be matched safely, or null when it can. */
export function globProblem(pattern: string): string | null {
  const g = pattern.trim();
  if (!g) return null;
  if (g.length > MAX_LENGTH) return `the glob "${g.slice(0, 40)}…" is longer than ${MAX_LENGTH} characters and is not used`;
  if ((g.match(/\{/g) ?? []).length > MAX_BRACES) return `the glob "${g}" has more than ${MAX_BRACES} {…} groups and is not used`;
  for (const seg of g.replace(/\\/g, '/').split('/')) {
    if (seg === '**') continue;
    const stars = (seg.match(/\*+/g) ?? []).length;
    if (stars > MAX_STARS) return `the glob "${g}" has more than ${MAX_STARS} wildcards (*) in one path segment, which cannot be matched quickly; it is not used`;
  }
  return null;
}

export function compileGlob(pattern: string): CompiledGlob {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let compiled: CompiledGlob;
  const problem = globProblem(pattern);
  const g = pattern.trim().replace(/\\/g, '/');
  if (!g) compiled = { pattern, matcher: null };
  else if (problem) compiled = { pattern, matcher: null, problem };
  else {
    // A pattern without "/" matches the base name anywhere; a relative one matches at any depth
    // (paths come absolute from the editor); "/…" and "C:/…" are anchored.
    const anchored = g.startsWith('/') || /^[A-Za-z]:\//.test(g);
    const source = g.includes('/') && !anchored && !g.startsWith('**/') ? `**/${g.replace(/^\.\//, '')}` : g;
    try {
      compiled = { pattern, matcher: new Minimatch(source, { dot: true, noext: true, matchBase: !g.includes('/'), optimizationLevel: 2 }) };
    } catch (e) {
      compiled = { pattern, matcher: null, problem: `the glob "${g}" cannot be read: ${(e as Error).message}` };
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** Does `path` (absolute or relative, either slash) match `pattern`? A refused pattern matches nothing. */
export function globMatch(pattern: string, path: string): boolean {
  const c = compileGlob(pattern);
  if (!c.matcher) return false;
  return c.matcher.match(path.replace(/\\/g, '/'));
}

/** The messages for the patterns of a list that are not used. */
export function globProblems(patterns: readonly string[]): string[] {
  return patterns.map((p) => compileGlob(p).problem).filter((p): p is string => !!p);
}
