// End-to-end tests of the student app (<grad-photo-check>) in Debian's Chromium, on a
// 390x844 phone viewport, with the real wasm build and models, under the strict CSP
// served by tools/serve.mjs. The camera is Chromium's fake capture device playing a y4m
// made at test time from a real test photo.
//
//   GRADPHOTO_MODELS_DIR=... [GRADPHOTO_WASM_DIR=...] node --test tests/e2e/
//
// Screenshots of every step land in build/artifacts/e2e/app-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, defaultWasmDir } from '../../tools/serve.mjs';
import {
  fixturesDir, framedPhoto, jpegSize, makeFarCamera, makeFramedCamera, makeQrCamera, repoRoot,
  writeCroppedQr, writeQr, writeScreenshotWithQr, writeSidewaysExifPhoto, writeText, writeTwoQrs,
} from './fixtures.mjs';

const artifactsDir = join(repoRoot, 'build', 'artifacts', 'e2e');
const uploadDir = join(repoRoot, 'build', 'e2e', 'uploads');
// Model load plus a first check in a cold browser takes a few seconds; leave room for a
// slow CI machine without letting a hung page block forever.
const TIMEOUT_MS = 90_000;
const FIRST_VISIT_BUDGET_BYTES = 3.5 * 1024 * 1024;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

// Payloads of the 采集码: CHSI's are opaque encrypted text; lengths and characters vary.
const PAYLOADS = {
  short: 'GP0123456789AB',
  base64: 'q3Jx9vQ2Lm8ZkT0aB7cD1eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3yZ4+/AbCdEfGhIjKl==',
  long: Array.from({ length: 40 }, (_, i) => `CHSI${String(i).padStart(3, '0')}-7fA9c2E1b`).join(''),
  html: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>粗体</b>&amp;"\'',
  unicode: '采集码：张三·2025届 ✓ 🎓',
};

let server;
let baseUrl;
let framedBrowser;
let cameraFile;
const problems = [];   // console errors, page errors, CSP violations, failed requests of every page

const launch = (videoFile) => chromium.launch({ executablePath: '/usr/bin/chromium', args: [...BROWSER_ARGS, `--use-file-for-fake-video-capture=${videoFile}`] });

before(async () => {
  const wasmDir = defaultWasmDir();
  const modelsDir = process.env.GRADPHOTO_MODELS_DIR;
  assert.ok(modelsDir, 'set GRADPHOTO_MODELS_DIR (node tools/deps/models.mjs DIR extracts the models)');
  assert.ok(existsSync(join(wasmDir, 'gradphoto.mjs')), `no wasm build in ${wasmDir}`);
  assert.ok(existsSync(framedPhoto), `test photo missing: ${framedPhoto}`);
  mkdirSync(artifactsDir, { recursive: true });
  rmSync(uploadDir, { recursive: true, force: true });
  cameraFile = makeFramedCamera();
  ({ server, url: baseUrl } = await startServer({ port: 0, host: '127.0.0.1', wasmDir, modelsDir, uploadDir }));
  framedBrowser = await launch(cameraFile);
});

