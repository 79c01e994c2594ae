/**
 * The kong.conf TextMate grammar (syntaxes/kong-conf.tmLanguage.json) run through the same
 * engine VS Code uses: vscode-textmate with the Oniguruma WASM of vscode-oniguruma.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..');
const GRAMMAR = path.join(root, 'syntaxes', 'kong-conf.tmLanguage.json');
const SCOPE = 'source.kong-conf';

interface Token {
  text: string;
  start: number;
  /** Scopes without the root scope. */
  scopes: string[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => (scopeName === SCOPE ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null),
  });
  const g = await registry.loadGrammar(SCOPE);
  assert.ok(g, 'grammar loads');
  grammar = g;
});

/** Tokens of each line of `text`, carrying the rule stack from line to line like an editor. */
function tokenize(text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes.slice(1) }));
  });
}

function line(text: string): Token[] {
  assert.ok(!text.includes('\n'));
  return tokenize(text)[0]!;
}

/**
 * The `nth` token whose text is exactly `piece`. Fails when no token is: the grammar split
 * `piece` into several tokens or merged it with its neighbours.
 */
function tok(tokens: Token[], piece: string, nth = 0): Token {
  const t = tokens.filter((x) => x.text === piece)[nth];
  assert.ok(t, `${JSON.stringify(piece)} (#${nth}) is not one token in ${show(tokens)}`);
  return t;
}

/** Innermost scope of the token that is exactly `piece`. */
function scopeOf(tokens: Token[], piece: string, nth = 0): string {
  const t = tok(tokens, piece, nth);
  return t.scopes[t.scopes.length - 1] ?? '';
}

function show(tokens: Token[]): string {
  return JSON.stringify(tokens.map((t) => [t.text, t.scopes.join(' ')]));
}

const PROP = 'variable.other.property.kong-conf';
const EQ = 'keyword.operator.assignment.kong-conf';
const COMMENT = 'comment.line.number-sign.kong-conf';
const BOOL = 'constant.language.boolean.kong-conf';
const NUM = 'constant.numeric.kong-conf';
const SIZE = 'constant.numeric.size.kong-conf';
const DURATION = 'constant.numeric.duration.kong-conf';
const FLAG = 'keyword.other.listen-flag.kong-conf';
const FLAG_VALUE = 'constant.other.listen-flag-value.kong-conf';
const TEMPLATE = 'variable.parameter.template.kong-conf';
const COMMA = 'punctuation.separator.list.kong-conf';
const STRING = 'string.unquoted.value.kong-conf';
const ESCAPE = 'constant.character.escape.kong-conf';

