// Live guidance for the camera preview: turns one analyze() result plus cheap pixel
// statistics of the same frame into the one thing the student should change next.
// Pure functions, no DOM: the analysis Worker runs them per frame, Node tests run them
// on their own. Geometry comes from the profile (the same bands the photo check
// uses); the framing guide is the profile's output frame (3:4) laid over the camera
// frame, so "inside the guide" means "the crop will succeed".

// Used when a profile does not list a check; the values are the CHSI profile's.
const FALLBACK_LIMITS = {
  'geometry.face_width': { min_fail: 180, max_fail: 300 },
  'geometry.eye_line': { min_fail: 200, max_fail: 300 },
  'face.position': { max_fail: 24 },
  'pose.roll': { max_warn: 5, max_fail: 8 },
  'pose.yaw': { max_warn: 5, max_fail: 8 },
  'pose.pitch': { max_warn: 8, max_fail: 15 },
  'light.evenness': { min_warn: 0.8 },
  'image.exposure': { min_fail: 45, max_warn: 81 },
  'shoulders.level': { max_warn: 5 },
};

// Live-only tolerances: a live frame is smaller and noisier than the final photo, and the
// capture is cropped to the profile anyway, so the preview asks for a little margin
// inside each band (so a student at the edge doesn't flicker between "ok" and "move")
// and only complains about horizontal offset past twice the photo's own limit.
export const LIVE_TUNING = {
  bandMargin: 0.1,          // keep face width and eye line 10% of the band inside its ends
  centreFactor: 2,          // horizontal offset allowed live: 2x the profile's face.position
  minCentreOut: 36,         // ...and never under 36 output px (7.5% of 480)
  cheekPatchRadius: 0.06,   // cheek patches for light evenness, in face widths (as the core's)
  shoulderOffsets: [0.75, 0.85, 0.95], // columns either side of the face centre, in face widths
  shoulderColourStep: 60,   // summed |RGB| difference from the backdrop that marks the body's edge
  backdropMaxSpread: 30,    // mean |RGB| deviation in the top corners above which the backdrop is busy
  samplesPerRegion: 4000,   // pixel budget per statistic: keeps a frame's statistics under a millisecond
};

const limitsOf = (profile, id) => ({ ...FALLBACK_LIMITS[id], ...(profile?.checks?.[id] ?? {}) });

// The largest 3:4 (profile output aspect) rectangle centred in the frame: what a phone
// shows with object-fit: cover in the 3:4 preview, and where the crop will come from.
export function frameGuide(width, height, output = { width: 480, height: 640 }) {
  const aspect = output.width / output.height;
  let guideWidth = width;
  let guideHeight = width / aspect;
  if (guideHeight > height) {
    guideHeight = height;
    guideWidth = height * aspect;
  }
  return { x: (width - guideWidth) / 2, y: (height - guideHeight) / 2, width: guideWidth, height: guideHeight };
}

// sRGB byte -> linear light, and relative luminance -> CIE L*.
const LINEAR = new Float32Array(256);
for (let i = 0; i < 256; ++i) {
  const c = i / 255;
  LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
const lightness = (data, offset) => {
  const y = 0.2126 * LINEAR[data[offset]] + 0.7152 * LINEAR[data[offset + 1]] + 0.0722 * LINEAR[data[offset + 2]];
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
};

function lightnessSamples(image, left, top, right, bottom) {
  const x0 = Math.max(0, Math.floor(left));
  const y0 = Math.max(0, Math.floor(top));
  const x1 = Math.min(image.width, Math.ceil(right));
  const y1 = Math.min(image.height, Math.ceil(bottom));
  if (x1 <= x0 || y1 <= y0) return [];
  const step = Math.max(1, Math.round(Math.sqrt(((x1 - x0) * (y1 - y0)) / LIVE_TUNING.samplesPerRegion)));
  const values = [];
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) values.push(lightness(image.data, (y * image.width + x) * 4));
  }
  return values;
}

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const meshPoint = (mesh, index) => ({ x: mesh[index * 3], y: mesh[index * 3 + 1] });
const centroid = (points) => ({
  x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
  y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
});

