#include "js_values.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "image/transparency.h"

using emscripten::val;

namespace gradphoto::wasm {
namespace {

val pointToJs(Point2 p) {
  val o = val::object();
  o.set("x", p.x);
  o.set("y", p.y);
  return o;
}

val faceToJs(const Face& face) {
  val f = val::object();
  val box = val::object();
  box.set("x", face.box.x);
  box.set("y", face.box.y);
  box.set("width", face.box.width);
  box.set("height", face.box.height);
  f.set("box", box);
  f.set("score", face.score);
  f.set("landmark_score", face.landmark_score);
  if (face.mesh.empty()) return f;
  const KeyPoints& k = face.key_points;
  val keys = val::object();
  keys.set("eye_left", pointToJs(k.eye_left));
  keys.set("eye_right", pointToJs(k.eye_right));
  keys.set("nose_tip", pointToJs(k.nose_tip));
  keys.set("mouth_left", pointToJs(k.mouth_left));
  keys.set("mouth_right", pointToJs(k.mouth_right));
  keys.set("upper_lip", pointToJs(k.upper_lip));
  keys.set("lower_lip", pointToJs(k.lower_lip));
  keys.set("chin", pointToJs(k.chin));
  keys.set("face_left", pointToJs(k.face_left));
  keys.set("face_right", pointToJs(k.face_right));
  f.set("key_points", keys);
  val pose = val::object();
  pose.set("yaw", face.pose.yaw);
  pose.set("pitch", face.pose.pitch);
  pose.set("roll", face.pose.roll);
  f.set("pose", pose);
  // x, y, z per point, copied out of the wasm heap into a JS-owned array.
  static_assert(sizeof(MeshPoint) == 3 * sizeof(float), "MeshPoint must be packed x,y,z");
  const float* mesh = &face.mesh[0].x;
  f.set("mesh", val::global("Float32Array").new_(emscripten::typed_memory_view(face.mesh.size() * 3, mesh)));
  return f;
}

val numberOrNull(double value) { return std::isnan(value) ? val::null() : val(value); }

val limitsToJs(const CheckLimits& limits) {
  val l = val::object();
  if (!std::isnan(limits.min_fail)) l.set("min_fail", limits.min_fail);
  if (!std::isnan(limits.min_warn)) l.set("min_warn", limits.min_warn);
  if (!std::isnan(limits.max_warn)) l.set("max_warn", limits.max_warn);
  if (!std::isnan(limits.max_fail)) l.set("max_fail", limits.max_fail);
  l.set("unit", limits.unit);
  return l;
}

val bytesToJs(const std::vector<std::uint8_t>& bytes) {
  return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data()));
}

}  // namespace

val errorToJs(const Error& error) {
  if (!error) return val::null();
  val e = val::object();
  e.set("code", std::string(errorCodeName(error.code)));
  e.set("message_zh", error.message_zh);
  e.set("message_en", error.message_en);
  return e;
}

val analysisToJs(const FaceAnalysis& analysis) {
  val result = val::object();
  result.set("width", analysis.width);
  result.set("height", analysis.height);
  result.set("face_count", static_cast<int>(analysis.faces.size()));
  val faces = val::array();
  for (const Face& face : analysis.faces) faces.call<void>("push", faceToJs(face));
  result.set("faces", faces);
  val timings = val::object();
  timings.set("prepare", analysis.timings.prepare_ms);
  timings.set("detect", analysis.timings.detect_ms);
  timings.set("landmarks", analysis.timings.landmarks_ms);
  timings.set("total", analysis.timings.total_ms);
  result.set("timings_ms", timings);
  result.set("error", errorToJs(analysis.error));
  return result;
}

