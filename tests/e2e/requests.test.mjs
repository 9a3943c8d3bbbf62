// Every request the page makes during the whole flow, recorded: load, 采集码, camera
// with live guidance, capture, a photo from the album, check, submit. Only the
// configured submit URL may receive anything (one POST, holding the photo and the code);
// everything else is a same-origin GET of a static file with no body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, defaultWasmDir } from '../../tools/serve.mjs';
import { framedPhoto, makeFramedCamera, repoRoot, writeQr } from './fixtures.mjs';

const TIMEOUT_MS = 90_000;
const CODE = 'GP-REQ-7c1f<b>码</b>&x=1';   // distinctive, with characters a URL would escape
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
// The static files the app is made of: pages, scripts, styles, wasm, models, profiles, icons.
const STATIC_PATH = /^\/([\w./-]*\/)?([\w.-]+\.(html|js|mjs|css|wasm|tflite|binarypb|json|svg|png|webmanifest))?$/;

const uploadDir = join(repoRoot, 'build', 'e2e', 'uploads-requests');
let server;
let baseUrl;
let browser;

before(async () => {
  assert.ok(process.env.GRADPHOTO_MODELS_DIR, 'set GRADPHOTO_MODELS_DIR');
  assert.ok(existsSync(join(defaultWasmDir(), 'gradphoto.mjs')), 'no wasm build');
  rmSync(uploadDir, { recursive: true, force: true });
  ({ server, url: baseUrl } = await startServer({ port: 0, host: '127.0.0.1', wasmDir: defaultWasmDir(),
    modelsDir: process.env.GRADPHOTO_MODELS_DIR, uploadDir }));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: [...BROWSER_ARGS, `--use-file-for-fake-video-capture=${makeFramedCamera()}`] });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

test('the photo and the code go only to the submit URL; every other request is a static GET', { timeout: 4 * TIMEOUT_MS }, async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  // The context sees the page's, its Workers' and its service worker's requests.
  const requests = [];
  context.on('request', (request) => requests.push({
    url: request.url(), method: request.method(), body: request.postDataBuffer(), headers: request.headers(),
  }));
  const page = await context.newPage();
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto(new URL('portal/', baseUrl).href);
  await page.waitForSelector('grad-photo-check[data-ready]', { state: 'attached', timeout: TIMEOUT_MS });
  const submitUrl = await page.evaluate(() => new URL(document.querySelector('grad-photo-check').getAttribute('submit-url'), document.baseURI).href);

  // 采集码 from a saved image.
  await page.setInputFiles('[data-role="code-file"]', await writeQr('qr-requests.png', CODE));
  await page.waitForFunction((code) => document.querySelector('grad-photo-check').codePayload === code, CODE, { timeout: TIMEOUT_MS });
  // The camera: live guidance, then the shutter.
  await page.click('[data-action="to-photo"]');
  await page.locator('.gp-toggle input').uncheck();
  await page.waitForFunction(() => Number(document.querySelector('grad-photo-check').dataset.liveFrames) >= 10, null, { timeout: TIMEOUT_MS });
  await page.click('[data-action="capture"]');
  await page.waitForSelector('grad-photo-check[data-step="report"]', { state: 'attached', timeout: TIMEOUT_MS });
  // Then a photo from the album, checked and submitted.
  await page.click('[data-action="retake"]');
  await page.waitForSelector('grad-photo-check[data-step="photo"]', { state: 'attached' });
  await page.locator('.gp-toggle input').uncheck();
  await page.setInputFiles('[data-role="photo-file"]', framedPhoto);
  await page.waitForFunction(() => Number(document.querySelector('grad-photo-check').dataset.checksDone) >= 2, null, { timeout: TIMEOUT_MS });
  await page.click('[data-action="to-upload"]');
  const jpeg = Buffer.from(await page.evaluate(async () => Array.from(new Uint8Array(await document.querySelector('grad-photo-check').jpegBlob.arrayBuffer()))));
  await page.click('[data-action="submit"]');
  await page.waitForSelector('.gp-submit-status[data-state="done"]', { timeout: TIMEOUT_MS });
  // Once submitted, the photo is no longer kept on the device; the code is, for a resubmission.
  const keptOnDevice = async () => page.evaluate(async () => {
    const { loadSession } = await import('/session-store.js');
    const session = await loadSession();
    return { code: session.code ?? null, photo: Boolean(session.photo || session.pending) };
  });
  let onDevice = await keptOnDevice();
  for (let tries = 0; onDevice.photo && tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    onDevice = await keptOnDevice();
  }
  assert.deepEqual(onDevice, { code: CODE, photo: false });
  await context.close();

  const origin = new URL(baseUrl).origin;
  const photoBytes = readFileSync(framedPhoto);
  const codeBytes = Buffer.from(CODE);
  const carries = (request, bytes) => (request.body?.includes(bytes) ?? false) ||
    [request.url, decodeURIComponent(request.url), ...Object.values(request.headers)].some((text) => text.includes(bytes.toString()));
  console.log(`${requests.length} requests: ${requests.filter((r) => r.method === 'GET').length} GET, ` +
    `${requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${new URL(r.url).pathname}`).join(', ')}`);

  // GET requests cannot carry a body (fetch refuses one), so the only way out for the
  // photo or the code is a request of another method, or a GET's URL or headers.
  // The Workers' own requests are recorded too (else this test would prove little).
  const paths = requests.map((r) => new URL(r.url).pathname);
  // The server isolates the page, so the core is the threads build (and its Workers'
  // script); the one-thread build is never fetched.
  for (const fetched of ['/wasm-threads/gradphoto-threads.wasm', '/wasm-threads/gradphoto-threads.worker.js', '/models/face_landmark.tflite',
    '/vendor/zxing-wasm/reader/zxing_reader.wasm', '/wasm/qr-luminance.wasm']) {
    assert.ok(paths.includes(fetched), `${fetched} not recorded`);
  }
  assert.ok(!paths.includes('/wasm/gradphoto.wasm'), 'the one-thread core was fetched too');
  const submits = requests.filter((request) => request.method !== 'GET');
  assert.deepEqual(submits.map((r) => `${r.method} ${r.url}`), [`POST ${submitUrl}`], 'one POST, to the submit URL');
  assert.deepEqual(sockets, [], 'no WebSocket');
  for (const request of requests) {
    // blob: and data: URLs are read inside the browser (the JPEG preview); nothing is sent.
    if (/^(blob|data):/.test(request.url)) continue;
    assert.equal(new URL(request.url).origin, origin, `third-party request: ${request.url}`);
    if (request === submits[0]) continue;
    assert.equal(new URL(request.url).search, '', `a query string: ${request.url}`);
    assert.match(new URL(request.url).pathname, STATIC_PATH, `not a static file: ${request.url}`);
    assert.ok(!carries(request, codeBytes), `the code went to ${request.url}`);
    assert.ok(!carries(request, jpeg.subarray(0, 64)) && !carries(request, photoBytes.subarray(0, 64)), `the photo went to ${request.url}`);
  }
  // What the submit URL received: the checked JPEG and the code, once.
  const [upload, ...more] = readdirSync(uploadDir);
  assert.deepEqual(more, []);
  assert.ok(readFileSync(join(uploadDir, upload, 'photo.jpg')).equals(jpeg), 'the submit held the checked JPEG');
  assert.equal(readFileSync(join(uploadDir, upload, 'code.txt'), 'utf8'), CODE, 'the submit held the code');
});