after(async () => {
  await framedBrowser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

// A phone-sized page that records every problem, and the main thread's long tasks.
async function openPhone(browser, label, path = '', contextOptions = {}) {
  const context = await browser.newContext({ ...PHONE, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const note = (kind, text) => problems.push(`[${label}] ${kind}: ${text}`);
  page.on('console', (message) => message.type() === 'error' && note('console', message.text()));
  page.on('pageerror', (error) => note('pageerror', error.message));
  page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && note('worker console', message.text())));
  page.on('response', (response) => response.status() >= 400 && note('http', `${response.status()} ${response.url()}`));
  page.on('requestfailed', (request) => note('request failed', `${request.url()} ${request.failure()?.errorText}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline/eval'}`);
    });
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const response = await page.goto(new URL(path, baseUrl).href);
  assert.equal(response.status(), 200);
  return { context, page, response };
}

const app = (page) => page.locator('grad-photo-check');
const state = (page) => page.evaluate(() => ({ ...document.querySelector('grad-photo-check').dataset }));
const waitReady = (page) => page.waitForSelector('grad-photo-check[data-ready]', { state: 'attached', timeout: TIMEOUT_MS });
const waitStep = (page, step) => page.waitForSelector(`grad-photo-check[data-step="${step}"]`, { state: 'attached', timeout: TIMEOUT_MS });
const shot = (page, name, fullPage = false) => page.screenshot({ path: join(artifactsDir, `app-${name}.png`), fullPage });

async function readCode(page, file) {
  const reads = Number((await state(page)).codeReads ?? 0);
  await page.setInputFiles('[data-role="code-file"]', file);
  await page.waitForFunction((previous) => Number(document.querySelector('grad-photo-check').dataset.codeReads ?? 0) > previous,
    reads, { timeout: TIMEOUT_MS });
  return page.evaluate(() => {
    const element = document.querySelector('grad-photo-check');
    const root = element.shadowRoot;
    return {
      state: root.querySelector('.gp-code-result').dataset.state,
      payload: element.codePayload,
      message: root.querySelector('.gp-code-message').textContent,
      masked: root.querySelector('[data-role="code-masked"]').textContent,
      full: root.querySelector('[data-role="code-full"]').textContent,
      advice: root.querySelector('.gp-code-advice').textContent,
      // Anything the payload could have injected would be an element inside the result box.
      elementsInResult: [...root.querySelector('.gp-code-result').querySelectorAll('*')].map((node) => node.tagName.toLowerCase()),
      pwned: window.__pwned ?? null,
    };
  });
}

// Verdicts in the order the report must list them: failures first, then warnings.
const RANK = { fail: 0, error: 0, warn: 1 };
function assertFailuresFirst(verdicts) {
  const ranks = verdicts.map((verdict) => RANK[verdict] ?? 2);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `checks out of order: ${verdicts.join(', ')}`);
}

async function reportOnScreen(page) {
  return page.evaluate(() => {
    const element = document.querySelector('grad-photo-check');
    const root = element.shadowRoot;
    const canvas = root.querySelector('[data-role="annotated"]');
    return {
      verdict: element.report?.verdict,
      shownVerdict: root.querySelector('.gp-verdict').dataset.verdict,
      title: root.querySelector('.gp-verdict-title').textContent,
      checks: [...root.querySelectorAll('.gp-check')].map((item) => ({
        id: item.dataset.id,
        verdict: item.dataset.verdict,
        text: item.textContent,
      })),
      reportChecks: element.report?.checks?.map((check) => ({ id: check.id, verdict: check.verdict, value: check.value })),
      failing: element.report?.checks?.filter((check) => check.verdict === 'fail').map((check) => `${check.id}: ${check.message_en}`),
      annotated: { width: canvas.width, height: canvas.height },
      jpegBytes: element.jpegBlob?.size ?? 0,
    };
  });
}