val reportToJs(const PhotoReport& report) {
  val r = val::object();
  r.set("verdict", std::string(report.error ? "error" : verdictName(report.verdict)));
  val checks = val::array();
  for (const CheckResult& check : report.checks) {
    val c = val::object();
    c.set("id", check.id);
    c.set("verdict", std::string(verdictName(check.verdict)));
    c.set("value", numberOrNull(check.value));
    c.set("limit", limitsToJs(check.limits));
    c.set("message_zh", check.message_zh);
    c.set("message_en", check.message_en);
    checks.call<void>("push", c);
  }
  r.set("checks", checks);
  val crop = val::object();
  crop.set("feasible", report.crop.feasible);
  crop.set("left", report.crop.left);
  crop.set("top", report.crop.top);
  crop.set("scale", report.crop.scale);
  crop.set("reason_zh", report.crop.reason_zh);
  crop.set("reason_en", report.crop.reason_en);
  r.set("crop", crop);
  r.set("analysis", analysisToJs(report.analysis));
  if (!report.jpeg.empty()) {
    val jpeg = val::object();
    jpeg.set("bytes", bytesToJs(report.jpeg));
    jpeg.set("quality", report.jpeg_quality);
    jpeg.set("in_size_band", report.jpeg_in_size_band);
    r.set("jpeg", jpeg);
  } else {
    r.set("jpeg", val::null());
  }
  val timings = val::object();
  timings.set("analysis", report.timings.analysis_ms);
  timings.set("crop", report.timings.crop_ms);
  timings.set("checks", report.timings.checks_ms);
  timings.set("jpeg", report.timings.jpeg_ms);
  timings.set("total", report.timings.total_ms);
  r.set("timings_ms", timings);
  val per_check = val::object();
  for (const auto& [id, ms] : report.timings.check_ms) per_check.set(id, ms);
  r.set("check_timings_ms", per_check);
  r.set("error", errorToJs(report.error));
  return r;
}

std::vector<std::uint8_t> copyBytes(const val& array) {
  if (array.isUndefined() || array.isNull()) return {};
  const size_t length = array["length"].as<size_t>();
  std::vector<std::uint8_t> bytes(length);
  // The vector is allocated before the view is made, so a memory growth cannot
  // invalidate the view.
  val(emscripten::typed_memory_view(length, bytes.data())).call<void>("set", array);
  return bytes;
}

PixelBuffer copyPixels(const val& array) {
  PixelBuffer pixels;
  if (array.isUndefined() || array.isNull()) return pixels;
  pixels.size = array["length"].as<size_t>();
  pixels.data.reset(new std::uint8_t[pixels.size]);  // default-initialised: not zeroed
  val(emscripten::typed_memory_view(pixels.size, pixels.data.get())).call<void>("set", array);
  return pixels;
}

PixelBuffer copyRgbaAsRgb(const val& array, int width, int height, int stride) {
  PixelBuffer rgb;
  if (array.isUndefined() || array.isNull() || width <= 0 || height <= 0) return rgb;
  const std::size_t row_rgba = static_cast<std::size_t>(width) * 4;
  const std::size_t row_stride = stride > 0 ? static_cast<std::size_t>(stride) : row_rgba;
  const std::size_t length = array["length"].as<std::size_t>();
  if (row_stride < row_rgba || length < row_stride * (height - 1) + row_rgba || length > row_stride * height) return rgb;
  // About 4 MB of RGBA per band: small beside the photo, large enough that the
  // per-band call into JS costs nothing.
  const int band_rows = std::max<int>(1, static_cast<int>((4u << 20) / row_stride));
  std::unique_ptr<std::uint8_t[]> band(new std::uint8_t[row_stride * band_rows]);
  rgb.size = static_cast<std::size_t>(width) * height * 3;
  rgb.data.reset(new std::uint8_t[rgb.size]);
  for (int top = 0; top < height; top += band_rows) {
    const int rows = std::min(band_rows, height - top);
    const std::size_t begin = row_stride * top;
    const std::size_t end = std::min(length, begin + row_stride * rows);
    // Both buffers exist before the view is made, so a memory growth cannot invalidate it.
    val(emscripten::typed_memory_view(end - begin, band.get())).call<void>("set", array.call<val>("subarray", begin, end));
    for (int y = 0; y < rows; ++y) {
      rgbaRowToRgbOverWhite(band.get() + row_stride * y, rgb.data.get() + static_cast<std::size_t>(top + y) * width * 3,
                            width);
    }
  }
  return rgb;
}

}  // namespace gradphoto::wasm
