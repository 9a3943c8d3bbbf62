#!/usr/bin/env bash
# Builds the OpenCV modules GradPhoto uses, from Debian's source package, either
# natively or for wasm, into a cache directory keyed by version and flags.
# Both builds come from the same source so native tests run the code the wasm runs.
# Usage: opencv-build.sh native|wasm   (prints the install prefix)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../emsdk.env"
target=${1:?native or wasm}

common=(
  -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF
  -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOCS=OFF
  -DBUILD_opencv_apps=OFF -DBUILD_JAVA=OFF -DBUILD_opencv_python3=OFF -DBUILD_opencv_js=OFF
  -DBUILD_ZLIB=OFF -DBUILD_PNG=OFF -DBUILD_JPEG=OFF -DBUILD_PROTOBUF=OFF
  -DWITH_PROTOBUF=OFF -DWITH_FLATBUFFERS=ON -DOPENCV_DNN_TFLITE=ON
  -DWITH_IPP=OFF -DWITH_ITT=OFF -DWITH_OPENCL=OFF -DWITH_EIGEN=OFF -DWITH_LAPACK=OFF
  -DWITH_TBB=OFF -DWITH_OPENMP=OFF -DWITH_FFMPEG=OFF -DWITH_GSTREAMER=OFF -DWITH_V4L=OFF
  -DWITH_GTK=OFF -DWITH_QT=OFF -DWITH_VTK=OFF -DWITH_1394=OFF -DWITH_OPENEXR=OFF
  -DWITH_TIFF=OFF -DWITH_WEBP=OFF -DWITH_JASPER=OFF -DWITH_OPENJPEG=OFF -DWITH_AVIF=OFF
  -DWITH_IMGCODEC_HDR=OFF -DWITH_IMGCODEC_SUNRASTER=OFF -DWITH_IMGCODEC_PXM=OFF -DWITH_IMGCODEC_PFM=OFF
  -DWITH_QUIRC=OFF -DWITH_ADE=OFF -DWITH_VA=OFF -DWITH_OPENVX=OFF -DWITH_CUDA=OFF
  -DOPENCV_GENERATE_PKGCONFIG=OFF -DCV_TRACE=OFF
)
case "$target" in
  native)
    modules=$GRADPHOTO_OPENCV_MODULES
    flags=(-DWITH_JPEG=ON -DWITH_PNG=ON -DWITH_PTHREADS_PF=ON)
    configure=(cmake) ;;
  wasm)
    modules=$GRADPHOTO_OPENCV_WASM_MODULES
    zlib=$("$here/zlib-wasm.sh")
    flags=(
      -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake
      -DCPU_BASELINE= -DCPU_DISPATCH= -DCV_ENABLE_INTRINSICS=ON -DENABLE_PIC=FALSE
      -DWITH_PTHREADS_PF=OFF -DWITH_JPEG=OFF -DWITH_PNG=OFF
      -DZLIB_LIBRARY="$zlib/lib/libz.a" -DZLIB_INCLUDE_DIR="$zlib/include"
      "-DCMAKE_C_FLAGS=$GRADPHOTO_WASM_CFLAGS" "-DCMAKE_CXX_FLAGS=$GRADPHOTO_WASM_CFLAGS"
    )
    configure=(emcmake cmake) ;;
  *) echo "usage: $0 native|wasm" >&2; exit 2 ;;
esac

key=$(printf '%s\n' "$GRADPHOTO_OPENCV_DEBIAN_VERSION" "$target" "$modules" "$GRADPHOTO_EMSCRIPTEN_VERSION" \
  "${common[@]}" "${flags[@]}" "$(cat "$0")" | sha256sum | cut -c1-12)
prefix="$GRADPHOTO_CACHE/$target/opencv-$GRADPHOTO_OPENCV_VERSION-$key"
if [ -f "$prefix/.ready" ]; then echo "$prefix"; exit 0; fi

src=$("$here/opencv-source.sh")
build="$GRADPHOTO_CACHE/build/opencv-$target-$key"
mkdir -p "$build"
echo "opencv-build.sh: building OpenCV $GRADPHOTO_OPENCV_VERSION ($target: $modules) into $prefix" >&2
"${configure[@]}" -S "$src" -B "$build" "${common[@]}" "${flags[@]}" \
  -DBUILD_LIST="$modules" -DCMAKE_INSTALL_PREFIX="$prefix.tmp" >"$build/configure.log" 2>&1 \
  || { tail -40 "$build/configure.log" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" >"$build/build.log" 2>&1 \
  || { grep -m20 -B2 -A8 'error' "$build/build.log" >&2; exit 1; }
cmake --install "$build" >"$build/install.log" 2>&1
rm -rf "$prefix" && mv "$prefix.tmp" "$prefix"
touch "$prefix/.ready"
rm -rf "$build"
echo "$prefix"
