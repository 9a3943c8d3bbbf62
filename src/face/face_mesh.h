// MediaPipe Face Mesh (face_landmark.tflite, 468 points) run by OpenCV dnn on a
// square, rotated crop around the face, as MediaPipe's face_landmark_front graph does.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "face/blazeface.h"
#include "gradphoto/error.h"
#include "gradphoto/face_analysis.h"

namespace gradphoto {

// A square region of the image, rotated so that the eye line is horizontal in the crop.
struct FaceRegion {
  Point2 centre;
  float size = 0;      // side length in image pixels
  float rotation = 0;  // radians; the eye line's angle in the image (y down)
};

// MediaPipe: the detector box, squared and enlarged 1.5x, turned to the eye line.
FaceRegion regionFromDetection(const FaceDetection& detection);
// MediaPipe: the landmarks' extent along the eye line (points 33 and 263), enlarged 1.5x.
FaceRegion regionFromMesh(const std::vector<MeshPoint>& mesh);

struct MeshResult {
  std::vector<MeshPoint> points;  // image pixels
  float presence = 0;             // 0..1
};

class FaceMeshModel {
 public:
  static std::unique_ptr<FaceMeshModel> create(const std::vector<std::uint8_t>& model, Error& error);

  // rgb: CV_8UC3. An empty result means the model output was unusable.
  MeshResult run(const cv::Mat& rgb, const FaceRegion& region);

 private:
  FaceMeshModel() = default;
  cv::dnn::Net net_;
  std::vector<cv::String> output_names_;
  cv::Mat crop_;  // reused between calls
};

}  // namespace gradphoto
