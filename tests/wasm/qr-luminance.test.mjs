// The 采集码 step's luminance pass (wasm/qr_luminance.cpp, built qr-luminance.wasm) gives
// the very bytes zxing-wasm's own JS conversion gives, for RGBA and BGRA, at sizes that
// are not a multiple of its 16-pixel step (the scalar tail), and at extreme values.
//   [GRADPHOTO_WASM_DIR=...] node --test tests/wasm/qr-luminance.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasmDir } from './load-core.mjs';

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

test('reserve grows the memory for a 48-megapixel image and keeps one place', async () => {
  const module = await load();
  const small = module.reserve(16);
  const large = module.reserve(5 * 8000 * 6000);
  assert.equal(large, small);
  assert.ok(module.memory.buffer.byteLength >= large + 5 * 8000 * 6000);
});