test('the full flow: camera with live guidance, capture, report, and the 480x640 JPEG downloads', { timeout: 4 * TIMEOUT_MS }, async () => {
  const { context, page } = await openPhone(framedBrowser, 'flow');
  await waitReady(page);
  await shot(page, '1-code-start');

  // No require-code on the standalone page: the student may come back for the code later.
  await page.click('text=暂时跳过');
  await waitStep(page, 'photo');
  // Manual capture first (auto-capture is tested below): switch it off straight away.
  await page.locator('.gp-toggle input').uncheck();
  const liveStarted = await page.evaluate(() => performance.now());

  // Guidance appears and keeps coming at 10 frames per second or more.
  await page.waitForFunction(() => Number(document.querySelector('grad-photo-check').dataset.liveFrames) >= 40, null, { timeout: TIMEOUT_MS });
  const live = await state(page);
  const guidanceText = await page.locator('[data-role="guidance"]').textContent();
  console.log(`live guidance: ${live.liveFps} fps, "${guidanceText}" (${live.guidance})`);
  // Speed is the benchmark's to measure (tools/bench.sh: live fps and long tasks);
  // here only that guidance runs at all.
  assert.ok(Number(live.liveFps) > 0, `live guidance at ${live.liveFps} fps`);
  assert.ok(guidanceText.length > 0);
  assert.equal(live.guidance, 'ok', 'the well-framed student gets no correction');
  assert.match(guidanceText, /保持不动/);
  await shot(page, '2-camera-live');

  // Main-thread tasks over 50 ms during live guidance, reported for the reader: a
  // timing on a shared CI machine is no verdict (the benchmark's live.json is).
  const longTasks = await page.evaluate((since) => window.__longTasks.filter((task) => task.start > since), liveStarted + 1000);
  console.log(`long main-thread tasks during live guidance: ${JSON.stringify(longTasks)}`);

  // 拍照要求 one tap away.
  await page.click('[data-action="rules"]');
  await page.waitForSelector('dialog.gp-rules[open]');
  assert.match(await page.locator('dialog.gp-rules').textContent(), /背景[\s\S]*双耳[\s\S]*美颜/);
  await shot(page, '2-rules');
  await page.click('dialog.gp-rules >> text=知道了');

  await page.click('[data-action="capture"]');
  await waitStep(page, 'report');
  const report = await reportOnScreen(page);
  console.log(`report: ${report.verdict}; ${report.reportChecks.map((check) => `${check.id}=${check.verdict}`).join(' ')}`);
  assert.notEqual(report.verdict, 'fail', `the framed photo fails: ${report.failing?.join('; ')}`);
  assert.equal(report.shownVerdict, report.verdict);
  assert.ok(report.checks.length >= 9, `${report.checks.length} checks shown`);
  assert.deepEqual(report.checks.map((check) => check.id), report.reportChecks.map((check) => check.id));
  assertFailuresFirst(report.checks.map((check) => check.verdict));
  for (const check of report.checks) assert.match(check.text, /[\u4e00-\u9fff]/, `check ${check.id} shown in Chinese`);
  assert.ok(report.annotated.width > 100 && report.annotated.height > 100, 'annotated photo drawn');
  assert.equal((await state(page)).captured, 'button');
  await shot(page, '3-report');
  await shot(page, '3-report-full', true);

  await page.click('[data-action="to-upload"]');
  await waitStep(page, 'upload');
  assert.match(await page.locator('.gp-fee').textContent(), /6 元/);
  await shot(page, '4-upload');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download"]')]);
  const jpeg = readFileSync(await download.path());
  assert.deepEqual(jpegSize(jpeg), { width: 480, height: 640 });
  assert.equal(jpeg.length, report.jpegBytes);
  assert.match(download.suggestedFilename(), /\.jpg$/);
  console.log(`downloaded ${download.suggestedFilename()}: ${jpeg.length} bytes, 480x640`);

  // The English switch re-labels everything, the report included.
  await page.click('.gp-lang');
  assert.match(await page.locator('.gp-fee').textContent(), /6 yuan/);
  await shot(page, '4-upload-en');
  await page.click('.gp-lang');

  // Auto-capture: back to the camera, every live check holds for a second, the photo is taken.
  await page.click('.gp-steps li[data-step="report"] button');
  await page.click('[data-action="retake"]');
  await waitStep(page, 'photo');
  await page.locator('.gp-toggle input').check();
  await waitStep(page, 'report');
  assert.equal((await state(page)).captured, 'auto');
  await context.close();
});

test('live guidance tells a student far away and off-centre what to change, and does not capture', { timeout: 2 * TIMEOUT_MS }, async () => {
  const farBrowser = await launch(makeFarCamera());
  try {
    const { context, page } = await openPhone(farBrowser, 'far');
    await waitReady(page);
    await page.click('text=暂时跳过');
    await page.waitForFunction(() => Number(document.querySelector('grad-photo-check').dataset.liveFrames) >= 25, null, { timeout: TIMEOUT_MS });
    const { guidance, captured, step } = await state(page);
    const text = await page.locator('[data-role="guidance"]').textContent();
    console.log(`far student: ${guidance} "${text}"`);
    assert.ok(guidance.split(' ').includes('closer'), `guidance: ${guidance}`);
    assert.ok(/move_(left|right)/.test(guidance), `guidance: ${guidance}`);
    assert.match(text, /靠近/);
    assert.equal(captured, undefined, 'no auto-capture while something is off');
    assert.equal(step, 'photo');
    // The 640x480 webcam cannot give 640 rows for the photo: the page says so.
    assert.ok(await page.locator('.gp-warn-note').isVisible());
    await shot(page, '2-camera-far');
    await context.close();
  } finally {
    await farBrowser.close();
  }
});

