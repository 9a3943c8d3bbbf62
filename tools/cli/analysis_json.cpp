#include "analysis_json.h"

#include <cmath>

namespace gradphoto::cli {
namespace {

// Two decimals: sub-pixel detail without printing float noise.
double round2(double v) { return std::round(v * 100.0) / 100.0; }
double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

nlohmann::ordered_json point(Point2 p) { return {{"x", round2(p.x)}, {"y", round2(p.y)}}; }

nlohmann::ordered_json faceToJson(const Face& face) {
  nlohmann::ordered_json j;
  j["box"] = {{"x", round2(face.box.x)}, {"y", round2(face.box.y)},
              {"width", round2(face.box.width)}, {"height", round2(face.box.height)}};
  j["score"] = round4(face.score);
  j["landmark_score"] = round4(face.landmark_score);
  if (face.mesh.empty()) return j;
  const KeyPoints& k = face.key_points;
  j["key_points"] = {
      {"eye_left", point(k.eye_left)},       {"eye_right", point(k.eye_right)},
      {"nose_tip", point(k.nose_tip)},       {"mouth_left", point(k.mouth_left)},
      {"mouth_right", point(k.mouth_right)}, {"upper_lip", point(k.upper_lip)},
      {"lower_lip", point(k.lower_lip)},     {"chin", point(k.chin)},
      {"face_left", point(k.face_left)},     {"face_right", point(k.face_right)},
  };
  j["pose"] = {{"yaw", round2(face.pose.yaw)}, {"pitch", round2(face.pose.pitch)}, {"roll", round2(face.pose.roll)}};
  auto& mesh = j["mesh"] = nlohmann::ordered_json::array();
  for (const MeshPoint& p : face.mesh) {
    mesh.push_back(round2(p.x));
    mesh.push_back(round2(p.y));
    mesh.push_back(round2(p.z));
  }
  return j;
}

}  // namespace

nlohmann::ordered_json errorToJson(const Error& error) {
  if (!error) return nullptr;
  return {{"code", errorCodeName(error.code)}, {"message_zh", error.message_zh}, {"message_en", error.message_en}};
}

nlohmann::ordered_json analysisToJson(const FaceAnalysis& analysis) {
  nlohmann::ordered_json j;
  j["width"] = analysis.width;
  j["height"] = analysis.height;
  j["face_count"] = analysis.faces.size();
  auto& faces = j["faces"] = nlohmann::ordered_json::array();
  for (const Face& face : analysis.faces) faces.push_back(faceToJson(face));
  j["timings_ms"] = {{"prepare", round2(analysis.timings.prepare_ms)},
                     {"detect", round2(analysis.timings.detect_ms)},
                     {"landmarks", round2(analysis.timings.landmarks_ms)},
                     {"total", round2(analysis.timings.total_ms)}};
  j["error"] = errorToJson(analysis.error);
  return j;
}

}  // namespace gradphoto::cli
