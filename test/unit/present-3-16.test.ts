/** 3.16 (the newest released line) as target and as current version, through the CLI, the settings resolution, the picker and the hovers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../server/src/cli';
import { loadKnowledge } from '../../server/src/knowledge';
import { resolveEnv, type KnowledgeSet } from '../../server/src/core/check';
import { propertyHover } from '../../server/src/core/hover';
import { knownVersions } from '../../server/src/lsp/versions';
import { versionItems } from '../../client/src/versionItems';
import { fakeCliIO } from './helpers/cliIo';

const fakeIO = (files: Record<string, string>) => fakeCliIO(files, { today: () => '2026-12-07' });

const K = loadKnowledge() as KnowledgeSet;

test('kong-upgrade check --to 3.16 and --from 3.16', () => {
  const f = fakeIO({ 'kong.conf': 'nginx_optimizations = on\nanalytics_enabled = off\n' });
  assert.equal(runCli(['check', 'kong.conf', '--from', '2.8', '--to', '3.16'], f.io), 1);
  assert.match(f.out.join('\n'), /removed-property "nginx_optimizations" was removed in Kong 3\.0\.0; Kong 3\.16 ignores it/);
  assert.match(f.out.join('\n'), /new-in-target "analytics_enabled" is new/);
  const g = fakeIO({ 'kong.conf': 'analytics_enabled = off\n' });
  assert.equal(runCli(['check', 'kong.conf', '--from', '3.16', '--to', '3.16'], g.io), 0, g.err.join('\n'));
});

test('kong-upgrade plan --to 3.16', () => {
  const f = fakeIO({});
  assert.equal(runCli(['plan', '--from', '3.10', '--to', '3.16', '--topology', 'hybrid', '--format', 'json'], f.io), 0, f.err.join('\n'));
  const plan = JSON.parse(f.out.join(''));
  assert.deepEqual(
    plan.hops.map((h: { to: string }) => h.to),
    ['3.14.0.13', '3.15.0.4', '3.16.0.1'],
  );
});

test('settings, picker and hovers know 3.16', () => {
  const r = resolveEnv(K, { current: '3.16.0.1', target: '3.16', edition: 'enterprise' });
  assert.ok(r.ok);
  const known = knownVersions(K.releases, '2026-12-07');
  assert.equal(known.versions[0]!.minor, '3.16');
  assert.equal(versionItems(known, 'currentVersion', '3.16')[0]!.version, '3.16');
  if (r.ok) assert.match(propertyHover('analytics_enabled', r.env), /3\.16/);
});
