#!/usr/bin/env node
// Drives a running code-server (with the extension installed) in headless Chromium and
// saves the README screenshots: diagnostics, hover, quick fix, the plan pickers, the
// Upgrade Path view and the walkthrough.
//
// usage: node shoot.js <baseUrl> <workspaceDir> <outDir>
// env:   CHROMIUM (default /usr/bin/chromium), SHOTS_ONLY (comma-separated names to keep)
// needs: playwright-core (NODE_PATH pointing at the e2e tools' node_modules)
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [base, ws, outDir] = process.argv.slice(2);
if (!base || !ws || !outDir) {
  console.error('usage: shoot.js <baseUrl> <workspaceDir> <outDir>');
  process.exit(2);
}
const only = (process.env.SHOTS_ONLY || '').split(',').filter(Boolean);
const log = (...a) => console.error('[shots]', ...a);

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-shots-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-crash-reporter'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  let step = 'start';
  const shot = async (name) => {
    if (only.length && !only.includes(name)) return;
    await page.waitForTimeout(800); // toasts and widgets slide in; let them settle
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file });
    log(`${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
  };
  const palette = async (title, row = title) => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
    await page.keyboard.type(title, { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor();
    await page.keyboard.press('Enter');
  };
  const quickInputTitle = (text) => page.locator('.quick-input-widget .quick-input-title', { hasText: text }).waitFor();
  const dismissToasts = async () => {
    for (const btn of await page.locator('.notification-toast .codicon-notifications-clear').all()) await btn.click().catch(() => undefined);
  };
  const editorLine = (text) => page.locator('.monaco-editor .view-lines .view-line', { hasText: text }).first();

  try {
    step = 'workbench';
    await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.activitybar', { timeout: 30000 });
    await page.waitForTimeout(2000);

    step = 'open kong.conf';
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type('kong.conf', { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'kong.conf' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'kong.conf' }).waitFor();
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 });
    await page.waitForSelector('.monaco-editor .codelens-decoration', { timeout: 30000 }).catch(() => log('no code lens seen'));
    await dismissToasts();

    step = 'problems panel';
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30000 });
    await page.mouse.move(1200, 300);
    await shot('diagnostics');
    await page.keyboard.press('Control+J'); // hide the panel again
    await page
      .locator('.markers-panel')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);

    step = 'hover';
    const deprecated = editorLine('worker_consistency').locator('span span').first();
    await deprecated.scrollIntoViewIfNeeded();
    const box = await deprecated.boundingBox();
    if (!box) throw new Error('worker_consistency is not on screen');
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 15000 });
    await shot('hover');
    await page.mouse.move(1000, 650);
    await page.keyboard.press('Escape');

    step = 'quick fix';
    const renamed = editorLine('upstream_keepalive').locator('span span').first();
    const rbox = await renamed.boundingBox();
    if (!rbox) throw new Error('upstream_keepalive is not on screen');
    await page.mouse.click(rbox.x + 30, rbox.y + rbox.height / 2);
    await page.mouse.move(1000, 650);
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 15000 });
    await shot('quick-fix');
    await page.keyboard.press('Escape');

    step = 'plan pickers';
    await palette('Kong: Plan Kong Upgrade');
    await quickInputTitle('Kong version you run today');
    await page.keyboard.type('2.8', { delay: 30 });
    await page.keyboard.press('Enter');
    await quickInputTitle('Kong version you are upgrading to');
    await page.keyboard.type('3.10', { delay: 30 });
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await quickInputTitle('How Kong is deployed');
    // Pick by moving the selection, so the shot shows every deployment mode.
    for (let i = 0; i < 4; i++) {
      const active = await page
        .locator('.quick-input-list .monaco-list-row.focused')
        .innerText()
        .catch(() => '');
      if (/Hybrid/.test(active)) break;
      await page.keyboard.press('ArrowDown');
    }
    await shot('plan-pickers');
    await page.keyboard.press('Enter');

    step = 'upgrade path view';
    const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Upgrade Path' }) });
    await tree.locator('.monaco-list-row', { hasText: '→' }).first().waitFor({ timeout: 60000 });
    // A wider side bar so the steps and findings are readable: drag its edge.
    const side = await page.locator('.part.sidebar').boundingBox();
    if (side) {
      const x = side.x + side.width;
      await page.mouse.move(x - 1, 400);
      await page.mouse.down();
      await page.mouse.move(x + 150, 400, { steps: 8 });
      await page.mouse.move(x + 300, 400, { steps: 8 });
      await page.mouse.up();
    }
    await page.waitForTimeout(300);
    // Only the first hop open, with its "Before" checklist.
    const hop2 = tree.locator('.monaco-list-row', { hasText: '→' }).nth(1);
    await hop2.locator('.monaco-tl-twistie').click();
    await dismissToasts();
    // Open "Before" of the first hop to show its checklist.
    const before = tree.locator('.monaco-list-row', { hasText: 'Before' }).first();
    await before.click();
    await page.waitForTimeout(400);
    // Pointer on a finding, so its inline "Apply Fix" action shows.
    await tree.locator('.monaco-list-row', { hasText: 'upstream_keepalive" was removed' }).first().hover();
    await shot('upgrade-path');

    step = 'export';
    await page.locator('.part.sidebar .action-label[aria-label*="Export Upgrade Plan"]').first().click();
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).waitFor({ timeout: 30000 });
    await page.mouse.move(1000, 650);
    await shot('plan-markdown');

    step = 'save the exported plan';
    // The toast's "Save…" opens the save dialog at <workspace>/kong-upgrade-plan.md.
    await page.locator('.notification-toast .monaco-button', { hasText: 'Save' }).first().click();
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor();
    await page.waitForFunction(() => /kong-upgrade-plan\.md$/.test(document.querySelector('.quick-input-widget input')?.value || ''), null, { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'kong-upgrade-plan.md' }).waitFor({ timeout: 15000 });
    const saved = path.join(ws, 'kong-upgrade-plan.md');
    if (!fs.existsSync(saved) || !/- \[ \] /.test(fs.readFileSync(saved, 'utf8'))) throw new Error(`${saved} was not written`);
    if (await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).count()) throw new Error('the untitled copy is still open');
    log(`saved ${saved}`);

    step = 'walkthrough';
    await page.keyboard.press('Escape');
    await palette('View: Toggle Primary Side Bar Visibility', 'Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await palette('Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Kong Upgrade Assistant' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.type('Kong Upgrade', { delay: 10 });
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.locator('.gettingStartedContainer', { hasText: 'Pick the versions' }).waitFor({ timeout: 30000 });
    await page.waitForTimeout(1200);
    await page.mouse.move(1000, 650);
    await shot('walkthrough');
  } catch (e) {
    const file = process.env.SHOTS_FAILURE || path.join(os.tmpdir(), 'kong-shots-failure.png');
    await page.screenshot({ path: file }).catch(() => undefined);
    log(`failed at "${step}": ${e && e.message ? e.message : e}; page as it was: ${file}`);
    process.exitCode = 1;
  } finally {
    await ctx.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
})();
