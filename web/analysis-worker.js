// Runs the wasm core off the main thread so a model load, a live frame or a full photo
// check never freezes the page. Protocol (all messages are plain objects):
//   page -> worker
//     {type: 'analyze', id, width, height, buffer}         developer page: RGBA, buffer transferred
//     {type: 'profile', id, url}                           load a profile (JSON) for live guidance and check()
//     {type: 'live', id, bitmap, mirrored}                 a downscaled camera frame (ImageBitmap, transferred)
//     {type: 'check', id, bitmap?, file?}                  a captured frame, or a photo file (EXIF orientation applied here)
//   worker -> page
//     {type: 'status', stage: 'loading' | 'ready', elapsed_ms?}
//     {type: 'result', id, result, worker_ms}              analyze
//     {type: 'profile-parsed', id, url, profile}           the profile parsed, ahead of the core (live guidance may start)
//     {type: 'profile', id, profile}                       the profile, loaded into the core too
//     {type: 'live-result', id, analysis, guidance, worker_ms}
//     {type: 'check-result', id, report, preview, preview_scale, worker_ms}  preview: ImageBitmap of the photo
//     {type: 'failure', id?, error: {code, message_zh, message_en}, aborted?}
// Every failure travels back as data: the page has no other way to learn that the
// worker hit a problem (an uncaught exception here would only reach the console).

// Loaded beside the core rather than before it (a static import would hold the core's
// downloads back until this module had arrived): only live frames need it. Its code is
// run once on a blank frame while this thread would otherwise be idle (see warmUps below).
const guidanceModule = import('./guidance.js');

const MODEL_FILES = [
  'face_detection_short_range.tflite',
  'face_landmark.tflite',
  'geometry_pipeline_metadata_landmarks.binarypb',
];
// Everything is found relative to this script, so the app works under any path prefix.
const base = new URL('./', self.location.href);
// A cross-origin isolated page (its server sends COOP and COEP, as tools/serve.mjs does)
// may share memory between workers: there the core runs as gradphoto-threads, the
// same checks spread over the device's cores. Elsewhere (a portal page that is not
// isolated, an older browser) the one-thread build, with the same results.
const CORE = self.crossOriginIsolated && typeof SharedArrayBuffer === 'function'
  ? { folder: 'wasm-threads', name: 'gradphoto-threads' }
  : { folder: 'wasm', name: 'gradphoto' };
// The annotated photo on the result step never needs more than this many pixels a side.
const PREVIEW_MAX_SIDE = 1200;

const failure = (code, zh, en, detail) => ({
  code,
  message_zh: zh,
  message_en: detail ? `${en}: ${detail}` : en,
});

let corePromise = null;
let profileText = null;   // re-applied when the core is re-created after an abort
let profile = null;
let parsedProfile = null; // parsed, not yet loaded into the core: enough for live guidance

// On a page the service worker serves, the core and the models are in its cache (sw.js
// precaches them): read them from the cache here rather than through a fetch that the
// service worker answers from that same cache, streaming the 5 MB core through its
// thread (warm start to first guidance: 563 against 655 ms, bench/app-startup.mjs).
// The page says whether it is served so, in the worker's name (a dedicated worker cannot
// see its service worker): a cache left behind without one might hold another version
// than the glue the network gives. Only sw.js's caches are read, the oldest first, as
// sw.js itself answers until a newer version has taken over and deleted the old cache.
// A core read so gives Chromium nowhere to keep its compiled code for a later visit; one
// through the fetch handler could, but the live path never makes enough optimised code
// for Chromium to write it (the README's Benchmarks section, 2026-12-08).
const FROM_PRECACHE = self.name === 'precached' && typeof caches !== 'undefined';
const PRECACHE_PREFIX = 'gradphoto-';   // sw.js's CACHE_PREFIX

// sw.js's caches, listed and opened once for the core and the three models.
let precaches = null;
const openPrecaches = () => (precaches ??= caches.keys()
  .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PRECACHE_PREFIX)).map((key) => caches.open(key)))));

async function fetchShipped(url) {
  if (FROM_PRECACHE) {
    try {
      for (const cache of await openPrecaches()) {
        const cached = await cache.match(url.href, { ignoreVary: true });
        if (cached) return cached;
      }
    } catch {
      // Storage unavailable (private mode, quota): the network, through the service worker.
    }
  }
  return fetch(url);
}

