import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/knowledge';
import { planForWorkspace, isNginxTemplate, workspaceFacts, type WorkspaceFile } from '../../server/src/core/planner/workspace';
import { planToMarkdown } from '../../server/src/core/planner/markdown';
import { runCli } from '../../server/src/cli';
import { fakeCliIO } from './helpers/cliIo';

const io = (files: Record<string, string>) => {
  const f = fakeCliIO(files);
  return { cli: f.io, out: f.out, err: f.err };
};

const k = loadKnowledge();
const K = { ...k, upgrade: k.upgrade! };

const CONF = 'log_level = notice\nnginx_optimizations = on\nopentelemetry_tracing = all\n';
const DECK = '_format_version: "1.1"\nplugins:\n- name: rate-limiting\n  config:\n    minute: 5\n    redis_host: r\n';

test('each hop lists what it breaks in the files, once, at the hop that breaks it', () => {
  const files: WorkspaceFile[] = [{ path: 'conf/kong.conf', text: CONF, kind: 'kong-conf' }];
  const plan = planForWorkspace({ from: '2.8.5', to: '3.10', topology: 'traditional', edition: 'enterprise' }, files, K);
  assert.ok(!plan.error, plan.error?.message);
  const hopOf = (code: string, property: string) => plan.hops.findIndex((h) => h.findings.some((f) => f.code === code && f.property === property));
  const into3 = plan.hops.findIndex((h) => h.toLine.startsWith('3.'));
  assert.equal(hopOf('removed-property', 'nginx_optimizations'), into3, 'removal shows on the hop into 3.x');
  const removed = plan.hops[into3]!.findings.find((f) => f.property === 'nginx_optimizations')!;
  assert.equal(removed.path, 'conf/kong.conf');
  assert.equal(removed.line, 2);
  assert.equal(plan.hops.filter((h) => h.findings.some((f) => f.property === 'nginx_optimizations' && f.code === 'removed-property')).length, 1, 'listed once');
  // opentelemetry_tracing only exists from 3.0 and is deprecated in 3.2: on a later hop, as deprecated.
  const depHop = hopOf('deprecated-property', 'opentelemetry_tracing');
  assert.ok(depHop >= into3, 'deprecation appears on or after the 3.x hop');
  // Defaults that change for unset properties are findings of the file too.
  assert.ok(plan.hops.some((h) => h.findings.some((f) => f.code === 'default-changed' && /worker_consistency/.test(f.message))));
});

test('plugin changelog entries are kept only for plugins the workspace uses; the rest are counted', () => {
  const none = planForWorkspace({ from: '2.8', to: '3.10', topology: 'dbless', edition: 'enterprise' }, [], K);
  const withDeck = planForWorkspace({ from: '2.8', to: '3.10', topology: 'dbless', edition: 'enterprise' }, [{ path: 'kong.yaml', text: DECK, kind: 'declarative' }], K);
  const pluginEntries = (p: typeof none) => p.hops.flatMap((h) => [...h.changes.breaking, ...h.changes.deprecations]).filter((c) => c.plugins.length || c.pluginsInferred?.length);
  assert.ok(pluginEntries(none).length === 0, 'no plugin entries without plugins in the workspace');
  assert.ok(pluginEntries(withDeck).length > 0, 'rate-limiting entries are kept');
  assert.ok(pluginEntries(withDeck).every((c) => [...c.plugins, ...(c.pluginsInferred ?? [])].includes('rate-limiting')));
  assert.ok(none.notes.some((n) => n.code === 'changes-not-in-workspace'));
  const deckFinding = withDeck.hops.flatMap((h) => h.findings).find((f) => f.plugin === 'rate-limiting');
  assert.ok(deckFinding, 'the decK file is scoped too');
  assert.equal(deckFinding!.path, 'kong.yaml');
  assert.deepEqual(workspaceFacts([{ path: 'kong.yaml', text: DECK, kind: 'declarative' }]).plugins, ['rate-limiting']);
});

test('custom Nginx templates: the removed Kong.serve_admin_api alias is flagged on the hop into 3.0', () => {
  const tpl = 'server {\n  location / {\n    content_by_lua_block {\n      Kong.serve_admin_api()\n    }\n  }\n}\n';
  assert.ok(isNginxTemplate('nginx-kong.conf', tpl));
  assert.ok(!isNginxTemplate('kong.conf', 'log_level = debug\n'));
  const plan = planForWorkspace({ from: '2.8', to: '3.4', topology: 'traditional', edition: 'enterprise' }, [{ path: 'nginx-kong.conf', text: tpl, kind: 'nginx-template' }], K);
  const f = plan.hops.flatMap((h) => h.findings).find((x) => x.path === 'nginx-kong.conf');
  assert.ok(f, 'template finding');
  assert.equal(f!.line, 4);
  assert.match(f!.message, /Kong\.admin_content/);
  assert.ok(
    plan.hops.some((h) => h.strategy.steps.some((s) => /template/i.test(s.text))),
    'a step says to compare templates',
  );
});

