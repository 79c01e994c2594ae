/**
 * Standard @vscode/test-electron entry, for machines that can download a desktop VS Code
 * (`npx tsx test/e2e/runTest.ts` after `npm run build` and `node scripts/e2e/build-tests.mjs`).
 * CI here has no route to update.code.visualstudio.com and uses scripts/e2e/run.sh
 * (code-server) instead; both run the same test modules through the same `run()` contract.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // Tests edit and save fixtures: run them on a copy of the workspace.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-e2e-ws-'));
  fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'test/out/e2e/suite/index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('e2e run failed:', err);
  process.exit(1);
});
