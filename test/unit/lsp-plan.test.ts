import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectInProcess } from './helpers/lspClient';
import type { UpgradePlanResult } from '../../server/src/protocol';

test('kong/upgradePlan plans and scopes to the Kong files of the workspace folder', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-ws-'));
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'conf', 'kong.conf'), 'log_level = notice\nnginx_optimizations = on\n');
  fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'kong.conf'), 'nginx_optimizations = on\n');
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: x\n');
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  kong:\n    environment:\n      KONG_NGINX_OPTIMIZATIONS: "on"\n');
  const client = connectInProcess();
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' })));
  client.onRequest('client/registerCapability', () => null);
  client.onNotification(() => undefined);
  client.listen();
  try {
    const root = pathToFileURL(dir).toString();
    await client.sendRequest('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
    await client.sendNotification('initialized', {});
    const r = (await client.sendRequest('kong/upgradePlan', { topology: 'hybrid' })) as UpgradePlanResult;
    assert.deepEqual(Object.keys(r.files).sort(), ['conf/kong.conf', 'docker-compose.yml'], 'node_modules and other YAML are left out');
    assert.equal(r.plan.from, '2.8');
    assert.ok(r.plan.hops.length >= 2);
    assert.ok(
      r.notes.some((n) => /Enterprise/.test(n)),
      'the switch to Enterprise is said',
    );
    const found = r.plan.hops.flatMap((h) => h.findings);
    assert.ok(found.some((f) => f.path === 'conf/kong.conf' && f.line === 2 && f.code === 'removed-property'));
    assert.ok(found.some((f) => f.path === 'docker-compose.yml' && f.line === 4 && f.code === 'removed-property'));
    assert.match(r.markdown, /\[conf\/kong\.conf:2\]\(conf\/kong\.conf#L2\)/);
    const bad = (await client.sendRequest('kong/upgradePlan', { topology: 'hybrid', from: 'nope' })) as UpgradePlanResult;
    assert.ok(bad.plan.error, 'an unknown version is an answer, not a crash');
  } finally {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