test('the Markdown checklist carries the findings with relative file links', () => {
  const plan = planForWorkspace({ from: '2.8', to: '3.4', topology: 'hybrid', edition: 'enterprise' }, [{ path: 'conf/kong.conf', text: CONF, kind: 'kong-conf' }], K);
  const md = planToMarkdown(plan);
  assert.match(md, /- \[ \] /);
  assert.match(md, /\[conf\/kong\.conf:2\]\(conf\/kong\.conf#L2\)/);
});

test('kong-upgrade plan: JSON shape, Markdown, and clear errors', () => {
  const a = io({ 'kong.conf': CONF });
  assert.equal(runCli(['plan', '--from', '2.5.0', '--to', '3.10', '--topology', 'hybrid', 'kong.conf', '--format', 'json'], a.cli), 0);
  const j = JSON.parse(a.out.join(''));
  for (const key of ['from', 'to', 'topology', 'edition', 'hops', 'notes']) assert.ok(key in j, key);
  assert.equal(j.topology, 'hybrid');
  assert.deepEqual(
    j.hops.map((h: { to: string }) => h.to.split('.').slice(0, 2).join('.')),
    ['2.8', '3.4', '3.10'],
  );
  for (const h of j.hops) for (const key of ['from', 'to', 'guaranteed', 'rules', 'strategy', 'steps', 'findings']) assert.ok(key in h, key);
  const f = j.hops[1].findings.find((x: { code: string }) => x.code === 'removed-property');
  assert.deepEqual(Object.keys(f).sort(), ['code', 'message', 'path', 'property', 'range', 'replacement', 'severity']);
  assert.deepEqual(f.range.start, { line: 1, character: 0 });
  assert.ok(j.hops[2].steps.some((s: { text: string }) => /control plane/i.test(s.text)));
  const m = io({ 'kong.conf': CONF });
  assert.equal(runCli(['plan', '--from', '2.8', '--to', '3.4', '--topology', 'traditional', '--edition', 'enterprise', '--format', 'markdown', 'kong.conf'], m.cli), 0);
  assert.match(m.out.join(''), /^# /);
  for (const [argv, re] of [
    [['plan', '--from', '2.8', '--to', '3.10'], /--topology/],
    [['plan', '--from', '2.8', '--to', '3.10', '--topology', 'mesh'], /--topology must be one of/],
    [['plan', '--from', 'x', '--to', '3.10', '--topology', 'hybrid'], /x/],
    [['plan', '--from', '2.8', '--to', '3.10', '--topology', 'hybrid', 'nope.conf'], /file not found/],
  ] as Array<[string[], RegExp]>) {
    const e = io({});
    assert.equal(runCli(argv, e.cli), 2, argv.join(' '));
    assert.match(e.err.join('\n'), re);
  }
  const down = io({});
  assert.equal(runCli(['plan', '--from', '3.4', '--to', '2.8', '--topology', 'traditional', '--edition', 'enterprise'], down.cli), 0);
  assert.match(down.out.join('\n'), /downgrade|older/i);
});

test('default changes are listed once per hop, with the property, and not when any file sets it', () => {
  const files: WorkspaceFile[] = [
    { path: 'kong.conf', text: 'pg_host = db\n', kind: 'kong-conf' },
    { path: 'docker-compose.yml', text: 'services:\n  kong:\n    environment:\n      KONG_VAULTS: bundled\n', kind: 'docker-compose' },
    { path: '.env', text: 'KONG_PG_USER=kong\n', kind: 'env' },
  ];
  const plan = planForWorkspace({ from: '2.8', to: '3.4', topology: 'traditional', edition: 'enterprise' }, files, K);
  const defaults = plan.hops.flatMap((h) => h.findings).filter((f) => f.code === 'default-changed');
  assert.ok(defaults.length > 0, 'some defaults change between 2.8 and 3.4');
  const props = defaults.map((f) => f.property);
  assert.equal(new Set(props).size, props.length, 'each property once');
  assert.ok(
    defaults.every((f) => f.path === 'kong.conf' && typeof f.property === 'string'),
    'placed on the kong.conf, with the property',
  );
  assert.ok(props.includes('worker_consistency'), 'unset everywhere: listed');
  assert.ok(!props.includes('vaults'), 'set in docker-compose: not listed');
});