test('采集码: generated codes of several lengths read back exactly, HTML stays inert text, images without a code get advice', { timeout: 3 * TIMEOUT_MS }, async () => {
  const { context, page } = await openPhone(framedBrowser, 'code');
  await waitReady(page);

  for (const [name, payload] of Object.entries(PAYLOADS)) {
    const result = await readCode(page, await writeQr(`qr-${name}.png`, payload));
    assert.equal(result.state, 'ok', `${name}: ${result.message}`);
    assert.equal(result.payload, payload, `${name}: payload kept exactly`);
    assert.equal(result.full, payload, `${name}: full text shown as text`);
    const chars = Array.from(payload);
    assert.equal(result.masked, `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`, `${name}: masked preview`);
    assert.deepEqual(result.elementsInResult.filter((tag) => ['img', 'script', 'b'].includes(tag)), [], `${name}: nothing injected`);
    assert.equal(result.pwned, null, `${name}: no script ran`);
    if (name === 'short') await shot(page, '1-code-read');
    if (name === 'html') {
      await page.click('.gp-code-details summary');
      await shot(page, '1-code-html-payload');
    }
  }

  // A full phone screenshot with the code in it reads; a screenshot cropped through the
  // code, a photo and a text file do not, and each says what to do.
  const screenshot = await readCode(page, await writeScreenshotWithQr('screenshot-with-qr.png', PAYLOADS.base64));
  assert.equal(screenshot.state, 'ok');
  assert.equal(screenshot.payload, PAYLOADS.base64);

  // Light on dark (a dark theme): only the reader's fallback pass (tryInvert) finds it.
  const inverted = await readCode(page, await writeQr('qr-inverted.png', PAYLOADS.short, { color: { dark: '#ffffffff', light: '#000000ff' } }));
  assert.equal(inverted.state, 'ok', inverted.message);
  assert.equal(inverted.payload, PAYLOADS.short);
  // Two codes: the first pass counts them, the page uses one and says so.
  const two = await readCode(page, await writeTwoQrs('qr-two.png', PAYLOADS.short, PAYLOADS.base64));
  assert.equal(two.state, 'ok', two.message);
  assert.ok([PAYLOADS.short, PAYLOADS.base64].includes(two.payload));
  assert.match(two.advice, /图片里有 2 个二维码/);

  for (const [label, file] of [
    ['cropped', await writeCroppedQr('qr-cropped.png', PAYLOADS.short)],
    ['photo', framedPhoto],
  ]) {
    const result = await readCode(page, file);
    assert.equal(result.state, 'none', `${label}: ${result.state} ${result.message}`);
    assert.match(result.message, /没有可识别的采集码/);
    assert.match(result.advice, /原图/);
    if (label === 'cropped') await shot(page, '1-code-unreadable');
  }
  const notImage = await readCode(page, writeText('not-an-image.png', 'just text, not a picture\n'));
  assert.equal(notImage.state, 'not-image');

  // The same in English.
  await page.click('.gp-lang');
  const english = await readCode(page, await writeCroppedQr('qr-cropped-en.png', PAYLOADS.long));
  assert.match(english.message, /No readable collection code/);
  assert.match(english.advice, /original code image/);
  await shot(page, '1-code-unreadable-en');
  await context.close();
});

test('采集码 read from the camera', { timeout: 2 * TIMEOUT_MS }, async () => {
  const qrBrowser = await launch(await makeQrCamera(PAYLOADS.base64));
  try {
    const { context, page } = await openPhone(qrBrowser, 'code-camera');
    await waitReady(page);
    await page.click('text=用摄像头扫描');
    await page.waitForFunction(() => document.querySelector('grad-photo-check').codePayload !== null, null, { timeout: TIMEOUT_MS });
    assert.equal(await page.evaluate(() => document.querySelector('grad-photo-check').codePayload), PAYLOADS.base64);
    await shot(page, '1-code-from-camera');
    await context.close();
  } finally {
    await qrBrowser.close();
  }
});

