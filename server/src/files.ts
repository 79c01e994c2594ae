/**
 * Reading and walking the disk for the CLI and the language server: regular files only
 * (a FIFO or /dev/zero never blocks or fills memory), a byte cap on every read, and a
 * bounded walk that skips version control, dependencies and what .gitignore files exclude.
 * What counts as a Kong file is the core's business (core/scan.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { SKIP_DIRS } from './core/scan';

export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; reason: string; missing?: boolean; directory?: boolean; notRegular?: boolean; tooLarge?: boolean };

function mb(n: number): string {
  return `${Math.round((n / 1048576) * 10) / 10} MB`;
}

/**
 * The bytes of a regular file, at most `cap`. Anything else (a directory, a FIFO, a device,
 * a socket) is refused without opening it for a blocking read; a file that grows past the cap
 * while it is read is refused too.
 */
export function readRegularFile(file: string, cap = MAX_FILE_BYTES): ReadResult {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'not found', missing: true };
    return { ok: false, reason: `cannot be read (${code ?? (e as Error).message})` };
  }
  if (st.isDirectory()) return { ok: false, reason: 'is a directory', directory: true };
  if (!st.isFile()) return { ok: false, reason: 'is not a regular file (a device, FIFO or socket), so it is not read', notRegular: true };
  if (st.size > cap) return { ok: false, reason: `is ${mb(st.size)}, larger than the ${mb(cap)} limit`, tooLarge: true };
  let fd: number | undefined;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open does not wait for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st2 = fs.fstatSync(fd);
    if (!st2.isFile()) return { ok: false, reason: 'is not a regular file (a device, FIFO or socket), so it is not read', notRegular: true };
    return readCapped(fd, cap);
  } catch (e) {
    return { ok: false, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function readCapped(fd: number, cap: number): ReadResult {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking stdin with nothing yet: wait a little, without spinning.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > cap) return { ok: false, reason: `is larger than the ${mb(cap)} limit`, tooLarge: true };
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** Standard input, at most `cap` bytes (for `kong-upgrade check -`). */
export function readStdin(cap = MAX_FILE_BYTES): ReadResult {
  try {
    return readCapped(0, cap);
  } catch (e) {
    return { ok: false, reason: `standard input cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

export interface WalkOptions {
  /** Names of files worth yielding. */
  wanted: (name: string) => boolean;
  /** Skip paths a .gitignore excludes (default true). */
  gitignore?: boolean;
  maxDepth?: number;
  /** Stop after this many directory entries (the walk says so in `truncated`). */
  maxEntries?: number;
}

export interface WalkResult {
  /** Absolute paths of the wanted regular files, in a stable order. */
  files: string[];
  /** Set when a limit stopped the walk early: why. */
  truncated?: string;
}

interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

/** The regular files under `root` that `wanted` accepts; symbolic links are not followed. */
export function walkFiles(root: string, opts: WalkOptions): WalkResult {
  const files: string[] = [];
  const maxDepth = opts.maxDepth ?? 25;
  const maxEntries = opts.maxEntries ?? 200_000;
  const useGitignore = opts.gitignore !== false;
  let seen = 0;
  let truncated: string | undefined;
  // Explicit stack (deep trees cannot overflow it): [dir, depth, ignore levels in force].
  const stack: Array<[string, number, IgnoreLevel[]]> = [[root, 0, useGitignore ? ancestorsIgnores(root) : []]];
  while (stack.length) {
    const [dir, depth, inherited] = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    let levels = inherited;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const gi = readRegularFile(path.join(dir, '.gitignore'), 1024 * 1024);
      if (gi.ok) levels = [...inherited, { dir, ig: ignore().add(gi.bytes.toString('utf8')) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      if (++seen > maxEntries) {
        truncated = `stopped after ${maxEntries} entries`;
        break;
      }
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || isIgnored(levels, full, true)) continue;
        if (depth + 1 > maxDepth) {
          truncated ??= `folders deeper than ${maxDepth} levels are not entered`;
          continue;
        }
        subdirs.push(full);
      } else if (e.isFile() && opts.wanted(e.name) && !isIgnored(levels, full, false)) {
        files.push(full);
      }
    }
    if (truncated?.startsWith('stopped')) break;
    // Reverse so the stack pops them in name order (a stable, depth-first listing).
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push([subdirs[i]!, depth + 1, levels]);
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return truncated ? { files, truncated } : { files };
}

function isIgnored(levels: IgnoreLevel[], full: string, isDir: boolean): boolean {
  for (const l of levels) {
    const rel = path.relative(l.dir, full).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (l.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** .gitignore files above `root` up to the repository's top (the folder with .git), so `check sub/` honours the root's. */
function ancestorsIgnores(root: string): IgnoreLevel[] {
  const chain: string[] = [];
  let dir = path.resolve(root);
  for (let i = 0; i < 40; i++) {
    const parent = path.dirname(dir);
    if (fs.existsSync(path.join(dir, '.git'))) break;
    if (parent === dir) {
      chain.length = 0; // not inside a repository: no outer .gitignore applies
      break;
    }
    dir = parent;
    chain.unshift(dir);
  }
  const levels: IgnoreLevel[] = [];
  for (const d of chain) {
    const gi = readRegularFile(path.join(d, '.gitignore'), 1024 * 1024);
    if (gi.ok) levels.push({ dir: d, ig: ignore().add(gi.bytes.toString('utf8')) });
  }
  return levels;
}
