#include "face/face_mesh.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

namespace gradphoto {
namespace {

constexpr int kInputSize = 192;
// face_landmark_front graph: RectTransformationCalculator scale_x = scale_y = 1.5.
constexpr float kRegionScale = 1.5f;
// Mesh points that fix the crop's rotation: the outer eye corners.
constexpr int kEyeCornerImageLeft = 33;
constexpr int kEyeCornerImageRight = 263;

float sigmoid(float logit) { return 1.0f / (1.0f + std::exp(-std::clamp(logit, -100.0f, 100.0f))); }

}  // namespace

FaceRegion regionFromDetection(const FaceDetection& detection) {
  FaceRegion region;
  region.centre = {detection.box.x + detection.box.width / 2, detection.box.y + detection.box.height / 2};
  region.size = std::max(detection.box.width, detection.box.height) * kRegionScale;
  const Point2 a = detection.keypoints[0], b = detection.keypoints[1];
  region.rotation = std::atan2(b.y - a.y, b.x - a.x);
  return region;
}

FaceRegion regionFromMesh(const std::vector<MeshPoint>& mesh) {
  const MeshPoint& a = mesh[kEyeCornerImageLeft];
  const MeshPoint& b = mesh[kEyeCornerImageRight];
  FaceRegion region;
  region.rotation = std::atan2(b.y - a.y, b.x - a.x);
  const float c = std::cos(region.rotation), s = std::sin(region.rotation);
  // Extent of the points along the eye line (u) and across it (v).
  float u0 = std::numeric_limits<float>::max(), u1 = -u0, v0 = u0, v1 = -u0;
  for (const MeshPoint& p : mesh) {
    const float u = p.x * c + p.y * s;
    const float v = -p.x * s + p.y * c;
    u0 = std::min(u0, u); u1 = std::max(u1, u);
    v0 = std::min(v0, v); v1 = std::max(v1, v);
  }
  const float uc = (u0 + u1) / 2, vc = (v0 + v1) / 2;
  region.centre = {uc * c - vc * s, uc * s + vc * c};
  region.size = std::max(u1 - u0, v1 - v0) * kRegionScale;
  return region;
}

std::unique_ptr<FaceMeshModel> FaceMeshModel::create(const std::vector<std::uint8_t>& model, Error& error) {
  std::unique_ptr<FaceMeshModel> mesh(new FaceMeshModel());
  try {
    mesh->net_ = cv::dnn::readNetFromTFLite(reinterpret_cast<const char*>(model.data()), model.size());
  } catch (const cv::Exception& e) {
    error = {ErrorCode::kModelError, "人脸关键点模型无法加载。", std::string("The face landmark model cannot be loaded: ") + e.what()};
    return nullptr;
  }
  if (mesh->net_.empty()) {
    error = {ErrorCode::kModelError, "人脸关键点模型无法加载。", "The face landmark model cannot be loaded."};
    return nullptr;
  }
  mesh->output_names_ = mesh->net_.getUnconnectedOutLayersNames();
  return mesh;
}

MeshResult FaceMeshModel::run(const cv::Mat& rgb, const FaceRegion& region) {
  // Affine map from crop pixels (u, v) to image pixels (x, y).
  const double a = region.size / kInputSize;
  const double c = std::cos(region.rotation) * a, s = std::sin(region.rotation) * a;
  const double half = kInputSize / 2.0;
  const cv::Matx23d crop_to_image(c, -s, region.centre.x - c * half + s * half,
                                  s, c, region.centre.y - s * half - c * half);
  cv::warpAffine(rgb, crop_, crop_to_image, cv::Size(kInputSize, kInputSize),
                 cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar::all(0));

  // The model expects RGB scaled to [0, 1].
  cv::Mat blob = cv::dnn::blobFromImage(crop_, 1.0 / 255.0, cv::Size(), cv::Scalar(), false, false);
  net_.setInput(blob);
  std::vector<cv::Mat> outputs;
  net_.forward(outputs, output_names_);

  const float* landmarks = nullptr;
  const float* presence = nullptr;
  for (const cv::Mat& out : outputs) {
    if (out.total() == static_cast<size_t>(kMeshPointCount) * 3) landmarks = out.ptr<float>();
    else if (out.total() == 1) presence = out.ptr<float>();
  }
  MeshResult result;
  if (landmarks == nullptr) return result;
  result.presence = presence != nullptr ? sigmoid(*presence) : 0.0f;
  result.points.resize(kMeshPointCount);
  for (int i = 0; i < kMeshPointCount; ++i) {
    const double u = landmarks[3 * i], v = landmarks[3 * i + 1], z = landmarks[3 * i + 2];
    if (!std::isfinite(u) || !std::isfinite(v) || !std::isfinite(z)) return {};
    result.points[i] = {static_cast<float>(crop_to_image(0, 0) * u + crop_to_image(0, 1) * v + crop_to_image(0, 2)),
                        static_cast<float>(crop_to_image(1, 0) * u + crop_to_image(1, 1) * v + crop_to_image(1, 2)),
                        static_cast<float>(z * a)};
  }
  return result;
}

}  // namespace gradphoto
