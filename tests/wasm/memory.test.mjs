// The wasm module's memory has a maximum: a 48-megapixel phone photo fits under it,
// and a photo that would pass it is refused with an out_of_memory error object
// before its pixels are copied in (not an abort: the module keeps working).
// Writes the figures to build/badinput/wasm-memory.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore, repoRoot } from './load-core.mjs';
import { sourcePhoto } from '../../tools/badinput/make-corpus.mjs';

const MB = 1024 * 1024;
// Issue #5's budget for the peak memory of a 48-megapixel check.
const PEAK_BUDGET_48MP = 300 * MB;

const profile = readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8');
const figures = {};

// The real photo, scaled up to fill most of a width x height frame padded with its own edge.
function bigPhoto(width, height) {
  const side = Math.round(height * 0.9);
  const data = execFileSync('ffmpeg', ['-v', 'error', '-i', sourcePhoto, '-vf',
    `scale=${side}:${side},pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=0xc8cccb`, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
  { maxBuffer: width * height * 4 + 1024 });
  return { data, width, height };
}

test('a 48-megapixel photo is checked within the memory maximum', async () => {
  // A fresh module: wasm memory only grows, so its size afterwards is the peak.
  const core = await loadCore();
  assert.equal(core.loadProfile(profile), null);
  const before = core.HEAPU8.length;
  const photo = bigPhoto(8000, 6000);
  const report = core.check(photo);
  const peak = core.HEAPU8.length;
  const { max } = core.memory();
  Object.assign(figures, {
    maximum_mb: max / MB,
    before_check_mb: before / MB,
    peak_48mp_mb: peak / MB,
    working_bytes_per_pixel_48mp: (peak - before - photo.data.length) / (8000 * 6000),
  });
  console.log(`wasm memory: maximum ${max / MB} MB; ${(before / MB).toFixed(0)} MB with models and profile; ` +
    `peak ${(peak / MB).toFixed(0)} MB checking 48 MP`);
  assert.equal(report.error, null, report.error?.message_en);
  assert.equal(report.analysis.face_count, 1);
  assert.ok(peak <= max);
  assert.ok(peak <= PEAK_BUDGET_48MP, `peak ${(peak / MB).toFixed(0)} MB over the ${PEAK_BUDGET_48MP / MB} MB budget`);
});

test('a photo past the maximum is an out_of_memory error object, and the module keeps working', async () => {
  const core = await loadCore();
  assert.equal(core.loadProfile(profile), null);
  const { max } = core.memory();
  // 150 megapixels (a stitched panorama): under the 200-megapixel limit, over what
  // the module may hold (about 140 megapixels of RGBA fit).
  const width = 15000;
  const height = 10000;
  assert.ok(width * height * 4 > max / 2);
  const data = new Uint8Array(width * height * 4).fill(200);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  const huge = { data, width, height };
  const report = core.check(huge);
  assert.equal(report.verdict, 'error');
  assert.equal(report.error?.code, 'out_of_memory');
  assert.match(report.error.message_zh, /照片太大.*内存/);
  assert.match(report.error.message_en, /too large.*memory/);
  assert.equal(core.analyze(huge).error?.code, 'out_of_memory');
  figures.refused_150mp = report.error.message_en;
  // Nothing was copied in, so the module is as it was.
  const again = core.check(bigPhoto(1350, 1350));
  assert.equal(again.error, null, again.error?.message_en);
  assert.equal(again.analysis.face_count, 1);
});

test('figures written', () => {
  mkdirSync(join(repoRoot, 'build', 'badinput'), { recursive: true });
  writeFileSync(join(repoRoot, 'build', 'badinput', 'wasm-memory.json'), `${JSON.stringify(figures, null, 1)}\n`);
  assert.ok(figures.peak_48mp_mb > 0);
});
