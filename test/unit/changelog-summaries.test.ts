import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import releasesJson from '../../server/knowledge/releases.json';
import upgradeJson from '../../server/knowledge/upgrade.json';
import summariesJson from '../../scripts/kb/changelog-summaries.json';
import type { ReleasesKnowledge } from '../../server/src/core/knowledge/types';
import { planUpgrade } from '../../server/src/core/planner/plan';
import { changelogLine, planToMarkdown } from '../../server/src/core/planner/markdown';
import { planToJson, planToText } from '../../server/src/core/planner/render';
import type { ChangelogRef, PlannerKnowledge, UpgradeKnowledge } from '../../server/src/core/planner/types';
import { COPY_LIMIT, SUMMARY_MAX, buildUpgrade, copiedPiece, summaryProblem } from '../../scripts/kb/upgrade';

const K: PlannerKnowledge = { releases: releasesJson as unknown as ReleasesKnowledge, upgrade: upgradeJson as unknown as UpgradeKnowledge };
const SHARED = path.resolve(__dirname, '../../../shared');
const ENTRIES = path.join(SHARED, 'kong-facts/releases/changelog-entries.json');
const summaries = summariesJson as Record<string, string>;

interface Entry {
  source_index: string;
  kind: string;
  text: string;
}
const loadEntries = (): Entry[] => (JSON.parse(fs.readFileSync(ENTRIES, 'utf8')) as { entries: Entry[] }).entries;

describe('changelog summaries in upgrade.json', () => {
  test('every ref has a non-empty one-line summary of at most 110 characters', () => {
    const refs = K.upgrade.changelog;
    assert.ok(refs.length >= 150, `expected the full changelog, got ${refs.length}`);
    for (const r of refs) {
      assert.equal(typeof r.summary, 'string', `${r.id} has a summary`);
      const s = r.summary as string;
      assert.ok(s.trim().length > 0, `${r.id}: empty summary`);
      assert.ok(s.length <= SUMMARY_MAX, `${r.id}: ${s.length} chars`);
      assert.ok(!/[\r\n]/.test(s), `${r.id}: one line`);
      assert.notEqual(s, r.label, `${r.id}: summary is more than the generated label`);
    }
    assert.equal(SUMMARY_MAX, 110);
  });

  test('the summaries file has exactly one entry per ref and upgrade.json carries it unchanged', () => {
    const ids = K.upgrade.changelog.map((r) => r.id).sort();
    assert.deepEqual(Object.keys(summaries).sort(), ids);
    for (const r of K.upgrade.changelog) assert.equal(r.summary, summaries[r.id], r.id);
  });

  test('summaries are not all alike (each says what its entry is about)', () => {
    const distinct = new Set(Object.values(summaries));
    // Kong repeats some entries across patch releases; most summaries still differ.
    assert.ok(distinct.size > Object.keys(summaries).length * 0.8, `${distinct.size} distinct of ${Object.keys(summaries).length}`);
  });

  test('refs that name a pull request link to it; identifiers are carried', () => {
    const pr = K.upgrade.changelog.filter((r) => /\/pull\/\d+$/.test(r.link));
    assert.ok(pr.length > 20, `${pr.length} refs link a pull request`);
    const route = K.upgrade.changelog.find((r) => r.id === '3.0.0.0/kong-ee[91]');
    assert.ok(route, 'the 3.0 regex-path entry is kept');
    assert.equal(route.link, 'https://github.com/Kong/kong/pull/9027');
    const prom = K.upgrade.changelog.find((r) => r.id === '3.0.0.0/kong-ee[54]');
    assert.deepEqual(prom?.identifiers, ['http_requests_total', 'http_status']);
  });
});

describe('summaries are in our own words', () => {
  test('copiedPiece finds a shared 60-character run and ignores shorter ones', () => {
    const kong = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi.';
    assert.ok(copiedPiece(`Intro. ${kong.slice(5, 70)} tail`, kong));
    assert.equal(copiedPiece(kong.slice(0, COPY_LIMIT - 1), kong), undefined);
    assert.ok(copiedPiece(kong.slice(0, COPY_LIMIT).toUpperCase(), kong), 'case does not hide a copy');
    assert.match(summaryProblem(kong, kong) ?? '', /equals|copies|chars/);
    assert.equal(summaryProblem(undefined, kong), 'no summary');
    assert.equal(summaryProblem('Fine summary', kong), undefined);
  });

  test('no summary equals or contains a 60+ character piece of its entry text', (t) => {
    if (!fs.existsSync(ENTRIES)) {
      t.skip('../shared/kong-facts/releases/changelog-entries.json is not present beside the repository');
      return;
    }
    const byId = new Map(loadEntries().map((e) => [e.source_index, e]));
    for (const [id, s] of Object.entries(summaries)) {
      const e = byId.get(id);
      assert.ok(e, `${id} exists in the facts`);
      assert.notEqual(s.trim().toLowerCase(), e.text.trim().toLowerCase(), id);
      assert.equal(copiedPiece(s, e.text), undefined, `${id} copies Kong's wording`);
    }
  });

  test('the build refuses a kept entry without a summary, or with a copied one', (t) => {
    if (!fs.existsSync(ENTRIES)) {
      t.skip('../shared/kong-facts is not present beside the repository');
      return;
    }
    const facts = path.join(SHARED, 'kong-facts');
    const missing = { ...summaries };
    delete missing['3.0.0.0/kong-ee[91]'];
    assert.throws(() => buildUpgrade(facts, missing), /3\.0\.0\.0\/kong-ee\[91\]: no summary/);
    const entry = loadEntries().find((e) => e.source_index === '3.4.0.0/kong-ee[6]');
    assert.ok(entry);
    const copied = { ...summaries, '3.4.0.0/kong-ee[6]': entry.text.slice(0, 100).replace(/\s+/g, ' ') };
    assert.throws(() => buildUpgrade(facts, copied), /3\.4\.0\.0\/kong-ee\[6\]: summary (copies|is)/);
    const long = { ...summaries, '3.4.0.0/kong-ee[6]': 'x'.repeat(SUMMARY_MAX + 1) };
    assert.throws(() => buildUpgrade(facts, long), /max 110/);
  });
});

