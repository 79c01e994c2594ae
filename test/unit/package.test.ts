/**
 * The .vsix as users get it: built with vsce, then read back (zip central directory)
 * to check what is inside and how big it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');

/** File names from a zip's central directory. */
function zipEntries(buf: Buffer): Array<{ name: string; size: number }> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'zip end record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; size: number }> = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const size = buf.readUInt32LE(p + 24);
    const n = buf.readUInt16LE(p + 28);
    const m = buf.readUInt16LE(p + 30);
    const c = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + n), size });
    p += 46 + n + m + c;
  }
  return out;
}

test('the .vsix holds the bundles, grammar, data, icon and docs, and nothing else', (t) => {
  if (!fs.existsSync(path.join(root, 'server', 'out', 'server.js'))) return t.skip('run npm run build first (npm test does)');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-')), 'kong.vsix');
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], {
    cwd: root,
    stdio: 'pipe',
  });
  const buf = fs.readFileSync(out);
  // vsce stores README/CHANGELOG in lower case and LICENSE as LICENSE.txt.
  const names = zipEntries(buf).map((e) => e.name.replace(/^extension\//, ''));
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase() || x.toLowerCase() === `${n.toLowerCase()}.txt`);
  for (const must of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'client/out/extension.js',
    'server/out/server.js',
    'server/out/cli.js',
    'server/knowledge/kong-conf.json',
    'server/knowledge/plugins.json',
    'server/knowledge/releases.json',
    'server/knowledge/upgrade.json',
    'server/knowledge/entities.json',
    'syntaxes/kong-conf.tmLanguage.json',
    'schemas/kong-upgrade.schema.json',
    'language-configuration.json',
    'media/icon.png',
  ]) {
    assert.ok(has(must), `${must} is in the package`);
  }
  for (const n of names) {
    assert.ok(!/(^|\/)node_modules\//.test(n), `no node_modules: ${n}`);
    assert.ok(!/\.map$/.test(n), `no source maps: ${n}`);
    assert.ok(!/\.ts$/.test(n), `no TypeScript sources: ${n}`);
    assert.ok(!/^(test|scripts|server\/src|client\/src|examples)\//.test(n), `no sources, tests or scripts: ${n}`);
  }
  assert.ok(buf.length < 2 * 1024 * 1024, `package is ${(buf.length / 1024).toFixed(0)} KB (limit 2 MB)`);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});
