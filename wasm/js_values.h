// Core results -> plain JS objects (the same field names as the command line's JSON).
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "gradphoto/face_analysis.h"
#include "gradphoto/report.h"

namespace gradphoto::wasm {

emscripten::val errorToJs(const Error& error);
emscripten::val analysisToJs(const FaceAnalysis& analysis);
emscripten::val reportToJs(const PhotoReport& report);

// One bulk copy of a JS typed array into wasm memory.
std::vector<std::uint8_t> copyBytes(const emscripten::val& array);

// The same for an image's pixels, without zero-filling the buffer first (a
// vector would: 48 MB of memset for a 4000x3000 photo, 3-5 ms in wasm).
struct PixelBuffer {
  std::unique_ptr<std::uint8_t[]> data;
  std::size_t size = 0;
};
PixelBuffer copyPixels(const emscripten::val& array);

// An RGBA image's pixels as packed RGB, copied a band of rows at a time: a
// 48-megapixel photo then never sits in wasm memory as RGBA (183 MB) but as RGB
// (137 MB), and the largest transient is one band. Transparent pixels are put on
// white in the same pass, as the core would do with RGBA. Returns an empty buffer when the array does not hold
// width x height RGBA pixels with that row stride; the caller then copies as is
// and lets the core report the mismatch.
PixelBuffer copyRgbaAsRgb(const emscripten::val& array, int width, int height, int stride);

}  // namespace gradphoto::wasm
