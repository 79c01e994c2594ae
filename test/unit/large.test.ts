/**
 * Files far larger than people write by hand, with a finding on almost every line:
 * the checks finish and return every finding (no stack overflow, no silent empty result).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, resolveEnv } from '../../server/src/core/check';
import { sized } from '../support/exhaustive';

const k = loadKnowledge();
const r = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss' });

// Quick: 60k lines / 8k services, far past any recursion or argument-spread limit
// (KONG_EXHAUSTIVE=1: 200k and 26k, 100k+ findings).
const CONF_LINES = sized(60_000, 200_000);
const DECK_SERVICES = sized(8_000, 26_000);

test(`a kong.conf with ${CONF_LINES / 1000}k findings`, () => {
  assert.ok(r.ok, 'versions resolve');
  if (!r.ok) return;
  const text = 'nginx_optimizations = on\n'.repeat(CONF_LINES);
  const findings = checkText('kong-conf', text, r.env).findings;
  // Overridden lines are listed up to 10,000, then one finding sums up the rest; the last line has its own.
  const listed = Math.min(CONF_LINES - 1, 10_000);
  assert.equal(findings.length, listed + (CONF_LINES - 1 > listed ? 1 : 0) + 1);
  if (CONF_LINES - 1 > listed) assert.ok(findings.some((f) => f.message.startsWith(`${(CONF_LINES - 1 - listed).toLocaleString('en-US')} more lines`)));
});

test(`a decK file with more than ${(DECK_SERVICES * 4) / 1000}k findings`, () => {
  assert.ok(r.ok, 'versions resolve');
  if (!r.ok) return;
  const one = (i: number) =>
    `- name: s${i}\n  url: http://s${i}.internal\n  plugins:\n  - name: rate-limiting\n    config:\n      minute: ${(i % 50) + 1}\n      policy: redis\n      redis_host: r${i}\n      redis_port: 7000\n      redis_database: 3\n  - name: acl\n    config:\n      whitelist:\n      - g${i}\n`;
  let text = '_format_version: "1.1"\nservices:\n';
  for (let i = 0; i < DECK_SERVICES; i++) text += one(i);
  const findings = checkText('declarative', text, r.env, 'kong.yaml').findings;
  assert.ok(findings.length >= DECK_SERVICES * 4, `${findings.length} findings`);
});
