// MediaPipe BlazeFace short-range face detector (face_detection_short_range.tflite)
// run by OpenCV dnn: letterboxed 128x128 input, 896 SSD anchors, weighted NMS.
// The anchor layout, box decoding and NMS follow MediaPipe's
// face_detection_short_range graph (SsdAnchorsCalculator, TensorsToDetectionsCalculator).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "gradphoto/error.h"
#include "gradphoto/face_analysis.h"

namespace gradphoto {

struct FaceDetection {
  Box box;  // pixels of the image passed to detect()
  float score = 0;
  // 0 image-left eye, 1 image-right eye, 2 nose tip, 3 mouth centre,
  // 4 image-left ear tragion, 5 image-right ear tragion
  std::array<Point2, 6> keypoints{};
};

struct Anchor {
  float x_center;
  float y_center;
};

// The 896 anchors of the short-range model, in normalised [0,1] input coordinates.
std::vector<Anchor> shortRangeAnchors();

// Decodes raw model outputs (regressors: N x 16, logits: N) into detections in
// normalised input coordinates, before NMS.
std::vector<FaceDetection> decodeDetections(const float* regressors, const float* logits,
                                            const std::vector<Anchor>& anchors, float min_score);

// MediaPipe's weighted non-maximum suppression: overlapping boxes are averaged,
// weighted by score, instead of being dropped.
std::vector<FaceDetection> weightedNonMaxSuppression(std::vector<FaceDetection> detections,
                                                     float min_iou);

class BlazeFaceDetector {
 public:
  static std::unique_ptr<BlazeFaceDetector> create(const std::vector<std::uint8_t>& model, Error& error);

  // rgb: CV_8UC3. Returns detections most confident first, in rgb's pixels.
  std::vector<FaceDetection> detect(const cv::Mat& rgb);

 private:
  BlazeFaceDetector() = default;
  cv::dnn::Net net_;
  std::vector<Anchor> anchors_;
  std::vector<cv::String> output_names_;
  cv::Mat letterboxed_;  // reused between calls
};

}  // namespace gradphoto
