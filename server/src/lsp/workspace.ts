/**
 * Finding the workspace's Kong files for the planner: the edge does the file I/O, the
 * core decides what each file is. Bounded so a huge repository cannot stall the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectKind } from '../core/check';
import { isNginxTemplate, type WorkspaceFile } from '../core/planner/workspace';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'vendor', '.vscode-test', '.venv', 'target', '__pycache__']);
const CANDIDATE = /(^|\.)(conf|env|ya?ml|json|template)$|^\.env/i;
export const MAX_FILES = 400;
export const MAX_FILE_BYTES = 60 * 1024 * 1024;

export interface ScanResult {
  files: WorkspaceFile[];
  uris: Record<string, string>;
  skipped: string[];
}

/** Kong files under `root` (relative paths), with the text of open documents preferred over disk. */
export function scanWorkspace(
  root: string,
  openText: (uri: string) => string | undefined,
  globs: string[] = [],
  opts: { maxBytes?: number; kinds?: ReadonlySet<string> } = {},
): ScanResult {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  const files: WorkspaceFile[] = [];
  const uris: Record<string, string> = {};
  const skipped: string[] = [];
  let visited = 0;
  const walk = (dir: string, depth: number) => {
    if (depth > 10 || files.length >= MAX_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (files.length >= MAX_FILES || ++visited > 20000) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full, depth + 1);
        continue;
      }
      if (!e.isFile() || !CANDIDATE.test(e.name)) continue;
      const rel = path.relative(root, full).split(path.sep).join('/');
      const uri = pathToFileURL(full).toString();
      let text = openText(uri);
      if (text === undefined) {
        try {
          const st = fs.statSync(full);
          if (st.size > maxBytes) {
            skipped.push(`${rel} (larger than ${Math.round((maxBytes / 1048576) * 10) / 10} MB)`);
            continue;
          }
          const buf = fs.readFileSync(full);
          if (buf.subarray(0, 8000).includes(0)) continue;
          text = buf.toString('utf8');
        } catch {
          continue;
        }
      }
      const kind = isNginxTemplate(rel, text) ? 'nginx-template' : detectKind(full, text, { declarativeGlobs: globs });
      if (kind === 'unknown' || (opts.kinds && !opts.kinds.has(kind))) continue;
      files.push({ path: rel, text, kind });
      uris[rel] = uri;
    }
  };
  walk(root, 0);
  return { files, uris, skipped };
}

/** Kinds whose files set kong.conf properties (kong.conf, KONG_* variables). */
export const SETTINGS_KINDS: ReadonlySet<string> = new Set(['kong-conf', 'env', 'docker-compose', 'kubernetes', 'helm-values']);

/** The workspace's settings files (small ones only: they are read on every start), by URI. */
export function scanSettingsFiles(root: string, openText: (uri: string) => string | undefined, globs: string[] = []): Map<string, WorkspaceFile> {
  const r = scanWorkspace(root, openText, globs, { maxBytes: 2 * 1024 * 1024, kinds: SETTINGS_KINDS });
  const out = new Map<string, WorkspaceFile>();
  for (const f of r.files) out.set(r.uris[f.path]!, f);
  return out;
}
