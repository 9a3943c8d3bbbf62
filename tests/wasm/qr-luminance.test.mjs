// The 采集码 step's luminance pass (wasm/qr_luminance.cpp, built qr-luminance.wasm) gives
// the very bytes zxing-wasm's own JS conversion gives, for RGBA and BGRA, at sizes that
// are not a multiple of its 16-pixel step (the scalar tail), and at extreme values; its
// half-size luminance gives the exact rounded 2x2 means.
//   [GRADPHOTO_WASM_DIR=...] node --test tests/wasm/qr-luminance.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasmDir } from './load-core.mjs';
import { luminanceJs, halveJs } from '../../web/qr-read.js';

const RGBA = [306, 601, 117];
const BGRA = [117, 601, 306];
// zxing-wasm 3.1.4's conversion (dist/es/share.js), channels in the weights' order.
const expected = (pixels, [w0, w1, w2]) => Uint8Array.from({ length: pixels.length / 4 },
  (_, i) => (w0 * pixels[4 * i] + w1 * pixels[4 * i + 1] + w2 * pixels[4 * i + 2] + 512) >> 10);

async function load() {
  const { instance } = await WebAssembly.instantiate(readFileSync(join(wasmDir, 'qr-luminance.wasm')));
  instance.exports._initialize();
  return instance.exports;
}

test('luminance matches zxing-wasm\'s conversion, RGBA and BGRA, every tail length', async () => {
  const module = await load();
  let seed = 7;
  for (const count of [1, 15, 16, 17, 31, 100, 640 * 3 + 5]) {
    const pixels = Uint8Array.from({ length: 4 * count }, (_, i) => {
      if (i < 16) return i % 2 ? 255 : 0;  // black and white extremes first
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 16 & 255;
    });
    for (const weights of [RGBA, BGRA]) {
      const base = module.reserve(5 * count);
      assert.ok(base > 0);
      new Uint8Array(module.memory.buffer, base + count, 4 * count).set(pixels);
      module.luminance(base + count, base, count, ...weights);
      assert.deepEqual(new Uint8Array(module.memory.buffer, base, count), expected(pixels, weights), `${count} pixels`);
    }
  }
});

// 2x2 blocks averaged, rounded half up; an odd last column or row left out.
const halved = (luminance, width, height) => Uint8Array.from({ length: (width >> 1) * (height >> 1) }, (_, i) => {
  const x = 2 * (i % (width >> 1)), y = 2 * Math.floor(i / (width >> 1));
  const at = (dx, dy) => luminance[(y + dy) * width + x + dx];
  return (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) >> 2;
});

test('halfLuminance is each 2x2 block\'s luminance averaged, RGBA and BGRA, odd sizes and tails included', async () => {
  const module = await load();
  let seed = 3;
  for (const [width, height] of [[2, 2], [3, 5], [33, 4], [34, 3], [65, 7], [360, 4], [1080, 3]]) {
    const count = width * height;
    const pixels = Uint8Array.from({ length: 4 * count }, (_, i) => {
      if (i < 16) return i % 2 ? 255 : 0;
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 16 & 255;
    });
    for (const weights of [RGBA, BGRA]) {
      const base = module.reserve(6 * count);
      new Uint8Array(module.memory.buffer, base + 2 * count, 4 * count).set(pixels);
      module.halfLuminance(base + 2 * count, base + count, width, height, ...weights);
      assert.deepEqual(new Uint8Array(module.memory.buffer, base + count, (width >> 1) * (height >> 1)),
        halved(expected(pixels, weights), width, height), `${width}x${height}`);
    }
  }
});

// A browser without wasm SIMD reads codes through web/qr-read.js's JS loops: the same bytes.
test('the page\'s JS fallbacks give the module\'s bytes', async () => {
  const module = await load();
  let seed = 5;
  const [width, height] = [67, 9];
  const count = width * height;
  const pixels = Uint8Array.from({ length: 4 * count }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed >> 16 & 255;
  });
  const base = module.reserve(6 * count);
  new Uint8Array(module.memory.buffer, base + 2 * count, 4 * count).set(pixels);
  module.luminance(base + 2 * count, base, count, ...BGRA);
  module.halfLuminance(base + 2 * count, base + count, width, height, ...BGRA);
  const luminance = new Uint8Array(count);
  luminanceJs(pixels, luminance, BGRA);
  assert.deepEqual(luminance, new Uint8Array(module.memory.buffer, base, count));
  const half = new Uint8Array((width >> 1) * (height >> 1));
  halveJs(luminance, half, width, height);
  assert.deepEqual(half, new Uint8Array(module.memory.buffer, base + count, half.length));
});

test('reserve grows the memory for a 48-megapixel image and keeps one place', async () => {
  const module = await load();
  const small = module.reserve(16);
  const large = module.reserve(5 * 8000 * 6000);
  assert.equal(large, small);
  assert.ok(module.memory.buffer.byteLength >= large + 5 * 8000 * 6000);
});
