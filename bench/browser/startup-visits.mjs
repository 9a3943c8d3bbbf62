// What both start-up benchmarks share (app-startup.mjs, startup-ab.mjs): one visit of
// the student app timed from navigation to its first live guidance, the service
// worker's precache waited for, and the server's compressed files made ahead of time.
import { setTimeout as sleep } from 'node:timers/promises';
import { fakeCameraArgs, makeWebcamFile, skipToCameraOnLoad } from './camera.mjs';
import { launchProfile } from './harness.mjs';

// A student's phone-sized browser on a fresh profile, its camera the benchmarks' webcam
// frame (see launchProfile for restart() and close()).
let cameraArgs = null;
export function launchStudentBrowser() {
  cameraArgs ??= fakeCameraArgs(makeWebcamFile());
  return launchProfile(cameraArgs, { viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
}

// The first guidance mark's time, read through a bare DevTools session: Playwright's
// waitForFunction would first inject its own helper script (about 300 KB) into the page,
// in the middle of the start-up being timed.
async function firstGuidance(cdp) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: "performance.getEntriesByName('gradphoto-first-guidance')[0]?.startTime ?? null", returnByValue: true });
    if (typeof result.value === 'number') return result.value;
    await sleep(50);
  }
  throw new Error('no live guidance within 60 s');
}

// Where a visit's time goes: the worker's core + models ready, the camera stream on.
const milestones = (page) => page.evaluate(() => ({
  dom_content_loaded_ms: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
  core_ready_ms: performance.getEntriesByName('gradphoto-core-ready')[0]?.startTime ?? null,
  camera_on_ms: performance.getEntriesByName('gradphoto-camera-on')[0]?.startTime ?? null,
  served_by_service_worker: Boolean(navigator.serviceWorker?.controller),
}));

// One visit in a new tab: {ms, milestones..., qr_reader_requested}. linger: live guidance
// left running for a while before the tab closes, as a student's visit would.
export async function visit(context, url, { linger = 0 } = {}) {
  // What the page and its workers ask for up to the first guidance (the service
  // worker's background precache, which keeps the QR reader for offline use, aside).
  const requested = [];
  const note = (request) => {
    if (!request.serviceWorker()) requested.push(request.url());
  };
  context.on('request', note);
  const page = await context.newPage();
  await page.addInitScript(skipToCameraOnLoad);
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: 'commit' });
  const ms = await firstGuidance(cdp);
  await cdp.detach();
  context.off('request', note);
  const details = { ...(await milestones(page)), qr_reader_requested: requested.some((address) => address.includes('/vendor/zxing-wasm/') || address.includes('/wasm/qr-luminance.wasm')) };
  if (linger) await page.waitForTimeout(linger);
  await page.close();
  return { ms, ...details };
}

const precacheManifest = async (url) =>
  JSON.parse((await (await fetch(new URL('sw-precache.js', url))).text()).match(/= (\{[\s\S]*\});/)[1]);

// Once the service worker has installed and filled its precache, as after a first visit.
export async function precached(context, url) {
  const manifest = await precacheManifest(url);
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async ({ version, urls, cores }) => {
    await navigator.serviceWorker.ready;
    // The shared files and the core build this (cross-origin isolated) page runs.
    const expected = urls.length + (crossOriginIsolated ? cores.threads : cores.single).length;
    for (;;) {
      const keys = await caches.open(`gradphoto-${version}`).then((cache) => cache.keys());
      if (keys.length >= expected) return;
      await new Promise((done) => setTimeout(done, 100));
    }
  }, manifest);
  await page.close();
}

// The server compresses each file on its first request and keeps the result, as a
// deployment would serve files compressed ahead of time: ask for each once first, so
// the first cold run does not time the server's brotli.
export async function compressAhead(url) {
  const manifest = await precacheManifest(url);
  for (const path of [...manifest.urls, ...manifest.cores.single, ...manifest.cores.threads]) {
    await (await fetch(new URL(path, url), { headers: { 'Accept-Encoding': 'br, gzip' } })).arrayBuffer();
  }
}

// How long a just-started browser is left idle before the cold visit: its own start-up
// work (the GPU and network processes, the first renderer, the fake camera) is over by then.
export const BROWSER_SETTLE_MS = 3000;

// A student's first visits in a browser just started on a fresh profile: the cold visit
// (nothing cached, the browser idle for BROWSER_SETTLE_MS first), the service worker's
// precache filled, a second visit, and the warm one: the third visit of the session,
// served by the service worker. Each left running a while, as a student's would be.
export async function coldThenWarm(context, url) {
  await sleep(BROWSER_SETTLE_MS);
  const cold = await visit(context, url, { linger: 3000 });
  await precached(context, url);
  await visit(context, url, { linger: 5000 });
  const warm = await visit(context, url, { linger: 3000 });
  return { cold, warm };
}
