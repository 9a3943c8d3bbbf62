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

}  // namespace gradphoto::wasm
