// analyzeLive() through the wasm module: camera frames followed from one to the next
// land where analyze() lands, and bad frames come back as errors, as from analyze().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCore, testdataDir } from './load-core.mjs';

const core = await loadCore();

// A 640x480 webcam frame from a real photo (ffmpeg, outside wasm), shifted sideways.
function frame(shift) {
  const photo = join(testdataDir, 'webmorphR.stim/inst/neutral_front/006_03.jpg');
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', photo, '-vf', `scale=480:480,pad=640:480:${80 + shift}:0:0xCDD1D2`,
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 640 * 480 * 4 + 1024 });
  return { data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length), width: 640, height: 480 };
}

test('frames followed one after another agree with a full analysis of each', () => {
  for (let i = 0; i < 5; i++) {
    const image = frame(4 * i);
    const live = core.analyzeLive(image);
    const full = core.analyze(image);
    assert.equal(live.face_count, 1, `frame ${i}`);
    if (i > 0) assert.equal(live.timings_ms.detect, 0, `frame ${i} is followed, not detected`);
    const eyes = Math.hypot(full.faces[0].key_points.eye_right.x - full.faces[0].key_points.eye_left.x,
      full.faces[0].key_points.eye_right.y - full.faces[0].key_points.eye_left.y);
    for (const name of ['eye_left', 'eye_right', 'nose_tip', 'chin']) {
      const [a, b] = [live.faces[0].key_points[name], full.faces[0].key_points[name]];
      assert.ok(Math.hypot(a.x - b.x, a.y - b.y) < 0.03 * eyes, `frame ${i} ${name}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  }
});

test('a bad frame is an error object and the next good frame is found again', () => {
  const bad = core.analyzeLive({ data: new Uint8Array(100), width: 640, height: 480 });
  assert.equal(bad.error?.code, 'invalid_image');
  assert.equal(bad.face_count, 0);
  assert.equal(core.analyzeLive(frame(0)).face_count, 1);
});
