// End-to-end test of the developer page (/dev.html) in Debian's Chromium: the real wasm build,
// the real models, served with the production CSP by tools/serve.mjs.
//
//   GRADPHOTO_MODELS_DIR=/tmp/gp-models [GRADPHOTO_WASM_DIR=build/wasm-release/wasm] node --test tests/e2e/
//
// Screenshots land in build/artifacts/e2e/ so a person can see what the test saw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { startServer, defaultWasmDir } from '../../tools/serve.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifactsDir = join(repoRoot, 'build', 'artifacts', 'e2e');
const photoDir = join(repoRoot, '..', 'shared', 'testdata', 'webmorphR.stim', 'inst', 'neutral_front');
const photo = join(photoDir, '001_03.jpg');
// Model load plus a first analysis in a cold browser takes a few seconds; leave room
// for a slow CI machine without letting a hung page block forever.
const RESULT_TIMEOUT_MS = 90_000;
const EYE_TOLERANCE_PX = 15;

// The .tem file: a point count line, then "x<TAB>y" lines. Its first two points are
// the pupils, image-left first, matching eye_left / eye_right (image-left/right).
function annotatedPupils() {
  const lines = readFileSync(photo.replace(/\.jpg$/, '.tem'), 'utf8').trim().split('\n');
  const [left, right] = lines.slice(1, 3).map((line) => line.trim().split(/\s+/).map(Number));
  return { eye_left: { x: left[0], y: left[1] }, eye_right: { x: right[0], y: right[1] } };
}

let server;
let baseUrl;
let browser;
let tempDir;
// Every console error, page error, CSP violation and failed request of the whole run.
const problems = [];

before(async () => {
  const wasmDir = defaultWasmDir();
  const modelsDir = process.env.GRADPHOTO_MODELS_DIR;
  assert.ok(modelsDir, 'set GRADPHOTO_MODELS_DIR (node tools/deps/models.mjs DIR extracts the models)');
  assert.ok(existsSync(join(wasmDir, 'gradphoto.mjs')), `no wasm build in ${wasmDir} (build the wasm-release preset or set GRADPHOTO_WASM_DIR)`);
  assert.ok(existsSync(photo), `test photo missing: ${photo}`);
  mkdirSync(artifactsDir, { recursive: true });
  tempDir = mkdtempSync(join(tmpdir(), 'gradphoto-e2e-'));
  ({ server, url: baseUrl } = await startServer({ port: 0, host: '127.0.0.1', wasmDir, modelsDir }));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

async function openPage(label) {
  const page = await browser.newPage();
  const note = (kind, text) => problems.push(`[${label}] ${kind}: ${text}`);
  page.on('console', (message) => message.type() === 'error' && note('console', message.text()));
  page.on('pageerror', (error) => note('pageerror', error.message));
  // The worker's console is separate from the page's; CSP refusals inside it land there.
  page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && note('worker console', message.text())));
  page.on('response', (response) => response.status() >= 400 && note('http', `${response.status()} ${response.url()}`));
  page.on('requestfailed', (request) => note('request failed', `${request.url()} ${request.failure()?.errorText}`));
  // Chromium reports CSP refusals as console errors too; the event is the direct witness.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline/eval'}`);
    });
  });
  const response = await page.goto(new URL('dev.html', baseUrl).href);
  assert.equal(response.status(), 200);
  return { page, response };
}

// Picks a file and waits until the page has published its answer for it.
async function choose(page, file) {
  const seq = Number(await page.getAttribute('#result', 'data-seq'));
  await page.setInputFiles('#photo', file);
  await page.waitForSelector(`#result[data-seq="${seq + 1}"]`, { state: 'attached', timeout: RESULT_TIMEOUT_MS });
  return JSON.parse(await page.getAttribute('#result', 'data-result'));
}

