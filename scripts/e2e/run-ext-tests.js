#!/usr/bin/env node
// Opens a running code-server's workbench in headless Chromium with VS Code's own
// `payload` query (extensionDevelopmentPath / extensionTestsPath, the same contract
// @vscode/test-electron uses), prints what the test module logs, and exits with its result.
//
// usage: node run-ext-tests.js <baseUrl> <workspaceDir> <extensionDevelopmentPath|""> <extensionTestsPath>
// env:   CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (default 180000),
//        E2E_SCREENSHOT (file to write a screenshot to when the run fails or times out)
// needs: playwright-core (NODE_PATH pointing at the tools' node_modules)
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [base, ws, devPath, testsPath] = process.argv.slice(2);
if (!base || !ws || devPath === undefined || !testsPath) {
  console.error('usage: run-ext-tests.js <baseUrl> <workspaceDir> <extensionDevelopmentPath|""> <extensionTestsPath>');
  process.exit(2);
}
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 180000);

(async () => {
  const remote = (p) => `vscode-remote://${new URL(base).host}${p}`;
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  payload.push(['extensionTestsPath', remote(testsPath)]);
  const url = `${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-crash-reporter'],
  });
  let timer;
  let code;
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    const done = new Promise((resolve) => {
      // The workbench forwards the extension host's console (mocha's reporter) here.
      void page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...args));
      void page.exposeFunction('codeAutomationExit', (c) => resolve(c));
    });
    await page.goto(url);
    code = await Promise.race([
      done,
      new Promise((r) => {
        timer = setTimeout(() => r('timeout'), timeoutMs);
      }),
    ]);
    if (code !== 0 && process.env.E2E_SCREENSHOT) {
      await page.screenshot({ path: process.env.E2E_SCREENSHOT }).catch(() => undefined);
    }
  } catch (e) {
    console.error('run-ext-tests:', e && e.stack ? e.stack : e);
    code = 'error';
  } finally {
    clearTimeout(timer);
    await ctx.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`extension host exited with ${code === 'timeout' ? `no result after ${timeoutMs} ms (timeout)` : code}`);
  process.exit(code === 0 ? 0 : 1);
})();
