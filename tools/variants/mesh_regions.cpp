#include "mesh_regions.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace gradphoto::variants {

bool analyzeFace(FaceAnalyzer& analyzer, const cv::Mat& bgr, FaceGeometry& face, std::string& why) {
  CV_Assert(bgr.type() == CV_8UC3 && bgr.isContinuous());
  const ImageView view{bgr.data, bgr.total() * bgr.elemSize(), bgr.cols, bgr.rows, 0, PixelFormat::kBgr};
  const FaceAnalysis analysis = analyzer.analyze(view);
  if (analysis.error) {
    why = analysis.error.message_en;
    return false;
  }
  if (analysis.faces.empty() || analysis.faces[0].mesh.size() != static_cast<size_t>(kMeshPointCount)) {
    why = "no face with landmarks found";
    return false;
  }
  const Face& f = analysis.faces[0];
  face.mesh.clear();
  for (const MeshPoint& p : f.mesh) face.mesh.emplace_back(p.x, p.y);
  const auto pt = [](Point2 p) { return cv::Point2f(p.x, p.y); };
  face.eye_left = pt(f.key_points.eye_left);
  face.eye_right = pt(f.key_points.eye_right);
  face.mouth_left = pt(f.key_points.mouth_left);
  face.mouth_right = pt(f.key_points.mouth_right);
  face.chin = pt(f.key_points.chin);
  face.face_left = pt(f.key_points.face_left);
  face.face_right = pt(f.key_points.face_right);
  face.roll_deg = f.pose.roll;
  face.face_width = static_cast<float>(cv::norm(face.face_right - face.face_left));
  return true;
}

cv::Mat hullMask(cv::Size size, const std::vector<cv::Point2f>& points) {
  std::vector<cv::Point> integer;
  for (const cv::Point2f& p : points) integer.emplace_back(cvRound(p.x), cvRound(p.y));
  std::vector<cv::Point> hull;
  cv::convexHull(integer, hull);
  cv::Mat mask = cv::Mat::zeros(size, CV_8U);
  cv::fillConvexPoly(mask, hull, cv::Scalar(255), cv::LINE_AA);
  cv::threshold(mask, mask, 127, 255, cv::THRESH_BINARY);
  return mask;
}

double teethArea(const cv::Mat& bgr, const FaceGeometry& face) {
  std::vector<cv::Point> opening;
  for (int i : kMouthOpening) opening.emplace_back(cvRound(face.mesh[i].x), cvRound(face.mesh[i].y));
  cv::Mat inside = cv::Mat::zeros(bgr.size(), CV_8U);
  cv::fillPoly(inside, std::vector<std::vector<cv::Point>>{opening}, cv::Scalar(255));
  cv::Mat lips = meshHull(bgr.size(), face, kLipsOuter) & ~inside;
  cv::Mat f, lab;
  bgr.convertTo(f, CV_32FC3, 1.0 / 255);
  cv::cvtColor(f, lab, cv::COLOR_BGR2Lab);
  const double lips_lightness = cv::mean(lab, lips)[0];
  int teeth = 0;
  const cv::Rect box = cv::boundingRect(inside);
  for (int y = box.y; y < box.y + box.height; ++y)
    for (int x = box.x; x < box.x + box.width; ++x) {
      if (!inside.at<uchar>(y, x)) continue;
      const cv::Vec3f p = lab.at<cv::Vec3f>(y, x);
      // Teeth: at least 12 L* above the lips, chroma under 25 (lips are 25-45).
      if (p[0] > lips_lightness + 12 && std::hypot(p[1], p[2]) < 25) ++teeth;
    }
  const double width = cv::norm(face.mouth_right - face.mouth_left);
  return teeth / std::max(1.0, width * width);
}

cv::Mat skinAlpha(cv::Size size, const FaceGeometry& face) {
  cv::Mat skin = meshHull(size, face, kFaceOval);
  // Keep eyes, brows and lips sharp, as beauty filters do; the margin (3% of the
  // face width) covers lashes and the lip line.
  cv::Mat features = meshHull(size, face, kEyeImageLeft) | meshHull(size, face, kEyeImageRight) |
                     meshHull(size, face, kBrowImageLeft) | meshHull(size, face, kBrowImageRight) |
                     meshHull(size, face, kLipsOuter);
  const int margin = std::max(2, cvRound(face.face_width * 0.03f));
  cv::dilate(features, features, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * margin + 1, 2 * margin + 1}));
  skin.setTo(0, features);
  // The oval's top edge is near the hairline: pull it in a little so hair stays untouched.
  cv::erode(skin, skin, cv::getStructuringElement(cv::MORPH_ELLIPSE, {margin + 1, margin + 1}));
  cv::Mat alpha;
  skin.convertTo(alpha, CV_32F, 1.0 / 255);
  const double feather = std::max(1.0, face.face_width * 0.015);
  cv::GaussianBlur(alpha, alpha, cv::Size(), feather);
  return alpha;
}

}  // namespace gradphoto::variants
