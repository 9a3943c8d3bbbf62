#!/usr/bin/env bash
# Installs and builds everything GradPhoto needs, each step cached so that a second
# run takes seconds. Source it: it exports the locations the builds use.
#   GRADPHOTO_OPENCV_NATIVE_DIR, GRADPHOTO_OPENCV_WASM_DIR, GRADPHOTO_MODELS_DIR
_gp_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$_gp_root/emsdk.env"

"$_gp_root/tools/deps/apt.sh" || return 1
command -v npm >/dev/null || { echo "bootstrap: npm is missing (it comes with Node.js)" >&2; return 1; }

# npm packages, pinned by the committed lockfile; reinstalled only when it changes.
_gp_lock_hash=$(sha256sum "$_gp_root/package-lock.json" | cut -c1-16)
if [ "$(cat "$_gp_root/node_modules/.gradphoto-lock" 2>/dev/null)" != "$_gp_lock_hash" ]; then
  (cd "$_gp_root" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
  echo "$_gp_lock_hash" > "$_gp_root/node_modules/.gradphoto-lock"
fi

export GRADPHOTO_MODELS_DIR="$GRADPHOTO_CACHE/models/$_gp_lock_hash"
node "$_gp_root/tools/deps/models.mjs" "$GRADPHOTO_MODELS_DIR" >/dev/null || return 1

opencv_native=$("$_gp_root/tools/deps/opencv-build.sh" native) || return 1
opencv_wasm=$("$_gp_root/tools/deps/opencv-build.sh" wasm) || return 1
export GRADPHOTO_OPENCV_NATIVE_DIR="$opencv_native/lib/cmake/opencv4"
export GRADPHOTO_OPENCV_WASM_DIR="$opencv_wasm/lib/cmake/opencv4"
GRADPHOTO_LIBJPEG_WASM_DIR=$("$_gp_root/tools/deps/libjpeg-wasm.sh") || return 1  # not on the export line: export would hide the failure
export GRADPHOTO_LIBJPEG_WASM_DIR
# The same three built again with -pthread for gradphoto-threads (the wasm-threads
# preset): a module with shared memory links only objects compiled for it. The flags
# are part of each build's cache key, so these sit beside the builds above.
opencv_wasm_threads=$(GRADPHOTO_WASM_CFLAGS="$GRADPHOTO_WASM_CFLAGS -pthread" "$_gp_root/tools/deps/opencv-build.sh" wasm) || return 1
export GRADPHOTO_OPENCV_WASM_THREADS_DIR="$opencv_wasm_threads/lib/cmake/opencv4"
GRADPHOTO_LIBJPEG_WASM_THREADS_DIR=$(GRADPHOTO_WASM_CFLAGS="$GRADPHOTO_WASM_CFLAGS -pthread" "$_gp_root/tools/deps/libjpeg-wasm.sh") || return 1
export GRADPHOTO_LIBJPEG_WASM_THREADS_DIR

# Compiler cache outside the work tree: a fresh clone rebuilds the project in seconds.
export CCACHE_DIR="$GRADPHOTO_CACHE/ccache"
export CCACHE_BASEDIR="$_gp_root"  # relative paths, so hits carry across clones
export GRADPHOTO_COMPILER_LAUNCHER=ccache
unset _gp_lock_hash opencv_native opencv_wasm opencv_wasm_threads
