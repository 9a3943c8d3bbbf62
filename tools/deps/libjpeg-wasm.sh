#!/usr/bin/env bash
# Builds libjpeg-turbo for wasm from Debian's libjpeg-turbo source package, the same
# version as the native libjpeg62-turbo, so the core writes the same JPEG bytes in both
# (no SIMD in wasm: libjpeg-turbo's SIMD and C paths give identical output for the
# default integer DCT). Static library only, no TurboJPEG API. Prints the install prefix.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../emsdk.env"

options=(-DCMAKE_BUILD_TYPE=Release -DWITH_SIMD=0 -DENABLE_SHARED=0 -DENABLE_STATIC=1 -DWITH_TURBOJPEG=0
  -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_INSTALL_INCLUDEDIR=include)
key=$(echo "$GRADPHOTO_LIBJPEG_DEBIAN_VERSION $GRADPHOTO_EMSCRIPTEN_VERSION $GRADPHOTO_WASM_CFLAGS ${options[*]}" | sha256sum | cut -c1-12)
prefix="$GRADPHOTO_CACHE/wasm/libjpeg-$key"
if [ -f "$prefix/.ready" ]; then echo "$prefix"; exit 0; fi

"$here/deb-src.sh" "$GRADPHOTO_LIBJPEG_SUITE" >&2
upstream=${GRADPHOTO_LIBJPEG_DEBIAN_VERSION#*:}; upstream=${upstream%-*}
orig="libjpeg-turbo_${upstream}.orig.tar.gz"
dl="$GRADPHOTO_CACHE/downloads/libjpeg-turbo-$upstream"
mkdir -p "$dl"
if ! echo "$GRADPHOTO_LIBJPEG_ORIG_SHA256  $dl/$orig" | sha256sum -c --quiet - >/dev/null 2>&1; then
  (cd "$dl" && apt-get source --download-only -qq "libjpeg-turbo=$GRADPHOTO_LIBJPEG_DEBIAN_VERSION" >&2) || true
fi
echo "$GRADPHOTO_LIBJPEG_ORIG_SHA256  $dl/$orig" | sha256sum -c --quiet - >&2 \
  || { echo "libjpeg-wasm.sh: $orig missing or its sha256 does not match the pinned one" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
tar -xzf "$dl/$orig" -C "$work/src" --strip-components=1
echo "libjpeg-wasm.sh: building libjpeg-turbo $upstream for wasm into $prefix" >&2
# Its CMake measures sizeof(size_t) by running a test program in the emulator. emcmake's
# default emulator, node --experimental-wasm-threads, is refused by Node 20 (exit status 9),
# which would become SIZEOF_SIZE_T 9 and break jchuff.c ("Cannot determine word size").
emcmake cmake -S "$work/src" -B "$work/build" -G Ninja "${options[@]}" \
  "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);$GRADPHOTO_NODE_FLAGS" \
  "-DCMAKE_C_FLAGS=$GRADPHOTO_WASM_CFLAGS" -DCMAKE_INSTALL_PREFIX="$prefix.tmp" >"$work/configure.log" 2>&1 \
  || { tail -40 "$work/configure.log" >&2; exit 1; }
# Only the library: the command-line tools would be built as Node programs for nothing.
cmake --build "$work/build" --target jpeg-static >"$work/build.log" 2>&1 \
  || { grep -m20 -B2 -A8 'error' "$work/build.log" >&2; exit 1; }
grep -q '^#define SIZEOF_SIZE_T  4$' "$work/build/jconfigint.h" \
  || { echo "libjpeg-wasm.sh: configure measured a wrong sizeof(size_t) for wasm32" >&2; exit 1; }
# Installed by hand: cmake --install would also want the command-line tools.
mkdir -p "$prefix.tmp/lib" "$prefix.tmp/include"
cp "$work/build/libjpeg.a" "$prefix.tmp/lib/"
cp "$work/build/jconfig.h" "$work/src/jpeglib.h" "$work/src/jmorecfg.h" "$work/src/jerror.h" "$prefix.tmp/include/"
rm -rf "$prefix" && mv "$prefix.tmp" "$prefix"
touch "$prefix/.ready"
echo "$prefix"
