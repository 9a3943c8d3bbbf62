// Face Mesh index lists (MediaPipe face_mesh_connections) and the face geometry
// the variant generator needs, in photo pixels.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "gradphoto/face_analyzer.h"

namespace gradphoto::variants {

// Outline of the face (forehead below the hairline, cheeks, jaw, chin).
inline constexpr std::array<int, 36> kFaceOval = {10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288,
                                                  397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
                                                  172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109};
inline constexpr std::array<int, 20> kLipsOuter = {61,  146, 91,  181, 84,  17,  314, 405, 321, 375,
                                                   291, 409, 270, 269, 267, 0,   37,  39,  40,  185};
// Inner lip line, upper from corner to corner then lower back: the mouth opening.
inline constexpr std::array<int, 20> kMouthOpening = {78,  191, 80, 81, 82,  13,  312, 311, 310, 415,
                                                      308, 324, 318, 402, 317, 14, 87, 178, 88,  95};
inline constexpr std::array<int, 16> kEyeImageLeft = {33,  7,   163, 144, 145, 153, 154, 155,
                                                      133, 173, 157, 158, 159, 160, 161, 246};
inline constexpr std::array<int, 16> kEyeImageRight = {263, 249, 390, 373, 374, 380, 381, 382,
                                                       362, 398, 384, 385, 386, 387, 388, 466};
inline constexpr std::array<int, 10> kBrowImageLeft = {46, 53, 52, 65, 55, 70, 63, 105, 66, 107};
inline constexpr std::array<int, 10> kBrowImageRight = {276, 283, 282, 295, 285, 300, 293, 334, 296, 336};
// Points that barely move with expression: eye corners, nose bridge and tip, subnasale.
inline constexpr std::array<int, 9> kStablePoints = {33, 133, 362, 263, 168, 6, 197, 1, 2};

inline constexpr int kForeheadTop = 10;
inline constexpr int kForeheadMid = 151;
inline constexpr int kBetweenBrows = 168;
inline constexpr int kNoseBridge = 6;
inline constexpr int kNoseBridgeLow = 197;
inline constexpr int kNoseTip = 4;

// The most confident face of a photo, reduced to what the generator uses.
struct FaceGeometry {
  std::vector<cv::Point2f> mesh;  // kMeshPointCount points
  cv::Point2f eye_left, eye_right, mouth_left, mouth_right, chin, face_left, face_right;
  float roll_deg = 0;
  float face_width = 0;  // cheek to cheek
  cv::Point2f eyeCentre() const { return (eye_left + eye_right) * 0.5f; }
};

// Runs the analyzer on a BGR photo; false (with a reason) when no face with a mesh is found.
bool analyzeFace(FaceAnalyzer& analyzer, const cv::Mat& bgr, FaceGeometry& face, std::string& why);

// Filled convex hull (CV_8U, 0 or 255) of the given points.
cv::Mat hullMask(cv::Size size, const std::vector<cv::Point2f>& points);

// Filled convex hull of the given mesh points.
template <size_t N>
cv::Mat meshHull(cv::Size size, const FaceGeometry& face, const std::array<int, N>& indices) {
  std::vector<cv::Point2f> points;
  for (int i : indices) points.push_back(face.mesh[i]);
  return hullMask(size, points);
}

// Fraction of the mouth opening (pixels inside the inner lip line, over the
// squared mouth width) that looks like teeth: much lighter than the lips, and
// nearly colourless.
double teethArea(const cv::Mat& bgr, const FaceGeometry& face);

// Soft mask (CV_32F, 0..1) of the face's skin: the face oval without eyes, brows and lips.
cv::Mat skinAlpha(cv::Size size, const FaceGeometry& face);

}  // namespace gradphoto::variants
