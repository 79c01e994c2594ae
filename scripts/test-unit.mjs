#!/usr/bin/env node
// The unit suite (`npm run test:unit`): every test/unit/*.test.ts in node:test, one process
// per file as usual, with two choices that keep it under two minutes on a 2-core machine:
//  - as many files at once as the machine has cores. node:test's default, cores - 1, keeps a
//    core for its own parent process, which only waits: on 2 cores it ran one file at a time.
//  - TypeScript through tsx's CommonJS hook (`--require tsx/cjs`): the tests are CommonJS, and
//    `--import tsx` also starts the ES-module loader thread in every test process (about 0.3 s
//    of CPU per file, ~20 s over the suite).
// Extra arguments go to node before the files (e.g. `npm run test:unit -- --test-reporter=spec`);
// arguments ending in .ts replace the file list.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const named = args.filter((a) => a.endsWith('.ts'));
const files = named.length
  ? named
  : readdirSync(join(root, 'test', 'unit'))
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => join('test', 'unit', f));
const concurrency = Math.max(2, availableParallelism());
const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--test', `--test-concurrency=${concurrency}`, ...args.filter((a) => !a.endsWith('.ts')), ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
