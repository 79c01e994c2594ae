/**
 * Which files of a folder tree are looked at, shared by the language server's workspace
 * scan, `kong-upgrade check <dir>` and `currentVersion: auto`. Pure: the edges walk the
 * disk (server/src/files.ts) and ask these questions.
 */
import type { FileKind } from './model';
import { detectKind } from './check';
import { isNginxTemplate } from './planner/workspace';
import { TEMPLATE_SUFFIX } from './conf/template';

/** Folders never entered: version control, dependencies, caches. (.gitignore'd folders are skipped by the walker too.) */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', '__pycache__', '.vscode-test', '.terraform']);

const CANDIDATE = /(^|\.)(conf|env|ya?ml|json|template)$|^\.env/i;

/** A name worth reading to see whether it is a Kong file, or the template of one (kong.conf.j2, prod.env.j2). */
export function isCandidateName(name: string): boolean {
  return CANDIDATE.test(name) || CANDIDATE.test(name.replace(TEMPLATE_SUFFIX, ''));
}

/** A name that may name Kong images (currentVersion: auto): YAML files and Dockerfiles. */
export function isImageCandidateName(name: string): boolean {
  return /\.ya?ml$/i.test(name) || /^(Dockerfile|Containerfile)([.-].*)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

/** What a found file is: a Kong file kind, an Nginx template, or 'unknown' (not ours). */
export function classifyWorkspaceFile(relPath: string, fullPath: string, text: string, declarativeGlobs: string[]): FileKind | 'nginx-template' {
  if (isNginxTemplate(relPath, text)) return 'nginx-template';
  return detectKind(fullPath, text, { declarativeGlobs });
}

/** A file of binary content (a NUL byte in its first 8000 bytes), as git decides. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
