/**
 * With no edition chosen, a pair only Enterprise has (3.10 and 3.14 are Enterprise only) is
 * read in Enterprise on both sides, as the plan reads it: the checks and the plan agree, and
 * an Enterprise-only property is not said to be ignored by the version run today.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../server/src/cli';
import { resolveEnv, checkText } from '../../server/src/core/check';
import { loadKnowledge } from '../../server/src/knowledge';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { fakeCliIO } from './helpers/cliIo';

const k = loadKnowledge();
const CONF = 'enforce_rbac = on\nlog_level = debug\n';

test('resolveEnv: the default edition follows an Enterprise-only target; a chosen edition is kept', () => {
  const d = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss', editionIsDefault: true });
  assert.ok(d.ok);
  if (!d.ok) return;
  assert.equal(d.env.current.edition, 'enterprise');
  assert.equal(d.env.target.edition, 'enterprise');
  assert.ok(d.notes.some((n) => /Kong 2\.8 is read as Kong Gateway Enterprise too/.test(n)));
  assert.deepEqual(
    checkText('kong-conf', CONF, d.env).findings.map((f) => f.code),
    [],
  );

  const chosen = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss' });
  assert.ok(chosen.ok);
  if (!chosen.ok) return;
  assert.equal(chosen.env.current.edition, 'oss');
  // An open-source 2.8 really ignores enforce_rbac: with the oss edition chosen, that is said.
  assert.deepEqual(
    checkText('kong-conf', CONF, chosen.env).findings.map((f) => f.code),
    ['new-in-target'],
  );

  // Both open source: nothing to follow.
  const oss = resolveEnv(k, { current: '2.8', target: '3.4', edition: 'oss', editionIsDefault: true });
  assert.ok(oss.ok && oss.env.current.edition === 'oss' && oss.env.target.edition === 'oss');
  // A four-part Enterprise current version takes the target along.
  const ee = resolveEnv(k, { current: '2.8.4.14', target: '3.4', edition: 'oss', editionIsDefault: true });
  assert.ok(ee.ok && ee.env.current.edition === 'enterprise' && ee.env.target.edition === 'enterprise');
});

test('CLI: without --edition, check and plan read the same editions; --edition oss keeps open source', () => {
  const d = fakeCliIO({ '.env': 'KONG_ENFORCE_RBAC=on\n' });
  runCli(['check', '.env', '--from', '2.8', '--to', '3.14', '--format', 'json'], d.io);
  assert.deepEqual(
    JSON.parse(d.out.join('')).files[0].findings.map((f: { code: string }) => f.code),
    [],
  );
  assert.match(d.err.join('\n'), /Kong 2\.8 is read as Kong Gateway Enterprise too/);
  // The plan of the same pair is an Enterprise plan from 2.8 on.
  const plan = fakeCliIO({ '.env': 'KONG_ENFORCE_RBAC=on\n' });
  runCli(['plan', '--from', '2.8', '--to', '3.14', '--topology', 'traditional', '--format', 'json', '.env'], plan.io);
  const p = JSON.parse(plan.out.join(''));
  assert.equal(p.edition, 'enterprise');
  assert.match(p.from, /^2\.8/);

  const o = fakeCliIO({ '.env': 'KONG_ENFORCE_RBAC=on\n' });
  runCli(['check', '.env', '--from', '2.8', '--to', '3.14', '--edition', 'oss', '--format', 'json'], o.io);
  assert.deepEqual(
    JSON.parse(o.out.join('')).files[0].findings.map((f: { code: string }) => f.code),
    ['new-in-target'],
  );
});

test('editor settings: the edition is a default until the user sets one', () => {
  assert.equal(normalizeSettings({}).editionIsDefault, true);
  assert.equal(normalizeSettings({ edition: 'oss' }).editionIsDefault, false);
  assert.equal(normalizeSettings({ edition: 'enterprise' }).editionIsDefault, false);
});
