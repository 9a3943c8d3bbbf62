#include "face/blazeface.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "image/area_resize.h"

namespace gradphoto {
namespace {

constexpr int kInputSize = 128;
constexpr int kValuesPerAnchor = 16;  // box (4) + 6 keypoints x 2
// MediaPipe face_detection_short_range graph: min_score_thresh and NMS overlap.
constexpr float kMinScore = 0.5f;
constexpr float kNmsMinIou = 0.3f;
// TensorsToDetections clips logits to +-100 before the sigmoid.
constexpr float kLogitClip = 100.0f;

float sigmoid(float logit) {
  logit = std::clamp(logit, -kLogitClip, kLogitClip);
  return 1.0f / (1.0f + std::exp(-logit));
}

float iou(const Box& a, const Box& b) {
  const float x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
  const float x1 = std::min(a.x + a.width, b.x + b.width), y1 = std::min(a.y + a.height, b.y + b.height);
  const float inter = std::max(0.0f, x1 - x0) * std::max(0.0f, y1 - y0);
  const float uni = a.width * a.height + b.width * b.height - inter;
  return uni > 0 ? inter / uni : 0.0f;
}

}  // namespace

std::vector<Anchor> shortRangeAnchors() {
  // SsdAnchorsCalculator options of the short-range model: strides 8,16,16,16 with
  // fixed-size anchors; consecutive layers of equal stride share one grid, so the
  // 8-stride grid has 2 anchors per cell and the 16-stride grid 6.
  struct Grid { int stride; int anchors_per_cell; };
  const Grid grids[] = {{8, 2}, {16, 6}};
  std::vector<Anchor> anchors;
  for (const Grid& grid : grids) {
    const int cells = kInputSize / grid.stride;
    for (int y = 0; y < cells; ++y) {
      for (int x = 0; x < cells; ++x) {
        for (int k = 0; k < grid.anchors_per_cell; ++k) {
          anchors.push_back({(x + 0.5f) / cells, (y + 0.5f) / cells});
        }
      }
    }
  }
  return anchors;
}

std::vector<FaceDetection> decodeDetections(const float* regressors, const float* logits,
                                            const std::vector<Anchor>& anchors, float min_score) {
  std::vector<FaceDetection> detections;
  for (size_t i = 0; i < anchors.size(); ++i) {
    const float score = sigmoid(logits[i]);
    if (score < min_score) continue;
    const float* r = regressors + i * kValuesPerAnchor;
    const Anchor& a = anchors[i];
    const float cx = r[0] / kInputSize + a.x_center;
    const float cy = r[1] / kInputSize + a.y_center;
    const float w = r[2] / kInputSize;
    const float h = r[3] / kInputSize;
    if (!(w > 0 && h > 0)) continue;
    FaceDetection d;
    d.score = score;
    d.box = {cx - w / 2, cy - h / 2, w, h};
    for (int k = 0; k < 6; ++k) {
      d.keypoints[k] = {r[4 + 2 * k] / kInputSize + a.x_center, r[5 + 2 * k] / kInputSize + a.y_center};
    }
    detections.push_back(d);
  }
  return detections;
}

std::vector<FaceDetection> weightedNonMaxSuppression(std::vector<FaceDetection> detections, float min_iou) {
  std::sort(detections.begin(), detections.end(),
            [](const FaceDetection& a, const FaceDetection& b) { return a.score > b.score; });
  std::vector<FaceDetection> kept;
  std::vector<bool> used(detections.size(), false);
  for (size_t i = 0; i < detections.size(); ++i) {
    if (used[i]) continue;
    const FaceDetection& best = detections[i];
    float weight_sum = 0;
    FaceDetection merged;
    merged.score = best.score;
    for (size_t j = i; j < detections.size(); ++j) {
      if (used[j] || iou(best.box, detections[j].box) < min_iou) continue;
      used[j] = true;
      const FaceDetection& d = detections[j];
      const float w = d.score;
      weight_sum += w;
      merged.box.x += w * d.box.x;
      merged.box.y += w * d.box.y;
      merged.box.width += w * d.box.width;
      merged.box.height += w * d.box.height;
      for (int k = 0; k < 6; ++k) {
        merged.keypoints[k].x += w * d.keypoints[k].x;
        merged.keypoints[k].y += w * d.keypoints[k].y;
      }
    }
    merged.box.x /= weight_sum;
    merged.box.y /= weight_sum;
    merged.box.width /= weight_sum;
    merged.box.height /= weight_sum;
    for (auto& p : merged.keypoints) {
      p.x /= weight_sum;
      p.y /= weight_sum;
    }
    kept.push_back(merged);
  }
  return kept;
}

std::unique_ptr<BlazeFaceDetector> BlazeFaceDetector::create(const std::vector<std::uint8_t>& model,
                                                             Error& error) {
  std::unique_ptr<BlazeFaceDetector> detector(new BlazeFaceDetector());
  try {
    detector->net_ = cv::dnn::readNetFromTFLite(reinterpret_cast<const char*>(model.data()), model.size());
  } catch (const cv::Exception& e) {
    error = {ErrorCode::kModelError, "人脸检测模型无法加载。", std::string("The face detection model cannot be loaded: ") + e.what()};
    return nullptr;
  }
  if (detector->net_.empty()) {
    error = {ErrorCode::kModelError, "人脸检测模型无法加载。", "The face detection model cannot be loaded."};
    return nullptr;
  }
  detector->output_names_ = detector->net_.getUnconnectedOutLayersNames();
  detector->anchors_ = shortRangeAnchors();
  return detector;
}

std::vector<FaceDetection> BlazeFaceDetector::detect(const cv::Mat& rgb) {
  // Letterbox: keep the aspect ratio, pad the short side equally on both ends,
  // as MediaPipe's ImageToTensorCalculator does with keep_aspect_ratio.
  const float scale = static_cast<float>(kInputSize) / std::max(rgb.cols, rgb.rows);
  const int w = std::max(1, static_cast<int>(std::lround(rgb.cols * scale)));
  const int h = std::max(1, static_cast<int>(std::lround(rgb.rows * scale)));
  const int pad_x = (kInputSize - w) / 2;
  const int pad_y = (kInputSize - h) / 2;
  letterboxed_.create(kInputSize, kInputSize, CV_8UC3);
  letterboxed_.setTo(cv::Scalar::all(0));
  cv::Mat inner = letterboxed_(cv::Rect(pad_x, pad_y, w, h));
  areaResize(rgb, inner.size()).copyTo(inner);  // cv::resize INTER_AREA's bytes, faster

  // The model expects RGB scaled to [-1, 1].
  cv::Mat blob = cv::dnn::blobFromImage(letterboxed_, 1.0 / 127.5, cv::Size(), cv::Scalar::all(127.5), false, false);
  net_.setInput(blob);
  std::vector<cv::Mat> outputs;
  net_.forward(outputs, output_names_);

  const float* regressors = nullptr;
  const float* logits = nullptr;
  const size_t count = anchors_.size();
  for (const cv::Mat& out : outputs) {
    if (out.total() == count * kValuesPerAnchor) regressors = out.ptr<float>();
    else if (out.total() == count) logits = out.ptr<float>();
  }
  if (regressors == nullptr || logits == nullptr) return {};

  std::vector<FaceDetection> found =
      weightedNonMaxSuppression(decodeDetections(regressors, logits, anchors_, kMinScore), kNmsMinIou);

  // Normalised letterbox coordinates -> rgb pixels.
  auto toImage = [&](Point2 p) {
    return Point2{(p.x * kInputSize - pad_x) / scale, (p.y * kInputSize - pad_y) / scale};
  };
  for (FaceDetection& d : found) {
    const Point2 top_left = toImage({d.box.x, d.box.y});
    d.box = {top_left.x, top_left.y, d.box.width * kInputSize / scale, d.box.height * kInputSize / scale};
    for (auto& p : d.keypoints) p = toImage(p);
  }
  return found;
}

}  // namespace gradphoto