describe('kong.conf grammar', () => {
  test('a whole-line comment, with or without leading space, is one comment', () => {
    for (const text of ['# database = postgres', '   #pg_host = 127.0.0.1']) {
      const ts = line(text);
      const nonBlank = ts.filter((t) => t.text.trim() !== '');
      assert.ok(
        nonBlank.every((t) => t.scopes.includes(COMMENT)),
        show(ts),
      );
      assert.ok(!ts.some((t) => t.scopes.includes(PROP)), `a commented-out property is no property: ${show(ts)}`);
      assert.equal(scopeOf(ts, '#'), 'punctuation.definition.comment.kong-conf');
    }
  });

  test('property name, = and value; spacing around = is optional', () => {
    const ts = line('log_level = notice');
    assert.equal(scopeOf(ts, 'log_level'), PROP);
    assert.equal(scopeOf(ts, '='), EQ);
    assert.equal(scopeOf(ts, 'notice'), STRING);

    const tight = line('  nginx_http_client_max_body_size=0');
    assert.equal(scopeOf(tight, 'nginx_http_client_max_body_size'), PROP);
    assert.equal(scopeOf(tight, '='), EQ);
    assert.equal(scopeOf(tight, '0'), NUM);
  });

  test('a line without = is not a property', () => {
    const ts = line('not_a_property');
    assert.ok(!ts.some((t) => t.scopes.includes(PROP)), show(ts));
  });

  test('a trailing # starts a comment, an escaped \\# stays in the value', () => {
    const trailing = line('log_level = notice # chatty');
    assert.equal(scopeOf(trailing, 'notice'), STRING);
    assert.ok(tok(trailing, ' chatty').scopes.includes(COMMENT), show(trailing));

    const escaped = line('pg_password = abc\\#def');
    assert.ok(!escaped.some((t) => t.scopes.includes(COMMENT)), `\\# is no comment: ${show(escaped)}`);
    assert.equal(scopeOf(escaped, '\\#'), ESCAPE);
    for (const piece of ['abc', '\\#', 'def']) assert.ok(tok(escaped, piece).scopes.includes(STRING), `${piece} is part of the value: ${show(escaped)}`);

    const both = line('pg_password = p\\#ss # real comment');
    assert.ok(tok(both, 'ss').scopes.includes(STRING), show(both));
    assert.ok(tok(both, ' real comment').scopes.includes(COMMENT), show(both));
  });

  test('booleans on/off/true/false, but not inside longer words', () => {
    for (const b of ['on', 'off', 'true', 'false']) assert.equal(scopeOf(line(`anonymous_reports = ${b}`), b), BOOL, b);
    assert.equal(scopeOf(line('x=on'), 'on'), BOOL);
    for (const v of ['on-call', 'offline', 'true_ish', '/etc/on']) {
      const ts = line(`x = ${v}`);
      assert.equal(scopeOf(ts, v), STRING, `${v}: ${show(ts)}`);
    }
  });

  test('plain numbers, signed and decimal', () => {
    assert.equal(scopeOf(line('pg_port = 5432'), '5432'), NUM);
    assert.equal(scopeOf(line('x = -1'), '-1'), NUM);
    assert.equal(scopeOf(line('dns_stale_ttl = 3.5'), '3.5'), NUM);
  });

  test('sizes and durations', () => {
    assert.equal(scopeOf(line('mem_cache_size = 128m'), '128m'), SIZE);
    assert.equal(scopeOf(line('client_body_buffer_size = 8k'), '8k'), SIZE);
    assert.equal(scopeOf(line('x = 1G'), '1G'), SIZE);
    assert.equal(scopeOf(line('nginx_http_keepalive_timeout = 60s'), '60s'), DURATION);
    assert.equal(scopeOf(line('x = 500ms'), '500ms'), DURATION);
    assert.equal(scopeOf(line('x = 1h'), '1h'), DURATION);
    // A size-looking start of a longer value is no size.
    for (const v of ['128m.conf', '8kb', '/tmp/8k']) assert.equal(scopeOf(line(`x = ${v}`), v), STRING, v);
  });

  test('listen addresses stay whole; listen flags and backlog=N are marked', () => {
    const ts = line('proxy_listen = 0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl proxy_protocol');
    assert.equal(scopeOf(ts, '0.0.0.0:8000'), STRING);
    assert.equal(scopeOf(ts, '0.0.0.0:8443'), STRING);
    assert.ok(!ts.some((t) => t.scopes.includes(NUM)), `no number inside an address: ${show(ts)}`);
    for (const f of ['reuseport', 'http2', 'ssl', 'proxy_protocol', 'backlog']) assert.equal(scopeOf(ts, f), FLAG, f);
    assert.equal(scopeOf(ts, '16384'), FLAG_VALUE);
    assert.equal(scopeOf(ts, '=', 1), 'keyword.operator.kong-conf', 'the = of backlog=N is not the assignment');
    assert.equal(scopeOf(ts, ','), COMMA);

    const v6 = line('admin_listen = 127.0.0.1:8001, [::1]:8444 ssl');
    assert.equal(scopeOf(v6, '127.0.0.1:8001'), STRING);
    assert.equal(scopeOf(v6, '[::1]:8444'), STRING);
    assert.equal(scopeOf(v6, 'ssl'), FLAG);

    // A flag name inside a longer word is no flag.
    assert.equal(scopeOf(line('x = ssl_only'), 'ssl_only'), STRING);
    assert.equal(scopeOf(line('x = /etc/ssl/cert.pem'), '/etc/ssl/cert.pem'), STRING);
  });

  test('templates: {{ var }}, ${VAR}, %(name)s; also inside a value', () => {
    assert.equal(scopeOf(line('prefix = {{ kong_prefix }}'), '{{ kong_prefix }}'), TEMPLATE);
    assert.equal(scopeOf(line('pg_host = ${PG_HOST}'), '${PG_HOST}'), TEMPLATE);
    assert.equal(scopeOf(line('x = %(prefix)s'), '%(prefix)s'), TEMPLATE);
    const inside = line('ssl_cert = /certs/${ENV}/{{ name }}.pem');
    assert.equal(scopeOf(inside, '${ENV}'), TEMPLATE);
    assert.equal(scopeOf(inside, '{{ name }}'), TEMPLATE);
    assert.ok(tok(inside, '/certs/').scopes.includes(STRING), show(inside));
    assert.ok(tok(inside, '.pem').scopes.includes(STRING), show(inside));
  });

  test('lists: commas separate items, each item keeps its own scope', () => {
    const ts = line('plugins = bundled,my-plugin, 8k ,on');
    assert.equal(scopeOf(ts, ','), COMMA);
    assert.equal(scopeOf(ts, ',', 1), COMMA);
    assert.equal(scopeOf(ts, ',', 2), COMMA);
    assert.equal(scopeOf(ts, 'bundled'), STRING);
    assert.equal(scopeOf(ts, 'my-plugin'), STRING);
    assert.equal(scopeOf(ts, '8k'), SIZE);
    assert.equal(scopeOf(ts, 'on'), BOOL);
  });

  test('values with dots, colons and slashes are one string', () => {
    for (const v of ['3.4.3.19', '0.0.0.0/0', '::/0', './?.lua;./?/init.lua;', 'kong.example.com:443']) {
      const ts = line(`x = ${v}`);
      assert.equal(scopeOf(ts, v), STRING, `${v}: ${show(ts)}`);
    }
  });

  test('state does not leak from one line to the next', () => {
    const lines = tokenize('a = 0.0.0.0:8000 # note\nb = on\n# c = 1\nd = 8k');
    assert.equal(scopeOf(lines[1]!, 'b'), PROP);
    assert.equal(scopeOf(lines[1]!, 'on'), BOOL);
    assert.ok(
      lines[2]!.every((t) => t.scopes.includes(COMMENT)),
      show(lines[2]!),
    );
    assert.equal(scopeOf(lines[3]!, 'd'), PROP);
    assert.equal(scopeOf(lines[3]!, '8k'), SIZE);
  });

  test('every sample line of examples/kong.conf gets a property or comment scope', (t) => {
    const file = path.join(root, 'examples', 'kong.conf');
    if (!fs.existsSync(file)) return t.skip('examples/kong.conf is absent');
    const text = fs.readFileSync(file, 'utf8');
    const lines = tokenize(text);
    text.split('\n').forEach((src, i) => {
      if (!src.trim()) return;
      const ts = lines[i]!;
      const first = ts.find((x) => x.text.trim() !== '');
      assert.ok(first && (first.scopes.includes(PROP) || first.scopes.includes(COMMENT)), `line ${i + 1} ${JSON.stringify(src)}: ${show(ts)}`);
    });
  });
});
