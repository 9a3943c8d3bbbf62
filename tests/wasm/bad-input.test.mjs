// Bad input through the wasm module: a clear bilingual error or a correct result,
// never an abort of the module (the next call must still work).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadCore, readPng, testdataDir } from './load-core.mjs';

const core = await loadCore();

function assertError(result, code) {
  assert.ok(result.error, 'expected an error');
  assert.equal(result.error.code, code);
  assert.ok(result.error.message_zh.length > 0);
  assert.ok(result.error.message_en.length > 0);
  assert.equal(result.face_count, 0);
}

test('empty buffer', () => {
  assertError(core.analyze({ data: new Uint8Array(0), width: 640, height: 480 }), 'invalid_image');
  assertError(core.analyze({ width: 640, height: 480 }), 'invalid_image');
});

test('1x1 image', () => {
  assertError(core.analyze({ data: new Uint8Array([1, 2, 3, 255]), width: 1, height: 1 }), 'image_too_small');
});

test('wrong stride', () => {
  const data = new Uint8Array(640 * 480 * 4);
  assertError(core.analyze({ data, width: 640, height: 480, stride: 640 * 4 + 16 }), 'invalid_image');
  assertError(core.analyze({ data, width: 640, height: 480, stride: 100 }), 'invalid_image');
});

test('dimensions that do not match the buffer', () => {
  assertError(core.analyze({ data: new Uint8Array(100), width: 640, height: 480 }), 'invalid_image');
});

test('12000x9000 photo is analysed and mapped back to its own pixels', () => {
  // The real photo scaled by 6.5 into a 12000x9000 frame, by ffmpeg (outside wasm).
  const photo = join(testdataDir, 'webmorphR.stim/inst/neutral_front/001_03.jpg');
  const raw = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', photo, '-vf',
    'scale=9000:9000,pad=12000:9000:1500:0:white', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
  { maxBuffer: 12000 * 9000 * 4 + 1024 });
  const big = core.analyze({ data: raw, width: 12000, height: 9000 });
  assert.equal(big.error, null);
  assert.equal(big.face_count, 1);
  const small = core.analyze(readPng(process.env.GRADPHOTO_FIXTURES_DIR + '/001_03.png'));
  const scale = 9000 / 1350;
  const expectedX = small.faces[0].key_points.eye_left.x * scale + 1500;
  const expectedY = small.faces[0].key_points.eye_left.y * scale;
  const interOcular = (small.faces[0].key_points.eye_right.x - small.faces[0].key_points.eye_left.x) * scale;
  const error = Math.hypot(big.faces[0].key_points.eye_left.x - expectedX, big.faces[0].key_points.eye_left.y - expectedY);
  assert.ok(error / interOcular < 0.05, `eye off by ${(error / interOcular).toFixed(3)} inter-ocular distances`);
});

test('the module still works after every bad call', () => {
  const result = core.analyze(readPng(process.env.GRADPHOTO_FIXTURES_DIR + '/001_03.png'));
  assert.equal(result.face_count, 1);
});
