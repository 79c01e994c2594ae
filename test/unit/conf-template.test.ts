/**
 * Templates of kong.conf (Ansible's kong.conf.j2, ERB, Go templates): the markup a tool
 * renders away is not a line of the file, and two branches of an `if` are not duplicates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConf } from '../../server/src/core/conf/parser';
import { maskTemplate } from '../../server/src/core/conf/template';
import { looksLikeNginxConf } from '../../server/src/core/conf/nginxInclude';
import { settingsFromConf } from '../../server/src/core/conf/settings';
import { checkText, detectKind, fixAll, resolveEnv } from '../../server/src/core/check';
import { isCandidateName } from '../../server/src/core/scan';
import { settingsFromEnvFile } from '../../server/src/core/env/dotenv';
import { loadKnowledge } from '../../server/src/knowledge';

const names = (text: string) => parseConf(text).entries.map((e) => `${e.name}=${e.value}`);

test('Jinja block comments, statements and trim markers are not kong.conf lines', () => {
  const text = [
    '# {{ ansible_managed }}',
    '{#',
    '\tDatastore',
    '\tpg_host = not-a-setting',
    '#}',
    'database = postgres',
    '{% if kong_ssl %}',
    'ssl_cert = {{ cert_path }}',
    '{%- endif -%}',
    'log_level = debug {# inline note #}',
    '',
  ].join('\n');
  const r = parseConf(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(names(text), ['database=postgres', 'ssl_cert={{ cert_path }}', 'log_level=debug']);
  // Offsets are those of the file as written.
  const db = r.entries[0]!;
  assert.equal(text.slice(db.nameSpan.start, db.nameSpan.end), 'database');
  const settings = settingsFromConf(r);
  assert.equal(settings.find((s) => s.property === 'ssl_cert')!.templated, true);
  assert.equal(settings.find((s) => s.property === 'log_level')!.templated, false);
});

test('an inline statement is blanked and the value it touched is taken as templated', () => {
  const text = '{% if a %}pg_ssl = on{% endif %}\nproxy_listen = 0.0.0.0:8000{% if ssl %}, 0.0.0.0:8443 ssl{% endif %}\n';
  const r = parseConf(text);
  assert.deepEqual(r.errors, []);
  assert.equal(r.entries[0]!.name, 'pg_ssl');
  assert.equal(r.entries[0]!.templated, undefined, 'pg_ssl = on is written whole');
  assert.equal(r.entries[1]!.templated, true, 'what proxy_listen gets depends on the branch');
});

test('two branches of an if are not duplicates; a real duplicate still is', () => {
  const branches = '{% if kong_proxy_listen is string %}\nproxy_listen = {{ a }}\n{% else %}\nproxy_listen = {{ b }}\n{% endif %}\n';
  assert.equal(parseConf(branches).entries[0]!.overriddenBy, undefined);
  const go = '{{- if .Values.ssl }}\nadmin_listen = 0.0.0.0:8444 ssl\n{{- else }}\nadmin_listen = 0.0.0.0:8001\n{{- end }}\n';
  const g = parseConf(go);
  assert.deepEqual(g.errors, []);
  assert.equal(g.entries[0]!.overriddenBy, undefined);
  const plain = 'log_level = debug\nlog_level = info\n';
  assert.ok(parseConf(plain).entries[0]!.overriddenBy);
  const afterIf = '{% if x %}\nmem_cache_size = 1g\n{% endif %}\nlog_level = debug\nlog_level = info\n';
  assert.ok(parseConf(afterIf).entries[1]!.overriddenBy, 'both after the endif: the second wins');
});

test('ERB and Go comments and statements', () => {
  const text = '<%# managed by chef %>\n<% if @ssl %>\nssl = on\n<% end %>\npg_host = <%= @db_host %>\n{{/* a Go comment */}}\n{{ .Values.extra }}\n';
  const r = parseConf(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(names(text), ['ssl=on', 'pg_host=<%= @db_host %>']);
  assert.equal(settingsFromConf(r)[1]!.templated, true);
});

test('a stray opener in a kong.conf comment does not swallow the settings below it', () => {
  const text = '# see {# the docs\nlog_level = debug\n# end #}\nproxy_listen = 0.0.0.0:8000 # {% raw\n%}\n';
  const r = parseConf(text);
  assert.deepEqual(names(text), ['log_level=debug', 'proxy_listen=0.0.0.0:8000']);
  // The unmatched `%}` line stays what it is for Kong: a line it cannot read.
  assert.equal(r.errors.length, 1);
  // A block comment that opens its line ends within MAX_TAG characters or is not one.
  const long = `{#\n${'x = 1\n'.repeat(20_000)}#}\nlog_level = info\n`;
  assert.equal(parseConf(long).entries.length, 20_001);
});

