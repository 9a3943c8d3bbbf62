// Loads both core builds as the app's worker would find them (wasm/gradphoto.mjs and,
// on this cross-origin isolated page, wasm-threads/gradphoto-threads.mjs) and checks a
// photo with each. tests/e2e/core-builds.test.mjs drives it.
const MODEL_FILES = ['face_detection_short_range.tflite', 'face_landmark.tflite', 'geometry_pipeline_metadata_landmarks.binarypb'];
const root = new URL('../', import.meta.url);
const cores = {};

async function bytes(path) {
  const response = await fetch(new URL(path, root));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function load(folder, name) {
  const { default: create } = await import(new URL(`${folder}/${name}.mjs`, root).href);
  const core = await create({ locateFile: (path) => new URL(`${folder}/${path}`, root).href });
  const error = core.loadModels(...(await Promise.all(MODEL_FILES.map((file) => bytes(`models/${file}`)))));
  if (error) throw new Error(error.message_en);
  const profileError = core.loadProfile(await (await fetch(new URL('profiles/chsi-graduate.json', root))).text());
  if (profileError) throw new Error(profileError.message_en);
  // The threads build's threads made and running before the first check (in the app the
  // worker makes them after the first live guidance); always true in the one-thread build.
  const deadline = performance.now() + 10_000;
  while (!core.startThreads()) {
    if (performance.now() > deadline) throw new Error(`${name}: its threads did not start within 10 s`);
    await new Promise((done) => setTimeout(done, 10));
  }
  return core;
}

// A JPEG (bytes from the test) decoded to ImageData, as the app's worker hands it on.
async function pixels(jpeg) {
  const bitmap = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

// What each build says of one photo: verdict, every check (id, verdict, value), the
// JPEG's bytes, and the error, if any.
async function checkWithBoth(jpeg) {
  const image = await pixels(new Uint8Array(jpeg));
  const result = {};
  for (const [name, core] of Object.entries(cores)) {
    const report = core.check(image);
    result[name] = {
      verdict: report.verdict,
      checks: (report.checks ?? []).map((c) => [c.id, c.verdict, c.value]),
      jpeg: Array.from(report.jpeg?.bytes ?? []),
      error: report.error?.message_en ?? null,
    };
  }
  return result;
}

try {
  cores.single = await load('wasm', 'gradphoto');
  if (crossOriginIsolated) cores.threads = await load('wasm-threads', 'gradphoto-threads');
  window.coreBuilds = { checkWithBoth, isolated: crossOriginIsolated, loaded: Object.keys(cores) };
  document.documentElement.dataset.ready = '';
} catch (error) {
  document.documentElement.dataset.failed = String(error?.message ?? error);
}
