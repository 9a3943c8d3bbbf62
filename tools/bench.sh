#!/usr/bin/env bash
# Builds optimised native and wasm, then measures analyze() with Google Benchmark
# (native) and the Node timing harness (wasm), on the same frames made from a real
# test photo. Writes build/bench/native.json, build/bench/wasm-node.json and the
# medians side by side in build/bench/summary.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh
out="$root/build/bench"
mkdir -p "$out" build/logs
for preset in native-release wasm-release; do
  { cmake --preset "$preset" && cmake --build --preset "$preset"; } >"build/logs/$preset.log" 2>&1 \
    || { tail -40 "build/logs/$preset.log" >&2; exit 1; }
done
export GRADPHOTO_WASM_DIR="$root/build/wasm-release/wasm"

# The subject scaled to the frame's height and centred on a light-grey studio
# background (the CHSI profile's grey), as raw RGBA.
testdata=${GRADPHOTO_TESTDATA_DIR:-$root/../shared/testdata}
photo="$testdata/webmorphR.stim/inst/neutral_front/001_03.jpg"
for size in 640x480 4000x3000; do
  w=${size%x*}; h=${size#*x}
  [ -s "$out/frame-$size.rgba" ] || ffmpeg -loglevel error -y -i "$photo" \
    -vf "scale=$h:$h,pad=$w:$h:($w-$h)/2:0:0xF0F0F0" -f rawvideo -pix_fmt rgba "$out/frame-$size.rgba"
done

GRADPHOTO_BENCH_FRAMES_DIR="$out" build/native-release/bench/gradphoto_bench \
  --benchmark_repetitions=10 --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/native.json" --benchmark_out_format=json
node bench/wasm-bench.mjs "$out/wasm-node.json" "$out"

node --input-type=module - "$out" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const out = process.argv[2];
const native = JSON.parse(readFileSync(`${out}/native.json`, 'utf8'));
const wasm = JSON.parse(readFileSync(`${out}/wasm-node.json`, 'utf8'));
const nativeMedian = (name) => native.benchmarks.find((b) => b.run_name.split('/')[0] === name && b.aggregate_name === 'median')?.real_time;
const summary = {
  machine: `${native.context.num_cpus} cores, ${native.context.mhz_per_cpu} MHz`,
  date: native.context.date,
  median_ms: {
    analyze_camera_frame_640x480: { native: nativeMedian('BM_AnalyzeCameraFrame640x480'), wasm_node: wasm.benchmarks.analyze_camera_frame_640x480.median_ms, target_wasm: 25 },
    analyze_photo_4000x3000: { native: nativeMedian('BM_AnalyzePhoto4000x3000'), wasm_node: wasm.benchmarks.analyze_photo_4000x3000.median_ms, target_wasm: 60 },
  },
};
writeFileSync(`${out}/summary.json`, JSON.stringify(summary, null, 2) + '\n');
console.log(JSON.stringify(summary, null, 2));
JS
