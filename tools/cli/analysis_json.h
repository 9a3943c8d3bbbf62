// The face analysis as JSON: the same field names the wasm module gives the page.
#pragma once

#include <nlohmann/json.hpp>

#include "gradphoto/error.h"
#include "gradphoto/face_analysis.h"

namespace gradphoto::cli {

nlohmann::ordered_json errorToJson(const Error& error);
nlohmann::ordered_json analysisToJson(const FaceAnalysis& analysis);

}  // namespace gradphoto::cli
