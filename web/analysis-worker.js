// Runs the wasm core off the main thread so a slow model load or analysis never
// freezes the page. Protocol (all messages are plain objects):
//   page -> worker  {type: 'analyze', id, width, height, buffer}   (buffer transferred, RGBA)
//   worker -> page  {type: 'status', stage: 'loading' | 'ready', elapsed_ms?}
//                   {type: 'result', id, result, worker_ms}
//                   {type: 'failure', id?, error: {code, message_zh, message_en}}
// Every failure travels back as data: the page has no other way to learn that the
// worker hit a problem (an uncaught exception here would only reach the console).

const MODEL_FILES = [
  'face_detection_short_range.tflite',
  'face_landmark.tflite',
  'geometry_pipeline_metadata_landmarks.binarypb',
];

const failure = (code, zh, en, detail) => ({
  code,
  message_zh: zh,
  message_en: detail ? `${en}: ${detail}` : en,
});

let corePromise = null;

async function fetchModel(name) {
  const response = await fetch(`/models/${name}`);
  if (!response.ok) {
    throw failure('model_fetch_failed', `无法下载模型文件 ${name}`, `Could not fetch model ${name}`, `HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function instantiateCore() {
  let createGradPhotoModule;
  try {
    // Imported dynamically (not a static import) so a missing or broken build becomes
    // an error message on the page instead of a worker that silently never starts.
    ({ default: createGradPhotoModule } = await import('/wasm/gradphoto.mjs'));
  } catch (error) {
    throw failure('wasm_load_failed', '无法加载分析程序 (gradphoto.mjs)', 'Could not load the analysis module (gradphoto.mjs)', error.message);
  }
  // locateFile keeps the .wasm on our own origin whatever the glue guesses.
  const [core, ...models] = await Promise.all([
    createGradPhotoModule({ locateFile: (path) => `/wasm/${path}` }).catch((error) => {
      throw failure('wasm_load_failed', '无法启动分析程序 (gradphoto.wasm)', 'Could not start the analysis module (gradphoto.wasm)', error.message);
    }),
    ...MODEL_FILES.map(fetchModel),
  ]);
  const loadError = core.loadModels(...models);
  if (loadError) throw loadError;
  return core;
}

// One core per worker, created on first use; forgotten again when it fails or the wasm
// aborts, because an aborted Emscripten module refuses every later call.
function getCore() {
  if (!corePromise) {
    const started = performance.now();
    self.postMessage({ type: 'status', stage: 'loading' });
    corePromise = instantiateCore().then(
      (core) => {
        self.postMessage({ type: 'status', stage: 'ready', elapsed_ms: performance.now() - started });
        return core;
      },
      (error) => {
        corePromise = null;
        throw error;
      },
    );
  }
  return corePromise;
}

const asErrorObject = (error) =>
  error && typeof error.message_en === 'string'
    ? error
    : failure('worker_exception', '分析程序内部出错', 'The analysis module failed', String(error?.message ?? error));

async function analyze({ id, width, height, buffer }) {
  const started = performance.now();
  const core = await getCore();
  let result;
  try {
    result = core.analyze(new ImageData(new Uint8ClampedArray(buffer), width, height));
  } catch (error) {
    // A RuntimeError means the wasm aborted; start afresh with the next photo.
    corePromise = null;
    throw error;
  }
  // The mesh may be a view into wasm memory: copy it so it survives memory growth and
  // so postMessage copies 5.6 KB per face rather than the whole wasm heap behind it.
  const transfer = [];
  for (const face of result.faces ?? []) {
    if (face.mesh) {
      face.mesh = Float32Array.from(face.mesh);
      transfer.push(face.mesh.buffer);
    }
  }
  self.postMessage({ type: 'result', id, result, worker_ms: performance.now() - started }, transfer);
}

self.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type !== 'analyze') return;
  analyze(message).catch((error) => self.postMessage({ type: 'failure', id: message.id, error: asErrorObject(error) }));
});

// Chromium doesn't log CSP refusals inside a worker to the console when the glue catches
// the resulting exception; log them ourselves so a strict-CSP regression is never silent.
self.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation in the worker: ${event.violatedDirective} blocked ${event.blockedURI || 'inline/eval'}`);
});

// Start loading at once: the models are needed for the first photo anyway, and the
// page can show progress while the student is still choosing a file.
getCore().catch((error) => self.postMessage({ type: 'failure', error: asErrorObject(error) }));
