// Gathers what every benchmark wrote under build/bench into summary.json, with each
// target from issue #5 next to its measurement, and prints it.
//   node bench/summary.mjs [BENCH_DIR]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchOut } from './browser/harness.mjs';

const dir = process.argv[2] ?? benchOut;
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const native = read('native.json');
const wasm = read('wasm-node.json');
const face = read('face-peers.json');
const qr = read('qr-peers.json');
const batch = read('batch.json');
const startup = read('startup.json');
const live = read('live.json');
const sizes = read('sizes.json');
const memory = read('memory.json');
// The variants part rebuilds OpenCV four times (bench/wasm-variants.sh): a run that
// skipped it says so rather than reusing another machine's numbers.
const variants = existsSync(join(dir, 'wasm-variants.json')) ? read('wasm-variants.json') : null;

const nativeMedian = (name) => +native.benchmarks.find((b) => b.run_name.split('/')[0] === name && b.aggregate_name === 'median')?.real_time.toFixed(2);
const summary = {
  machine: `${native.context.num_cpus} cores, ${native.context.mhz_per_cpu} MHz; load average when the native benchmark ran: ${native.context.load_avg?.map((v) => v.toFixed(1)).join(' ')}`,
  date: native.context.date,
  side_by_side: {
    face_analysis_chromium: {
      photos: face.photos,
      peer: face.peer,
      median_ms: face.median_ms,
      ratio: face.ratio,
      faces_found: face.faces_found,
      target: 'our whole check no slower than their landmarks alone',
      threads_reports_identical: face.threads_reports_identical,
      threads_stages_median_ms: face.threads_stages_median_ms,
      met: {
        // As the app runs it (cross-origin isolated: gradphoto-threads), against every way of running the peer.
        threads_build_against_every_peer_mode: face.target.our_check_threads_no_slower_than_every_peer_mode,
        against_peer_photo_mode: face.target.our_check_no_slower_than_peer_photo_mode,
        against_peer_new_photo_reset: face.target.our_check_no_slower_than_peer_fresh,
        against_peer_photos_in_a_row: face.target.our_check_no_slower_than_peer_sequence,
        against_peer_landmark_model_alone_tracked: face.target.our_check_no_slower_than_peer_tracked,
        our_per_frame_analysis_against_peer_tracked: face.target.our_analyze_no_slower_than_peer_tracked },
    },
    qr_chromium: {
      images: qr.images,
      peer: qr.peer,
      decode_rate: qr.decode_rate,
      median_ms: qr.median_ms,
      median_ms_both_decoded: qr.median_ms_both_decoded,
      peer_time_over_ours: qr.ratio.peer_ms_over_ours,
      target: 'higher decode rate and at least 3x faster',
      met: qr.target,
    },
    native_batch_vs_wasm_node: {
      cli_photos_per_second_all_cores: batch.cli_all_cores.photos_per_second,
      cli_ms_per_photo_one_core: batch.cli_one_core.ms_per_photo,
      wasm_node_ms_per_photo: batch.wasm_node_one_thread.ms_per_photo,
      ratio: batch.ratio,
    },
  },
  start_up_to_first_guidance_ms: { cold: startup.cold.median_ms, warm: startup.warm.median_ms,
    cold_browser_start: startup.cold_browser_start?.median_ms ?? null, warm_after_pause: startup.warm_after_pause?.median_ms ?? null,
    warm_after_restart: startup.warm_after_restart?.median_ms ?? null,
    runs: { cold: startup.cold.runs_ms, warm: startup.warm.runs_ms },
    qr_reader_loaded_before_guidance: startup.qr_reader_loaded_before_guidance, target: startup.target_ms, met: startup.target },
  live_guidance: { camera: live.camera, fps: live.fps, long_tasks_over_50ms: live.long_tasks, longest_task_ms: live.longest_task_ms, target: live.target, met: live.met },
  transfer_bytes: {
    total_gzip: sizes.total.gzip, total_brotli: sizes.total.brotli, before_qr_step_gzip: sizes.without_qr_reader.gzip,
    budget_gzip: sizes.budget_gzip, met: sizes.met.total_gzip_within_budget,
    per_file_gzip: Object.fromEntries(sizes.files.map((file) => [file.url, file.gzip])),
  },
  peak_wasm_memory_mb: { photo_48mp: memory.peak_48mp_mb, photo_12mp: memory.photos[1].wasm_memory_peak_mb, target: memory.target_mb, met: memory.met },
  wasm_variants: variants?.variants.map(({ flags, shipped, wasm_bytes: raw, wasm_gzip_bytes: gzip, analyze_640x480_ms: analyze, check_4000x3000_ms: check }) =>
    ({ flags, shipped, wasm_bytes: raw, wasm_gzip_bytes: gzip, analyze_640x480_ms: analyze, check_4000x3000_ms: check }))
    ?? 'not measured in this run (bash bench/wasm-variants.sh)',
  core_median_ms: {
    analyze_camera_frame_640x480: { native: nativeMedian('BM_AnalyzeCameraFrame640x480'), wasm_node: wasm.benchmarks.analyze_camera_frame_640x480.median_ms },
    analyze_photo_4000x3000: { native: nativeMedian('BM_AnalyzePhoto4000x3000'), wasm_node: wasm.benchmarks.analyze_photo_4000x3000.median_ms },
    check_photo_4000x3000: { native: nativeMedian('BM_CheckPhoto4000x3000'), wasm_node: wasm.benchmarks.check_photo_4000x3000.median_ms },
  },
};
writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(JSON.stringify(summary, null, 2));