async function assertOneFaceFound(page) {
  const result = await choose(page, photo);
  assert.equal(result.error, null, `core error: ${JSON.stringify(result.error)}`);
  assert.equal(result.face_count, 1);
  assert.equal(result.faces.length, 1);
  assert.equal(await page.textContent('#face-count'), '1');
  assert.equal(await page.getAttribute('#status', 'data-state'), 'done');
  assert.equal(await page.isVisible('#error'), false);

  const [face] = result.faces;
  assert.equal(face.mesh.length, 468 * 3);
  for (const angle of ['yaw', 'pitch', 'roll']) assert.ok(Number.isFinite(face.pose[angle]), `${angle} is ${face.pose[angle]}`);
  // The read-out on screen shows the numbers the worker sent, not something of its own.
  const poseText = await page.textContent('#face-0-pose');
  for (const angle of ['yaw', 'pitch', 'roll']) assert.ok(poseText.includes(`${angle} ${face.pose[angle].toFixed(1)}°`), poseText);

  const eyeErrors = {};
  for (const [name, pupil] of Object.entries(annotatedPupils())) {
    const found = face.key_points[name];
    const distance = Math.hypot(found.x - pupil.x, found.y - pupil.y);
    assert.ok(distance <= EYE_TOLERANCE_PX,
      `${name} at (${found.x.toFixed(1)}, ${found.y.toFixed(1)}) is ${distance.toFixed(1)} px from the annotated pupil (${pupil.x}, ${pupil.y})`);
    eyeErrors[name] = Number(distance.toFixed(1));
  }
  return { result, eyeErrors };
}

test('a real photo shows one face with pose and eye key points on the pupils', { timeout: 2 * RESULT_TIMEOUT_MS }, async () => {
  const { page } = await openPage('photo');
  const { result, eyeErrors } = await assertOneFaceFound(page);
  const [face] = result.faces;
  console.log(`pose yaw ${face.pose.yaw.toFixed(1)} pitch ${face.pose.pitch.toFixed(1)} roll ${face.pose.roll.toFixed(1)}; ` +
    `eye error px ${JSON.stringify(eyeErrors)}; timings ms ${JSON.stringify(result.timings_ms)}`);
  await page.screenshot({ path: join(artifactsDir, 'photo.png'), fullPage: true });
  await page.close();
});

async function assertBilingualError(page, expectedCode) {
  const published = JSON.parse(await page.getAttribute('#result', 'data-result'));
  assert.equal(published.error?.code, expectedCode);
  assert.ok(await page.isVisible('#error'), 'error box is visible');
  const zh = await page.textContent('#error-zh');
  const en = await page.textContent('#error-en');
  assert.match(zh, /[\u4e00-\u9fff]/, `Chinese message: ${zh}`);
  assert.match(en, /[A-Za-z]{3,}/, `English message: ${en}`);
  assert.equal(await page.getAttribute('#status', 'data-state'), 'error');
}

test('a non-image and a too-small image give bilingual errors and the page keeps working', { timeout: 2 * RESULT_TIMEOUT_MS }, async () => {
  const { page } = await openPage('not-an-image');
  // Fails in the page: the browser cannot decode it.
  const fake = join(tempDir, 'not-a-photo.jpg');
  writeFileSync(fake, 'This is a text file with a .jpg name, not a photo.\n');
  await choose(page, fake);
  await assertBilingualError(page, 'decode_failed');
  await page.screenshot({ path: join(artifactsDir, 'not-an-image.png'), fullPage: true });

  // Fails in the core: decodes fine, but the wasm refuses it, and says so through the worker.
  const tiny = new PNG({ width: 8, height: 8 });
  tiny.data.fill(200);
  const tinyFile = join(tempDir, 'tiny.png');
  writeFileSync(tinyFile, PNG.sync.write(tiny));
  await choose(page, tinyFile);
  await assertBilingualError(page, 'image_too_small');
  await page.screenshot({ path: join(artifactsDir, 'too-small.png'), fullPage: true });

  await assertOneFaceFound(page);
  await page.screenshot({ path: join(artifactsDir, 'not-an-image-then-photo.png'), fullPage: true });
  await page.close();
});

test('no console errors or CSP violations, with the CSP actually in force', { timeout: 2 * RESULT_TIMEOUT_MS }, async () => {
  const { page, response } = await openPage('clean-run');
  // Without the header this test would pass vacuously.
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
  // The status line says when the models are ready, before any photo is chosen.
  // Wait for either outcome so a load failure is reported at once, with its message.
  await page.waitForSelector('#status:is([data-state="ready"], [data-state="error"])', { timeout: RESULT_TIMEOUT_MS });
  assert.match(await page.textContent('#status'), /Models ready/, `load failed: ${(await page.textContent('#error')).replace(/\s+/g, ' ').trim()}`);
  await assertOneFaceFound(page);
  await page.screenshot({ path: join(artifactsDir, 'clean-run.png'), fullPage: true });
  await page.close();
  // Covers every page of this run, including the error case above.
  assert.deepEqual(problems, []);
});