describe('summaries in the rendered plan', () => {
  const plan = planUpgrade({ from: '2.8', to: '3.4', topology: 'traditional', edition: 'enterprise' }, K);
  const routeRef = (): ChangelogRef => {
    const r = plan.hops.flatMap((h) => h.changes.breaking).find((c) => c.id === '3.0.0.0/kong-ee[91]');
    assert.ok(r, 'the 2.8 -> 3.4 plan carries the 3.0 regex-path entry');
    return r;
  };

  test('markdown of 2.8 -> 3.4 lists the regex-path summary with version and its pull request', () => {
    const md = planToMarkdown(plan);
    const r = routeRef();
    const line = md.split('\n').find((l) => l.includes('https://github.com/Kong/kong/pull/9027'));
    assert.ok(line, 'a changelog line links PR 9027');
    assert.match(line, /^- \*\*3\.0\.0\.0\*\* Route paths that are regexes must start with ~ /);
    assert.ok(line.includes('`_format_version`'), line);
    assert.ok(line.includes('([#9027](https://github.com/Kong/kong/pull/9027))'), line);
    assert.equal(line, changelogLine(r));
    assert.ok(!md.includes(r.label), 'the generated label is no longer the entry text');
  });

  test('markdown lines show plugins and kong.conf properties after the summary', () => {
    const md = planToMarkdown(plan);
    const pg = md.split('\n').find((l) => l.includes('pg\\_ssl\\_version') || l.includes('`pg_ssl_version` defaults'));
    assert.ok(pg, 'the 3.2 pg_ssl_version entry is listed');
    assert.match(pg, /^- \*\*3\.2\.1\.0\*\* /);
    assert.match(pg, / — kong\.conf: `pg_ssl_version`$/);
    const acl = md.split('\n').find((l) => l.startsWith('- **3.0.0.0** acl:'));
    assert.ok(acl);
    assert.match(acl, / — plugins: `acl`$/);
  });

  test('deprecations are marked, and markdown can leave the changelog out', () => {
    const md = planToMarkdown(plan);
    const dep = plan.hops.flatMap((h) => h.changes.deprecations)[0];
    assert.ok(dep, 'the plan has a deprecation');
    assert.ok(md.includes(changelogLine(dep)));
    assert.match(changelogLine(dep), /^- \*\*[\d.]+\*\* _deprecation_ /);
    assert.ok(!planToMarkdown(plan, { changes: false }).includes(routeRef().summary as string));
  });

  test('planToText lists each entry of a hop on its own line after the count', () => {
    const text = planToText(plan).split('\n');
    const hop = plan.hops.findIndex((h) => h.changes.breaking.some((c) => c.id === '3.0.0.0/kong-ee[91]'));
    const h = plan.hops[hop];
    const at = text.findIndex((l) => l.startsWith('  changelog: ') && l.includes(`${h.changes.breaking.length} breaking`));
    assert.ok(at >= 0, 'count line of the hop');
    const listed = text.slice(at + 1, at + 1 + h.changes.breaking.length + h.changes.deprecations.length);
    assert.equal(listed.length, h.changes.breaking.length + h.changes.deprecations.length);
    assert.ok(
      listed.every((l) => l.startsWith('    - ')),
      'one indented line per entry',
    );
    assert.ok(listed.includes(`    - 3.0.0.0: ${routeRef().summary}`));
  });

  test('the JSON plan carries summaries', () => {
    const json = planToJson(plan);
    const all = json.hops.flatMap((h) => [...h.changes.breaking, ...h.changes.deprecations]);
    assert.ok(all.length > 0);
    assert.ok(all.every((c) => typeof c.summary === 'string' && c.summary.length > 0));
  });
});
