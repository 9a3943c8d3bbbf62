// The 采集码 reader's passes in Chromium (web/qr-read.js): a code with wide modules is
// read on the half-size image, a small code in a phone screenshot needs the full size, a
// light-on-dark code needs the thorough pass, an image too small to halve starts at full
// size, and an image without a code goes through all three and says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { openTestPage } from './test-page.mjs';

const TIMEOUT_MS = 60_000;
const PAYLOAD = 'GP-2026-采集码-5f3a9c';
let page;
let close;

before(async () => {
  ({ page, close } = await openTestPage('qr-passes', TIMEOUT_MS));
});

after(async () => {
  await close?.();
});

const readImage = async (png) => page.evaluate((bytes) => window.readImage(bytes), [...png]);

// A code drawn `scale` pixels a module on a light page of the given size.
async function codeOnPage(width, height, scale, colours = {}) {
  const code = PNG.sync.read(await QRCode.toBuffer(PAYLOAD, { type: 'png', scale, margin: 4, color: colours }));
  const page = new PNG({ width, height });
  page.data.fill(colours.light === '#000000ff' ? 0 : 245);
  for (let i = 3; i < page.data.length; i += 4) page.data[i] = 255;
  PNG.bitblt(code, page, 0, 0, code.width, code.height, (width - code.width) >> 1, (height - code.height) >> 1);
  return PNG.sync.write(page);
}

test('a code with wide modules is read on the half-size image', { timeout: TIMEOUT_MS }, async () => {
  assert.deepEqual(await readImage(await codeOnPage(480, 480, 10)), { pass: 'half', texts: [PAYLOAD] });
});

test('a small code in a phone screenshot (2-pixel modules) is read at full size', { timeout: TIMEOUT_MS }, async () => {
  assert.deepEqual(await readImage(await codeOnPage(1080, 2340, 2)), { pass: 'full', texts: [PAYLOAD] });
});

test('a light-on-dark code is read by the thorough pass', { timeout: TIMEOUT_MS }, async () => {
  const inverted = await codeOnPage(480, 480, 10, { dark: '#ffffffff', light: '#000000ff' });
  assert.deepEqual(await readImage(inverted), { pass: 'thorough', texts: [PAYLOAD] });
});

test('an image too small to halve starts at full size', { timeout: TIMEOUT_MS }, async () => {
  assert.deepEqual(await readImage(await codeOnPage(200, 200, 4)), { pass: 'full', texts: [PAYLOAD] });
});

test('an image without a code goes through every pass and finds nothing', { timeout: TIMEOUT_MS }, async () => {
  const blank = new PNG({ width: 600, height: 800 });
  blank.data.fill(200);
  assert.deepEqual(await readImage(PNG.sync.write(blank)), { pass: null, texts: [] });
});
