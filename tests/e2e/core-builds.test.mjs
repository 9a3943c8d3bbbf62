// The threads core build (gradphoto-threads: OpenCV's layers and the rules spread over
// the device's cores) must say exactly what the one-thread build says, on the page as
// the app's server serves it (cross-origin isolated): same verdict, every check's verdict
// and value, and the same JPEG bytes, for photos that warn (JPEG kept) and that fail
// (JPEG encoded beside the rules, then dropped).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, defaultWasmDir } from '../../tools/serve.mjs';
import { repoRoot, testdataDir } from './fixtures.mjs';

const TIMEOUT_MS = 120_000;
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];
const PHOTOS = ['webmorphR.stim/inst/neutral_front/006_03.jpg', 'webmorphR.stim/inst/neutral_front/001_03.jpg',
  'webmorphR.stim/inst/smiling_front/011_08.jpg', 'webmorphR.stim/inst/canada/003f.jpg'];

let server;
let browser;
let page;

before(async () => {
  const started = await startServer({ port: 0, host: '127.0.0.1', wasmDir: defaultWasmDir(), modelsDir: process.env.GRADPHOTO_MODELS_DIR,
    extraMounts: [['/test-pages/', join(repoRoot, 'tests', 'e2e', 'pages')]] });
  server = started.server;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS });
  page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL('test-pages/core-builds.html', started.url).href);
  await page.waitForSelector('html[data-ready], html[data-failed]', { state: 'attached', timeout: TIMEOUT_MS });
  const failed = await page.evaluate(() => document.documentElement.dataset.failed);
  if (failed !== undefined) throw new Error(`the test page did not load: ${failed}; ${errors.join('; ')}`);
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

test('the app server isolates the page, so it loads the threads build', { timeout: TIMEOUT_MS }, async () => {
  const { isolated, loaded } = await page.evaluate(() => window.coreBuilds);
  assert.equal(isolated, true);
  assert.deepEqual(loaded, ['single', 'threads']);
});

for (const photo of PHOTOS) {
  test(`the threads build gives the one-thread build's report: ${photo}`, { timeout: TIMEOUT_MS }, async () => {
    const jpeg = [...readFileSync(join(testdataDir, photo))];
    const { single, threads } = await page.evaluate((bytes) => window.coreBuilds.checkWithBoth(bytes), jpeg);
    assert.equal(single.error, null);
    assert.ok(single.checks.length > 20, `${single.checks.length} checks`);
    assert.deepEqual(threads, single);
  });
}
