/**
 * Finding and reading `.kong-upgrade.yaml` for the CLI and the language server: looked up
 * from each file's folder upwards (stopping at the repository's top, the folder with .git),
 * read with core/config.ts, and `currentVersion: auto` resolved from the Kong images the
 * config's folder names (core/images.ts). Cached by path and modification time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, parseProjectConfig, type ProjectConfig } from './core/config';
import { currentVersionFromImages, kongImagesIn, type ImageSource, type VersionFromImages } from './core/images';
import { isImageCandidateName } from './core/scan';
import { compareVersions } from './core/version';
import { readRegularFile, walkFiles } from './files';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Its folder: paths in the config are relative to it. */
  dir: string;
  config: ProjectConfig;
  problems: string[];
}

export interface AutoVersion {
  result: VersionFromImages | null;
  /** Set when no Kong image with a version was found: what was looked at. */
  problem?: string;
}

const byFile = new Map<string, { stamp: string; loaded: LoadedConfig }>();
const autoByDir = new Map<string, { stamp: string; auto: AutoVersion }>();

function stamp(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? `${st.mtimeMs}:${st.size}` : null;
  } catch {
    return null;
  }
}

/** The config file that applies to a file or folder: the nearest one upwards, or null. */
export function findConfigFile(start: string): string | null {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (let i = 0; i < 64; i++) {
    for (const name of CONFIG_FILE_NAMES) {
      const f = path.join(dir, name);
      if (stamp(f)) return f;
    }
    if (fs.existsSync(path.join(dir, '.git'))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/** Read a config file (cached until it changes). A file that cannot be read gives one problem. */
export function loadConfigFile(file: string): LoadedConfig {
  const abs = path.resolve(file);
  const s = stamp(abs) ?? 'missing';
  const hit = byFile.get(abs);
  if (hit && hit.stamp === s) return hit.loaded;
  const r = readRegularFile(abs, 1024 * 1024);
  const parsed = r.ok ? parseProjectConfig(r.bytes.toString('utf8')) : { config: {}, problems: [`${r.reason}`] };
  const loaded: LoadedConfig = { file: abs, dir: path.dirname(abs), config: parsed.config, problems: parsed.problems };
  byFile.set(abs, { stamp: s, loaded });
  return loaded;
}

/** The config that applies to `start` (a file or folder), or null when there is none. */
export function configFor(start: string): LoadedConfig | null {
  const f = findConfigFile(start);
  return f ? loadConfigFile(f) : null;
}

/** Forget cached configs and auto versions (a config or image file changed). */
export function clearConfigCache(): void {
  byFile.clear();
  autoByDir.clear();
}

/**
 * `currentVersion: auto`: the version the Kong images under `dir` name (the oldest when
 * they name several), with where it was found. Cached per folder for 30 s of wall time
 * in long-lived processes, or until clearConfigCache.
 */
export function autoCurrentVersion(dir: string): AutoVersion {
  const key = path.resolve(dir);
  const now = String(Math.floor(Date.now() / 30_000));
  const hit = autoByDir.get(key);
  if (hit && hit.stamp === now) return hit.auto;
  const walk = walkFiles(key, { wanted: isImageCandidateName, maxEntries: 50_000, maxDepth: 12 });
  const sources: ImageSource[] = [];
  for (const full of walk.files.slice(0, 2000)) {
    const r = readRegularFile(full, 4 * 1024 * 1024);
    if (!r.ok) continue;
    const rel = path.relative(key, full).split(path.sep).join('/');
    for (const image of kongImagesIn(full, r.bytes.toString('utf8'))) sources.push({ path: rel, image });
  }
  const result = currentVersionFromImages(sources, compareVersions);
  const auto: AutoVersion = result
    ? { result }
    : {
        result: null,
        problem: sources.length
          ? `currentVersion: auto found Kong images without a version tag (${sources
              .slice(0, 3)
              .map((s) => `${s.path}: ${s.image.image}`)
              .join(', ')}); set currentVersion to the version you run`
          : `currentVersion: auto found no Kong image (kong, kong/kong-gateway) in docker-compose, Kubernetes, Helm values or Dockerfiles under ${key}; set currentVersion to the version you run`,
      };
  autoByDir.set(key, { stamp: now, auto });
  return auto;
}

/**
 * The config's declarativeFiles as patterns for the matcher: a relative pattern with a folder
 * part ("deck/*.yaml") is anchored at the config's folder; a bare name pattern ("*.deck.yaml")
 * matches at any depth, as in the editor setting.
 */
export function declarativeGlobsOf(loaded: LoadedConfig): string[] {
  const dir = loaded.dir.split(path.sep).join('/');
  return (loaded.config.declarativeFiles ?? []).map((g) => {
    const p = g.trim().replace(/\\/g, '/');
    if (!p.includes('/') || p.startsWith('/') || /^[A-Za-z]:\//.test(p) || p.startsWith('**/')) return p;
    return `${dir}/${p.replace(/^\.\//, '')}`;
  });
}
