// The live guidance rules (web/guidance.js) on made-up frames, in Node: each message
// fires when its measure is off and stays quiet when it is not. The page tests show the
// same code running in the Worker on a real camera stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frameGuide, liveGuidance, measureFrame } from '../../web/guidance.js';
import { repoRoot } from './fixtures.mjs';

const profile = JSON.parse(readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8'));

// A face in a 720x1280 frame, placed in output pixels of the 720x960 guide (scale 1.5):
// centre x, eye line y and face width as the profile measures them.
function faceAt({ centre = 240, eyes = 250, width = 240, roll = 0, yaw = 0, pitch = 0 } = {}) {
  const guide = frameGuide(720, 1280);
  const k = guide.width / 480;
  const x = (u) => guide.x + u * k;
  const y = (v) => guide.y + v * k;
  const half = width / 2;
  const keyPoints = {
    face_left: { x: x(centre - half), y: y(eyes + 40) },
    face_right: { x: x(centre + half), y: y(eyes + 40) },
    eye_left: { x: x(centre - 55), y: y(eyes) },
    eye_right: { x: x(centre + 55), y: y(eyes) },
    nose_tip: { x: x(centre), y: y(eyes + 70) },
    upper_lip: { x: x(centre), y: y(eyes + 120) },
    lower_lip: { x: x(centre), y: y(eyes + 130) },
    mouth_left: { x: x(centre - 40), y: y(eyes + 125) },
    mouth_right: { x: x(centre + 40), y: y(eyes + 125) },
    chin: { x: x(centre), y: y(eyes + 190) },
  };
  const box = { x: x(centre - half), y: y(eyes - 120), width: width * k, height: 330 * k };
  return { box, score: 0.9, key_points: keyPoints, pose: { roll, yaw, pitch } };
}

const analysisOf = (...faces) => ({ width: 720, height: 1280, face_count: faces.length, faces, error: null });
const ids = (guidance) => guidance.items.map((item) => item.id);
const goodStats = { exposure: 70, evenness: { ratio: 0.95 }, shoulderTilt: 0.5 };

test('frame guide: the largest 3:4 rectangle in the middle of the frame', () => {
  assert.deepEqual(frameGuide(720, 1280), { x: 0, y: 160, width: 720, height: 960 });
  assert.deepEqual(frameGuide(1280, 720), { x: 370, y: 0, width: 540, height: 720 });
  assert.deepEqual(frameGuide(358, 441, { width: 358, height: 441 }), { x: 0, y: 0, width: 358, height: 441 });
});

test('a well-framed, level, evenly lit face needs no change', () => {
  const guidance = liveGuidance(analysisOf(faceAt()), goodStats, profile);
  assert.deepEqual(ids(guidance), []);
  assert.equal(guidance.ok, true);
  assert.ok(Math.abs(guidance.measures.faceWidth - 240) < 1e-6);
  assert.ok(Math.abs(guidance.measures.eyeLine - 250) < 1e-6);
});

test('no face, two faces, a wasm error', () => {
  assert.deepEqual(ids(liveGuidance(analysisOf(), null, profile)), ['no_face']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt(), faceAt({ centre: 100 })), null, profile)), ['many_faces']);
  assert.deepEqual(ids(liveGuidance({ error: { code: 'invalid_image' } }, null, profile)), ['error']);
});

test('distance and position use the profile bands', () => {
  // Face width band 180-300 px: live asks for 10% inside it (192-288).
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ width: 185 })), goodStats, profile)), ['closer']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ width: 200 })), goodStats, profile)), []);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ width: 295 })), goodStats, profile)), ['back']);
  // Eye line band 200-300 px.
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ eyes: 298 })), goodStats, profile)), ['face_low']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ eyes: 202 })), goodStats, profile)), ['face_high']);
  // Right of centre in the frame: move left on a plain preview, right on a mirrored one.
  const right = analysisOf(faceAt({ centre: 320 }));
  assert.deepEqual(ids(liveGuidance(right, goodStats, profile)), ['move_left']);
  assert.deepEqual(ids(liveGuidance(right, goodStats, profile, { mirrored: true })), ['move_right']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ centre: 270 })), goodStats, profile)), [], '30 px off is fine live');
});

