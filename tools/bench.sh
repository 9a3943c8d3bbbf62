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

# The subject (one whose photo passes the crop) scaled to the frame's height and
# centred, the sides filled with the photo's own backdrop grey (RGB 205,209,210 as
# measured by background.colour), so the full check gives a report and a JPEG.
testdata=${GRADPHOTO_TESTDATA_DIR:-$root/../shared/testdata}
photo="$testdata/webmorphR.stim/inst/neutral_front/006_03.jpg"
for size in 640x480 4000x3000; do
  w=${size%x*}; h=${size#*x}
  ffmpeg -loglevel error -y -i "$photo" \
    -vf "scale=$h:$h,pad=$w:$h:($w-$h)/2:0:0xCDD1D2" -f rawvideo -pix_fmt rgba "$out/frame-$size.rgba"
done

GRADPHOTO_BENCH_FRAMES_DIR="$out" build/native-release/bench/gradphoto_bench \
  --benchmark_repetitions=10 --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/native.json" --benchmark_out_format=json
node bench/wasm-bench.mjs "$out/wasm-node.json" "$out"

# The command line over a folder: photos per second on all cores (decode included).
batch="$out/cli-batch"
rm -rf "$batch" && mkdir -p "$batch"
for copy in 1 2 3 4 5; do
  for source in "$testdata"/webmorphR.stim/inst/neutral_front/*.jpg; do
    ln -s "$source" "$batch/$copy-$(basename "$source")"
  done
done
photos=$(ls "$batch" | wc -l)
start=$(date +%s.%N)
build/native-release/tools/cli/gradphoto check --json --out "$out/cli-out" "$batch" >"$out/cli-reports.jsonl" 2>/dev/null || true
end=$(date +%s.%N)
node -e '
  const [photos, seconds, file] = [Number(process.argv[1]), Number(process.argv[3]) - Number(process.argv[2]), process.argv[4]];
  const result = { photos, seconds: +seconds.toFixed(2), photos_per_second: +(photos / seconds).toFixed(1), cores: require("os").cpus().length };
  require("fs").writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  console.log(`gradphoto check: ${result.photos_per_second} photos/s (${photos} photos, ${result.seconds} s)`);
' "$photos" "$start" "$end" "$out/cli.json"

node --input-type=module - "$out" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const out = process.argv[2];
const native = JSON.parse(readFileSync(`${out}/native.json`, 'utf8'));
const wasm = JSON.parse(readFileSync(`${out}/wasm-node.json`, 'utf8'));
const nativeMedian = (name) => native.benchmarks.find((b) => b.run_name.split('/')[0] === name && b.aggregate_name === 'median')?.real_time;
const cli = JSON.parse(readFileSync(`${out}/cli.json`, 'utf8'));
const summary = {
  machine: `${native.context.num_cpus} cores, ${native.context.mhz_per_cpu} MHz`,
  date: native.context.date,
  median_ms: {
    analyze_camera_frame_640x480: { native: nativeMedian('BM_AnalyzeCameraFrame640x480'), wasm_node: wasm.benchmarks.analyze_camera_frame_640x480.median_ms, target_wasm: 25 },
    analyze_photo_4000x3000: { native: nativeMedian('BM_AnalyzePhoto4000x3000'), wasm_node: wasm.benchmarks.analyze_photo_4000x3000.median_ms, target_wasm: 60 },
    check_photo_4000x3000: { native: nativeMedian('BM_CheckPhoto4000x3000'), wasm_node: wasm.benchmarks.check_photo_4000x3000.median_ms, target_wasm: 120 },
  },
  cli_photos_per_second: { measured: cli.photos_per_second, target: 10 },
};
writeFileSync(`${out}/summary.json`, JSON.stringify(summary, null, 2) + '\n');
console.log(JSON.stringify(summary, null, 2));
JS
