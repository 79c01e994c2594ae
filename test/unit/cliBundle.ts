/**
 * For tests that run `kong-upgrade` as CI does (the Action, the pre-commit hook): the real
 * CLI bundle built with esbuild into a folder laid out like the package (server/out/cli.js
 * beside server/knowledge), plus a `kong-upgrade` command on a bin folder for PATH.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

export const repoRoot = path.resolve(__dirname, '..', '..');

export async function buildCliPackage(dir: string): Promise<{ cli: string; bin: string }> {
  fs.mkdirSync(path.join(dir, 'server', 'out'), { recursive: true });
  fs.symlinkSync(path.join(repoRoot, 'server', 'knowledge'), path.join(dir, 'server', 'knowledge'));
  const cli = path.join(dir, 'server', 'out', 'cli.js');
  await build({
    entryPoints: [path.join(repoRoot, 'server', 'src', 'cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    banner: { js: '#!/usr/bin/env node' },
  });
  fs.chmodSync(cli, 0o755);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(cli, path.join(bin, 'kong-upgrade'));
  return { cli, bin };
}
