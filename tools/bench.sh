#!/usr/bin/env bash
# The benchmark (issue #5), one command, numbers written by the benchmarks themselves:
#   core:          analyze()/check() with Google Benchmark (native) and in Node (wasm)
#   side by side:  face analysis against MediaPipe's Face Mesh JS solution, and the
#                  采集码 reader against @zxing/library, in one headless Chromium page each
#   batch:         the command line's photos per second against check() in wasm, per photo
#   the app:       cold and warm start to the first live guidance, live fps and long
#                  main-thread tasks at 640x480, transfer sizes per file, peak wasm
#                  memory for a 48-megapixel photo
#   variants:      -O3/-Os, with and without -flto (size and speed; the README's table)
# Each part writes build/bench/<part>.json; summary.json gathers them and is printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh
out="$root/build/bench"
mkdir -p "$out" build/logs
for preset in native-release wasm-release wasm-threads; do bash tools/build-preset.sh "$preset"; done
export GRADPHOTO_WASM_DIR="$root/build/wasm-release/wasm"
export GRADPHOTO_WASM_THREADS_DIR="$root/build/wasm-threads/wasm"

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

node bench/batch.mjs build/native-release/tools/cli/gradphoto "$out/batch.json"
node bench/memory.mjs "$out/memory.json"
node bench/sizes.mjs "$out/sizes.json"
node bench/qr-set.mjs "$out/qr-set"
node bench/qr-peers.mjs "$out/qr-peers.json"
node bench/face-peers.mjs "$out/face-peers.json"
node bench/app-startup.mjs "$out/startup.json"
node bench/live-guidance.mjs "$out/live.json"
bash bench/wasm-variants.sh
node bench/summary.mjs "$out"