async function fetchModel(name) {
  const response = await fetchShipped(new URL(`models/${name}`, base));
  if (!response.ok) {
    throw failure('model_fetch_failed', `无法下载模型文件 ${name}`, `Could not fetch model ${name}`, `HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

// The .wasm download and compile start at once, in parallel with the glue's own
// download (the glue would only ask for the .wasm after it had loaded itself); the
// compile streams when the server says application/wasm, as the glue's would.
async function compileWasm() {
  const response = await fetchShipped(new URL(`${CORE.folder}/${CORE.name}.wasm`, base));
  if (!response.ok) throw new Error(`${CORE.name}.wasm: HTTP ${response.status}`);
  if (response.headers.get('Content-Type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

async function instantiateCore() {
  const compiled = compileWasm();
  const modelBytes = Promise.all(MODEL_FILES.map(fetchModel));
  // Both are awaited below, unless the glue fails to load first: then they are moot.
  compiled.catch(() => {});
  modelBytes.catch(() => {});
  let handImports;
  const glueImports = new Promise((resolve) => {
    handImports = resolve;
  });
  const instantiated = Promise.all([compiled, glueImports])
    .then(async ([module, imports]) => ({ module, instance: await WebAssembly.instantiate(module, imports) }));
  let createGradPhotoModule;
  try {
    // Imported dynamically (not a static import) so a missing or broken build becomes
    // an error message on the page instead of a worker that silently never starts.
    ({ default: createGradPhotoModule } = await import(new URL(`${CORE.folder}/${CORE.name}.mjs`, base).href));
  } catch (error) {
    throw failure('wasm_load_failed', `无法加载分析程序 (${CORE.name}.mjs)`, `Could not load the analysis module (${CORE.name}.mjs)`, error.message);
  }
  const wasmFailed = (error) => failure('wasm_load_failed', `无法启动分析程序 (${CORE.name}.wasm)`, `Could not start the analysis module (${CORE.name}.wasm)`,
    String(error?.message ?? error));
  // instantiateWasm hands the glue's imports to the download already under way; the
  // glue cannot see that promise fail, so its failure is raced in here.
  const started = createGradPhotoModule({
    instantiateWasm: (imports, receive) => {
      handImports(imports);
      instantiated.then(({ instance, module }) => receive(instance, module), () => {});
      return {};
    },
  });
  const [core, models] = await Promise.all([
    Promise.race([started, instantiated.then(() => started)]).catch((error) => {
      throw wasmFailed(error);
    }),
    modelBytes,
  ]);
  const loadError = core.loadModels(...models);
  if (loadError) throw loadError;
  if (profileText !== null) {
    const profileError = core.loadProfile(profileText);
    if (profileError) throw profileError;
  }
  return core;
}

// The threads build's threads (startThreads() in wasm/bindings.cpp), each on a Web Worker
// of its own that loads its own instance of the module: made once the student has the
// first live guidance (live frames never use them), or when no live frame comes (a photo
// from the album) this long after the core is ready, and before a check at the latest.
// core.startThreads() makes them once; later calls only ask whether they are running.
const THREADS_AFTER_READY_MS = 2000;
function startThreads(core) {
  try {
    core.startThreads();
  } catch (error) {
    // An aborted module: its worker is about to be replaced, threads and all.
    console.error(`threads not started: ${error.message}`);
  }
}
const startThreadsOnceReady = () => corePromise?.then(startThreads, () => {});

// One core per worker, created on first use; forgotten again when it fails or the wasm
// aborts, because an aborted Emscripten module refuses every later call.
function getCore() {
  if (!corePromise) {
    const started = performance.now();
    self.postMessage({ type: 'status', stage: 'loading' });
    corePromise = instantiateCore().then(
      (core) => {
        self.postMessage({ type: 'status', stage: 'ready', elapsed_ms: performance.now() - started });
        setTimeout(startThreadsOnceReady, THREADS_AFTER_READY_MS);
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

// What an abort for want of memory looks like: Emscripten's "Cannot enlarge memory",
// an aborted malloc, a bad_alloc, or the engine's own RangeError.
const OUT_OF_MEMORY = /enlarge memory|out of memory|\bOOM\b|bad_alloc|allocation failed|Array buffer allocation/i;

// Runs fn(core); when the wasm aborts (RuntimeError) the module is dropped and the
// failure is marked aborted, so the page restarts this whole worker: an aborted
// module keeps its memory (up to the maximum) until the worker goes.
async function withCore(fn) {
  const core = await getCore();
  try {
    return fn(core);
  } catch (error) {
    if (typeof error?.message_en === 'string') throw error;  // ours, not a crash
    corePromise = null;
    const detail = String(error?.message ?? error);
    throw Object.assign(OUT_OF_MEMORY.test(detail)
      ? failure('out_of_memory', '照片太大，检测程序内存不足，已自动重启。请用相机直接拍摄的照片，或缩小后再试。',
        'The photo is too large: the checker ran out of memory and was restarted. Use a photo straight from the camera, or resize it.', detail)
      : failure('wasm_aborted', '分析程序出错，已自动重启，请再试一次', 'The analysis module crashed and was restarted; please try again', detail),
    { aborted: true });
  }
}

const asErrorObject = (error) =>
  error && typeof error.message_en === 'string'
    ? error
    : failure('worker_exception', '分析程序内部出错', 'The analysis module failed', String(error?.message ?? error));

// The mesh may be a view into wasm memory: copy it so it survives memory growth and so
// postMessage copies 5.6 KB per face rather than the whole wasm heap behind it.
function detachMeshes(analysis, transfer) {
  for (const face of analysis?.faces ?? []) {
    if (face.mesh) {
      face.mesh = Float32Array.from(face.mesh);
      transfer?.push(face.mesh.buffer);
    }
  }
}

// One canvas for every live frame: live guidance reads 20-30 frames a second, and a
// new canvas (and its backing store) per frame is garbage the worker then has to
// collect. A photo gets a canvas of its own, dropped with it: a 48-megapixel backing
// store is not worth keeping.
let liveCanvas = null;
// Set once a live frame has run the guidance code: its warm-up is then moot.
let guidanceRun = false;
function pixelsOf(bitmap, { live = false } = {}) {
  let canvas = live ? liveCanvas : null;
  if (!canvas) canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  if (live) liveCanvas = canvas;
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  // A frame with transparent parts must not show the previous one through them.
  context.clearRect(0, 0, bitmap.width, bitmap.height);
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

async function analyze({ id, width, height, buffer }) {
  const started = performance.now();
  const result = await withCore((core) => core.analyze(new ImageData(new Uint8ClampedArray(buffer), width, height)));
  const transfer = [];
  detachMeshes(result, transfer);
  self.postMessage({ type: 'result', id, result, worker_ms: performance.now() - started }, transfer);
}

async function loadProfile({ id, url }) {
  const response = await fetch(new URL(url, base));
  if (!response.ok) {
    throw failure('profile_fetch_failed', '无法下载照片规则文件', 'Could not fetch the photo profile', `${url}: HTTP ${response.status}`);
  }
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw failure('invalid_profile', '照片规则文件格式有误', 'The photo profile is not valid JSON', error.message);
  }
  // Live guidance needs only the parsed profile: the page may start sending camera
  // frames while the core is still loading (they wait here until it is ready).
  parsedProfile = parsed;
  self.postMessage({ type: 'profile-parsed', id, url, profile: parsed });
  const core = await getCore();
  // Camera frames that arrived while the core loaded go first (a task later): the
  // student is waiting for their guidance, and only check() needs the core's copy.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const profileError = core.loadProfile(text);
  if (profileError) throw profileError;
  profileText = text;
  profile = parsed;
  self.postMessage({ type: 'profile', id, profile });
}

// Live frames are answered one at a time, in order: two that waited for the core would
// otherwise both be analysed before the first one's guidance was posted.
let liveQueue = Promise.resolve();
function live(message) {
  const answered = liveQueue.then(() => liveFrame(message));
  liveQueue = answered.catch(() => {});
  return answered;
}

async function liveFrame({ id, bitmap, mirrored }) {
  const started = performance.now();
  const image = pixelsOf(bitmap, { live: true });
  bitmap.close();
  // Frame to frame the core follows the face it found (one landmark pass, no detector).
  const analysis = await withCore((core) => core.analyzeLive(image));
  const { liveGuidance, measureFrame } = await guidanceModule;
  const stats = analysis.faces?.length === 1 ? measureFrame(image, analysis.faces[0]) : null;
  const guidance = liveGuidance(analysis, stats, profile ?? parsedProfile, { mirrored });
  guidanceRun = true;
  // The page draws the box and eyes; the 468 mesh points stay here.
  for (const face of analysis.faces ?? []) delete face.mesh;
  self.postMessage({ type: 'live-result', id, analysis, guidance, worker_ms: performance.now() - started });
  startThreadsOnceReady();
}

async function check({ id, bitmap, file }) {
  const started = performance.now();
  let fileBytes;
  if (file) {
    // The original bytes: the evidence for the metadata checks (editing software...),
    // and first what the file is. The core refuses what the command line refuses (HEIC,
    // GIF, a web page, a cut-short download, 400 megapixels) with the same message,
    // before the browser spends memory decoding it.
    fileBytes = new Uint8Array(await file.arrayBuffer());
    const inspection = await withCore((core) => core.inspectFile(fileBytes));
    if (inspection.error) throw inspection.error;
    try {
      // 'from-image' applies the EXIF orientation the way the album shows the photo.
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      throw failure('decode_failed', '这个文件不是浏览器能打开的图片，请选择 JPEG 或 PNG 照片。',
        'This file is not an image the browser can open; choose a JPEG or PNG photo.');
    }
  }
  let image;
  try {
    image = pixelsOf(bitmap);
  } catch (error) {
    bitmap.close();
    throw failure('out_of_memory', '照片太大，浏览器无法读出它的像素。请用相机直接拍摄的照片，或缩小后再试。',
      'The photo is too large for the browser to read its pixels. Use a photo straight from the camera, or resize it.', error.message);
  }
  const report = await withCore((core) => {
    if (!profile) throw failure('no_profile', '照片规则尚未加载', 'The photo profile is not loaded yet');
    startThreads(core);
    return core.check(fileBytes ? { data: image.data, width: image.width, height: image.height, file: fileBytes }
      : image);
  });
  const transfer = [];
  detachMeshes(report.analysis, transfer);
  if (report.jpeg?.bytes) {
    report.jpeg.bytes = Uint8Array.from(report.jpeg.bytes);
    transfer.push(report.jpeg.bytes.buffer);
  }
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const preview = await createImageBitmap(bitmap, {
    resizeWidth: Math.max(1, Math.round(bitmap.width * scale)),
    resizeHeight: Math.max(1, Math.round(bitmap.height * scale)),
    resizeQuality: 'high',
  });
  bitmap.close();
  transfer.push(preview);
  self.postMessage({ type: 'check-result', id, report, preview, preview_scale: scale, worker_ms: performance.now() - started }, transfer);
}

const handlers = { analyze, profile: loadProfile, live, check };

self.addEventListener('message', (event) => {
  const message = event.data;
  const handler = handlers[message?.type];
  if (!handler) return;
  handler(message).catch((error) => {
    message.bitmap?.close?.();
    self.postMessage({ type: 'failure', id: message.id, request: message.type, error: asErrorObject(error), aborted: Boolean(error?.aborted) });
  });
});

// Chromium doesn't log CSP refusals inside a worker to the console when the glue catches
// the resulting exception; log them ourselves so a strict-CSP regression is never silent.
self.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation in the worker: ${event.violatedDirective} blocked ${event.blockedURI || 'inline/eval'}`);
});

