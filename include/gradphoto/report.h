// The report a photo check produces: one entry per rule, with the measured value,
// the limits it was compared with, a verdict and what to change, in Chinese and
// English. The command line prints it as JSON; the wasm module returns it to the page.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gradphoto/error.h"
#include "gradphoto/face_analysis.h"
#include "gradphoto/profile.h"

namespace gradphoto {

enum class Verdict { kPass, kWarn, kFail, kNotMeasurable };

const char* verdictName(Verdict verdict);  // "pass", "warn", "fail", "not_measurable"

struct CheckResult {
  std::string id;
  Verdict verdict = Verdict::kNotMeasurable;
  double value = kNoLimit;  // NaN when not measurable
  CheckLimits limits;
  std::string message_zh;
  std::string message_en;
};

// Where the 480x640 (profile-sized) output was cut from, in the photo's pixels.
struct CropResult {
  bool feasible = false;
  // When not feasible: the check whose band could not be met ("geometry.crown",
  // "geometry.eye_line", "geometry.face_width" or "face.position").
  std::string blocking_check;
  double left = 0, top = 0;  // of the cut, in photo pixels (may be fractional)
  double scale = 0;          // output pixels per photo pixel
  std::string reason_zh;     // why not, when not feasible
  std::string reason_en;
};

struct CheckTimings {
  double analysis_ms = 0;  // face analysis
  double crop_ms = 0;      // segmentation, crop plan, output crop
  double checks_ms = 0;    // every rule
  double jpeg_ms = 0;      // output JPEG (quality search included)
  double total_ms = 0;
  // Each rule's own time, in report order before sorting: where the checks stage goes.
  std::vector<std::pair<std::string, double>> check_ms;
};

struct PhotoReport {
  Verdict verdict = Verdict::kNotMeasurable;  // worst of the checks
  std::vector<CheckResult> checks;            // failures first, then warnings, then the rest
  CropResult crop;
  FaceAnalysis analysis;
  // The cropped photo at the profile's output size (RGB, tightly packed rows of
  // width*3 bytes), whenever the photo has exactly one face; for showing the crop.
  std::vector<std::uint8_t> output_rgb;
  int output_width = 0;
  int output_height = 0;
  // The compliant output: only when the crop is feasible and no check fails.
  std::vector<std::uint8_t> jpeg;
  int jpeg_quality = 0;
  bool jpeg_in_size_band = false;  // within the profile's file-size band
  CheckTimings timings;
  Error error;  // the photo could not be checked at all (unreadable, bad input)
};

}  // namespace gradphoto
