/**
 * User text is data in Markdown: plugin and field names, property names, versions, paths
 * and messages that reach a hover, the plan's Markdown export or the status tooltip are
 * shown as the characters they are. Each Markdown is rendered with `marked` (the renderer
 * VS Code uses for hovers, GitHub-flavoured) and the HTML must hold no image, no link and
 * no tag that came from the user's text, while the text itself is shown whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { mdCode, mdText, mdUrl } from '../../server/src/core/markdown';
import { hoverAt } from '../../server/src/core/hover';
import { resolveEnv } from '../../server/src/core/check';
import { loadKnowledge } from '../../server/src/knowledge';
import { planUpgrade } from '../../server/src/core/planner/plan';
import { planToMarkdown } from '../../server/src/core/planner/markdown';
import type { PlannerKnowledge, UpgradeKnowledge } from '../../server/src/core/planner/types';
import { statusText } from '../../client/src/statusText';
import { escapeLine } from '../../server/src/cli/escape';
import { HAS_INVISIBLE } from '../../server/src/core/invisible';

const IMG = '![t](https://evil.example/t.png)';
const HOSTILE = [
  IMG,
  'a`b``c`',
  '<img src=x onerror=alert(1)>',
  '<b>bold</b>',
  '[click](https://evil.example)',
  '*x* _y_ ~~z~~ $(bug) www.evil.example https://evil.example',
  'a|b',
  'line\nbreak\u202Eabc',
];

function html(md: string): string {
  return marked.parse(md, { async: false, gfm: true }) as string;
}

/** What a reader sees: the HTML's text with entities decoded. */
function visible(h: string): string {
  return h
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function assertInert(md: string, label: string): string {
  const h = html(md);
  assert.doesNotMatch(h, /<img/i, `${label}: no image\n${md}\n${h}`);
  assert.doesNotMatch(h, /<b>|<script|<del>|<[^>]*\sonerror=/i, `${label}: no tag from user text\n${h}`);
  for (const m of h.matchAll(/href="([^"]*)"/g)) assert.doesNotMatch(m[1]!, /^[a-z]+:\/*evil|^\/\/evil/i, `${label}: no link from user text\n${h}`);
  return visible(h);
}

test('mdText and mdCode show hostile text literally, on one line, and cut long text', () => {
  for (const s of HOSTILE) {
    for (const md of [mdText(s), `**${mdText(s)}**`, mdCode(s), `| a | b |\n|---|---|\n| ${mdText(s)} | ${mdCode(s, 200, { table: true })} |`]) {
      const seen = assertInert(md, JSON.stringify(s));
      const shown = s.replace(/\n/g, '\\n').replace(/\u202E/g, '\\u202E');
      assert.ok(seen.includes(shown), `shown whole: ${JSON.stringify(s)} in ${JSON.stringify(seen)}`);
    }
  }
  for (const s of HOSTILE) assert.doesNotMatch(mdText(s) + mdCode(s), /[\n\u202E]/, 'no raw line break or bidi override');
  const long = 'x'.repeat(5000);
  assert.equal(mdText(long).length, 200);
  assert.ok(mdText(long).endsWith('…'));
  assert.equal(mdCode('`'), '`` ` ``');
  assert.doesNotMatch(mdUrl('https://docs.example/x#a) ![i](https://evil.example/i.png'), /[()\s]/);
});

const k = loadKnowledge();
const r = resolveEnv(k, { current: '2.8', target: '3.10', edition: 'oss' });
if (!r.ok) throw new Error(r.problems.join());
const env = r.env;

test('hovers: a plugin name and a config field key are data', () => {
  for (const s of HOSTILE.filter((x) => !x.includes('\n'))) {
    const name = JSON.stringify(s);
    const text = `_format_version: "3.0"\nplugins:\n- name: ${name}\n`;
    const h = hoverAt('declarative', text, text.indexOf(name) + 2, env);
    assert.ok(h, `hover on ${name}`);
    const seen = assertInert(h.markdown, `plugin ${name}`);
    assert.ok(seen.includes(s), `${s} shown: ${seen}`);
    const field = `_format_version: "3.0"\nplugins:\n- name: acl\n  config:\n    ${name}: 1\n`;
    const f = hoverAt('declarative', field, field.indexOf(name) + 2, env);
    assert.ok(f, `field hover on ${name}`);
    assert.ok(assertInert(f.markdown, `field ${name}`).includes(`config.${s}`));
  }
  // A kong.conf name Markdown would read as emphasis.
  const conf = '_a_ = 1\n';
  const h = hoverAt('kong-conf', conf, 1, env);
  assert.ok(h);
  assert.match(assertInert(h.markdown, 'conf'), /_a_/);
  assert.doesNotMatch(html(h.markdown), /<em>a<\/em>/);
});

test('plan Markdown export: versions, paths, codes and messages from the workspace are data', () => {
  const K: PlannerKnowledge = { releases: k.releases, upgrade: k.upgrade as UpgradeKnowledge };
  const plan = planUpgrade({ from: '2.8', to: '3.4', topology: 'traditional', edition: 'enterprise' }, K);
  assert.ok(plan.hops.length > 0);
  plan.hops[0]!.findings = HOSTILE.map((s, i) => ({ code: s, severity: 'error', message: `message ${s}`, path: `dir/${s}.yaml`, line: i + 1 }));
  const md = planToMarkdown({ ...plan, from: IMG });
  const seen = assertInert(md, 'plan');
  assert.ok(seen.includes(IMG));
  assert.ok(seen.includes('message a`b``c`'));
});

test('status tooltip: the raw version settings and problems quoting them are data', () => {
  const t = statusText({ current: IMG, target: '<img src=x onerror=alert(1)>', edition: 'oss', problems: [`Target version "${IMG}" is not a Kong version`], notes: ['a`b` $(bug)'] });
  const seen = assertInert(t.tooltip, 'tooltip');
  assert.ok(seen.includes(IMG));
  assert.doesNotMatch(t.tooltip, /(?<!\\)\$\(bug\)/, 'no icon from user text');
  assert.ok(t.tooltip.startsWith('Checking'));
});

test('Markdown and the terminal escape the same invisible characters: control, separators, bidi and zero-width', () => {
  const chars: string[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    const c = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (HAS_INVISIBLE.test(c)) chars.push(c);
  }
  // The zero-width space, joiners and word joiner (two names that look alike) are among them.
  for (const c of ['\u200b', '\u200c', '\u200d', '\u2060', '\u202e', '\u2066', '\u001b', '\u0085']) assert.ok(chars.includes(c), c.charCodeAt(0).toString(16));
  for (const c of chars) {
    const name = `a${c}b`;
    assert.ok(!escapeLine(name).includes(c), `terminal shows U+${c.charCodeAt(0).toString(16)} as an escape`);
    assert.ok(!mdText(name).includes(c), `mdText shows U+${c.charCodeAt(0).toString(16)} as an escape`);
    assert.ok(!mdCode(name).includes(c), `mdCode shows U+${c.charCodeAt(0).toString(16)} as an escape`);
  }
});
