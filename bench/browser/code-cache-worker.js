// Compiles the probe's module (streaming, as the app's analysis worker does), runs a
// part of it hot for HOT_MS so its functions are optimised, then idles IDLE_MS, the
// time Chromium may take to write the compiled code.
const query = new URLSearchParams(self.location.search);
const MODULE_URL = new URL('out/code-cache/hot.wasm', self.location.href).href;
const HOT_MS = 4000;
const IDLE_MS = 4000;
const HOT_FUNCTIONS = 300;

async function moduleResponse(way) {
  if (way === 'match') {
    const cache = await caches.open('code-cache-probe');
    if (!(await cache.match(MODULE_URL))) await cache.add(MODULE_URL);
    return cache.match(MODULE_URL);
  }
  return fetch(MODULE_URL);
}

async function run() {
  const started = performance.now();
  const module = await WebAssembly.compileStreaming(moduleResponse(query.get('way')));
  const compiled = performance.now();
  const { exports } = await WebAssembly.instantiate(module, {});
  const before = performance.now();
  exports.work(HOT_FUNCTIONS * 10, HOT_FUNCTIONS);
  const firstCall = performance.now() - before;
  const end = performance.now() + HOT_MS;
  while (performance.now() < end) {
    exports.work(200_000, HOT_FUNCTIONS);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  return { compile_ms: compiled - started, first_call_ms: firstCall };
}
run().then((result) => self.postMessage(result), (error) => self.postMessage({ error: String(error) }));