// Start loading at once: the models are needed for the first photo anyway, and the
// page can show progress while the student is still choosing a file.
getCore().catch((error) => self.postMessage({ type: 'failure', error: asErrorObject(error) }));

// The live frames' canvas and its 2D context, made and read once before the first frame
// needs them: the first getImageData of a worker costs 30 ms on a warm start and 50 to
// 100 ms on a cold one, time the first live guidance would otherwise wait for
// (bench/app-startup.mjs).
function prepareLiveCanvas() {
  liveCanvas = new OffscreenCanvas(640, 480);
  liveCanvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, 1, 1);
}

// The warm-ups (the live canvas, a first run of the guidance code) fill idle time: at once
// while the core downloads. Read from the cache, this thread is busy taking the core in
// until it is ready (warm start 21 ms faster in 10 of 12 pairs, bench/startup-ab.mjs), so
// they wait until then, and are skipped if a camera frame came first and paid for them.
function warmUps() {
  if (!liveCanvas) {
    try {
      prepareLiveCanvas();
    } catch {
      liveCanvas = null;   // made on the first live frame instead
    }
  }
  guidanceModule.then((guidance) => {
    if (!guidanceRun) guidance.warmUp();
  }).catch((error) => console.error(`live guidance warm-up failed: ${error.message}`));
}
if (FROM_PRECACHE) {
  // A task later, so that camera frames already waiting for the core go first.
  getCore().then(() => setTimeout(warmUps, 0), () => {});
} else {
  warmUps();
}
