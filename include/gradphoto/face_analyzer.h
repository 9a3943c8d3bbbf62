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

// What FaceAnalyzer::track() carries from one camera frame to the next.
struct FaceTrack {
  int width = 0;                   // the frame size the followed face belongs to
  int height = 0;
  bool following = false;          // one face was found and is being followed
  Face face;                       // that face as last found, in frame pixels
  int frames_since_detection = 0;
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

  // Live camera frames, MediaPipe's tracking loop: the face found in the previous
  // frame gives this frame's landmark region, so a frame costs one landmark pass and
  // no detection (about a third of analyze()). The detector runs when there is no
  // single face to follow, when the followed face is lost (face presence under 0.5,
  // MediaPipe's default), when the frame size changes, and every kRedetectEvery
  // frames, so that a second person stepping in is noticed within a third of a second
  // at 30 frames per second. A detection frame takes one landmark pass too, from the
  // detector's region (analyze() takes a second for a still photo): the next frame
  // starts from its mesh. A tracked face's box is the last detector box moved and
  // scaled with the mesh.
  static constexpr int kRedetectEvery = 10;
  FaceAnalysis track(const ImageView& frame, FaceTrack& state);

 private:
  struct Impl;
  explicit FaceAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gradphoto
