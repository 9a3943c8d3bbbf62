// Extracts the face models from the pinned MediaPipe npm packages (Apache-2.0) and
// verifies each against its pinned sha256. Writes them into the directory given as
// the first argument. The landmark model and the canonical face geometry live inside
// face_mesh's packed asset file; their byte ranges are read from the package's own
// loader script rather than hard-coded, and the sha256 proves the slice is right.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = join(root, 'node_modules', '@mediapipe');

// name in our models dir -> where it comes from, and its sha256
const MODELS = [
  {
    name: 'face_detection_short_range.tflite',
    file: join(modules, 'face_detection', 'face_detection_short_range.tflite'),
    sha256: '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633',
  },
  {
    name: 'face_landmark.tflite',
    packed: '/third_party/mediapipe/modules/face_landmark/face_landmark.tflite',
    sha256: 'c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1',
  },
  {
    name: 'geometry_pipeline_metadata_landmarks.binarypb',
    packed: '/third_party/mediapipe/modules/face_geometry/data/geometry_pipeline_metadata_landmarks.binarypb',
    sha256: 'bdbcda96dfcb7da883da124aaa2c55dee49770d934f0fcc71747f8c21bdc75b4',
  },
];

function packedRanges() {
  const loader = readFileSync(join(modules, 'face_mesh', 'face_mesh_solution_packed_assets_loader.js'), 'utf8');
  const ranges = new Map();
  const pattern = /"filename":\s*"([^"]+)",\s*"start":\s*(\d+),\s*"end":\s*(\d+)/g;
  for (const m of loader.matchAll(pattern)) ranges.set(m[1], [Number(m[2]), Number(m[3])]);
  return ranges;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

export function extractModels(outDir) {
  mkdirSync(outDir, { recursive: true });
  let ranges = null;
  let packed = null;
  for (const model of MODELS) {
    const target = join(outDir, model.name);
    if (existsSync(target) && sha256(readFileSync(target)) === model.sha256) continue;
    let bytes;
    if (model.file) {
      bytes = readFileSync(model.file);
    } else {
      ranges ??= packedRanges();
      packed ??= readFileSync(join(modules, 'face_mesh', 'face_mesh_solution_packed_assets.data'));
      const range = ranges.get(model.packed);
      if (!range) throw new Error(`models: ${model.packed} is not listed in face_mesh's packed asset loader`);
      bytes = packed.subarray(range[0], range[1]);
    }
    const actual = sha256(bytes);
    if (actual !== model.sha256) {
      throw new Error(`models: ${model.name} has sha256 ${actual}, expected ${model.sha256}`);
    }
    writeFileSync(target, bytes);
  }
  return MODELS.map((m) => m.name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) { console.error('usage: node models.mjs OUT_DIR'); process.exit(2); }
  try {
    for (const name of extractModels(outDir)) console.log(join(outDir, name));
  } catch (e) { console.error(e.message); process.exit(1); }
}
