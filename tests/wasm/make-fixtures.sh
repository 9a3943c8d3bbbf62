#!/usr/bin/env bash
# Converts a fixed set of test photos to PNG (lossless) so that the wasm build in
# Node and the native build decode exactly the same pixels, then records what the
# native command line finds in them (analyze and check, with the output JPEGs).
# Usage: make-fixtures.sh OUT_DIR GRADPHOTO_CLI
set -euo pipefail
out=$1
cli=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
testdata=${GRADPHOTO_TESTDATA_DIR:-$root/../shared/testdata}
mkdir -p "$out"
photos=(
  "$testdata"/webmorphR.stim/inst/neutral_front/*.jpg
  "$testdata"/webmorphR.stim/inst/canada/*.jpg
  "$testdata"/PRNet/TestImages/AFLW2000/*.jpg
)
for photo in "${photos[@]}"; do
  name=$(basename "${photo%.jpg}").png
  [ -s "$out/$name" ] || ffmpeg -loglevel error -y -i "$photo" -pix_fmt rgb24 "$out/$name"
done
"$cli" analyze --json "$out"/*.png >"$out/native.jsonl"
# The full check too, with the output JPEG written, for the wasm check() parity test.
rm -rf "$out/native-jpeg"
"$cli" check --json --jobs 1 --out "$out/native-jpeg" "$out"/*.png >"$out/native-check.jsonl" 2>/dev/null || true