test('the mask keeps every offset and line break, and is linear on hostile input', () => {
  const text = '{#\r\nA\r\n#}\r\na = 1\r\n';
  const m = maskTemplate(text)!;
  assert.equal(m.text.length, text.length);
  assert.equal(m.text, '  \r\n \r\n  \r\na = 1\r\n');
  assert.equal(maskTemplate('a = 1\n'), null);
  for (const hostile of ['{{'.repeat(200_000), `${'{%'.repeat(100_000)}\n%}`, `${' '.repeat(500_000)}${'{#x'.repeat(100_000)}`, '<%'.repeat(100_000) + '%>']) {
    const t0 = process.hrtime.bigint();
    const r = parseConf(hostile);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(Array.isArray(r.entries));
    assert.ok(ms < 2000, `${ms} ms`);
  }
});

test('kong.conf templates are found by name, by the editor and by a folder walk', () => {
  for (const name of ['kong.conf.j2', 'templates/kong.conf.jinja2', 'kong.conf.template', 'prod.kong.conf.tmpl', 'kong.conf.erb', 'kong.conf.ctmpl']) {
    assert.equal(detectKind(name, 'log_level = debug\n'), 'kong-conf', name);
    assert.ok(isCandidateName(name.split('/').pop()!), name);
  }
  assert.equal(detectKind('nginx.conf.j2', 'worker_processes 1;\n'), 'unknown');
});

test('a real Ansible template checks clean of syntax findings, and fix-all keeps the markup', () => {
  const k = loadKnowledge();
  const r = resolveEnv(k, { current: '0.13', target: '3.10', edition: 'oss' });
  assert.ok(r.ok);
  if (!r.ok) return;
  const text = [
    '{#',
    '\tNginx',
    '#}',
    'proxy_listen = {{ kong_proxy_listen }}',
    '{% if kong_database == "cassandra" %}',
    'cassandra_port = {{ kong_cassandra_port }}',
    '{% endif %}',
    'upstream_keepalive = 60',
    '',
  ].join('\n');
  const codes = checkText('kong-conf', text, r.env).findings.map((f) => f.code);
  assert.ok(!codes.includes('syntax'), codes.join(','));
  assert.ok(codes.includes('removed-property'));
  const fixed = fixAll('kong-conf', text, r.env).text;
  for (const line of ['{#', '#}', '{% if kong_database == "cassandra" %}', '{% endif %}', 'proxy_listen = {{ kong_proxy_listen }}']) assert.ok(fixed.split('\n').includes(line), line);
});

test('a .env template (prod.env.j2) is read the same way: its name, its Jinja lines and its branches', () => {
  for (const name of ['prod.env.j2', 'roles/kong/templates/kong.env.j2', '.env.j2']) {
    assert.equal(detectKind(name, 'KONG_DATABASE=off\n'), 'env', name);
    assert.ok(isCandidateName(name.split('/').pop()!), name);
  }
  const text = '{# managed #}\n{% if x %}\nKONG_PG_HOST=a\n{% else %}\nKONG_PG_HOST={{ db }}\n{% endif %}\nKONG_LOG_LEVEL=debug\nKONG_LOG_LEVEL=info\n';
  const r = settingsFromEnvFile(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.settings.map((s) => `${s.keyText}=${s.value}${s.templated ? ' (templated)' : ''}${s.overriddenBy ? ' (overridden)' : ''}`),
    ['KONG_PG_HOST=a', 'KONG_PG_HOST={{ db }} (templated)', 'KONG_LOG_LEVEL=debug (overridden)', 'KONG_LOG_LEVEL=info'],
  );
});

test('an Nginx include named *.kong.conf (Kong docs: my-server.kong.conf) is not a kong.conf; kong.conf itself always is', () => {
  const nginx = '# custom server\nserver {\n  listen 2112;\n  location / {\n    return 200;\n  }\n}\n';
  assert.equal(looksLikeNginxConf(nginx), true);
  assert.equal(detectKind('conf/my-server.kong.conf', nginx), 'unknown');
  assert.equal(detectKind('conf/modsec.kong.conf.j2', '{# managed #}\nmodsecurity on;\n'), 'unknown');
  // Settings, or nothing but comments: a kong.conf as before.
  assert.equal(detectKind('conf/edge.kong.conf', 'log_level = debug\nnginx_http_include = /etc/kong/my-server.kong.conf\n'), 'kong-conf');
  assert.equal(detectKind('conf/edge.kong.conf', '# all defaults\n'), 'kong-conf');
  assert.equal(detectKind('conf/kong.conf', nginx), 'kong-conf');
  assert.equal(looksLikeNginxConf('pg_host = a;\n'), false);
});
