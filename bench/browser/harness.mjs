// What every in-browser benchmark shares: the app's own server (tools/serve.mjs, so
// the app is measured exactly as it is served) with the benchmark's pages, the peers
// from node_modules and the shared test photos mounted beside it, and Debian's
// Chromium started headless. Peers are served to the benchmark only: they live under
// /bench/peers/, which the app never references.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../tools/serve.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const testdataDir = process.env.GRADPHOTO_TESTDATA_DIR ?? join(repoRoot, '..', 'shared', 'testdata');
export const benchOut = process.env.GRADPHOTO_BENCH_DIR ?? join(repoRoot, 'build', 'bench');

const modules = join(repoRoot, 'node_modules');
export const BENCH_MOUNTS = [
  ['/bench/peers/face_mesh/', join(modules, '@mediapipe', 'face_mesh')],
  ['/bench/peers/zxing-library/', join(modules, '@zxing', 'library', 'umd')],
  ['/bench/testdata/', testdataDir],
  ['/bench/out/', benchOut],
  ['/bench/', join(repoRoot, 'bench', 'browser')],
];

// The app's strict policy stays in force for the app's own pages; the peer pages need
// what the peers need (MediaPipe's glue injects scripts and builds functions at run time).
const PEER_POLICY = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; img-src 'self' blob: data:; worker-src 'self' blob:";

// The app's server makes every page cross-origin isolated (as the app is served), so a
// benchmark page's clock ticks in 5 microseconds, not Chromium's coarsened 100: what
// sub-millisecond QR reads need.
export function startBenchServer({ peers = false } = {}) {
  return startServer({ port: 0, host: '127.0.0.1', extraMounts: BENCH_MOUNTS, policy: peers ? PEER_POLICY : null });
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];

export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// A side-by-side page (bench/browser/NAME.html, peers allowed, cross-origin isolated)
// open and its window.bench defined. assertNoErrors() throws the page's uncaught
// errors, if any; close() ends both.
export async function openPeerPage(name) {
  const { server, url } = await startBenchServer({ peers: true });
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL(`bench/${name}.html`, url).href);
    await page.waitForFunction(() => window.bench !== undefined);
    if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error(`${name}: the page is not cross-origin isolated`);
    const assertNoErrors = () => {
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    };
    return { page, browser, assertNoErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// A browser with a profile on disk (a fresh folder), like a student's: its HTTP cache,
// service worker storage and V8's code cache behave as they do outside incognito.
// restart() quits the browser and starts it again on the same profile (as a student
// coming back another day); close() quits it and deletes the profile.
export async function launchProfile(extraArgs = [], contextOptions = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'gradphoto-bench-'));
  const launch = () => chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs], ...contextOptions });
  const browser = {
    context: await launch(),
    restart: async () => {
      await browser.context.close();
      browser.context = await launch();
    },
    close: async () => {
      await browser.context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
  return browser;
}

export const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const round = (value, digits = 2) => (value === null || value === undefined ? null : +value.toFixed(digits));
