// Embind bindings: the only place Emscripten meets the core. The page's Worker
// calls loadModels() once, then analyze(imageData) per photo or camera frame.
// Results cross as plain JS objects; images cross once as a byte copy.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "gradphoto/face_analyzer.h"

using emscripten::val;

namespace {

std::unique_ptr<gradphoto::FaceAnalyzer> g_analyzer;

std::vector<std::uint8_t> copyBytes(const val& array) {
  const size_t length = array["length"].as<size_t>();
  std::vector<std::uint8_t> bytes(length);
  // One bulk copy through a view of our heap (the vector is allocated first, so a
  // memory growth cannot invalidate the view).
  val(emscripten::typed_memory_view(length, bytes.data())).call<void>("set", array);
  return bytes;
}

val errorToJs(const gradphoto::Error& error) {
  if (!error) return val::null();
  val e = val::object();
  e.set("code", std::string(gradphoto::errorCodeName(error.code)));
  e.set("message_zh", error.message_zh);
  e.set("message_en", error.message_en);
  return e;
}

val pointToJs(gradphoto::Point2 p) {
  val o = val::object();
  o.set("x", p.x);
  o.set("y", p.y);
  return o;
}

val faceToJs(const gradphoto::Face& face) {
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
  const gradphoto::KeyPoints& k = face.key_points;
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
  const float* mesh = &face.mesh[0].x;
  static_assert(sizeof(gradphoto::MeshPoint) == 3 * sizeof(float), "MeshPoint must be packed x,y,z");
  f.set("mesh", val::global("Float32Array").new_(emscripten::typed_memory_view(face.mesh.size() * 3, mesh)));
  return f;
}

gradphoto::PixelFormat formatFromJs(const val& image) {
  const val format = image["format"];
  if (format.isUndefined()) return gradphoto::PixelFormat::kRgba;  // ImageData
  const std::string name = format.as<std::string>();
  if (name == "rgb") return gradphoto::PixelFormat::kRgb;
  if (name == "grey") return gradphoto::PixelFormat::kGrey;
  return gradphoto::PixelFormat::kRgba;
}

int intField(const val& object, const char* name) {
  const val v = object[name];
  return v.isNumber() ? v.as<int>() : 0;
}

// Returns null when the models loaded, else an error object.
val loadModels(val detector, val landmarks, val geometry) {
  gradphoto::ModelBytes models{copyBytes(detector), copyBytes(landmarks), copyBytes(geometry)};
  gradphoto::Error error;
  g_analyzer = gradphoto::FaceAnalyzer::create(models, error);
  return errorToJs(error);
}

// image: ImageData or {data, width, height, stride?, format?: 'rgba'|'rgb'|'grey'}.
val analyze(val image) {
  val result = val::object();
  if (!g_analyzer) {
    result.set("error", errorToJs({gradphoto::ErrorCode::kModelError, "模型尚未加载。", "The models are not loaded yet."}));
    return result;
  }
  const val data = image["data"];
  std::vector<std::uint8_t> pixels = data.isUndefined() || data.isNull() ? std::vector<std::uint8_t>() : copyBytes(data);
  const gradphoto::ImageView view{pixels.data(), pixels.size(), intField(image, "width"), intField(image, "height"),
                                  intField(image, "stride"), formatFromJs(image)};
  const gradphoto::FaceAnalysis analysis = g_analyzer->analyze(view);
  result.set("width", analysis.width);
  result.set("height", analysis.height);
  result.set("face_count", static_cast<int>(analysis.faces.size()));
  val faces = val::array();
  for (const gradphoto::Face& face : analysis.faces) faces.call<void>("push", faceToJs(face));
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

}  // namespace

EMSCRIPTEN_BINDINGS(gradphoto) {
  emscripten::function("loadModels", &loadModels);
  emscripten::function("analyze", &analyze);
}
