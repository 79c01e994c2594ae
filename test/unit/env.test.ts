import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import {
  NON_SETTING_ENV_VARS,
  detectEnvKind,
  isKongSettingVar,
  settingPropertyOfVar,
  settingsFor,
  settingsFromCompose,
  settingsFromEnvFile,
  settingsFromHelmValues,
  settingsFromKubernetes,
  type EnvKind,
} from '../../server/src/core/env/index';
import { goFloatString } from '../../server/src/core/env/yamlSupport';
import { isPlainSafe } from '../../server/src/core/yamlScalar';
import type { Setting } from '../../server/src/core/conf/settings';
import { applyEdits } from '../../server/src/core/text';

const FIX = path.resolve(__dirname, '../fixtures/env');
const SHARED = path.resolve(__dirname, '../../../shared');
const read = (f: string): string => fs.readFileSync(path.join(FIX, f), 'utf8');

const slice = (text: string, sp: { start: number; end: number }): string => text.slice(sp.start, sp.end);
const byKey = (settings: Setting[], keyText: string): Setting[] => settings.filter((s) => s.keyText === keyText);
const one = (settings: Setting[], keyText: string, nth = 0): Setting => {
  const s = byKey(settings, keyText)[nth];
  assert.ok(s, `no setting ${keyText}#${nth}`);
  return s;
};

/** Replace a setting's value with `v` spelled by the setting, parse again, return the new setting at the same key. */
function respell(kind: EnvKind, text: string, s: Setting, v: string): { text: string; again: Setting | undefined } {
  const t2 = applyEdits(text, [{ start: s.valueSpan.start, end: s.valueSpan.end, newText: s.spellValue(v) }]);
  const again = settingsFor(kind, t2).settings.find((x) => x.keySpan.start === s.keySpan.start);
  return { text: t2, again };
}

const TRICKY_VALUES = ['off', 'on', 'yes', '8000', '1e3', '0.0.0.0:8001 ssl, 0.0.0.0:8444 http2 ssl', 'a: b', 'x #y', 'say "hi"', 'C:\\path', '$remote_addr', '[1,2]', '', ' padded '];

function yamlErrors(text: string): string[] {
  return parseAllDocuments(text).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : []));
}

/** Every setting takes every tricky value through spellValue and reads it back unchanged (YAML stays valid). */
function assertRoundTrips(kind: EnvKind, text: string, settings: Setting[], skip: (s: Setting, v: string) => boolean, values = TRICKY_VALUES): void {
  for (const s of settings) {
    for (const v of values) {
      if (skip(s, v)) continue;
      const { text: t2, again } = respell(kind, text, s, v);
      if (kind !== 'env') assert.deepEqual(yamlErrors(t2), [], `${s.keyText} <- ${JSON.stringify(v)}`);
      assert.equal(again?.value, v, `${s.keyText} <- ${JSON.stringify(v)}\n${t2}`);
    }
  }
}

describe('allow-list of KONG_* variables that are not settings', () => {
  test('exported list holds the image and licensing variables', () => {
    for (const n of ['KONG_VERSION', 'KONG_IMAGE', 'KONG_DOCKER_TAG', 'KONG_LICENSE_DATA', 'KONG_LICENSE_PATH', 'KONG_PASSWORD']) {
      assert.ok(NON_SETTING_ENV_VARS.has(n), n);
      assert.equal(isKongSettingVar(n), false, n);
    }
  });
  test('settings, including injected nginx directives and unknown names, stay settings', () => {
    assert.equal(settingPropertyOfVar('KONG_PG_HOST'), 'pg_host');
    assert.equal(settingPropertyOfVar('KONG_NGINX_PROXY_PROXY_BUFFER_SIZE'), 'nginx_proxy_proxy_buffer_size');
    assert.equal(settingPropertyOfVar('KONG_REDIS_HOST'), 'redis_host');
    assert.equal(settingPropertyOfVar('KONG_TEST_DATABASE'), null);
    assert.equal(settingPropertyOfVar('POSTGRES_USER'), null);
    assert.equal(settingPropertyOfVar('KONG_'), null);
    assert.equal(settingPropertyOfVar('XKONG_PG_HOST'), null);
  });
  test('every parser skips allow-listed names', () => {
    assert.deepEqual(settingsFromEnvFile('KONG_VERSION=3.4\nKONG_LICENSE_DATA={}\n').settings, []);
    assert.deepEqual(settingsFromCompose('services:\n  k:\n    environment:\n      KONG_DOCKER_TAG: x\n').settings, []);
    assert.deepEqual(settingsFromHelmValues('env:\n  password: x\n  license_path: /l\n').settings, []);
  });
});

