/**
 * The KongPlugin / KongClusterPlugin names defined in the workspace, for the check of
 * `konghq.com/plugins` annotations: YAML files on disk (read with the planner's bounded
 * scan, refreshed when older than a few seconds) and the open documents' current text.
 */
import { URI } from './uri';
import { scanWorkspace } from './workspace';
import { kongPluginsDefined } from '../core/k8s/resources';
import type { KongPluginScope } from '../core/k8s/check';

const REFRESH_MS = 5000;

export class KongPluginIndex {
  private disk: Map<string, Array<{ name: string; plugin: string | null }>> | undefined;
  private at = 0;
  constructor(
    private readonly roots: () => string[],
    private readonly open: () => Array<{ uri: string; text: string }>,
    private readonly openText: (uri: string) => string | undefined,
  ) {}

  /** Names of the workspace: files on disk, with open documents as they are in the editor. */
  scope(now = Date.now()): KongPluginScope {
    if (!this.disk || now - this.at > REFRESH_MS) {
      this.disk = new Map();
      this.at = now;
      for (const root of this.roots()) {
        try {
          const scan = scanWorkspace(URI.toPath(root), this.openText);
          for (const f of scan.files) if (f.kind === 'kubernetes') this.disk.set(scan.uris[f.path] ?? f.path, kongPluginsDefined(f.text));
        } catch {
          /* an unreadable folder adds nothing */
        }
      }
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
