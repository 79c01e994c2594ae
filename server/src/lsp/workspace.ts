/**
 * Finding the workspace's Kong files for the planner: the edge walks the disk (files.ts:
 * regular files only, .gitignore honoured, the same walk as `kong-upgrade check <dir>`),
 * the core decides what each file is (core/scan.ts). Bounded so a huge repository cannot
 * stall the server.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifyWorkspaceFile, isCandidateName, looksBinary } from '../core/scan';
import type { WorkspaceFile } from '../core/planner/workspace';
import { readRegularFile as readCapped, walkFiles } from '../files';

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
  ignored: (full: string) => boolean = () => false,
  opts: { maxBytes?: number; kinds?: ReadonlySet<string> } = {},
): ScanResult {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  const files: WorkspaceFile[] = [];
  const uris: Record<string, string> = {};
  const skipped: string[] = [];
  const walk = walkFiles(root, { wanted: isCandidateName, maxDepth: 10, maxEntries: 20000 });
  for (const full of walk.files) {
    if (files.length >= MAX_FILES) break;
    if (ignored(full)) continue;
    const rel = path.relative(root, full).split(path.sep).join('/');
    const uri = pathToFileURL(full).toString();
    let text = openText(uri);
    if (text === undefined) {
      const r = readCapped(full, maxBytes);
      if (!r.ok) {
        if (/larger than/.test(r.reason)) skipped.push(`${rel} (${r.reason})`);
        continue;
      }
      if (looksBinary(r.bytes)) continue;
      text = r.bytes.toString('utf8');
    }
    const kind = classifyWorkspaceFile(rel, full, text, globs);
    if (kind === 'unknown' || (opts.kinds && !opts.kinds.has(kind))) continue;
    files.push({ path: rel, text, kind });
    uris[rel] = uri;
  }
  return { files, uris, skipped };
}

export type ReadResult = { kind: 'text'; text: string; binary: boolean } | { kind: 'too-large' } | { kind: 'not-regular' } | { kind: 'error' };

/**
 * The text of a regular file of at most `maxBytes`, for the plan handler: the shared reader
 * (files.ts: no blocking open, regular files only, bytes actually read capped) in the shape
 * the handler reports skipped files with.
 */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const r = readCapped(file, maxBytes);
  if (r.ok) return { kind: 'text', text: r.bytes.toString('utf8'), binary: looksBinary(r.bytes) };
  return r.tooLarge ? { kind: 'too-large' } : r.notRegular || r.directory ? { kind: 'not-regular' } : { kind: 'error' };
}

/** Kinds whose files set kong.conf properties (kong.conf, KONG_* variables). */
export const SETTINGS_KINDS: ReadonlySet<string> = new Set(['kong-conf', 'env', 'docker-compose', 'kubernetes', 'helm-values']);

/** The workspace's settings files (small ones only: they are read on every start), by URI. */
export function scanSettingsFiles(root: string, openText: (uri: string) => string | undefined, globs: string[] = [], ignored: (full: string) => boolean = () => false): Map<string, WorkspaceFile> {
  const r = scanWorkspace(root, openText, globs, ignored, { maxBytes: 2 * 1024 * 1024, kinds: SETTINGS_KINDS });
  const out = new Map<string, WorkspaceFile>();
  for (const f of r.files) out.set(r.uris[f.path]!, f);
  return out;
}
