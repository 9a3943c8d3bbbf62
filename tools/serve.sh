#!/usr/bin/env bash
# Installs everything GradPhoto needs (cached), builds the wasm module and serves
# the web app on http://localhost:8080 (PORT=... to change it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh
mkdir -p build/logs
{ cmake --preset wasm-release && cmake --build --preset wasm-release; } >build/logs/wasm-release.log 2>&1 \
  || { tail -40 build/logs/wasm-release.log >&2; exit 1; }
export GRADPHOTO_WASM_DIR="$root/build/wasm-release/wasm"
exec node tools/serve.mjs --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
