/**
 * One folder per rule under test/rules/<rule-id>/: each *.conf states its versions in
 * its first line (`# check: from=.. to=.. [edition=..]`); beside it, `<case>.snap.json`
 * holds the expected findings and `<case>.fixed.conf` the text after fix-all.
 * UPDATE_SNAPSHOTS=1 rewrites them (review the diff before committing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, fixAll, resolveEnv, type KnowledgeSet } from '../../server/src/core/check';
import { LineIndex } from '../../server/src/core/text';

const root = path.resolve(__dirname, '..', 'rules');
const update = process.env.UPDATE_SNAPSHOTS === '1';
const knowledge: KnowledgeSet = loadKnowledge();

for (const rule of fs.readdirSync(root).sort()) {
  for (const file of fs.readdirSync(path.join(root, rule)).filter((f) => f.endsWith('.conf') && !f.endsWith('.fixed.conf'))) {
    test(`${rule}/${file}`, () => {
      const full = path.join(root, rule, file);
      const text = fs.readFileSync(full, 'utf8');
      const header = /^# check: (.*)$/m.exec(text)?.[1] ?? '';
      const opts = Object.fromEntries(
        header
          .split(/\s+/)
          .filter(Boolean)
          .map((kv) => kv.split('=') as [string, string]),
      );
      const r = resolveEnv(knowledge, { current: opts.from ?? '2.8', target: opts.to ?? '', edition: opts.edition === 'enterprise' ? 'enterprise' : 'oss' });
      assert.ok(r.ok, 'versions resolve');
      if (!r.ok) return;
      const idx = new LineIndex(text);
      const findings = checkText('kong-conf', text, r.env).findings.map((f) => {
        const p = idx.positionAt(f.span.start);
        return {
          line: p.line + 1,
          col: p.character + 1,
          code: f.code,
          severity: f.severity,
          text: text.slice(f.span.start, f.span.end),
          message: f.message,
          replacement: f.replacement ?? null,
          fixes: (f.fixes ?? []).map((x) => x.title),
        };
      });
      const fixed = fixAll('kong-conf', text, r.env).text;
      const base = full.replace(/\.conf$/, '');
      if (update) {
        fs.writeFileSync(`${base}.snap.json`, JSON.stringify(findings, null, 2) + '\n');
        fs.writeFileSync(`${base}.fixed.conf`, fixed);
      }
      assert.deepEqual(findings, JSON.parse(fs.readFileSync(`${base}.snap.json`, 'utf8')));
      assert.equal(fixed, fs.readFileSync(`${base}.fixed.conf`, 'utf8'));
      // Every rule folder must show its own rule at least once.
      assert.ok(
        findings.some((f) => f.code === rule),
        `expected at least one ${rule} finding`,
      );
    });
  }
}
