/**
 * A checking session lets a piece's parsed tree go once the piece is checked and parses it
 * again when needed (see `drop` in session.ts). Whatever asks after that must get the
 * same answers as a session that never let anything go: another context, a changed
 * `_format_version`, a `_format_version` written after the entries, the model and data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import releases from '../../server/knowledge/releases.json';
import pluginsJson from '../../server/knowledge/plugins.json';
import { resolveVersion } from '../../server/src/core/version';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import type { PluginKnowledge } from '../../server/src/core/knowledge/pluginTypes';
import type { Finding } from '../../server/src/core/model';
import { checkDeclarative, DeclarativeSession, parseDeclarative, type DeclarativeContext } from '../../server/src/core/declarative';

const kb = pluginsJson as unknown as PluginKnowledge;
function ver(v: string) {
  const r = resolveVersion(releases as unknown as ReleasesKnowledge, v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
function ctx(from: string, to: string): DeclarativeContext {
  return { plugins: kb, current: ver(from), target: ver(to), customPlugins: [] };
}

function service(i: number): string {
  return [
    `- name: s${i}`,
    `  url: http://s${i}.internal`,
    `  routes:`,
    `  - name: r${i}`,
    `    paths:`,
    `    - /api/items/\\d+/${i}`,
    `  plugins:`,
    `  - name: rate-limiting`,
    `    config:`,
    `      minute: ${i + 1}`,
    `      policy: redis`,
    `      redis_host: r${i}`,
    `      redis_port: 6379`,
    `  - name: acl`,
    `    config:`,
    `      whitelist:`,
    `      - g${i}`,
    '',
  ].join('\n');
}
const services = Array.from({ length: 30 }, (_, i) => service(i)).join('');
const fvFirst = `_format_version: "1.1"\nservices:\n${services}`;
const fvLast = `services:\n${services}_format_version: "1.1"\n`;

/** What the model-based check (no session, nothing dropped) reports. */
function reference(text: string, c: DeclarativeContext): Finding[] {
  return checkDeclarative(parseDeclarative(text), c, text);
}
const key = (f: Finding) => `${f.span.start}:${f.span.end} ${f.code} ${f.severity} ${f.message} ${JSON.stringify(f.fixes ?? [])}`;
function same(got: Finding[], want: Finding[], msg: string): void {
  assert.ok(want.length > 30, `${msg}: the text has findings (${want.length})`);
  assert.deepEqual(got.map(key).sort(), want.map(key).sort(), msg);
}

test('a session agrees with the model-based check, also when _format_version comes after the entries', () => {
  for (const text of [fvFirst, fvLast]) {
    const c = ctx('2.8', '3.10');
    same(new DeclarativeSession(c).update(text).findings, reference(text, c), text === fvFirst ? 'format version first' : 'format version last');
  }
});

test('after a check, another context and an edited _format_version re-check the let-go pieces', () => {
  const s = new DeclarativeSession(ctx('2.8', '3.10'));
  s.update(fvFirst);
  const c2 = ctx('3.4', '3.10');
  s.setContext(c2);
  same(s.update(fvFirst).findings, reference(fvFirst, c2), 'new context');
  const edited = fvFirst.replace('_format_version: "1.1"', '_format_version: "3.0"');
  same(s.update(edited).findings, reference(edited, c2), 'edited _format_version');
});

test('model and data after a check are those of a parse-only session', () => {
  const s = new DeclarativeSession(ctx('2.8', '3.10'));
  const r = s.update(fvFirst);
  const m = r.model;
  const want = parseDeclarative(fvFirst);
  assert.equal(m.plugins.length, 60);
  assert.deepEqual(
    m.plugins.map((p) => [p.name, p.where, p.nameSpan, p.fields.map((f) => [f.path, f.value, f.keySpan])]),
    want.plugins.map((p) => [p.name, p.where, p.nameSpan, p.fields.map((f) => [f.path, f.value, f.keySpan])]),
  );
  assert.deepEqual(
    m.routePaths.map((x) => [x.value, x.span, x.where]),
    want.routePaths.map((x) => [x.value, x.span, x.where]),
  );
  assert.deepEqual(r.data(), new DeclarativeSession(null).update(fvFirst).data());
});
