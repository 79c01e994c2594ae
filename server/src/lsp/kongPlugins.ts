/**
 * The KongPlugin / KongClusterPlugin names defined in the workspace, for the check of
 * `konghq.com/plugins` annotations: YAML files on disk (a bounded walk that only parses
 * files naming Kong's API group; refreshed when older than REFRESH_MS) and the open
 * documents' current text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from './uri';
import { kongPluginsDefined } from '../core/k8s/resources';
import type { KongPluginScope } from '../core/k8s/check';

const REFRESH_MS = 30_000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'vendor', '.vscode-test', '.venv', 'target', '__pycache__']);
const MAX_FILES = 2000;
const MAX_VISITS = 20_000;
const MAX_BYTES = 4 * 1024 * 1024;

type Defined = Array<{ name: string; plugin: string | null }>;

/** KongPlugin definitions of the YAML files under `root`, by file URI. Never throws. */
export function scanKongPlugins(root: string): Map<string, Defined> {
  const out = new Map<string, Defined>();
  let visits = 0;
  let files = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > 10) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++visits > MAX_VISITS || files >= MAX_FILES) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full, depth + 1);
        continue;
      }
      if (!e.isFile() || !/\.ya?ml$/i.test(e.name)) continue;
      files++;
      try {
        if (fs.statSync(full).size > MAX_BYTES) continue;
        const text = fs.readFileSync(full, 'utf8');
        if (!/configuration\.konghq\.com\//.test(text)) continue;
        const d = kongPluginsDefined(text);
        if (d.length) out.set(pathToFileURL(full).toString(), d);
      } catch {
        /* unreadable: adds nothing */
      }
    }
  };
  walk(root, 0);
  return out;
}

export class KongPluginIndex {
  private disk: Map<string, Defined> | undefined;
  private at = 0;
  constructor(
    private readonly roots: () => string[],
    private readonly open: () => Array<{ uri: string; text: string }>,
  ) {}

  /** Names of the workspace: files on disk, with open documents as they are in the editor. */
  scope(now = Date.now()): KongPluginScope {
    if (!this.disk || now - this.at > REFRESH_MS) {
      this.disk = new Map();
      this.at = now;
      for (const root of this.roots()) for (const [uri, d] of scanKongPlugins(URI.toPath(root))) this.disk.set(uri, d);
    }
    const byUri = new Map(this.disk);
    for (const d of this.open()) byUri.set(d.uri, kongPluginsDefined(d.text));
    const names = new Set<string>();
    const types = new Map<string, string | null>();
    for (const l of byUri.values()) {
      for (const d of l) {
        names.add(d.name);
        if (!types.has(d.name) || d.plugin) types.set(d.name, d.plugin);
      }
    }
    return { names, where: this.roots().length ? 'the workspace' : 'the open files', types };
  }
}
