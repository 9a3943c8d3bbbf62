#!/usr/bin/env bash
# Fetches OpenCV's source from Debian's source package, verifies it and unpacks it
# into the cache. Prints the source directory.
# Debian's dfsg source drops 3rdparty/, so the TFLite schema header is regenerated
# with Debian's flatc and 3rdparty/flatbuffers points at Debian's flatbuffers headers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../emsdk.env"

dest="$GRADPHOTO_CACHE/src/opencv-$GRADPHOTO_OPENCV_DEBIAN_VERSION"
if [ -f "$dest/.ready" ]; then echo "$dest"; exit 0; fi

"$here/deb-src.sh" "$GRADPHOTO_OPENCV_SUITE" >&2
dl="$GRADPHOTO_CACHE/downloads/opencv-$GRADPHOTO_OPENCV_DEBIAN_VERSION"
mkdir -p "$dl"
orig="opencv_${GRADPHOTO_OPENCV_VERSION}+dfsg.orig.tar.xz"
if ! echo "$GRADPHOTO_OPENCV_ORIG_SHA256  $dl/$orig" | sha256sum -c --quiet - >/dev/null 2>&1; then
  # The archive here lacks the .dsc, so apt-get exits 100 after fetching the tarballs;
  # the checksum below is what decides whether the download is good.
  (cd "$dl" && apt-get source --download-only -qq "opencv=$GRADPHOTO_OPENCV_DEBIAN_VERSION" >&2) || true
fi
echo "$GRADPHOTO_OPENCV_ORIG_SHA256  $dl/$orig" | sha256sum -c --quiet - >&2 \
  || { echo "opencv-source.sh: $orig missing or its sha256 does not match the pinned one" >&2; exit 1; }

rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
tar -xJf "$dl/$orig" -C "$dest.tmp" --strip-components=1
(cd "$dest.tmp" && flatc --cpp -o modules/dnn/misc/tflite modules/dnn/src/tflite/schema.fbs)
# Only the flatbuffers headers: all of /usr/include would shadow the wasm sysroot.
mkdir -p "$dest.tmp/3rdparty/flatbuffers/include"
ln -s /usr/include/flatbuffers "$dest.tmp/3rdparty/flatbuffers/include/flatbuffers"
# OpenCV's install step copies the bundled library's licence.
cp /usr/share/doc/libflatbuffers-dev/copyright "$dest.tmp/3rdparty/flatbuffers/LICENSE.txt"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
touch "$dest/.ready"
echo "$dest"
