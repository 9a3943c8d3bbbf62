#!/usr/bin/env bash
# Installs everything GradPhoto needs (cached), builds the wasm module and serves
# the web app on http://localhost:8080 (PORT=... to change it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh
bash tools/build-preset.sh wasm-release
bash tools/build-preset.sh wasm-threads
export GRADPHOTO_WASM_DIR="$root/build/wasm-release/wasm"
export GRADPHOTO_WASM_THREADS_DIR="$root/build/wasm-threads/wasm"
exec node tools/serve.mjs --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
