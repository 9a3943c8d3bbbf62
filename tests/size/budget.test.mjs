// Size budgets: every file a student downloads, gzip-compressed as the server sends it
// (tools/serve.mjs, level 9), must stay within its budget in budgets.json, and all of
// them together within the total. A new shipped file needs a budget of its own, and a
// budget for a file no longer shipped is an error too, so the list stays true.
//   GRADPHOTO_MODELS_DIR=... [GRADPHOTO_WASM_DIR=...] node --test tests/size/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defaultProfilesDir, defaultWasmDir, defaultWasmThreadsDir } from '../../tools/serve.mjs';
import { CORE_BUILDS, shippedFiles } from '../../tools/shipped-files.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const budgets = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'budgets.json'), 'utf8'));

const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

async function shipped() {
  const modelsDir = process.env.GRADPHOTO_MODELS_DIR;
  assert.ok(modelsDir, 'set GRADPHOTO_MODELS_DIR');
  const entries = await shippedFiles({ webRoot: join(repoRoot, 'web'), wasmDir: defaultWasmDir(),
    wasmThreadsDir: defaultWasmThreadsDir(), modelsDir,
    profilesDir: defaultProfilesDir(), zxingDist: join(repoRoot, 'node_modules', 'zxing-wasm', 'dist') }, { withServiceWorker: true });
  return entries.map((entry) => ({ ...entry, gzip: gzipBytes(entry.file) }));
}

test('every shipped file is within its gzip budget', async () => {
  const over = (await shipped())
    .filter(({ url, gzip }) => budgets.files[url] !== undefined && gzip > budgets.files[url])
    .map(({ url, gzip }) => `${url}: ${gzip} bytes gzip, budget ${budgets.files[url]}`);
  assert.deepEqual(over, []);
});

test('every shipped file has a budget, and every budget a shipped file', async () => {
  const urls = (await shipped()).map((entry) => entry.url);
  assert.deepEqual(urls.filter((url) => budgets.files[url] === undefined), [], 'shipped files without a budget');
  assert.deepEqual(Object.keys(budgets.files).filter((url) => !urls.includes(url)), [], 'budgets for files not shipped');
});

// A student downloads one core build (the threads build where the page is cross-origin
// isolated, else the one-thread build): each way, all of it within the total.
test('everything a student downloads together is within the total budget, with either core build', async () => {
  const files = await shipped();
  for (const core of CORE_BUILDS) {
    const total = files.filter((entry) => !entry.core || entry.core === core).reduce((sum, entry) => sum + entry.gzip, 0);
    assert.ok(total <= budgets.total_gzip_bytes, `${core} core: ${total} bytes gzip, budget ${budgets.total_gzip_bytes}`);
  }
});

test('the budget file itself is sane: no file budget above the total', () => {
  const tooLarge = Object.entries(budgets.files).filter(([, bytes]) => !(bytes > 0 && bytes <= budgets.total_gzip_bytes));
  assert.deepEqual(tooLarge, []);
  assert.ok(budgets.total_gzip_bytes <= 3.5 * 1024 * 1024, 'the total budget is the issue\'s 3.5 MB at most');
});
