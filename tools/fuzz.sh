#!/usr/bin/env bash
# Fuzzes the photo-file entry points (inspection, decoding, the full check) with
# libFuzzer under AddressSanitizer + UndefinedBehaviorSanitizer.
#   bash tools/fuzz.sh SECONDS      e.g. 600 for the ten-minute run; tools/test.sh runs 60
# Seeds: the small files of the bad-input corpus and two small real photos, made at
# run time (nothing third-party is committed). The corpus grows in build/fuzz/corpus
# across runs; a crashing input is saved in build/fuzz/artifacts/ and the script fails.
# Prints "fuzz: N executions in S s, T targets with crashes" as its last line.
set -uo pipefail
seconds=${1:?usage: fuzz.sh SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh || { echo "fuzz.sh: installing dependencies failed" >&2; exit 1; }
out=build/fuzz
mkdir -p "$out/logs"
{ cmake --preset fuzz >"$out/logs/configure.log" 2>&1 && cmake --build --preset fuzz -j2 >"$out/logs/build.log" 2>&1; } \
  || { echo "fuzz.sh: building the fuzz targets failed" >&2; tail -30 "$out/logs/build.log" >&2; exit 1; }

seeds="$out/seeds"
rm -rf "$seeds" && mkdir -p "$seeds" "$out/artifacts"
node tools/badinput/make-corpus.mjs "$out/bad-input" >/dev/null || exit 1
find "$out/bad-input" -type f -size -64k ! -name manifest.json -exec cp {} "$seeds/" \;
photo=${GRADPHOTO_TESTDATA_DIR:-$root/../shared/testdata}/webmorphR.stim/inst/neutral_front/006_03.jpg
ffmpeg -v error -y -i "$photo" -vf scale=160:160 -q:v 4 "$seeds/small.jpg"
ffmpeg -v error -y -i "$photo" -vf scale=96:128,format=rgba "$seeds/small.png"

# Both targets at once, one core each: the full check (slow inputs) and the file
# parsers alone (fast inputs). -rss_limit_mb: the models and OpenCV under ASan need
# about 0.5 GB; growth past the limit is reported as a leak or runaway allocation.
stamp=$(date +%Y%m%d-%H%M%S)
pids=()
for target in photo_file file_decode; do
  mkdir -p "$out/corpus/$target"
  "$out/fuzz/gradphoto_fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=60 -rss_limit_mb=3072 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" "$out/corpus/$target" "$seeds" \
    >"$out/logs/$target-$stamp.log" 2>&1 &
  pids+=($!)
done
failed=0
total=0
for i in 0 1; do
  target=$([ $i -eq 0 ] && echo photo_file || echo file_decode)
  log="$out/logs/$target-$stamp.log"
  wait "${pids[$i]}"
  status=$?
  executions=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  crashes=$(grep -cE '^==[0-9]+==ERROR|^SUMMARY: [A-Za-z]+Sanitizer|deadly signal|ALARM: working on the last Unit|out-of-memory \(' "$log")
  echo "fuzz $target: ${executions:-0} executions in $seconds s, $crashes crashes, $(ls "$out/corpus/$target" | wc -l) corpus inputs ($log)"
  if [ $status -ne 0 ] || [ "$crashes" -ne 0 ] || [ -z "$executions" ]; then
    failed=$((failed + 1))
    echo "fuzz.sh: $target stopped with status $status" >&2
    grep -A30 -m1 -E 'ERROR|deadly|ALARM|out-of-memory' "$log" >&2
  fi
  total=$((total + ${executions:-0}))
done
echo "fuzz: $total executions in $seconds s, $failed targets with crashes"
[ $failed -eq 0 ]
