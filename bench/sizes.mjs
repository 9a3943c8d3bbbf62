// Transfer sizes of everything a student downloads, per file: raw, gzip (level 9, as
// tools/serve.mjs sends it to a browser without brotli) and brotli (what Chromium gets).
// Totals for the whole app and without the QR reader, which only the 采集码 step loads,
// with each core build (a student downloads one: gradphoto-threads on a cross-origin
// isolated page, the one-thread build elsewhere); "total" is the larger.
// Writes build/bench/sizes.json.
//   node bench/sizes.mjs [OUT.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defaultProfilesDir, defaultWasmDir, defaultWasmThreadsDir } from '../tools/serve.mjs';
import { CORE_BUILDS, shippedFiles } from '../tools/shipped-files.mjs';
import { benchOut, repoRoot } from './browser/harness.mjs';

const BUDGET_BYTES = 3.5 * 1024 * 1024;
const outFile = process.argv[2] ?? join(benchOut, 'sizes.json');
const entries = await shippedFiles({ webRoot: join(repoRoot, 'web'), wasmDir: defaultWasmDir(),
  wasmThreadsDir: defaultWasmThreadsDir(), modelsDir: process.env.GRADPHOTO_MODELS_DIR,
  profilesDir: defaultProfilesDir(), zxingDist: join(repoRoot, 'node_modules', 'zxing-wasm', 'dist') }, { withServiceWorker: true });

const files = entries.map(({ url, file, qr, core }) => {
  const bytes = readFileSync(file);
  return {
    url,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length,
    loaded_by: qr ? '采集码 step' : 'start',
    core_build: core,
  };
});
const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
const totals = (list) => ({ raw: sum(list, 'raw'), gzip: sum(list, 'gzip'), brotli: sum(list, 'brotli') });
const perCore = Object.fromEntries(CORE_BUILDS.map((core) => {
  const downloaded = files.filter((file) => !file.core_build || file.core_build === core);
  return [core, { total: totals(downloaded), without_qr_reader: totals(downloaded.filter((file) => file.loaded_by === 'start')) }];
}));
const largest = CORE_BUILDS.reduce((a, b) => (perCore[a].total.gzip >= perCore[b].total.gzip ? a : b));
const result = {
  what: 'bytes per shipped file; gzip level 9 and brotli quality 9, as tools/serve.mjs compresses; totals with the larger core build',
  total: perCore[largest].total,
  without_qr_reader: perCore[largest].without_qr_reader,
  per_core_build: perCore,
  budget_gzip: BUDGET_BYTES,
  files: files.sort((a, b) => b.gzip - a.gzip),
};
result.met = { total_gzip_within_budget: result.total.gzip <= BUDGET_BYTES };
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`transfer size: ${kb(result.total.gzip)} gzip (${kb(result.total.brotli)} brotli) for everything, ` +
  `${kb(result.without_qr_reader.gzip)} gzip before the 采集码 step loads the QR reader; budget ${kb(BUDGET_BYTES)}; ` +
  CORE_BUILDS.map((core) => `${core} core: ${kb(perCore[core].total.gzip)}`).join(', '));
