/**
 * The product over real kong.conf and env files written by Kong users
 * (../shared/corpus): no crash, and fix-all never loses data: every value the user
 * wrote is still in the fixed file, under its name, its replacement, or commented out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, detectKind, fixAll, resolveEnv } from '../../server/src/core/check';
import { settingsOf } from '../../server/src/core/fileSettings';
import { parseConf } from '../../server/src/core/conf/parser';
import type { Finding } from '../../server/src/core/model';

const corpus = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const k = loadKnowledge();
const targets = ['3.4', '3.10', '3.14'];

function versionOf(file: string): string {
  const m = /-(\d+\.\d+)(\.x)?\.[a-z]+$/.exec(file);
  return m && k.releases.lines.some((l) => l.minor === m[1]) ? m[1]! : '2.8';
}

for (const sub of ['kong-conf', 'env']) {
  const dir = path.join(corpus, sub);
  if (!fs.existsSync(dir)) {
    test(`corpus/${sub}`, (t) => t.skip(`../shared/corpus/${sub} is not present beside the project`));
    continue;
  }
  for (const file of fs.readdirSync(dir).sort()) {
    test(`corpus/${sub}/${file}`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const name = sub === 'kong-conf' ? 'kong.conf' : file.endsWith('.env') ? '.env' : /compose/.test(file) ? 'docker-compose.yml' : file;
      const kind = detectKind(name, text);
      if (sub === 'kong-conf') assert.equal(kind, 'kong-conf');
      if (kind === 'unknown') return;
      for (const to of targets) {
        const r = resolveEnv(k, { current: versionOf(file), target: to, edition: 'oss' });
        assert.ok(r.ok);
        if (!r.ok) return;
        const findings: Finding[] = checkText(kind, text, r.env).findings;
        for (const f of findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end);
        // Real kong.conf files load in Kong, and their templates (Ansible's kong.conf.j2) once
        // rendered: their template markup is not a line Kong cannot read.
        if (sub === 'kong-conf')
          assert.deepEqual(
            findings.filter((f) => f.code === 'syntax').map((f) => text.slice(f.span.start, f.span.end)),
            [],
          );
        const fixed: string = fixAll(kind, text, r.env).text;
        // Idempotent: fixing the fixed file changes nothing more.
        assert.equal(fixAll(kind, fixed, r.env).text, fixed, `fix-all is stable (${to})`);
        const before = settingsOf(kind, text).settings;
        const after = settingsOf(kind, fixed).settings;
        for (const s of before) {
          const kept = after.some((a) => a.value === s.value);
          const commented = sub === 'kong-conf' ? parseConf(fixed.replace(/^#(?=\S)/gm, '')).entries.some((e) => e.value === s.value) : fixed.includes(s.value);
          assert.ok(kept || commented, `${s.keyText} = ${s.value} survives the fixes (${to})`);
        }
      }
    });
  }
}
