// Finds faces, their Face Mesh landmarks and head pose in a photo.
// Models are passed in as bytes so the same code serves the browser (fetched
// files) and the command line (files on disk).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gradphoto/error.h"
#include "gradphoto/face_analysis.h"
#include "gradphoto/image_view.h"

namespace gradphoto {

struct WorkingImage;

struct ModelBytes {
  std::vector<std::uint8_t> face_detector;      // face_detection_short_range.tflite
  std::vector<std::uint8_t> face_landmarks;     // face_landmark.tflite
  std::vector<std::uint8_t> face_geometry;      // geometry_pipeline_metadata_landmarks.binarypb
};

// File names of the models inside a models directory.
inline constexpr const char* kFaceDetectorFile = "face_detection_short_range.tflite";
inline constexpr const char* kFaceLandmarksFile = "face_landmark.tflite";
inline constexpr const char* kFaceGeometryFile = "geometry_pipeline_metadata_landmarks.binarypb";

// Reads the three model files from a directory.
Error loadModelBytes(const std::string& directory, ModelBytes& models);

struct AnalyzerOptions {
  // Longest side of the working copy used for landmarks; larger photos are
  // downscaled (detection itself runs at 128x128).
  int working_max_side = 1280;
  // Faces beyond this many (by detector score) are counted but not landmarked.
  int max_landmarked_faces = 4;
};

class FaceAnalyzer {
 public:
  // Builds the networks; returns nullptr and fills error when a model is unusable.
  static std::unique_ptr<FaceAnalyzer> create(const ModelBytes& models, Error& error,
                                              AnalyzerOptions options = {});
  ~FaceAnalyzer();
  FaceAnalyzer(const FaceAnalyzer&) = delete;
  FaceAnalyzer& operator=(const FaceAnalyzer&) = delete;

  FaceAnalysis analyze(const ImageView& image);
  // The same, also handing back the downscaled RGB copy the landmarks were
  // found on (src/image/working_image.h), for callers that need a small copy of
  // the photo too and should not read a 48-megapixel photo twice.
  FaceAnalysis analyze(const ImageView& image, WorkingImage& working_copy);

 private:
  struct Impl;
  explicit FaceAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gradphoto