// The body's top edge below the face, found as the first row (from the chin down) that
// differs clearly from the backdrop; null when the backdrop is too busy to tell.
function shoulderTiltDegrees(image, face, faceWidth) {
  const { width, height, data } = image;
  // Backdrop: the frame's top corners, above and beside the head.
  const cornerWidth = Math.max(2, Math.floor(width * 0.1));
  const cornerBottom = Math.max(2, Math.min(Math.floor(height * 0.1), Math.floor(face.box.y)));
  const pixels = [];
  for (let y = 0; y < cornerBottom; y += 2) {
    for (let x = 0; x < cornerWidth; x += 2) {
      pixels.push((y * width + x) * 4, (y * width + width - 1 - x) * 4);
    }
  }
  if (pixels.length < 8) return null;
  const mean = [0, 1, 2].map((c) => pixels.reduce((sum, offset) => sum + data[offset + c], 0) / pixels.length);
  const difference = (offset) =>
    Math.abs(data[offset] - mean[0]) + Math.abs(data[offset + 1] - mean[1]) + Math.abs(data[offset + 2] - mean[2]);
  const spread = pixels.reduce((sum, offset) => sum + difference(offset), 0) / pixels.length;
  if (spread > LIVE_TUNING.backdropMaxSpread) return null;

  const centreX = (face.key_points.face_left.x + face.key_points.face_right.x) / 2;
  const startY = Math.floor(face.key_points.chin.y + 0.15 * faceWidth);
  const edgeBelow = (x) => {
    for (let y = Math.max(0, startY), run = 0; y < height; ++y) {
      run = difference((y * width + x) * 4) > LIVE_TUNING.shoulderColourStep ? run + 1 : 0;
      if (run === 3) return y - 2;
    }
    return null;
  };
  const tilts = [];
  for (const offset of LIVE_TUNING.shoulderOffsets) {
    const left = Math.round(centreX - offset * faceWidth);
    const right = Math.round(centreX + offset * faceWidth);
    if (left < 0 || right >= width) continue;
    const [leftY, rightY] = [edgeBelow(left), edgeBelow(right)];
    if (leftY === null || rightY === null) continue;
    tilts.push((Math.atan2(rightY - leftY, right - left) * 180) / Math.PI);
  }
  if (tilts.length < 2) return null;
  tilts.sort((a, b) => a - b);
  return tilts[Math.floor(tilts.length / 2)];
}

// Cheap statistics of the face on the frame the worker already holds (RGBA).
export function measureFrame(image, face) {
  const { face_left: faceLeft, face_right: faceRight, eye_left: eyeLeft, eye_right: eyeRight, upper_lip: upperLip } = face.key_points;
  const faceWidth = Math.abs(faceRight.x - faceLeft.x);
  const eyeY = (eyeLeft.y + eyeRight.y) / 2;
  const inset = faceWidth * 0.15;
  // Lit parts of the face between the eyes and the mouth; the core's exposure check uses
  // the 90th percentile of skin L* too, so the number reads the same way.
  const skin = lightnessSamples(image, Math.min(faceLeft.x, faceRight.x) + inset, eyeY + faceWidth * 0.08,
    Math.max(faceLeft.x, faceRight.x) - inset, upperLip.y);
  // Skin tone moves skin L* a long way, so, like the core, take the brighter of the skin's
  // 90th percentile and the eye whites' 97th percentile: both move with the light.
  const eyeWhites = [eyeLeft, eyeRight].flatMap((eye) => lightnessSamples(image,
    eye.x - 0.12 * faceWidth, eye.y - 0.05 * faceWidth, eye.x + 0.12 * faceWidth, eye.y + 0.05 * faceWidth));
  const skinLit = percentile(skin, 0.9);
  const eyesLit = percentile(eyeWhites, 0.97);
  const exposure = skinLit === null ? null : Math.max(skinLit, eyesLit ?? 0);

  let evenness = null;
  if (face.mesh && face.mesh.length >= 468 * 3) {
    const radius = LIVE_TUNING.cheekPatchRadius * faceWidth;
    const cheekLightness = (indices) => {
      const c = centroid(indices.map((index) => meshPoint(face.mesh, index)));
      return percentile(lightnessSamples(image, c.x - radius, c.y - radius, c.x + radius, c.y + radius), 0.5);
    };
    // Upper cheeks, the same Face Mesh points the core's light.evenness check uses.
    const left = cheekLightness([118, 50, 101]);
    const right = cheekLightness([347, 280, 330]);
    if (left !== null && right !== null && Math.max(left, right) > 0) {
      evenness = { ratio: Math.min(left, right) / Math.max(left, right), darkerSide: left < right ? 'left' : 'right' };
    }
  }
  return { faceWidth, exposure, evenness, shoulderTilt: shoulderTiltDegrees(image, face, faceWidth) };
}

// Halfway between the warn and the fail limit: the live pose is measured on a small frame
// and some people's neutral pose already measures near the warn limit (pitch on the
// frontal test photos spans -8..13 deg), so nagging at the warn limit would never stop;
// the final check still warns past it.
function poseLimit(profile, id) {
  const { max_warn: warn, max_fail: fail } = limitsOf(profile, id);
  return fail === undefined ? warn : warn === undefined ? fail : (warn + fail) / 2;
}

const outside = (value, low, high) => (value < low ? -1 : value > high ? 1 : 0);