test('pose: halfway between the warn and the fail limit', () => {
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ roll: 7 })), goodStats, profile)), ['level_head']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ roll: -6 })), goodStats, profile)), []);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ yaw: -7 })), goodStats, profile)), ['turn']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ pitch: 13 })), goodStats, profile)), ['chin_down']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ pitch: -13 })), goodStats, profile)), ['chin_up']);
  assert.deepEqual(ids(liveGuidance(analysisOf(faceAt({ pitch: 10 })), goodStats, profile)), []);
});

test('light and shoulders from the frame statistics', () => {
  const face = analysisOf(faceAt());
  assert.deepEqual(ids(liveGuidance(face, { ...goodStats, exposure: 30 }, profile)), ['too_dark']);
  assert.deepEqual(ids(liveGuidance(face, { ...goodStats, exposure: 95 }, profile)), ['too_bright']);
  assert.deepEqual(ids(liveGuidance(face, { ...goodStats, evenness: { ratio: 0.6 } }, profile)), ['one_sided']);
  assert.deepEqual(ids(liveGuidance(face, { ...goodStats, shoulderTilt: -9 }, profile)), ['shoulders']);
  // Unknown statistics never block: a busy backdrop gives no shoulder line.
  assert.deepEqual(ids(liveGuidance(face, { exposure: null, evenness: null, shoulderTilt: null }, profile)), []);
});

test('several problems come most important first', () => {
  const guidance = liveGuidance(analysisOf(faceAt({ width: 150, roll: 12 })), { ...goodStats, exposure: 20 }, profile);
  assert.deepEqual(ids(guidance), ['closer', 'level_head', 'too_dark']);
});

// An RGBA frame: a flat backdrop, a body below `bodyTop(x)`, and a face rectangle whose
// left and right halves have their own brightness.
function frame({ backdrop = [100, 197, 255], body = [30, 30, 40], bodyTop = () => 1100, faceLeft = 180, faceRight = 180 } = {}) {
  const width = 720;
  const height = 1280;
  const data = new Uint8ClampedArray(width * height * 4);
  const face = faceAt();
  const { face_left: left, face_right: right } = face.key_points;
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width; ++x) {
      let colour = y >= bodyTop(x) ? body : backdrop;
      if (x >= left.x && x <= right.x && y >= face.box.y && y <= face.box.y + face.box.height) {
        const grey = x < (left.x + right.x) / 2 ? faceLeft : faceRight;
        colour = [grey, grey * 0.8, grey * 0.7];
      }
      data.set([...colour, 255], (y * width + x) * 4);
    }
  }
  // Cheek patches where the core looks (Face Mesh 118/50/101 and 347/280/330).
  const mesh = new Float32Array(468 * 3);
  const place = (indices, point) => indices.forEach((index) => mesh.set([point.x, point.y, 0], index * 3));
  place([118, 50, 101], { x: left.x + 60, y: face.key_points.eye_left.y + 60 });
  place([347, 280, 330], { x: right.x - 60, y: face.key_points.eye_right.y + 60 });
  return { image: { data, width, height }, face: { ...face, mesh } };
}

test('frame statistics: evenness, exposure and shoulder tilt measured on pixels', () => {
  const even = frame();
  const evenStats = measureFrame(even.image, even.face);
  assert.ok(evenStats.evenness.ratio > 0.99, `even light: ${evenStats.evenness.ratio}`);
  assert.ok(evenStats.exposure > 60 && evenStats.exposure < 80, `exposure ${evenStats.exposure}`);
  assert.ok(Math.abs(evenStats.shoulderTilt) < 0.5, `level shoulders: ${evenStats.shoulderTilt}`);

  const sideLit = frame({ faceLeft: 70, faceRight: 200 });
  const sideStats = measureFrame(sideLit.image, sideLit.face);
  assert.ok(sideStats.evenness.ratio < 0.6, `one-sided light: ${sideStats.evenness.ratio}`);
  assert.equal(sideStats.evenness.darkerSide, 'left');

  const dark = frame({ faceLeft: 25, faceRight: 25 });
  assert.ok(measureFrame(dark.image, dark.face).exposure < 45);

  // The body's top edge falls 0.15 px per px to the right: about 8.5 degrees.
  const tilted = frame({ bodyTop: (x) => 1050 + 0.15 * x });
  const tilt = measureFrame(tilted.image, tilted.face).shoulderTilt;
  assert.ok(Math.abs(tilt - 8.53) < 0.5, `tilt ${tilt}`);
  assert.deepEqual(ids(liveGuidance(analysisOf(tilted.face), measureFrame(tilted.image, tilted.face), profile)), ['shoulders']);
});
