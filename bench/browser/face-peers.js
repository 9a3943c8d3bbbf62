// Runs in the benchmark's Chromium page: our wasm core and MediaPipe's Face Mesh JS
// solution on the same decoded photo, one after the other, on the same (main) thread.
// Decoding is done once per photo and excluded for both; each side gets the input its
// API takes (ours RGBA ImageData, theirs a canvas). bench/face-peers.mjs drives it.
/* global FaceMesh */
const MODEL_FILES = ['face_detection_short_range.tflite', 'face_landmark.tflite', 'geometry_pipeline_metadata_landmarks.binarypb'];
const root = new URL('../', import.meta.url);   // the app's server root
let core = null;
let coreThreads = null;  // gradphoto-threads (cross-origin isolated page only): the device's cores
let faceMesh = null;
let faceMeshPhotos = null;  // the same solution in its photo mode (staticImageMode)
let lastPeerResult = null;
const photos = new Map();

async function bytes(path) {
  const response = await fetch(new URL(path, root));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function loadBuild(folder, name) {
  const { default: createGradPhotoModule } = await import(new URL(`${folder}/${name}.mjs`, root).href);
  const module = await createGradPhotoModule({ locateFile: (path) => new URL(`${folder}/${path}`, root).href });
  const error = module.loadModels(...(await Promise.all(MODEL_FILES.map((file) => bytes(`models/${file}`)))));
  if (error) throw new Error(error.message_en);
  const profileError = module.loadProfile(await (await fetch(new URL('profiles/chsi-graduate.json', root))).text());
  if (profileError) throw new Error(profileError.message_en);
  // The threads build's threads made and running before the first check (in the app the
  // worker makes them after the first live guidance); always true in the one-thread build.
  const deadline = performance.now() + 10_000;
  while (!module.startThreads()) {
    if (performance.now() > deadline) throw new Error(`${name}: its threads did not start within 10 s`);
    await new Promise((done) => setTimeout(done, 10));
  }
  return module;
}

// The one-thread build, as every page gets it; with threads, gradphoto-threads too, as a
// cross-origin isolated page gets it (the driver times it on a page of its own, without
// the peer: a second module's workers on the same page would slow both sides).
async function loadOurs(withThreads = false) {
  const started = performance.now();
  core = await loadBuild('wasm', 'gradphoto');
  const loaded = performance.now() - started;
  if (withThreads) {
    if (!crossOriginIsolated) throw new Error('gradphoto-threads needs a cross-origin isolated page');
    coreThreads = await loadBuild('wasm-threads', 'gradphoto-threads');
  }
  return loaded;
}

// The solution's defaults except CPU inference (its hidden useCpuInference option): here
// the GPU path runs on Chromium's software WebGL at about 1.5 s a photo, the CPU path
// (XNNPACK in its SIMD wasm) at about 0.1 s, so the peer is measured at its fastest.
// refineLandmarks off: 468 points, the model we ship. The confidence options are left
// alone: setting minDetectionConfidence replaces the detector calculator's options and
// the graph aborts (RET_CHECK options_.has_num_classes()).
async function loadPeer() {
  const started = performance.now();
  faceMesh = new FaceMesh({ locateFile: (file) => new URL(`bench/peers/face_mesh/${file}`, root).href });
  faceMesh.setOptions({ maxNumFaces: 1, refineLandmarks: false, useCpuInference: true });
  faceMesh.onResults((results) => {
    lastPeerResult = results;
  });
  await faceMesh.initialize();
  // MediaPipe's documented setting for unrelated photos (its staticImageMode: "face
  // detection runs on every input image"): what a checker of uploaded photos would use.
  faceMeshPhotos = new FaceMesh({ locateFile: (file) => new URL(`bench/peers/face_mesh/${file}`, root).href });
  faceMeshPhotos.setOptions({ maxNumFaces: 1, refineLandmarks: false, useCpuInference: true, staticImageMode: true });
  faceMeshPhotos.onResults((results) => {
    lastPeerResult = results;
  });
  await faceMeshPhotos.initialize();
  return performance.now() - started;
}

async function photo(url) {
  if (!photos.has(url)) {
    const bitmap = await createImageBitmap(await (await fetch(new URL(url, root))).blob());
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    photos.set(url, { canvas, image: context.getImageData(0, 0, canvas.width, canvas.height) });
  }
  return photos.get(url);
}

// One timed run of each kind; what each side found, to show both saw the face.
async function runOnce(url) {
  const { canvas, image } = await photo(url);
  let started = performance.now();
  const analysis = core.analyze(image);
  const analyzeMs = performance.now() - started;
  started = performance.now();
  const report = core.check(image);
  const checkMs = performance.now() - started;
  // Each photo is a new scene: reset() makes the solution detect afresh instead of
  // tracking the previous photo's face, as it must for an uploaded photo. Sent a second
  // time, the same photo is tracked: the landmark model alone on the previous region,
  // the solution's cheapest path (what it does between frames of a video).
  faceMesh.reset();
  lastPeerResult = null;
  started = performance.now();
  await faceMesh.send({ image: canvas });
  const peerFreshMs = performance.now() - started;
  const peerFaces = lastPeerResult?.multiFaceLandmarks?.length ?? 0;
  const theirs = lastPeerResult?.multiFaceLandmarks?.[0];
  started = performance.now();
  await faceMesh.send({ image: canvas });
  const peerTrackedMs = performance.now() - started;
  lastPeerResult = null;
  started = performance.now();
  await faceMeshPhotos.send({ image: canvas });
  const peerPhotoModeMs = performance.now() - started;
  const peerPhotoModeFaces = lastPeerResult?.multiFaceLandmarks?.length ?? 0;
  // Mean distance between the two meshes' eye corners (33, 133, 362, 263), in pixels:
  // the same model on the same face should land on the same spots.
  let cornerGapPx = null;
  if (analysis.faces?.length === 1 && theirs) {
    const mesh = analysis.faces[0].mesh;
    const gaps = [33, 133, 362, 263].map((i) => Math.hypot(mesh[i * 3] - theirs[i].x * canvas.width, mesh[i * 3 + 1] - theirs[i].y * canvas.height));
    cornerGapPx = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  }
  return {
    width: canvas.width, height: canvas.height,
    analyze_ms: analyzeMs, check_ms: checkMs, peer_fresh_ms: peerFreshMs, peer_tracked_ms: peerTrackedMs,
    peer_photo_mode_ms: peerPhotoModeMs, peer_photo_mode_faces: peerPhotoModeFaces,
    our_faces: analysis.faces?.length ?? 0, our_verdict: report.verdict, our_checks: report.checks?.length ?? 0,
    our_stages_ms: report.timings_ms, our_check_timings_ms: report.check_timings_ms,
    peer_faces: peerFaces, eye_corner_gap_px: cornerGapPx,
  };
}

// gradphoto-threads on one photo, and whether it says what the one-thread build says.
async function runThreads(url) {
  const { image } = await photo(url);
  const started = performance.now();
  const threaded = coreThreads.check(image);
  const ms = performance.now() - started;
  return { check_threads_ms: ms, threads_stages_ms: threaded.timings_ms, threads_same_report: sameReport(core.check(image), threaded) };
}

// The threads build must say what the one-thread build says: verdict, every check's
// verdict and value, and the JPEG's bytes.
function sameReport(a, b) {
  const checks = (r) => JSON.stringify((r.checks ?? []).map((c) => [c.id, c.verdict, c.value]));
  if (a.verdict !== b.verdict || checks(a) !== checks(b)) return false;
  const ja = a.jpeg?.bytes ?? new Uint8Array(0), jb = b.jpeg?.bytes ?? new Uint8Array(0);
  return ja.length === jb.length && ja.every((v, i) => v === jb[i]);
}

// The photos one after another without reset(), as the solution runs on a stream: it
// follows the previous photo's face region and detects again only when that fails.
// Between similar portraits it mostly follows, so this is its cheapest per-photo cost.
async function peerSequence(urls) {
  const times = [];
  for (const url of urls) {
    const { canvas } = await photo(url);
    const started = performance.now();
    await faceMesh.send({ image: canvas });
    times.push(performance.now() - started);
  }
  return times;
}

window.bench = { loadOurs, loadPeer, runOnce, runThreads, peerSequence };
document.title += ' (ready)';
