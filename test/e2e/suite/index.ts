/**
 * Test entry for VS Code's extension host (the `run()` contract of @vscode/test-electron,
 * also used by scripts/e2e/run.sh through code-server). Runs mocha (tdd UI) over every
 * `*.test.js` next to this file once bundled (test/out/e2e/<suite>/).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env['E2E_GREP'];
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
