// Bundles the end-to-end suites for VS Code's extension host:
//   test/e2e/suite/*.test.ts      -> test/out/e2e/suite/*.test.js      (development-folder run)
//   test/e2e/installed/*.test.ts  -> test/out/e2e/installed/*.test.js  (installed .vsix run)
// plus test/e2e/suite/index.ts (the run() entry) into both folders. `vscode` is provided
// by the extension host; `mocha` stays external and resolves from the repo's node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'test/out/e2e');
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode', 'mocha'],
  absWorkingDir: root,
};

const jobs = [];
for (const suite of ['suite', 'installed']) {
  const dir = join(root, 'test/e2e', suite);
  const tests = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
  jobs.push(build({ ...common, entryPoints: tests, outdir: join(out, suite) }));
  jobs.push(build({ ...common, entryPoints: [join(root, 'test/e2e/suite/index.ts')], outfile: join(out, suite, 'index.js') }));
}
await Promise.all(jobs);
