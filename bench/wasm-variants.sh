#!/usr/bin/env bash
# Builds the wasm core as -O3 and -Os, each with and without -flto (OpenCV, libjpeg,
# zlib and our code compiled that way, and linked that way), and times each with the
# Node harness on the benchmark frames. The shipped build (build/wasm-release, -O3
# without LTO) is the first row. Libraries are cached per flags like the shipped ones
# (tools/deps/), builds live in build/wasm-variants/NAME. Then writes
# build/bench/wasm-variants.json and .md and the README's table between its markers.
#   bash bench/wasm-variants.sh   (after tools/bench.sh has made the frames)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh
out="$root/build/bench"
mkdir -p "$out" build/logs
[ -f "$out/frame-640x480.rgba" ] || { echo "wasm-variants: run tools/bench.sh first (it makes the frames)" >&2; exit 1; }

measure() {  # measure NAME WASM_DIR
  GRADPHOTO_WASM_DIR="$2" node bench/wasm-bench.mjs "$out/wasm-variant-$1.json" "$out" >/dev/null
}

measure O3 "$root/build/wasm-release/wasm"
for variant in "Os:-Os:" "O3-flto:-O3:-flto" "Os-flto:-Os:-flto"; do
  IFS=: read -r name opt lto <<<"$variant"
  cflags="$opt -msimd128${lto:+ $lto}"
  opencv=$(GRADPHOTO_WASM_CFLAGS="$cflags" tools/deps/opencv-build.sh wasm)
  libjpeg=$(GRADPHOTO_WASM_CFLAGS="$cflags" tools/deps/libjpeg-wasm.sh)
  dir="$root/build/wasm-variants/$name"
  echo "wasm-variants: building $name ($cflags)" >&2
  { cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
      -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=$opt -DNDEBUG" "-DCMAKE_C_FLAGS_RELEASE=$opt -DNDEBUG" \
      "-DCMAKE_CXX_FLAGS=$lto" "-DCMAKE_C_FLAGS=$lto" "-DGRADPHOTO_WASM_OPT=$opt${lto:+;$lto}" \
      -DOpenCV_DIR="$opencv/lib/cmake/opencv4" -DGRADPHOTO_LIBJPEG_WASM_DIR="$libjpeg" \
      -DGRADPHOTO_BUILD_CLI=OFF -DGRADPHOTO_BUILD_TESTS=OFF -DGRADPHOTO_BUILD_BENCHMARKS=OFF \
      -DCMAKE_CXX_COMPILER_LAUNCHER="$GRADPHOTO_COMPILER_LAUNCHER" \
    && cmake --build "$dir" -j2; } >"build/logs/wasm-variant-$name.log" 2>&1 \
    || { tail -30 "build/logs/wasm-variant-$name.log" >&2; exit 1; }
  measure "$name" "$dir/wasm"
done
node bench/wasm-variants-table.mjs "$out" "$root/build/wasm-release/wasm" "$root/build/wasm-variants"
