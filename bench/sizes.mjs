// Transfer sizes of everything a student downloads, per file: raw, gzip (level 9, as
// tools/serve.mjs sends it to a browser without brotli) and brotli (what Chromium gets).
// Totals for the whole app and without the QR reader, which only the 采集码 step loads.
// Writes build/bench/sizes.json.
//   node bench/sizes.mjs [OUT.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defaultProfilesDir, defaultWasmDir } from '../tools/serve.mjs';
import { shippedFiles } from '../tools/shipped-files.mjs';
import { benchOut, repoRoot } from './browser/harness.mjs';

const BUDGET_BYTES = 3.5 * 1024 * 1024;
const outFile = process.argv[2] ?? join(benchOut, 'sizes.json');
const entries = await shippedFiles({ webRoot: join(repoRoot, 'web'), wasmDir: defaultWasmDir(), modelsDir: process.env.GRADPHOTO_MODELS_DIR,
  profilesDir: defaultProfilesDir(), zxingDist: join(repoRoot, 'node_modules', 'zxing-wasm', 'dist') }, { withServiceWorker: true });

const files = entries.map(({ url, file, qr }) => {
  const bytes = readFileSync(file);
  return {
    url,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length,
    loaded_by: qr ? '采集码 step' : 'start',
  };
});
const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
const withoutQr = files.filter((file) => file.loaded_by === 'start');
const result = {
  what: 'bytes per shipped file; gzip level 9 and brotli quality 9, as tools/serve.mjs compresses',
  total: { raw: sum(files, 'raw'), gzip: sum(files, 'gzip'), brotli: sum(files, 'brotli') },
  without_qr_reader: { raw: sum(withoutQr, 'raw'), gzip: sum(withoutQr, 'gzip'), brotli: sum(withoutQr, 'brotli') },
  budget_gzip: BUDGET_BYTES,
  files: files.sort((a, b) => b.gzip - a.gzip),
};
result.met = { total_gzip_within_budget: result.total.gzip <= BUDGET_BYTES };
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`transfer size: ${kb(result.total.gzip)} gzip (${kb(result.total.brotli)} brotli) for everything, ` +
  `${kb(result.without_qr_reader.gzip)} gzip before the 采集码 step loads the QR reader; budget ${kb(BUDGET_BYTES)}`);
