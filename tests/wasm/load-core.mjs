// Loads the built wasm module in Node with its models, for the wasm tests and the
// Node timing harness. Node is given the .wasm bytes directly: Emscripten 3.1.6's
// glue would otherwise try Node 20's fetch on a file: URL and fail.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const testdataDir = process.env.GRADPHOTO_TESTDATA_DIR ?? join(repoRoot, '..', 'shared', 'testdata');
export const wasmDir = process.env.GRADPHOTO_WASM_DIR ?? join(repoRoot, 'build', 'wasm-release', 'wasm');

export const MODEL_FILES = [
  'face_detection_short_range.tflite',
  'face_landmark.tflite',
  'geometry_pipeline_metadata_landmarks.binarypb',
];

export async function loadCore({ modelsDir = process.env.GRADPHOTO_MODELS_DIR } = {}) {
  if (!modelsDir) throw new Error('GRADPHOTO_MODELS_DIR is not set');
  const { default: createGradPhotoModule } = await import(pathToFileURL(join(wasmDir, 'gradphoto.mjs')).href);
  const core = await createGradPhotoModule({ wasmBinary: readFileSync(join(wasmDir, 'gradphoto.wasm')) });
  const error = core.loadModels(...MODEL_FILES.map((name) => readFileSync(join(modelsDir, name))));
  if (error) throw new Error(`loadModels: ${error.message_en}`);
  return core;
}

// RGBA pixels of a PNG: lossless, so Node and the native tool see the same bytes.
export function readPng(path) {
  const png = PNG.sync.read(readFileSync(path));
  return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
}
