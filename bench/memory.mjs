// Peak wasm memory for a 48-megapixel photo (8000x6000, the student framed in it, made
// from a real test photo): a fresh module, models and profile loaded, then one full
// check(). A wasm memory only grows, so its size after the check is the peak the browser
// had to give the page's worker. Also the size before the photo, and the peak for a
// 12-megapixel photo, for scale. Writes build/bench/memory.json.
//   node bench/memory.mjs [OUT.json]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore, repoRoot, testdataDir } from '../tests/wasm/load-core.mjs';
import { benchOut } from './browser/harness.mjs';

const outFile = process.argv[2] ?? join(benchOut, 'memory.json');
const MB = 1024 * 1024;
const photo = join(testdataDir, 'webmorphR.stim', 'inst', 'neutral_front', '006_03.jpg');

// RGBA pixels of the photo scaled to the frame's height and centred on its own backdrop grey.
function frame(width, height) {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', photo, '-vf', `scale=${height}:${height},pad=${width}:${height}:(${width}-${height})/2:0:0xCDD1D2`,
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: width * height * 4 + 1024 });
}

async function peakFor(width, height) {
  const core = await loadCore();
  const profileError = core.loadProfile(readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8'));
  if (profileError) throw new Error(profileError.message_en);
  const before = core.HEAP8.buffer.byteLength;
  const data = frame(width, height);
  const report = core.check({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height });
  if (report.error || report.analysis.face_count !== 1) throw new Error(`${width}x${height}: ${JSON.stringify(report.error ?? report.analysis.face_count)}`);
  return {
    photo: `${width}x${height}`, megapixels: +((width * height) / 1e6).toFixed(1),
    input_rgba_mb: +((width * height * 4) / MB).toFixed(1),
    wasm_memory_before_mb: +(before / MB).toFixed(1),
    wasm_memory_peak_mb: +(core.HEAP8.buffer.byteLength / MB).toFixed(1),
    verdict: report.verdict, jpeg: Boolean(report.jpeg),
  };
}

const result = {
  what: 'wasm memory (WebAssembly.Memory size) after one check() of the photo, in a fresh module in Node; MB = 2^20 bytes',
  photos: [await peakFor(8000, 6000), await peakFor(4000, 3000)],
  target_mb: 300,
};
result.peak_48mp_mb = result.photos[0].wasm_memory_peak_mb;
result.met = result.peak_48mp_mb <= 300;
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
console.log(`peak wasm memory: ${result.peak_48mp_mb} MB for 48 MP (${result.photos[1].wasm_memory_peak_mb} MB for 12 MP), target 300 MB`);
