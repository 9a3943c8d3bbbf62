// A page of tests/e2e/pages/ opened in Debian's Chromium, served by the app's own server
// (so under its headers: the strict policy and cross-origin isolation) at /test-pages/.
// Resolves once the page has set html[data-ready]; a page that sets data-failed (or
// never gets ready) is an error with its message and uncaught errors.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, defaultWasmDir } from '../../tools/serve.mjs';
import { repoRoot } from './fixtures.mjs';

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];

export async function openTestPage(name, timeoutMs) {
  const { server, url } = await startServer({ port: 0, host: '127.0.0.1', wasmDir: defaultWasmDir(), modelsDir: process.env.GRADPHOTO_MODELS_DIR,
    extraMounts: [['/test-pages/', join(repoRoot, 'tests', 'e2e', 'pages')]] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS }).catch((error) => {
    server.close();
    throw error;
  });
  const close = async () => {
    await browser.close();
    await new Promise((done) => server.close(done));
  };
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL(`test-pages/${name}.html`, url).href);
    await page.waitForSelector('html[data-ready], html[data-failed]', { state: 'attached', timeout: timeoutMs }).catch(() => {});
    const state = await page.evaluate(() => ({ ready: 'ready' in document.documentElement.dataset, failed: document.documentElement.dataset.failed }));
    if (!state.ready) throw new Error(`the test page ${name} did not load: ${[state.failed, ...errors].filter(Boolean).join('; ')}`);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
