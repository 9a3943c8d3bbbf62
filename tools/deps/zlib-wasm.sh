#!/usr/bin/env bash
# Builds zlib for wasm from Debian's zlib source package (emscripten's own zlib port
# would download from the internet). Its CMake needs win32/, which the dfsg source
# drops, so the library's .c files are compiled directly. Prints the install prefix.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../emsdk.env"

key=$(echo "$GRADPHOTO_ZLIB_DEBIAN_VERSION $GRADPHOTO_EMSCRIPTEN_VERSION $GRADPHOTO_WASM_CFLAGS" | sha256sum | cut -c1-12)
prefix="$GRADPHOTO_CACHE/wasm/zlib-$key"
if [ -f "$prefix/.ready" ]; then echo "$prefix"; exit 0; fi

"$here/deb-src.sh" "$GRADPHOTO_ZLIB_SUITE" >&2
upstream=${GRADPHOTO_ZLIB_DEBIAN_VERSION#*:}; upstream=${upstream%-*}
orig="zlib_${upstream}.orig.tar.bz2"
dl="$GRADPHOTO_CACHE/downloads/zlib-$upstream"
mkdir -p "$dl"
if ! echo "$GRADPHOTO_ZLIB_ORIG_SHA256  $dl/$orig" | sha256sum -c --quiet - >/dev/null 2>&1; then
  (cd "$dl" && apt-get source --download-only -qq "zlib=$GRADPHOTO_ZLIB_DEBIAN_VERSION" >&2) || true
fi
echo "$GRADPHOTO_ZLIB_ORIG_SHA256  $dl/$orig" | sha256sum -c --quiet - >&2 \
  || { echo "zlib-wasm.sh: $orig missing or its sha256 does not match the pinned one" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xjf "$dl/$orig" -C "$work" --strip-components=1
mkdir -p "$prefix.tmp/lib" "$prefix.tmp/include"
objs=()
for c in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees uncompr zutil; do
  emcc $GRADPHOTO_WASM_CFLAGS -DHAVE_UNISTD_H -c "$work/$c.c" -o "$work/$c.o"
  objs+=("$work/$c.o")
done
emar rcs "$prefix.tmp/lib/libz.a" "${objs[@]}"
cp "$work/zlib.h" "$work/zconf.h" "$prefix.tmp/include/"
rm -rf "$prefix" && mv "$prefix.tmp" "$prefix"
touch "$prefix/.ready"
echo "$prefix"
