// What the face analysis finds in one photo. Every coordinate is in the pixels of
// the photo as given (before any internal downscaling), x to the right, y down.
#pragma once

#include <array>
#include <vector>

#include "gradphoto/error.h"

namespace gradphoto {

struct Point2 {
  float x = 0;
  float y = 0;
};

// Face Mesh points: x, y in image pixels; z is relative depth in the same pixel
// scale, smaller is closer to the camera (MediaPipe's convention).
struct MeshPoint {
  float x = 0;
  float y = 0;
  float z = 0;
};

inline constexpr int kMeshPointCount = 468;

struct Box {
  float x = 0;
  float y = 0;
  float width = 0;
  float height = 0;
};

// Named points, taken from the mesh. "left" and "right" are image-left and
// image-right (the student's right eye is eye_left on a non-mirrored photo).
struct KeyPoints {
  Point2 eye_left;     // centre of the image-left eye
  Point2 eye_right;    // centre of the image-right eye
  Point2 nose_tip;
  Point2 mouth_left;   // image-left mouth corner
  Point2 mouth_right;  // image-right mouth corner
  Point2 upper_lip;    // centre of the upper lip's inner edge
  Point2 lower_lip;    // centre of the lower lip's inner edge
  Point2 chin;
  Point2 face_left;    // widest cheek point, image-left
  Point2 face_right;   // widest cheek point, image-right
};

// Head pose in degrees.
//   roll:  angle of the eye line; positive when the head leans toward the image's right
//   yaw:   positive when the face turns toward the image's right
//   pitch: positive when the chin is raised (face turned up)
struct HeadPose {
  float yaw = 0;
  float pitch = 0;
  float roll = 0;
};

struct Face {
  Box box;                     // detector box
  float score = 0;             // detector confidence, 0..1
  float landmark_score = 0;    // Face Mesh face-presence confidence, 0..1
  std::vector<MeshPoint> mesh;  // kMeshPointCount points
  KeyPoints key_points;
  HeadPose pose;
};

struct AnalysisTimings {
  double prepare_ms = 0;    // format conversion and downscaling
  double detect_ms = 0;
  double landmarks_ms = 0;  // mesh and pose for all faces
  double total_ms = 0;
};

struct FaceAnalysis {
  int width = 0;   // of the photo as given
  int height = 0;
  std::vector<Face> faces;  // most confident first
  AnalysisTimings timings;
  Error error;  // set when the photo could not be analysed; faces is then empty
};

}  // namespace gradphoto
