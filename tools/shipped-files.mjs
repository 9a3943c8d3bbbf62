// What a student's browser downloads from us, as URL paths under the app's root and the
// files behind them: the app shell (web/ without the example portal and the developer
// page), the wasm core, the face models, the profiles and the QR reader. One list for
// the service worker's precache (tools/serve.mjs), the size budget test
// (tests/size/) and the size benchmark (bench/sizes.mjs).
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// The QR reader is fetched by the 采集码 step only (web/qr-worker.js starts on the
// first read); the service worker fetches it in the background afterwards, for offline use.
// qr-luminance.wasm is ours (wasm/qr_luminance.cpp), built beside gradphoto.wasm.
export const QR_READER_URLS = ['vendor/zxing-wasm/es/reader/index.js', 'vendor/zxing-wasm/es/share.js', 'vendor/zxing-wasm/reader/zxing_reader.wasm',
  'wasm/qr-luminance.wasm'];
export const MODEL_URLS = ['models/face_detection_short_range.tflite', 'models/face_landmark.tflite',
  'models/geometry_pipeline_metadata_landmarks.binarypb'];

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  }));
  return files.flat();
}

// The core comes in two builds and a student downloads one: gradphoto-threads where the
// page is cross-origin isolated (tools/serve.mjs makes it so), else the one-thread build.
export const CORE_BUILDS = ['single', 'threads'];

// [{url, file, qr, core}] in the precache's order; core: 'single' or 'threads' for the
// files of one core build, null for what every student downloads. sw.js is downloaded
// too but is the service worker itself, not part of its cache: withServiceWorker adds it.
// Without wasmThreadsDir the list has the one-thread build only.
export async function shippedFiles({ webRoot, wasmDir, wasmThreadsDir, modelsDir, profilesDir, zxingDist },
  { withServiceWorker = false } = {}) {
  const shell = (await listFiles(webRoot))
    .map((file) => relative(webRoot, file).split(sep).join('/'))
    .filter((path) => !path.startsWith('portal/') && !path.startsWith('dev.') && path !== 'sw.js')
    .sort();
  const profiles = (await readdir(profilesDir)).filter((name) => name.endsWith('.json')).sort();
  const entries = [
    { url: './', file: join(webRoot, 'index.html') },
    ...shell.map((path) => ({ url: path, file: join(webRoot, path) })),
    { url: 'wasm/gradphoto.mjs', file: join(wasmDir, 'gradphoto.mjs'), core: 'single' },
    { url: 'wasm/gradphoto.wasm', file: join(wasmDir, 'gradphoto.wasm'), core: 'single' },
    ...(wasmThreadsDir ? ['gradphoto-threads.mjs', 'gradphoto-threads.wasm', 'gradphoto-threads.worker.js'] : [])
      .map((name) => ({ url: `wasm-threads/${name}`, file: join(wasmThreadsDir, name), core: 'threads' })),
    ...MODEL_URLS.map((url) => ({ url, file: join(modelsDir, url.slice('models/'.length)) })),
    ...profiles.map((name) => ({ url: `profiles/${name}`, file: join(profilesDir, name) })),
    ...QR_READER_URLS.map((url) => ({ url, file: url.startsWith('wasm/') ? join(wasmDir, url.slice('wasm/'.length))
      : join(zxingDist, url.replace(/^vendor\/zxing-wasm\//, '')) })),
  ];
  if (withServiceWorker) entries.push({ url: 'sw.js', file: join(webRoot, 'sw.js') });
  return entries.map((entry) => ({ ...entry, core: entry.core ?? null, qr: QR_READER_URLS.includes(entry.url) }));
}
