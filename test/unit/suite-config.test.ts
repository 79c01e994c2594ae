/**
 * What `npm test` and CI run: the layer check and the linter are part of `npm test`, and CI
 * (`npm run test:all`, `.ci/run`) runs the property tests at full size (KONG_EXHAUSTIVE=1),
 * so the quicker default set never silently becomes the only one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

test('npm test runs typecheck, lint, the layer check, build and the unit tests', () => {
  const steps = pkg.scripts.test!.split('&&').map((s) => s.trim());
  for (const s of ['npm run typecheck', 'npm run lint', 'npm run lint:deps', 'npm run build', 'npm run test:unit']) assert.ok(steps.includes(s), `${s} in npm test`);
  assert.match(pkg.scripts['lint:deps']!, /depcruise .*--config \.dependency-cruiser\.cjs/);
  assert.match(pkg.scripts.lint!, /^biome lint/);
});

test('CI runs the exhaustive property tests: test:all and .ci/run set KONG_EXHAUSTIVE=1', () => {
  assert.match(pkg.scripts['test:all']!, /^KONG_EXHAUSTIVE=1 npm test\b/);
  const ci = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
  assert.match(ci, /^export KONG_EXHAUSTIVE=1$/m);
  const lines = ci.trimEnd().split('\n');
  assert.match(lines[lines.length - 2]!, /^echo "suites: \$passed passed, \$failed failed"$/, 'ends with a summary line');
  assert.equal(lines[lines.length - 1], '[ "$failed" -eq 0 ]', 'and exits non-zero when a suite failed');
});

test('the exhaustive switch reaches the tests', () => {
  const probe = "const { EXHAUSTIVE, sized } = require('./test/support/exhaustive'); console.log(JSON.stringify([EXHAUSTIVE, sized(1, 2)]));";
  const run = (env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }).stdout.trim();
  assert.equal(run({ KONG_EXHAUSTIVE: '1' }), '[true,2]');
  assert.equal(run({ KONG_EXHAUSTIVE: '' }), '[false,1]');
});

test('the unit runner loads TypeScript through the CommonJS hook: no test imports a .ts module dynamically', () => {
  // scripts/test-unit.mjs runs the files with `--require tsx/cjs` (no ES-module loader thread per
  // file); a dynamic import() of one of our .ts modules needs that loader and fails there.
  assert.match(pkg.scripts['test:unit']!, /^node scripts\/test-unit\.mjs$/);
  assert.match(fs.readFileSync(path.join(root, 'scripts', 'test-unit.mjs'), 'utf8'), /'--require', 'tsx\/cjs'/);
  const offenders: string[] = [];
  for (const dir of ['test/unit', 'test/unit/helpers', 'test/support']) {
    for (const f of fs.readdirSync(path.join(root, dir)).filter((x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(root, dir, f), 'utf8');
      for (const m of text.matchAll(/\bimport\(\s*['"](\.[^'"]*)['"]\s*\)/g)) offenders.push(`${dir}/${f}: import('${m[1]}')`);
    }
  }
  assert.deepEqual(offenders, [], 'use a static import instead');
});
