/**
 * The layer check (.dependency-cruiser.cjs, run by `npm run lint:deps` in `npm test`)
 * really guards: a small tree laid out like ours, with one forbidden import per probe file,
 * is cruised with the project's rules and each probe must break the expected rule (and
 * the allowed imports nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(__dirname, '../..');
const require_ = createRequire(__filename);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require_(path.join(root, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }),
  // A well-behaved core
  'server/src/core/model.ts': 'export type Span = { start: number; end: number };\n',
  'server/src/core/version.ts': "import type { Span } from './model';\nexport const v = (s: Span) => s.start;\n",
  'server/src/core/context.ts': "import type { Span } from './model';\nexport type CheckEnv = { span: Span };\n",
  'server/src/core/check.ts': "import type { CheckEnv } from './context';\nexport const check = (e: CheckEnv) => e;\n",
  'server/src/core/okLibs.ts': "import { parse } from 'yaml';\nimport { closest } from 'fastest-levenshtein';\nexport const ok = [parse, closest];\n",
  'server/src/core/conf/okFeature.ts': "import type { CheckEnv } from '../context';\nexport const f = (e: CheckEnv) => e;\n",
  'server/src/protocol.ts': "export type { Span } from './core/model';\nexport { v } from './core/version';\n",
  'client/src/ok.ts': "import { v } from '../../server/src/protocol';\nimport * as vscode from 'vscode';\nexport const c = [v, vscode];\n",
  // Probes: each breaks one rule
  'server/src/core/probeVscode.ts': "import * as vscode from 'vscode';\nexport const x = vscode;\n",
  'server/src/core/probeLsp.ts': "import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;\n",
  'server/src/core/probeLspTypeOnly.ts': "import type { Diagnostic } from 'vscode-languageserver';\nexport type X = Diagnostic;\n",
  'server/src/core/probeFs.ts': "import * as fs from 'node:fs';\nexport const x = fs;\n",
  'server/src/core/probeEdge.ts': "import { y } from '../lsp/probeCli';\nexport const x = y;\n",
  'server/src/core/conf/probeUp.ts': "import { check } from '../check';\nexport const x = check;\n",
  'server/src/core/probeCycleA.ts': "import { b } from './probeCycleB';\nexport const a = () => b;\n",
  'server/src/core/probeCycleB.ts': "import { a } from './probeCycleA';\nexport const b = () => a;\n",
  'server/src/lsp/probeCli.ts': "import { z } from '../cli/thing';\nexport const y = z;\n",
  'server/src/cli/thing.ts': 'export const z = 1;\n',
  'client/src/probeCore.ts': "import { v } from '../../server/src/core/version';\nexport const x = v;\n",
};

const expected: Record<string, string[]> = {
  'server/src/core/probeVscode.ts': ['core-is-pure'],
  'server/src/core/probeLsp.ts': ['core-is-pure'],
  'server/src/core/probeLspTypeOnly.ts': ['core-is-pure'],
  'server/src/core/probeFs.ts': ['core-is-pure'],
  'server/src/core/probeEdge.ts': ['core-is-pure'],
  'server/src/core/conf/probeUp.ts': ['core-features-below-facade'],
  'server/src/core/probeCycleA.ts': [],
  'server/src/core/probeCycleB.ts': [],
  'server/src/lsp/probeCli.ts': ['lsp-not-cli'],
  'client/src/probeCore.ts': ['client-talks-protocol-only'],
};

test('the layer rules fail a vscode, LSP or node:fs import in the core, an upward import, a cycle, an edge crossing, a client reaching into the core', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-layers-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const { cruise } = await import('dependency-cruiser');
    const options = config.options as Record<string, unknown>;
    const out = await cruise(
      ['server/src', 'client/src'],
      {
        ...options,
        baseDir: dir,
        validate: true,
        ruleSet: { forbidden: config.forbidden } as never,
        tsConfig: { fileName: path.join(dir, 'tsconfig.json') },
      },
      // Keep node_modules paths inside the temporary tree (it links to ours).
      { symlinks: false } as never,
    );
    const result = out.output as { summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> } };
    const byFrom = new Map<string, Set<string>>();
    for (const v of result.summary.violations) {
      if (!byFrom.has(v.from)) byFrom.set(v.from, new Set());
      byFrom.get(v.from)!.add(v.rule.name);
    }
    for (const [file, rules] of Object.entries(expected)) {
      for (const r of rules) assert.ok(byFrom.get(file)?.has(r), `${file} should break ${r}; got ${JSON.stringify([...(byFrom.get(file) ?? [])])}`);
    }
    const cycle = ['server/src/core/probeCycleA.ts', 'server/src/core/probeCycleB.ts'];
    assert.ok(
      cycle.some((f) => byFrom.get(f)?.has('no-circular')),
      'the cycle A <-> B is reported',
    );
    const unexpected = result.summary.violations.filter((v) => !expected[v.from]);
    assert.deepEqual(
      unexpected.map((v) => `${v.from} -> ${v.to}: ${v.rule.name}`),
      [],
      'allowed imports (own files, yaml/semver/fastest-levenshtein, protocol from the client) pass',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the core tsconfig refuses vscode, LSP and Node imports (no fallback to node_modules)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-core-tsc-'));
  try {
    // node_modules next to the probe: without the paths of the core tsconfig, vscode* would resolve.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const probe = path.join(dir, 'probe.ts');
    fs.writeFileSync(
      probe,
      [
        "import * as vscode from 'vscode';",
        "import { createConnection } from 'vscode-languageserver/node';",
        "import type { LanguageClient } from 'vscode-languageclient/node';",
        "import * as fs from 'node:fs';",
        "import { parse } from 'yaml';",
        'export const x = [vscode, createConnection, fs, parse, process.env];',
        'export type L = LanguageClient;',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(root, 'server/src/core/tsconfig.json'), files: [probe], include: [] }));
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    const lines = r.stdout.split('\n').filter((l) => l.includes('probe.ts('));
    const at = (n: number) => lines.filter((l) => l.includes(`probe.ts(${n},`));
    assert.match(at(1).join(), /TS2306/, 'vscode');
    assert.match(at(2).join(), /TS2306/, 'vscode-languageserver/node');
    assert.match(at(3).join(), /TS2306/, 'vscode-languageclient/node');
    assert.match(at(4).join(), /TS2307/, 'node:fs');
    assert.deepEqual(at(5), [], 'yaml is allowed');
    assert.match(at(6).join(), /process/, 'Node globals are unknown');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
