// Node timing harness for the wasm build: analyze() on the same raw RGBA frames
// the native Google Benchmark uses (made by tools/bench.sh). Writes the medians
// to the JSON file named by the first argument. Decode is excluded; the image copy
// into the wasm heap is included, as the page pays it too.
//   node bench/wasm-bench.mjs OUT.json FRAMES_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCore, repoRoot } from '../tests/wasm/load-core.mjs';

const [outFile, framesDir] = process.argv.slice(2);
if (!outFile || !framesDir) {
  console.error('usage: node bench/wasm-bench.mjs OUT.json FRAMES_DIR');
  process.exit(2);
}

const WARMUP_RUNS = 5;
const TIMED_RUNS = 30;
const FRAMES = [
  { name: 'analyze_camera_frame_640x480', width: 640, height: 480, run: 'analyze' },
  { name: 'analyze_photo_4000x3000', width: 4000, height: 3000, run: 'analyze' },
  { name: 'check_photo_4000x3000', width: 4000, height: 3000, run: 'check' },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const core = await loadCore();
const profileError = core.loadProfile(readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8'));
if (profileError) throw new Error(profileError.message_en);
const results = { runtime: `node ${process.version}`, build: 'wasm SIMD, one thread', runs: TIMED_RUNS, benchmarks: {} };
for (const frame of FRAMES) {
  const data = new Uint8Array(readFileSync(join(framesDir, `frame-${frame.width}x${frame.height}.rgba`)));
  const image = { data, width: frame.width, height: frame.height };
  const run = () => core[frame.run](image);
  const first = run();
  const analysis = frame.run === 'check' ? first.analysis : first;
  if (analysis.error || analysis.face_count !== 1) throw new Error(`${frame.name}: expected one face, got ${JSON.stringify(analysis.error ?? analysis.face_count)}`);
  if (frame.run === 'check' && !first.jpeg) throw new Error(`${frame.name}: the benchmark photo should pass and give a JPEG (${first.verdict})`);
  for (let i = 0; i < WARMUP_RUNS; i++) run();
  const times = [];
  const stages = {};
  const checks = {};
  for (let i = 0; i < TIMED_RUNS; i++) {
    const start = performance.now();
    const result = run();
    times.push(performance.now() - start);
    for (const [stage, ms] of Object.entries(result.timings_ms)) (stages[stage] ??= []).push(ms);
    for (const [id, ms] of Object.entries(result.check_timings_ms ?? {})) (checks[id] ??= []).push(ms);
  }
  results.benchmarks[frame.name] = {
    median_ms: +median(times).toFixed(2),
    min_ms: +Math.min(...times).toFixed(2),
    max_ms: +Math.max(...times).toFixed(2),
    stage_median_ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, +median(v).toFixed(2)])),
    // Slowest rules first: where the checks stage goes.
    check_median_ms: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, +median(v).toFixed(2)])
      .sort((a, b) => b[1] - a[1])),
  };
  console.log(`${frame.name}: median ${results.benchmarks[frame.name].median_ms} ms over ${TIMED_RUNS} runs`);
}
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
