#!/usr/bin/env node
/**
 * `node lab/tools/check-page.js <lab url>`: opens JupyterLab in headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium or $CHROMIUM) and checks that the page loads the tracelab extension: its federated
 * remoteEntry is fetched with status 200 and the app registers the `tracelab:timegraph` renderer plugin.
 * Exit 0 when it does, 1 otherwise; prints timings and any console errors. Used by `scripts/start.sh --check`.
 *
 * Scope: one page check (the jest e2e tests use test/e2e/lab-harness.ts).
 */
'use strict';
const path = require('path');

const { chromium } = require(
  require.resolve('playwright-core', { paths: [path.join(__dirname, '..', '..')] })
);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];
const PLUGIN = 'tracelab:timegraph';

async function check(url) {
  const t0 = Date.now();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    let remoteEntry = null;
    page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
    page.on('console', m => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('response', r => {
      if (/\/extensions\/tracelab\/static\/remoteEntry\.[0-9a-f]+\.js$/.test(r.url()))
        remoteEntry = r.status();
    });
    await page.goto(url);
    const registered = await page
      .waitForFunction(
        id => window.jupyterapp && window.jupyterapp.hasPlugin(id) && window.jupyterapp.started,
        PLUGIN,
        {
          timeout: 60000
        }
      )
      .then(() => true)
      .catch(() => false);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    for (const e of errors) console.error(`check-page: ${e}`);
    console.error(
      `check-page: remoteEntry status ${remoteEntry}, ${PLUGIN} registered: ${registered} (${seconds} s)`
    );
    return remoteEntry === 200 && registered;
  } finally {
    await browser.close();
  }
}

const url = process.argv[2];
if (!url) {
  console.error('usage: node lab/tools/check-page.js <lab url>');
  process.exit(2);
}
check(url).then(
  ok => process.exit(ok ? 0 : 1),
  e => {
    console.error(`check-page: ${e && e.message ? e.message : e}`);
    process.exit(1);
  }
);
