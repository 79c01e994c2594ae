/**
 * User text in the plain labels where VS Code renders icons (`$(name)`): the status bar
 * item's text, the image hint, quick pick labels, code lens titles; and in notification
 * messages, where VS Code makes `[text](command:…)` a link. Rendering is emulated with
 * the pattern VS Code's label renderer uses (renderLabelWithIcons: `(\\)?\$\(name(~modifier)?\)`,
 * an escaped one shown as text without its backslash).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelText, noticeText } from '../../server/src/core/markdown';
import { offerText, statusText } from '../../client/src/statusText';
import { summaryText } from '../../server/src/lsp/handlers/codeLens';

const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** A label as VS Code shows it: the icons it renders, and the text around them. */
function render(label: string): { icons: string[]; text: string } {
  const icons: string[] = [];
  const text = label.replace(ICON, (m, esc: string | undefined, name: string) => {
    if (esc) return m.slice(1);
    icons.push(name);
    return '';
  });
  return { icons, text };
}

const HOSTILE = ['$(alert) 3.4', '3.4$(sync~spin)', '\\$(bug)', '$(x)$(y)', 'a\nb\u202Ec', '$(not an icon)'];

test('labelText: icon syntax in user text shows as typed, never as an icon; control and bidi characters as escapes', () => {
  for (const s of HOSTILE) {
    const r = render(labelText(s));
    assert.deepEqual(r.icons, [], `no icon from ${JSON.stringify(s)}`);
    assert.equal(r.text, s.replace(/\n/g, '\\n').replace(/\u202E/g, '\\u202E'), `shown as typed: ${JSON.stringify(s)}`);
  }
  assert.equal(labelText('3.10'), '3.10', 'ordinary text unchanged');
  assert.equal(labelText('x'.repeat(500), 40).length, 40);
  assert.ok(labelText('x'.repeat(500), 40).endsWith('…'));
});

test('status bar text: a version setting like "$(alert) 3.4" shows literally; only our own icon renders', () => {
  for (const current of HOSTILE) {
    for (const problems of [[], ['bad']]) {
      const t = statusText({ current, target: '$(rocket) 3.10', edition: 'oss', problems });
      const r = render(t.text);
      assert.deepEqual(r.icons, [problems.length ? 'warning' : 'arrow-up'], `${JSON.stringify(current)}: ${t.text}`);
      assert.ok(r.text.includes(`${render(labelText(current, 40)).text} → $(rocket) 3.10`), r.text);
      assert.doesNotMatch(t.text, /[\n\u202E]/);
    }
  }
  // Long settings are cut.
  assert.ok(statusText({ current: '9'.repeat(300), target: '3.4', edition: 'oss', problems: [] }).text.length < 120);
});

test("image hint: the version and file name are the user's, shown as typed", () => {
  const r = render(offerText({ version: '3.4', file: '$(bug) deploy.yaml' }));
  assert.deepEqual(r.icons, ['lightbulb']);
  assert.equal(r.text, ' Kong 3.4 in $(bug) deploy.yaml');
  assert.deepEqual(render(offerText({ version: '3.4', file: 'deploy.yaml' })), { icons: ['lightbulb'], text: ' Kong 3.4 in deploy.yaml' });
});

test('code lens summary: the target setting shows as typed', () => {
  const r = render(summaryText('$(alert) 3.10', []));
  assert.deepEqual(r.icons, []);
  assert.equal(r.text, 'Kong $(alert) 3.10: no upgrade problems');
});

test('noticeText: a Markdown-style link in a notification is broken apart; the text stays readable', () => {
  const s = 'dir/[open](command:workbench.action.terminal.new).yaml';
  const n = noticeText(s);
  assert.doesNotMatch(n, /\]\((?:command|https?|file):/);
  assert.equal(n.replace('] (', ']('), s);
  assert.equal(noticeText('a\u202Eb\nc'), 'a\\u202Eb\\nc');
});
