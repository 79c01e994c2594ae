import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, resolveEnv } from '../../server/src/core/check';
import { pinDefaultsEdits, unsetDefaultChanges } from '../../server/src/core/conf/pin';
import { applyEdits } from '../../server/src/core/text';

const k = loadKnowledge();
function env(from: string, to: string, edition: 'oss' | 'enterprise' = 'oss') {
  const r = resolveEnv(k, { current: from, target: to, edition });
  assert.ok(r.ok, 'versions resolve');
  return (r as { ok: true; env: Parameters<typeof checkText>[2] }).env;
}

test('pinning 2.8 -> 3.4 keeps the defaults that change, as lines the target accepts without complaint', () => {
  const e = env('2.8', '3.4');
  const text = 'pg_host = db\n';
  const pin = pinDefaultsEdits('kong-conf', text, e);
  assert.ok(pin, 'there is something to pin');
  const out = applyEdits(text, pin!.edits);
  assert.match(out, /^vaults = off {2}# 3\.0\.0: default becomes bundled$/m, 'vaults default off -> bundled is pinned');
  assert.match(out, /^upstream_keepalive_pool_size = 60 /m);
  assert.ok(!/^worker_consistency/m.test(out), 'deprecated in the target: not pinned');
  assert.ok(!/default becomes $/m.test(out), 'no dangling comment');
  assert.deepEqual(checkText('kong-conf', out, e).findings, [], 'the pinned file checks clean against the target');
});

test('values the target rejects, properties the current version lacks and Enterprise-only ones are not pinned', () => {
  const e = env('2.8', '3.10');
  const text = 'pg_host = x\n';
  const pin = pinDefaultsEdits('kong-conf', text, e);
  const out = pin ? applyEdits(text, pin.edits) : text;
  assert.ok(!/pg_ssl_version/.test(out), 'tlsv1 is rejected by 3.10');
  assert.ok(!/^vitals/m.test(out), 'Enterprise-only while running OSS 2.8');
  assert.ok(!/pg_keepalive_timeout/.test(out), 'OSS 2.8 did not have it');
  assert.deepEqual(
    checkText('kong-conf', out, e).findings.filter((f) => f.severity !== 'information'),
    [],
    'no errors or warnings after pinning',
  );
  // The plan still lists every change, pinnable or not.
  assert.ok(unsetDefaultChanges('kong-conf', text, e).some((c) => c.property === 'worker_consistency'));
});

test('.env files get KONG_ names; set properties are never pinned', () => {
  const e = env('2.8', '3.4');
  const text = 'KONG_VAULTS=bundled\n';
  const out = applyEdits(text, pinDefaultsEdits('env', text, e)!.edits);
  assert.match(out, /^KONG_UPSTREAM_KEEPALIVE_POOL_SIZE=60$/m);
  assert.equal((out.match(/KONG_VAULTS=/g) ?? []).length, 1, 'already set: left alone');
});
