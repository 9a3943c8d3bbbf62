#include "face/key_points.h"

#include <array>

namespace gradphoto {
namespace {

// Face Mesh indices (MediaPipe's canonical_face_model_uv_visualization). On a
// non-mirrored photo the subject's right side is the image's left.
// Eye centres: midpoint of the upper and lower lid centres. Measured on the 26
// webmorph photos with annotated pupils (neutral_front, canada), this lands
// closer to the pupil (mean 0.032 inter-ocular distances) than the mean of the
// 16-point eye contour (0.037) or of the two corners (0.046).
constexpr std::array<int, 2> kEyeLidsImageLeft = {159, 145};
constexpr std::array<int, 2> kEyeLidsImageRight = {386, 374};
constexpr int kNoseTip = 1;
constexpr int kMouthCornerImageLeft = 61;
constexpr int kMouthCornerImageRight = 291;
constexpr int kUpperLipInner = 13;
constexpr int kLowerLipInner = 14;
constexpr int kChin = 152;
constexpr int kCheekImageLeft = 234;
constexpr int kCheekImageRight = 454;

Point2 at(const std::vector<MeshPoint>& mesh, int index) { return {mesh[index].x, mesh[index].y}; }

template <size_t N>
Point2 centroid(const std::vector<MeshPoint>& mesh, const std::array<int, N>& indices) {
  Point2 sum;
  for (int i : indices) {
    sum.x += mesh[i].x;
    sum.y += mesh[i].y;
  }
  return {sum.x / N, sum.y / N};
}

}  // namespace

KeyPoints keyPointsFromMesh(const std::vector<MeshPoint>& mesh) {
  KeyPoints k;
  k.eye_left = centroid(mesh, kEyeLidsImageLeft);
  k.eye_right = centroid(mesh, kEyeLidsImageRight);
  k.nose_tip = at(mesh, kNoseTip);
  k.mouth_left = at(mesh, kMouthCornerImageLeft);
  k.mouth_right = at(mesh, kMouthCornerImageRight);
  k.upper_lip = at(mesh, kUpperLipInner);
  k.lower_lip = at(mesh, kLowerLipInner);
  k.chin = at(mesh, kChin);
  k.face_left = at(mesh, kCheekImageLeft);
  k.face_right = at(mesh, kCheekImageRight);
  return k;
}

}  // namespace gradphoto