// items: what to change, most important first; ok: nothing to change. `mirrored` turns
// left/right into what the student sees on a mirrored (front camera) preview.
export function liveGuidance(analysis, stats, profile, { mirrored = false } = {}) {
  if (analysis.error) return { ok: false, items: [{ id: 'error', code: analysis.error.code }], measures: {} };
  if (!analysis.faces?.length) return { ok: false, items: [{ id: 'no_face' }], measures: {} };
  if (analysis.faces.length > 1) return { ok: false, items: [{ id: 'many_faces', count: analysis.faces.length }], measures: {} };

  const output = { width: profile?.output?.width ?? 480, height: profile?.output?.height ?? 640 };
  const face = analysis.faces[0];
  const guide = frameGuide(analysis.width, analysis.height, output);
  const toOutput = output.width / guide.width;
  const { face_left: faceLeft, face_right: faceRight, eye_left: eyeLeft, eye_right: eyeRight } = face.key_points;
  const measures = {
    faceWidth: Math.abs(faceRight.x - faceLeft.x) * toOutput,
    eyeLine: ((eyeLeft.y + eyeRight.y) / 2 - guide.y) * toOutput,
    centreOffset: ((faceLeft.x + faceRight.x) / 2 - guide.x) * toOutput - output.width / 2,
    roll: face.pose?.roll ?? 0,
    yaw: face.pose?.yaw ?? 0,
    pitch: face.pose?.pitch ?? 0,
    exposure: stats?.exposure ?? null,
    evenness: stats?.evenness?.ratio ?? null,
    shoulderTilt: stats?.shoulderTilt ?? null,
  };
  const items = [];
  const inner = (id) => {
    const { min_fail: low, max_fail: high } = limitsOf(profile, id);
    const margin = (high - low) * LIVE_TUNING.bandMargin;
    return [low + margin, high - margin];
  };

  const size = outside(measures.faceWidth, ...inner('geometry.face_width'));
  if (size < 0) items.push({ id: 'closer' });
  if (size > 0) items.push({ id: 'back' });

  const position = limitsOf(profile, 'face.position');
  const allowed = Math.max(LIVE_TUNING.minCentreOut, (position.max_fail ?? 24) * LIVE_TUNING.centreFactor);
  if (Math.abs(measures.centreOffset) > allowed) {
    // A face right of centre in the frame shows left of centre on a mirrored preview.
    const shownRight = (measures.centreOffset > 0) !== mirrored;
    items.push({ id: shownRight ? 'move_left' : 'move_right' });
  }
  const height = outside(measures.eyeLine, ...inner('geometry.eye_line'));
  if (height > 0) items.push({ id: 'face_low' });
  if (height < 0) items.push({ id: 'face_high' });

  if (Math.abs(measures.yaw) > poseLimit(profile, 'pose.yaw')) items.push({ id: 'turn', degrees: Math.abs(measures.yaw) });
  if (Math.abs(measures.roll) > poseLimit(profile, 'pose.roll')) items.push({ id: 'level_head', degrees: Math.abs(measures.roll) });
  if (measures.pitch > poseLimit(profile, 'pose.pitch')) items.push({ id: 'chin_down' });
  if (measures.pitch < -poseLimit(profile, 'pose.pitch')) items.push({ id: 'chin_up' });
  if (measures.shoulderTilt !== null && Math.abs(measures.shoulderTilt) > limitsOf(profile, 'shoulders.level').max_warn) {
    items.push({ id: 'shoulders', degrees: Math.abs(measures.shoulderTilt) });
  }

  const exposure = limitsOf(profile, 'image.exposure');
  if (measures.exposure !== null && measures.exposure < exposure.min_fail) items.push({ id: 'too_dark' });
  if (measures.exposure !== null && measures.exposure > exposure.max_warn) items.push({ id: 'too_bright' });
  if (measures.evenness !== null && measures.evenness < limitsOf(profile, 'light.evenness').min_warn) {
    items.push({ id: 'one_sided' });
  }
  return { ok: items.length === 0, items, measures, guide };
}

// Runs measureFrame and liveGuidance once on a blank 640x480 frame with a made-up face,
// so that the first real frame does not pay for compiling and first running them: the
// analysis worker calls this while the core is still downloading. On a cold start the
// first frame's statistics took 50 to 60 ms, the next frame's 6 ms (bench/app-startup.mjs).
// Pure: no state is kept, nothing is returned.
export function warmUp() {
  const width = 640;
  const height = 480;
  const image = { width, height, data: new Uint8ClampedArray(width * height * 4).fill(128) };
  const at = (x, y) => ({ x, y });
  const mesh = new Float32Array(468 * 3);
  for (let i = 0; i < 468; i++) mesh.set([320, 220, 0], i * 3);
  const face = {
    box: { x: 250, y: 140, width: 140, height: 170 },
    key_points: { face_left: at(250, 220), face_right: at(390, 220), eye_left: at(290, 200), eye_right: at(350, 200),
      upper_lip: at(320, 270), chin: at(320, 310) },
    pose: { roll: 0, yaw: 0, pitch: 0 },
    mesh,
  };
  liveGuidance({ width, height, faces: [face] }, measureFrame(image, face), null);
}
