// Builds the npm package `kong-upgrade` (the CLI and the language server for any editor) from
// the bundles of `npm run build`, and packs it with `npm pack`.
//
// Why a package folder of its own instead of `npm pack` at the root: the root package.json is
// the VS Code extension's manifest (name kong-upgrade-assistant, `main` = the VS Code client,
// `engines.vscode`, contributes…). The npm package needs the command's name, a `bin`, and no
// dependencies at all: the bundles are self-contained (esbuild), so installing the tarball
// needs no registry. (`npm pack` at the root, which the pre-commit framework runs to install
// the hooks, ships the same files through .npmignore and `prepare`, under the extension's
// name; the root package has no runtime dependencies either, only devDependencies.)
//
//   node scripts/pack-cli.mjs [--out <folder>]    → <folder>/kong-upgrade-<version>.tgz (default: dist/)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outDir = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, 'dist'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// What ships: the two bundles, every file of the knowledge base (server/src/knowledge.ts reads
// them beside the bundles; a file left out silently turns its findings off), the config
// schema, and the docs.
const FILES = [
  'server/out/cli.js',
  'server/out/server.js',
  ...fs
    .readdirSync(path.join(root, 'server', 'knowledge'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `server/knowledge/${f}`),
  'schemas/kong-upgrade.schema.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
];

for (const f of FILES) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`pack-cli: ${f} is missing${f.startsWith('server/out') ? ' (run npm run build first)' : ''}`);
    process.exit(1);
  }
}

const stage = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'kong-upgrade-pack-'));
try {
  for (const f of FILES) {
    fs.mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(stage, f));
  }
  const pkg = {
    name: 'kong-upgrade',
    version: manifest.version,
    description: 'Checks kong.conf, KONG_* variables and decK files against the Kong Gateway version you move to, fixes what changed, plans the upgrade: CLI and language server.',
    license: manifest.license,
    keywords: manifest.keywords,
    repository: manifest.repository,
    engines: { node: manifest.engines.node },
    bin: { 'kong-upgrade': 'server/out/cli.js' },
    files: FILES,
  };
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  fs.mkdirSync(outDir, { recursive: true });
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [info] = JSON.parse(out);
  console.log(path.join(outDir, info.filename));
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