describe('.env files', () => {
  const text = read('sample.env');
  const { settings, errors } = settingsFromEnvFile(text);

  test('reads names, values and exact spans', () => {
    assert.deepEqual(errors, []);
    for (const s of settings) assert.equal(slice(text, s.keySpan), s.keyText);
    assert.deepEqual(
      settings.map((s) => s.property),
      ['database', 'pg_host', 'pg_password', 'log_level', 'proxy_listen', 'admin_listen', 'log_level', 'nginx_http_client_body_buffer_size', 'headers', 'trusted_ips'],
    );
    assert.equal(one(settings, 'KONG_PG_HOST').value, 'db.internal'); // export, spaces around =
    const pw = one(settings, 'KONG_PG_PASSWORD');
    assert.equal(pw.value, 'p@ss "word"');
    assert.equal(slice(text, pw.valueSpan), 'p@ss \\"word\\"');
    assert.equal(one(settings, 'KONG_LOG_LEVEL').value, 'debug');
    assert.equal(slice(text, one(settings, 'KONG_LOG_LEVEL').valueSpan), 'debug');
    assert.equal(one(settings, 'KONG_PROXY_LISTEN').value, '0.0.0.0:8000'); // inline comment dropped
    assert.equal(one(settings, 'KONG_HEADERS').value, 'server_tokens,\nlatency_tokens');
    assert.equal(one(settings, 'KONG_TRUSTED_IPS').value, '');
    assert.equal(one(settings, 'KONG_PG_HOST').spellKey('pg_port'), 'KONG_PG_PORT');
  });

  test('templated values and duplicates', () => {
    assert.equal(one(settings, 'KONG_ADMIN_LISTEN').templated, true);
    assert.equal(one(settings, 'KONG_DATABASE').templated, false);
    const [a, b] = byKey(settings, 'KONG_LOG_LEVEL');
    assert.equal(a!.overriddenBy, b);
    assert.equal(b!.overriddenBy, undefined);
  });

  test('spellValue keeps each quoting style and round-trips', () => {
    // Nothing can be escaped inside single quotes.
    assertRoundTrips('env', text, settings, (s, v) => text[s.valueSpan.start - 1] === "'" && v.includes("'"));
    assert.equal(one(settings, 'KONG_DATABASE').spellValue('a #b'), '"a #b"');
    assert.equal(one(settings, 'KONG_PG_PASSWORD').spellValue('x"y'), 'x\\"y');
  });

  test('commentOut disables the entry (every line of a multi-line value)', () => {
    const headers = one(settings, 'KONG_HEADERS');
    const out = applyEdits(text, headers.commentOut('removed in 3.0')!);
    assert.match(out, /# removed in 3\.0\n# KONG_HEADERS="server_tokens,\n# latency_tokens"/);
    const after = settingsFromEnvFile(out).settings;
    assert.equal(after.length, settings.length - 1);
    assert.equal(byKey(after, 'KONG_HEADERS').length, 0);
    const host = applyEdits(text, one(settings, 'KONG_PG_HOST').commentOut()!);
    assert.match(host, /\n# export KONG_PG_HOST = db\.internal\n/);
  });

  test('reports lines it cannot read and keeps going', () => {
    const r = settingsFromEnvFile('not a line\nKONG_A="unclosed\nKONG_B=1\n');
    assert.ok(r.errors.length >= 1);
    assert.equal(r.errors[0]!.message, 'Expected "=" after not');
  });
});

describe('docker-compose files', () => {
  const text = read('docker-compose.yml');
  const { settings, errors } = settingsFromCompose(text);

  test('map and list forms, anchors merged once, exact spans', () => {
    assert.deepEqual(errors, []);
    for (const s of settings) assert.equal(slice(text, s.keySpan), s.keyText);
    // The anchored map is one set of settings, however many services merge it.
    assert.equal(byKey(settings, 'KONG_PG_HOST').length, 2);
    const listen = one(settings, 'KONG_PROXY_LISTEN');
    assert.equal(listen.value, '0.0.0.0:8000, 0.0.0.0:8443 ssl');
    assert.equal(slice(text, listen.valueSpan), '0.0.0.0:8000, 0.0.0.0:8443 ssl');
    assert.equal(one(settings, 'KONG_LOG_LEVEL').value, 'notice');
    const fmt = one(settings, 'KONG_NGINX_HTTP_LOG_FORMAT');
    assert.equal(fmt.value, "custom '$remote_addr'");
    assert.equal(fmt.templated, false);
    assert.equal(one(settings, 'KONG_PG_PASSWORD').templated, true);
    assert.equal(one(settings, 'KONG_PLUGINS').templated, true); // no value: taken from the shell
    assert.equal(settingsFromCompose('services:\n  k:\n    environment:\n      KONG_PLUGINS: null\n').settings[0]?.templated, true);
    assert.equal(settingsFromCompose('services:\n  k:\n    environment:\n      KONG_PLUGINS: ""\n').settings[0]?.templated, false);
    const decl = one(settings, 'KONG_DECLARATIVE_CONFIG');
    assert.equal(slice(text, decl.valueSpan), '/kong/kong.yml');
    assert.equal(one(settings, 'KONG_PG_USER').templated, true);
    assert.equal(one(settings, 'KONG_PREFIX').value, '/tmp/kong');
    assert.equal(byKey(settings, 'KONG_VERSION').length, 0);
    assert.equal(byKey(settings, 'POSTGRES_USER').length, 0);
    assert.equal(listen.spellKey('admin_gui_api_url'), 'KONG_ADMIN_GUI_API_URL');
  });

  test('duplicates per service', () => {
    const [anchored, own] = byKey(settings, 'KONG_PG_HOST');
    // The anchor's KONG_PG_HOST is overridden in `kong` but still used by `migrations`.
    assert.equal(anchored!.overriddenBy, undefined);
    assert.equal(own!.overriddenBy, undefined);
    const [off, pg] = byKey(settings, 'KONG_DATABASE').filter((s) => s.keySpan.start > text.indexOf('kong-list:'));
    assert.equal(off!.value, 'off');
    assert.equal(off!.overriddenBy, pg);
    const overridesOwn = settingsFromCompose('x: &a\n  KONG_PG_HOST: db\nservices:\n  k:\n    environment:\n      <<: *a\n      KONG_PG_HOST: other\n').settings;
    assert.equal(overridesOwn[0]!.overriddenBy, overridesOwn[1]);
  });

  test('spellValue round-trips, escaping $ and quoting plain values that would change type', () => {
    assertRoundTrips('docker-compose', text, settings, (s, v) => {
      const before = text.slice(0, s.keySpan.start).trimEnd();
      // Documented limitation: the tail of a plain `- KONG_X=...` item cannot gain quotes.
      if (/[-[,]$/.test(before) && /: |\s#|^\s|\s$/.test(v)) return true;
      return /[[,]$/.test(before) && /[,[\]{}]/.test(v);
    });
    assert.equal(one(settings, 'KONG_ANONYMOUS_REPORTS').spellValue('on'), '"on"');
    assert.equal(one(settings, 'KONG_DNS_ORDER').spellValue('LAST,A'), 'LAST,A');
    assert.equal(one(settings, 'KONG_LOG_LEVEL').spellValue("it's"), "it''s");
    assert.equal(one(settings, 'KONG_NGINX_HTTP_LOG_FORMAT').spellValue('$x'), '$$x');
  });

  test('commentOut: map entries, list items, the last entry of a list, flow collections', () => {
    const listen = one(settings, 'KONG_PROXY_LISTEN');
    const out = applyEdits(text, listen.commentOut('not needed')!);
    assert.match(out, /\n {6}# not needed\n {6}# KONG_PROXY_LISTEN: "0\.0\.0\.0:8000/);
    assert.deepEqual(yamlErrors(out), []);
    assert.equal(parseYaml(out).services.kong.environment.KONG_PROXY_LISTEN, undefined);
    assert.equal(settingsFromCompose(out).settings.length, settings.length - 1);

    const item = one(settings, 'KONG_DECLARATIVE_CONFIG');
    const out2 = applyEdits(text, item.commentOut()!);
    assert.deepEqual(yamlErrors(out2), []);
    assert.deepEqual(parseYaml(out2).services['kong-list'].environment, ['KONG_DATABASE=off', 'KONG_ADMIN_LISTEN=0.0.0.0:8001', 'KONG_PG_USER', 'OTHER=1', 'KONG_DATABASE=postgres']);

    const ssl = one(settings, 'KONG_SSL');
    const out3 = applyEdits(text, ssl.commentOut()!);
    assert.deepEqual(yamlErrors(out3), []);
    assert.deepEqual(parseYaml(out3).services['kong-single'].environment, []);
    assert.match(out3, /# - KONG_SSL=on/);

    assert.equal(one(settings, 'KONG_PREFIX').commentOut(), null); // inside [ ... ]
  });

  test('v1 files keep services at the top level; malformed YAML gives errors, not exceptions', () => {
    const v1 = settingsFromCompose('kong:\n  image: kong\n  environment:\n    - KONG_DATABASE=cassandra\n');
    assert.equal(v1.settings[0]?.value, 'cassandra');
    const bad = settingsFromCompose('services:\n  k:\n    environment:\n      KONG_A: "x\n    - y: [\n');
    assert.ok(bad.errors.length > 0);
  });
});

describe('Kubernetes manifests', () => {
  const text = read('deployment.yaml');
  const { settings, errors } = settingsFromKubernetes(text);

  test('containers, init containers, CronJob templates and ConfigMaps', () => {
    for (const s of settings) assert.equal(slice(text, s.keySpan), s.keyText);
    assert.deepEqual(
      settings.map((s) => s.property),
      ['pg_host', 'database', 'log_level', 'pg_password', 'nginx_worker_processes', 'admin_listen', 'cluster_cert', 'log_level', 'log_level', 'proxy_access_log', 'pg_host'],
    );
    const db = one(settings, 'KONG_DATABASE');
    assert.equal(db.value, 'off');
    assert.equal(slice(text, db.valueSpan), 'off');
    assert.equal(text.slice(db.valueSpan.start - 1, db.valueSpan.end + 1), '"off"');
    assert.equal(one(settings, 'KONG_PG_PASSWORD').templated, true); // valueFrom
    assert.equal(one(settings, 'KONG_CLUSTER_CERT').templated, true); // $(VAR)
    assert.equal(one(settings, 'KONG_ADMIN_LISTEN').templated, false);
  });

  test('plain numbers or booleans are reported: Kubernetes wants strings', () => {
    assert.equal(errors.length, 1);
    assert.equal(slice(text, errors[0]!.span), '2');
    assert.match(errors[0]!.message, /number/);
  });

  test('duplicates are per container', () => {
    const [info, debug, warn] = byKey(settings, 'KONG_LOG_LEVEL');
    assert.equal(info!.overriddenBy, debug);
    assert.equal(debug!.overriddenBy, undefined);
    assert.equal(warn!.overriddenBy, undefined); // another container
  });

  test('spellValue round-trips and keeps values strings', () => {
    // valueFrom: no value in the file to replace.
    assertRoundTrips('kubernetes', text, settings, (s) => s.templated && s.value === '', [...TRICKY_VALUES, '$(NOT_A_REF)']);
    assert.equal(one(settings, 'KONG_NGINX_WORKER_PROCESSES').spellValue('4'), '"4"');
    assert.equal(one(settings, 'KONG_LOG_LEVEL').spellValue('notice'), 'notice');
  });

  test('commentOut comments the name and value lines at their indentation', () => {
    const s = one(settings, 'KONG_PG_PASSWORD');
    const out = applyEdits(text, s.commentOut()!);
    assert.match(out, /\n {12}# - name: KONG_PG_PASSWORD\n {12}# {3}valueFrom:\n {12}# {5}secretKeyRef:/);
    assert.deepEqual(yamlErrors(out), []);
    const after = settingsFromKubernetes(out).settings;
    assert.equal(after.length, settings.length - 1);
    assert.equal(byKey(after, 'KONG_PG_PASSWORD').length, 0);
    // The only entry of an init container's env leaves `env: []`.
    const init = applyEdits(text, settings[0]!.commentOut()!);
    const deployment = parseAllDocuments(init)[1]!.toJS();
    assert.deepEqual(deployment.spec.template.spec.initContainers[0].env, []);
    // A flow item inside a flow list cannot be commented out line by line.
    assert.equal(settings[settings.length - 1]!.commentOut(), null);
  });

  test('malformed manifests give errors', () => {
    const r = settingsFromKubernetes('kind: Pod\nspec:\n  containers:\n  - name: k\n    env:\n    - name: KONG_X\n      value: "a\n');
    assert.ok(r.errors.length > 0);
  });
});

describe("Helm values of Kong's chart", () => {
  const text = read('values.yaml');
  const { settings, errors } = settingsFromHelmValues(text);

  test('keys are property names; values as Helm hands them to Kong', () => {
    assert.deepEqual(errors, []);
    for (const s of settings) assert.equal(slice(text, s.keySpan), s.keyText);
    assert.equal(one(settings, 'database').value, 'off');
    assert.equal(one(settings, 'anonymous_reports').value, 'false'); // plain off is a YAML 1.1 boolean
    assert.equal(slice(text, one(settings, 'anonymous_reports').valueSpan), 'off');
    assert.equal(one(settings, 'mem_cache_size').value, '1e+06'); // Helm numbers are float64
    assert.equal(one(settings, 'nginx_worker_processes').value, '2');
    assert.equal(one(settings, 'proxy_access_log').value, '/dev/stdout');
    assert.equal(one(settings, 'pg_password').templated, true);
    assert.equal(byKey(settings, 'version').length, 0);
    assert.equal(byKey(settings, 'kong_admin_tls_skip_verify').length, 0); // controller env is not Kong's
    assert.equal(one(settings, 'LOG_LEVEL').property, 'log_level');
    assert.equal(one(settings, 'database').spellKey('pg_host'), 'pg_host');
    assert.equal(one(settings, 'log_level').overriddenBy, one(settings, 'LOG_LEVEL'));
  });

  test('spellValue round-trips and quotes what YAML 1.1 would retype', () => {
    assertRoundTrips('helm-values', text, settings, (s) => s.templated);
    assert.equal(one(settings, 'anonymous_reports').spellValue('off'), '"off"');
    assert.equal(one(settings, 'prefix').spellValue('/usr/local/kong'), '/usr/local/kong');
  });

  test('commentOut removes the key (map values included) and keeps the YAML valid', () => {
    const out = applyEdits(text, one(settings, 'pg_password').commentOut()!);
    assert.deepEqual(yamlErrors(out), []);
    assert.equal(parseYaml(out).env.pg_password, undefined);
    assert.equal(parseYaml(out).env.log_level, 'notice');
    const single = 'env:\n  database: "off"\nproxy: {}\n';
    const s = settingsFromHelmValues(single).settings[0]!;
    const out2 = applyEdits(single, s.commentOut()!);
    assert.equal(out2, 'env: {}\n  # database: "off"\nproxy: {}\n');
    assert.deepEqual(parseYaml(out2).env, {});
  });

  test('kong/ingress chart keeps gateway values under gateway:', () => {
    const r = settingsFromHelmValues('gateway:\n  env:\n    router_flavor: expressions\ncontroller:\n  ingressController:\n    env: {}\n');
    assert.deepEqual(
      r.settings.map((s) => [s.property, s.value]),
      [['router_flavor', 'expressions']],
    );
  });
});

describe('detectEnvKind', () => {
  test('by file name', () => {
    assert.equal(detectEnvKind('/p/.env', ''), 'env');
    assert.equal(detectEnvKind('/p/kong.env', ''), 'env');
    assert.equal(detectEnvKind('/p/.env.production', ''), 'env');
    assert.equal(detectEnvKind('/p/docker-compose.yml', ''), 'docker-compose');
    assert.equal(detectEnvKind('C:\\p\\docker-compose.override.yaml', ''), 'docker-compose');
    assert.equal(detectEnvKind('/p/compose.yaml', ''), 'docker-compose');
    assert.equal(detectEnvKind('/p/.envrc', 'KONG_X=1'), null);
    assert.equal(detectEnvKind('/p/kong.conf', 'KONG_X=1'), null);
  });
  test('by content', () => {
    assert.equal(detectEnvKind('/p/k.yaml', read('deployment.yaml')), 'kubernetes');
    assert.equal(detectEnvKind('/p/stack.yml', read('docker-compose.yml')), 'docker-compose');
    assert.equal(detectEnvKind('/p/my-values.yaml', read('values.yaml')), 'helm-values');
    assert.equal(detectEnvKind('/p/values-dev.yaml', 'env:\n  database: "off"\n'), 'helm-values');
    assert.equal(detectEnvKind('/p/old.yml', 'kong:\n  image: kong\n  environment:\n    - KONG_DATABASE=off\n'), 'docker-compose');
  });
  test('unrelated YAML stays unclaimed', () => {
    assert.equal(detectEnvKind('/p/kong.yaml', '_format_version: "3.0"\nservices:\n- name: s\n  url: http://x\n'), null);
    assert.equal(
      detectEnvKind('/p/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - name: FOO\n          value: x\n'),
      null,
    );
    assert.equal(detectEnvKind('/p/values.yaml', 'env:\n  FOO_BAR: x\nreplicaCount: 1\n'), null);
    assert.equal(detectEnvKind('/p/other.yaml', 'env:\n  database: "off"\n'), null);
    assert.equal(detectEnvKind('/p/ci.yml', 'services:\n  web:\n    image: nginx\n    environment:\n      FOO: bar\n'), null);
    assert.equal(detectEnvKind('/p/broken.yaml', 'a: [\n'), null);
  });
});

describe('YAML helpers', () => {
  test('plain-safety follows YAML 1.1 and 1.2 typing', () => {
    for (const v of ['off', 'Yes', 'y', '8000', '0x1F', '1:20', 'null', '~', 'a: b', 'x #y', '- x', '*a', '', ' a']) assert.equal(isPlainSafe(v), false, v);
    for (const v of ['postgres', '0.0.0.0:8000', '/dev/stdout', 'LAST,SRV,A', 'a#b', 'http://x:1/y']) assert.equal(isPlainSafe(v), true, v);
    assert.equal(isPlainSafe('a,b', true), false);
  });
  test('numbers print like Go prints a float64', () => {
    assert.equal(goFloatString(2), '2');
    assert.equal(goFloatString(100000), '100000');
    assert.equal(goFloatString(1000000), '1e+06');
    assert.equal(goFloatString(1234567), '1.234567e+06');
    assert.equal(goFloatString(0.5), '0.5');
    assert.equal(goFloatString(0.00001), '1e-05');
  });
  test('settingsFor dispatches by kind', () => {
    assert.equal(settingsFor('env', 'KONG_A=1').settings[0]?.property, 'a');
    assert.equal(settingsFor('helm-values', 'env:\n  a: "1"\n').settings[0]?.property, 'a');
  });
});

describe('line endings and non-ASCII text', () => {
  test('CRLF and astral characters keep spans exact', () => {
    const env = '# 🦍 gorilla\r\nKONG_LOG_LEVEL=debug # 🦍\r\nKONG_PG_HOST="h"\r\n';
    const e = settingsFromEnvFile(env).settings;
    assert.deepEqual(
      e.map((s) => [slice(env, s.keySpan), slice(env, s.valueSpan)]),
      [
        ['KONG_LOG_LEVEL', 'debug'],
        ['KONG_PG_HOST', 'h'],
      ],
    );
    assert.equal(applyEdits(env, e[1]!.commentOut()!), '# 🦍 gorilla\r\nKONG_LOG_LEVEL=debug # 🦍\r\n# KONG_PG_HOST="h"\r\n');
    const yml = 'services:\r\n  k: # 🦍\r\n    environment:\r\n      - name=🦍\r\n      - KONG_ROUTER_FLAVOR=expressions\r\n      - KONG_LOG_LEVEL=debug\r\n';
    const c = settingsFromCompose(yml).settings;
    assert.deepEqual(
      c.map((s) => [slice(yml, s.keySpan), slice(yml, s.valueSpan)]),
      [
        ['KONG_ROUTER_FLAVOR', 'expressions'],
        ['KONG_LOG_LEVEL', 'debug'],
      ],
    );
    const out = applyEdits(yml, c[0]!.commentOut()!);
    assert.match(out, /\r\n {6}# - KONG_ROUTER_FLAVOR=expressions\r\n {6}- KONG_LOG_LEVEL=debug/);
    assert.deepEqual(parseYaml(out).services.k.environment, ['name=🦍', 'KONG_LOG_LEVEL=debug']);
  });
});

describe('corpus of real files', () => {
  const dir = path.join(SHARED, 'corpus/env');
  test('every file parses and key spans match', (t) => {
    if (!fs.existsSync(dir)) {
      t.skip(`no corpus at ${dir}`);
      return;
    }
    const files = fs.readdirSync(dir).filter((f) => !f.endsWith('.tsv'));
    assert.ok(files.length > 0);
    let total = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const kind: EnvKind = detectEnvKind(f, text) ?? (f.endsWith('.env') ? 'env' : /helm/.test(f) ? 'helm-values' : /k8s|manifest/.test(f) ? 'kubernetes' : 'docker-compose');
      const r = settingsFor(kind, text);
      assert.ok(r.settings.length > 0, `${f}: no settings`);
      total += r.settings.length;
      for (const s of r.settings) {
        assert.equal(text.slice(s.keySpan.start, s.keySpan.end), s.keyText, f);
        assert.ok(s.valueSpan.start <= s.valueSpan.end && s.valueSpan.end <= text.length, f);
        if (!s.templated) assert.equal(s.value.length > 0 || s.valueSpan.start === s.valueSpan.end, true, f);
      }
    }
    assert.ok(total > 100, `only ${total} settings`);
  });
  test('real files are detected by content, whatever their name', (t) => {
    if (!fs.existsSync(dir)) {
      t.skip(`no corpus at ${dir}`);
      return;
    }
    const want: Record<string, EnvKind> = {
      '006-navikt-k8s-deployment-2.0.yaml': 'kubernetes',
      '010-klasmart-helm-values-2.8.yaml': 'helm-values',
      '002-lecongnam-compose-3.10.yml': 'docker-compose',
      '015-arehmandev-compose-cassandra-0.9.yml': 'docker-compose',
    };
    for (const [f, kind] of Object.entries(want)) {
      const p = path.join(dir, f);
      if (!fs.existsSync(p)) continue;
      assert.equal(detectEnvKind(f, fs.readFileSync(p, 'utf8')), kind, f);
    }
  });
});
