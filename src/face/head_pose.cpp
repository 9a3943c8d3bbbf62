#include "face/head_pose.h"

#include <cmath>

#include <opencv2/core.hpp>

namespace gradphoto {
namespace {

constexpr double kDegreesPerRadian = 180.0 / CV_PI;

// Rotation that best maps the canonical face onto the mesh (Kabsch with weights).
cv::Matx33d fitRotation(const CanonicalFace& canonical, const std::vector<MeshPoint>& mesh) {
  cv::Vec3d source_mean(0, 0, 0), target_mean(0, 0, 0);
  double weight_sum = 0;
  // The canonical face is stored with y up and z toward the viewer; the mesh has
  // y down and z away from the camera, so both axes flip.
  auto source = [&](int i) {
    const Vertex3& v = canonical.vertices[i];
    return cv::Vec3d(v.x, -v.y, -v.z);
  };
  auto target = [&](int i) { return cv::Vec3d(mesh[i].x, mesh[i].y, mesh[i].z); };
  for (const WeightedLandmark& l : canonical.procrustes) {
    source_mean += l.weight * source(l.index);
    target_mean += l.weight * target(l.index);
    weight_sum += l.weight;
  }
  source_mean /= weight_sum;
  target_mean /= weight_sum;
  cv::Matx33d covariance = cv::Matx33d::zeros();
  for (const WeightedLandmark& l : canonical.procrustes) {
    const cv::Vec3d s = source(l.index) - source_mean, t = target(l.index) - target_mean;
    covariance += l.weight * (t * s.t());
  }
  cv::Matx33d u, vt;
  cv::Matx31d w;
  cv::SVD::compute(covariance, w, u, vt);
  cv::Matx33d d = cv::Matx33d::eye();
  if (cv::determinant(u * vt) < 0) d(2, 2) = -1;  // a rotation, never a reflection
  return u * d * vt;
}

}  // namespace

HeadPose estimateHeadPose(const CanonicalFace& canonical, const std::vector<MeshPoint>& mesh,
                          const KeyPoints& key_points) {
  const cv::Matx33d rotation = fitRotation(canonical, mesh);
  // Where the face points: the canonical face looks along -z (toward the camera).
  const cv::Vec3d forward = rotation * cv::Vec3d(0, 0, -1);
  HeadPose pose;
  pose.yaw = static_cast<float>(std::atan2(forward[0], -forward[2]) * kDegreesPerRadian);
  pose.pitch = static_cast<float>(
      std::atan2(-forward[1], std::hypot(forward[0], forward[2])) * kDegreesPerRadian);
  const Point2 l = key_points.eye_left, r = key_points.eye_right;
  pose.roll = static_cast<float>(std::atan2(r.y - l.y, r.x - l.x) * kDegreesPerRadian);
  return pose;
}

}  // namespace gradphoto
