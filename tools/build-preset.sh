#!/usr/bin/env bash
# Configures and builds one CMake preset quietly (after tools/deps/bootstrap.sh has
# set the dependency paths), logging to build/logs/PRESET.log; on failure prints
# the log's end and exits 1. Used by serve.sh, test.sh, bench.sh and evaluate.sh.
#   bash tools/build-preset.sh PRESET
set -uo pipefail
preset=$1
root=$(cd "$(dirname "$0")/.." && pwd)
log="$root/build/logs/$preset.log"
mkdir -p "$root/build/logs"
cd "$root"
{ cmake --preset "$preset" && cmake --build --preset "$preset"; } >"$log" 2>&1 \
  || { echo "building $preset failed ($log):" >&2; tail -40 "$log" >&2; exit 1; }