test('offline: after one visit the whole flow works with the network off', { timeout: 4 * TIMEOUT_MS }, async () => {
  // Its own server, shut down after the first visit: nothing can come from the network.
  const own = await startServer({ port: 0, host: '127.0.0.1', modelsDir: process.env.GRADPHOTO_MODELS_DIR, uploadDir });
  const context = await framedBrowser.newContext({ ...PHONE, acceptDownloads: true });
  // What a student downloads on the first visit, service worker included (encoded bytes).
  const transfers = [];
  context.on('requestfinished', (request) => {
    transfers.push(request.sizes().then((sizes) => ({ url: request.url(), status: request.response().then((r) => r?.status()), body: sizes.responseBodySize, headers: sizes.responseHeadersSize })));
  });
  const page = await context.newPage();
  const offlineProblems = [];
  page.on('console', (message) => message.type() === 'error' && offlineProblems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => offlineProblems.push(`pageerror: ${error.message}`));
  try {
    await page.goto(own.url);
    await waitReady(page);
    // The service worker has precached every file of its list, in one versioned cache.
    const listed = JSON.parse((await (await fetch(new URL('sw-precache.js', own.url))).text()).match(/= (\{[\s\S]*\});/)[1]);
    const cached = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const names = (await caches.keys()).filter((name) => name.startsWith('gradphoto-'));
      const cache = await caches.open(names[0]);
      return { active: Boolean(registration.active), names, entries: (await cache.keys()).length };
    });
    // The server isolates the app, so the worker takes the threads core and not the other.
    const expected = listed.urls.length + listed.cores.threads.length;
    console.log(`service worker cache: ${JSON.stringify(cached)}, ${expected} files listed (threads core)`);
    assert.equal(cached.active, true);
    assert.deepEqual(cached.names, [`gradphoto-${listed.version}`]);
    assert.ok(listed.cores.threads.length > 0, 'no threads core in the precache list');
    assert.equal(cached.entries, expected);
    const firstVisit = await Promise.all(transfers.map(async (entry) => ({ ...(await entry), status: await (await entry).status })));
    const total = firstVisit.reduce((sum, entry) => sum + Math.max(0, entry.body) + Math.max(0, entry.headers), 0);
    // A revalidated file (304) shows up with an empty body.
    const revalidated = firstVisit.filter((entry) => entry.body <= 0).length;
    console.log(`first visit: ${firstVisit.length} requests, ${(total / 1024).toFixed(0)} KB transferred (${revalidated} without a body: revalidated or empty)`);
    // Size budget for a student on a phone: the core, the models and the QR reader once,
    // compressed; the service worker's precache must not download them a second time.
    assert.ok(total < FIRST_VISIT_BUDGET_BYTES, `first visit ${total} bytes, budget ${FIRST_VISIT_BUDGET_BYTES}`);

    await new Promise((done) => own.server.close(done));
    own.server.closeAllConnections?.();
    await context.setOffline(true);
    // On a page the service worker serves, the analysis worker reads the core and the
    // models from its cache itself: no request for them, not even one the service worker answers.
    const requested = [];
    const noteRequest = (request) => requested.push(new URL(request.url()).pathname);
    context.on('request', noteRequest);
    await page.reload();
    await waitReady(page);
    context.off('request', noteRequest);
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the page is served by the service worker');
    assert.ok(requested.includes('/analysis-worker.js'), `the reload's requests were not seen: ${requested.join(' ')}`);
    assert.deepEqual(requested.filter((path) => path.endsWith('.wasm') || path.startsWith('/models/')), [],
      'the core and the models come from the precache directly');
    // The page and its files come from the precache through sw.js's static routes: the
    // browser reads the cache itself, without the service worker's fetch handler (whose
    // answers have no router source).
    const delivered = await page.evaluate(() => Object.fromEntries([...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource')].map((entry) => [new URL(entry.name).pathname, entry.workerFinalSourceType])));
    for (const path of ['/', '/app.css', '/grad-photo-check.js', '/app.js']) {
      assert.equal(delivered[path], 'cache', `${path}: router source ${JSON.stringify(delivered[path])}, not a static route to the precache`);
    }

    // 采集码 offline (the zxing wasm is cached too), then a photo from the album.
    const code = await readCode(page, await writeQr('qr-offline.png', PAYLOADS.short));
    assert.equal(code.state, 'ok');
    await page.click('[data-action="to-photo"]');
    await waitStep(page, 'photo');
    await page.locator('.gp-toggle input').uncheck();
    await page.setInputFiles('[data-role="photo-file"]', framedPhoto);
    await waitStep(page, 'report');
    const report = await reportOnScreen(page);
    assert.notEqual(report.verdict, 'fail', `offline check failed: ${report.failing?.join('; ')}`);
    await shot(page, '5-offline-report');
    await page.click('[data-action="to-upload"]');
    await waitStep(page, 'upload');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download"]')]);
    assert.deepEqual(jpegSize(readFileSync(await download.path())), { width: 480, height: 640 });
    await shot(page, '5-offline-upload');
    assert.deepEqual(offlineProblems, []);
  } finally {
    await context.close();
    own.server.close();
  }
});

test('embed: the example portal receives the multipart upload with photo, report and code', { timeout: 3 * TIMEOUT_MS }, async () => {
  const { context, page } = await openPhone(framedBrowser, 'portal', 'portal/');
  await waitReady(page);
  // require-code: no skipping, no next step until the code is read.
  assert.equal(await page.locator('text=暂时跳过').isVisible(), false);
  assert.equal(await page.locator('[data-action="to-photo"]').isDisabled(), true);
  await shot(page, '6-portal-start');

  const code = await readCode(page, await writeQr('qr-portal.png', PAYLOADS.html));
  assert.equal(code.state, 'ok');
  await page.click('[data-action="to-photo"]');
  await waitStep(page, 'photo');
  await page.locator('.gp-toggle input').uncheck();
  await page.setInputFiles('[data-role="photo-file"]', framedPhoto);
  await waitStep(page, 'report');
  await page.click('[data-action="to-upload"]');
  await waitStep(page, 'upload');
  await shot(page, '6-portal-upload');
  await page.click('[data-action="submit"]');
  await page.waitForSelector('.gp-submit-status[data-state="done"]', { timeout: TIMEOUT_MS });
  await page.waitForSelector('#events[data-count="3"]', { state: 'attached', timeout: TIMEOUT_MS });
  const events = await page.locator('#events li').allTextContents();
  assert.match(events.join('\n'), /gradphoto-ready[\s\S]*gradphoto-result: (pass|warn), JPEG \d+ bytes, code \d+ characters[\s\S]*gradphoto-submitted: HTTP 201/);
  await shot(page, '6-portal-submitted', true);

  const folders = readdirSync(uploadDir);
  assert.equal(folders.length, 1, `uploads: ${folders}`);
  const folder = join(uploadDir, folders[0]);
  const photo = readFileSync(join(folder, 'photo.jpg'));
  assert.deepEqual(jpegSize(photo), { width: 480, height: 640 });
  const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'));
  assert.match(report.verdict, /^(pass|warn)$/);
  assert.equal(report.profile, 'chsi-graduate');
  assert.ok(report.checks.length >= 9);
  assert.equal(report.jpeg.size_bytes, photo.length);
  assert.equal(report.analysis.faces[0].mesh, undefined, 'the mesh stays on the device');
  assert.equal(readFileSync(join(folder, 'code.txt'), 'utf8'), PAYLOADS.html, 'the code arrives unchanged');

  // The portal's upload refuses a request without the session's CSRF token.
  const form = new FormData();
  form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
  form.append('report', '{}');
  form.append('code', 'x');
  const refused = await fetch(new URL('portal/upload', baseUrl), { method: 'POST', body: form });
  assert.equal(refused.status, 403);
  assert.equal(readdirSync(uploadDir).length, 1);
  await context.close();
});

test('an album photo stored sideways with EXIF orientation is checked upright', { timeout: 2 * TIMEOUT_MS }, async () => {
  const { context, page } = await openPhone(framedBrowser, 'exif');
  await waitReady(page);
  await page.click('text=暂时跳过');
  await waitStep(page, 'photo');
  await page.locator('.gp-toggle input').uncheck();
  const file = writeSidewaysExifPhoto('sideways-exif6.jpg');
  assert.deepEqual(jpegSize(readFileSync(file)), { width: 1350, height: 1012 }, 'stored sideways');
  await page.setInputFiles('[data-role="photo-file"]', file);
  await waitStep(page, 'report');
  const analysed = await page.evaluate(() => {
    const { analysis } = document.querySelector('grad-photo-check').report;
    return { width: analysis.width, height: analysis.height, faces: analysis.face_count, roll: analysis.faces[0]?.pose.roll };
  });
  assert.deepEqual([analysed.width, analysed.height, analysed.faces], [1012, 1350, 1]);
  assert.ok(Math.abs(analysed.roll) < 5, `upright: roll ${analysed.roll}`);
  const report = await reportOnScreen(page);
  assert.notEqual(report.verdict, 'fail', report.failing?.join('; '));
  await context.close();
});

test('the profile attribute switches the rules: id-card gives a 358x441 JPEG', { timeout: 2 * TIMEOUT_MS }, async () => {
  const { context, page } = await openPhone(framedBrowser, 'id-card');
  // Switched while the CHSI profile is still loading: the element must end on the new one.
  await page.evaluate(() => document.querySelector('grad-photo-check').setAttribute('profile', 'id-card'));
  await waitReady(page);
  await page.waitForFunction(() => document.querySelector('grad-photo-check').profile?.id === 'id-card', null, { timeout: TIMEOUT_MS });
  await page.click('text=暂时跳过');
  await waitStep(page, 'photo');
  await page.locator('.gp-toggle input').uncheck();
  await page.setInputFiles('[data-role="photo-file"]', framedPhoto);
  await waitStep(page, 'report');
  const jpeg = await page.evaluate(async () => Array.from(new Uint8Array(await document.querySelector('grad-photo-check').jpegBlob.arrayBuffer())));
  assert.deepEqual(jpegSize(Buffer.from(jpeg)), { width: 358, height: 441 });
  await context.close();
});

test('a crash inside the core restarts the Worker without a reload, keeping the 采集码 and the last report', { timeout: 2 * TIMEOUT_MS }, async () => {
  const { context, page } = await openPhone(framedBrowser, 'crash');
  await waitReady(page);
  assert.equal((await state(page)).coreLoads, '1');
  assert.equal((await readCode(page, await writeQr('qr-crash.png', PAYLOADS.short))).state, 'ok');
  await page.click('[data-action="to-photo"]');
  await waitStep(page, 'photo');
  await page.locator('.gp-toggle input').uncheck();
  await page.setInputFiles('[data-role="photo-file"]', framedPhoto);
  await waitStep(page, 'report');
  const before = await reportOnScreen(page);
  await page.click('[data-action="retake"]');
  await waitStep(page, 'photo');
  // A frame whose size does not match its pixels makes the call throw inside the worker's
  // core call: the worker must treat it as a crash and say so, and the element must
  // replace the whole Worker.
  const failure = await page.evaluate(() => {
    const element = document.querySelector('grad-photo-check');
    return element.request(element.analysisWorker, { type: 'analyze', width: 64, height: 64, buffer: new ArrayBuffer(16) })
      .then(() => null, (error) => ({ code: error.code, aborted: error.aborted, zh: error.message_zh, en: error.message_en }));
  });
  assert.equal(failure?.code, 'wasm_aborted');
  assert.equal(failure.aborted, true);
  assert.match(failure.zh, /重启/);
  await page.waitForFunction(() => document.querySelector('grad-photo-check').dataset.coreLoads === '2', null, { timeout: TIMEOUT_MS });
  const kept = await page.evaluate(() => {
    const element = document.querySelector('grad-photo-check');
    return { workerStarts: element.dataset.workerStarts, code: element.codePayload, verdict: element.report?.verdict, step: element.dataset.step };
  });
  assert.deepEqual(kept, { workerStarts: '2', code: PAYLOADS.short, verdict: before.verdict, step: 'photo' });
  await page.setInputFiles('[data-role="photo-file"]', framedPhoto);
  await page.waitForFunction(() => Number(document.querySelector('grad-photo-check').dataset.checksDone) === 2, null, { timeout: TIMEOUT_MS });
  await waitStep(page, 'report');
  assert.equal((await reportOnScreen(page)).verdict, before.verdict);
  await context.close();
});

test('no console errors or CSP violations on any page, with the strict CSP in force', async () => {
  const response = await fetch(baseUrl);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.deepEqual(problems, []);
});
