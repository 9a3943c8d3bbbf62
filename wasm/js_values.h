// Core results -> plain JS objects (the same field names as the command line's JSON).
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <vector>

#include "gradphoto/face_analysis.h"
#include "gradphoto/report.h"

namespace gradphoto::wasm {

emscripten::val errorToJs(const Error& error);
emscripten::val analysisToJs(const FaceAnalysis& analysis);
emscripten::val reportToJs(const PhotoReport& report);

// One bulk copy of a JS typed array into wasm memory.
std::vector<std::uint8_t> copyBytes(const emscripten::val& array);

}  // namespace gradphoto::wasm
