/**
 * Editor behaviour CI users trip over (package.json and the client's pure parts): the
 * Upgrade Path view shows only where the workspace has Kong files, activation does not fire
 * for any docker-compose or .env file, virtualWorkspaces says what really works there, and
 * the umbrella source.fixAll is opt-in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentSelector } from '../../client/src/selector';
import { HAS_KONG_FILES, KONG_NAME_GLOB, WATCH_GLOB, looksLikeKongContent } from '../../client/src/kongFiles';
import { normalizeSettings } from '../../server/src/lsp/server';
import { minimatch } from 'minimatch';
import { detectKind } from '../../server/src/core/check';
import { TEMPLATE_EXTENSIONS } from '../../server/src/core/conf/template';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const corpus = path.resolve(root, '..', 'shared', 'corpus');

test('the Upgrade Path view shows where the workspace has Kong files (or a plan exists); the client sets that key', () => {
  const view = pkg.contributes.views['kong-upgrade'].find((v: { id: string }) => v.id === 'kong.upgradePath');
  assert.equal(view.when, `${HAS_KONG_FILES} || kong.hasPlan`);
  const src = fs.readFileSync(path.join(root, 'client', 'src', 'features', 'kongFilesContext.ts'), 'utf8');
  assert.match(src, /setContext', HAS_KONG_FILES/);
  assert.match(fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8'), /trackKongFiles\(context\b/);
});

test('activation: Kong file names and the kong-conf language, not every compose or .env file opened', () => {
  const events: string[] = pkg.activationEvents;
  assert.deepEqual(
    events.filter((e) => e.startsWith('onLanguage:')),
    ['onLanguage:kong-conf'],
  );
  for (const name of ['kong.conf', '*.kong.conf', 'kong.{yml,yaml,json}']) assert.ok(events.includes(`workspaceContains:**/${name}`), name);
  for (const n of ['kong.conf', 'kong.yaml', 'nginx-kong*.conf']) assert.ok(KONG_NAME_GLOB.includes(n), n);
});

test('every kong.conf name the server reads by name is a kong-conf document in the editor, shows the view, activates and is picked by the hook', () => {
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'kong-conf');
  const globs: string[] = [...lang.filenames, ...lang.filenamePatterns];
  const hook = new RegExp(/files: '([^']+)'/.exec(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8'))![1]!);
  const activation = (pkg.activationEvents as string[]).filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
  // Every template ending the server knows, so a new one cannot be added to the server alone.
  for (const name of ['kong.conf', 'edge.kong.conf', 'prod.kong.conf.j2', ...TEMPLATE_EXTENSIONS.map((x) => `kong.conf.${x}`)]) {
    assert.equal(detectKind(`conf/${name}`, ''), 'kong-conf', name);
    assert.ok(
      globs.some((g) => minimatch(name, g)),
      `language: ${name}`,
    );
    assert.ok(minimatch(`conf/${name}`, KONG_NAME_GLOB), `view: ${name}`);
    assert.ok(
      activation.some((g) => minimatch(`conf/${name}`, g)),
      `activation: ${name}`,
    );
    assert.ok(hook.test(`conf/${name}`), `hook: ${name}`);
  }
  for (const name of ['.env', 'prod.env', '.env.j2', ...TEMPLATE_EXTENSIONS.map((x) => `prod.env.${x}`)]) {
    assert.equal(detectKind(`conf/${name}`, 'KONG_LOG_LEVEL=debug\n'), 'env', name);
    assert.ok(hook.test(`conf/${name}`), `hook: ${name}`);
    assert.ok(
      documentSelector.some((sel) => 'pattern' in sel && typeof sel.pattern === 'string' && minimatch(`/w/conf/${name}`, sel.pattern, { dot: true })),
      `selector: ${name}`,
    );
  }
  // VS Code's file search (ripgrep) refuses a group inside a group ("nested alternate groups are not allowed").
  for (const g of [KONG_NAME_GLOB, WATCH_GLOB, ...activation]) assert.doesNotMatch(g, /\{[^}]*\{/, g);
  for (const name of ['kong.conf.bak', 'nginx.conf.j2']) {
    assert.notEqual(detectKind(name, ''), 'kong-conf', name);
    assert.ok(!globs.some((g) => minimatch(name, g)), name);
    assert.ok(!hook.test(name), name);
  }
});

test('content that makes a compose / .env / YAML file a Kong file', () => {
  assert.ok(looksLikeKongContent(fs.readFileSync(path.join(root, 'examples', 'docker-compose.yml'), 'utf8')));
  assert.ok(looksLikeKongContent(fs.readFileSync(path.join(root, 'examples', 'kong.yaml'), 'utf8')));
  assert.ok(looksLikeKongContent('KONG_DATABASE=off\n'));
  assert.ok(looksLikeKongContent('env:\n  - name: KONG_PROXY_LISTEN\n    value: 0.0.0.0:8000\n'));
  assert.ok(looksLikeKongContent('image:\n  repository: kong/kong-gateway\n  tag: "3.4"\n'));
  assert.ok(looksLikeKongContent('apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\n'));
  assert.ok(!looksLikeKongContent('services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: x\n'));
  assert.ok(!looksLikeKongContent('name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n'));
  assert.ok(!looksLikeKongContent('NODE_ENV=production\nMY_KONG_URL=http://kong:8001\n'));
  assert.ok(!looksLikeKongContent('services:\n  web:\n    image: mykong:1\n'));
  if (!fs.existsSync(corpus)) return;
  for (const f of fs.readdirSync(path.join(corpus, 'env'))) {
    const text = fs.readFileSync(path.join(corpus, 'env', f), 'utf8');
    if (/KONG_[A-Z]/.test(text)) assert.ok(looksLikeKongContent(text), `corpus/env/${f}`);
  }
  for (const f of fs.readdirSync(path.join(corpus, 'declarative'))) {
    assert.ok(looksLikeKongContent(fs.readFileSync(path.join(corpus, 'declarative', f), 'utf8')), `corpus/declarative/${f}`);
  }
});

test('virtualWorkspaces says "limited" and what works, matching the document selector', () => {
  const vw = pkg.capabilities.virtualWorkspaces;
  assert.equal(vw.supported, 'limited');
  assert.match(vw.description, /kong\.conf/);
  // What the description promises: kong.conf from any scheme; the other kinds from disk only.
  const anyScheme = documentSelector.filter((s) => !('scheme' in s));
  assert.deepEqual(anyScheme, [{ language: 'kong-conf' }]);
  for (const s of documentSelector.filter((x) => 'scheme' in x && x.scheme === 'file'))
    assert.ok(['yaml', 'json', 'dockercompose', 'dotenv', undefined].includes((s as { language?: string }).language));
  assert.match(vw.description, /YAML, JSON, docker-compose and \.env files/);
});

test("kong.fixAll.onSourceFixAll: contributed off by default, read by the server from VS Code's nested form", () => {
  const setting = pkg.contributes.configuration.properties['kong.fixAll.onSourceFixAll'];
  assert.equal(setting.type, 'boolean');
  assert.equal(setting.default, false);
  assert.equal(normalizeSettings({}).fixAllOnSourceFixAll, false);
  assert.equal(normalizeSettings({ fixAll: { onSourceFixAll: true } } as never).fixAllOnSourceFixAll, true);
  assert.equal(normalizeSettings({ fixAllOnSourceFixAll: true }).fixAllOnSourceFixAll, true);
});
