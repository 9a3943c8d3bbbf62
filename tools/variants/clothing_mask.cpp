// The clothing's mask: below the mouth, neither backdrop nor skin, the colour of
// the garment seen along the bottom edge.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "segmentation.h"

namespace gradphoto::variants {
namespace {

// Clothing folds and shading vary this much (lightness counted half); blonde hair
// lying on a white collar is about 30 away.
constexpr float kClothingDistance = 22;

}  // namespace

Clothing segmentClothing(const cv::Mat& bgr, const FaceGeometry& face, const Background& background) {
  Clothing clothing;
  const int w = bgr.cols, h = bgr.rows;
  clothing.alpha = cv::Mat::zeros(bgr.size(), CV_32F);

  // Skin chroma (Cr, Cb) statistics from the face: neck and chest share them.
  cv::Mat ycrcb;
  cv::cvtColor(bgr, ycrcb, cv::COLOR_BGR2YCrCb);
  const cv::Mat skin_face = skinAlpha(bgr.size(), face) > 0.9;
  cv::Mat chroma_samples;
  std::vector<uchar> lumas;
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      if (skin_face.at<uchar>(y, x)) {
        const cv::Vec3b p = ycrcb.at<cv::Vec3b>(y, x);
        chroma_samples.push_back(cv::Mat(cv::Matx12f(p[1], p[2])));
        lumas.push_back(p[0]);
      }
  if (chroma_samples.rows < 100) return clothing;
  // Dark skin in shade is nearly colourless, like a white shirt: skin must also
  // be no lighter than the face's highlights (98th percentile) plus 15 levels.
  std::nth_element(lumas.begin(), lumas.begin() + lumas.size() * 98 / 100, lumas.end());
  const int skin_max_luma = lumas[lumas.size() * 98 / 100] + 15;
  cv::Mat cov, mean;
  cv::calcCovarMatrix(chroma_samples, cov, mean, cv::COVAR_NORMAL | cv::COVAR_ROWS | cv::COVAR_SCALE, CV_64F);
  cov += cv::Mat::eye(2, 2, CV_64F) * 4.0;  // JPEG chroma is coarse: never trust a tiny spread
  const cv::Mat icov = cov.inv();
  const double mcr = mean.at<double>(0), mcb = mean.at<double>(1);
  const double a = icov.at<double>(0, 0), b = icov.at<double>(0, 1), d = icov.at<double>(1, 1);

  // Clothing is below the mouth (collars and shoulders rise beside the neck) and
  // outside the face.
  cv::Mat face_area = meshHull(bgr.size(), face, kFaceOval);
  cv::dilate(face_area, face_area, disk(std::max(2, cvRound(face.face_width * 0.05f))));
  const float below_mouth = std::max(face.mouth_left.y, face.mouth_right.y);
  cv::Mat candidate = cv::Mat::zeros(bgr.size(), CV_8U);
  for (int y = std::clamp(cvFloor(below_mouth), 0, h); y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (background.hard.at<uchar>(y, x) || face_area.at<uchar>(y, x)) continue;
      const cv::Vec3b p = ycrcb.at<cv::Vec3b>(y, x);
      const double u = p[1] - mcr, v = p[2] - mcb;
      const double mahalanobis2 = a * u * u + 2 * b * u * v + d * v * v;
      if (mahalanobis2 > 16 || p[0] > skin_max_luma) candidate.at<uchar>(y, x) = 255;  // not skin
    }

  // Reference colour: the non-skin foreground along the bottom eighth of the photo.
  const cv::Mat lab = toLab(bgr);
  cv::Mat bottom_band = cv::Mat::zeros(bgr.size(), CV_8U);
  bottom_band.rowRange(h - h / 8, h).setTo(255);
  const std::vector<cv::Vec3f> ref_samples = samplesIn(lab, candidate & bottom_band, 2);
  if (ref_samples.size() < 200) return clothing;
  const cv::Vec3f ref_lab = dominantColour(ref_samples);

  // Lightness counts half: folds and shading change it more than the fabric's colour.
  cv::Mat diff = lab - cv::Scalar(ref_lab), sq, dist;
  cv::multiply(diff, diff, sq);
  cv::transform(sq, dist, cv::Matx13f(0.25f, 1, 1));
  cv::sqrt(dist, dist);
  cv::Mat hard = (dist < kClothingDistance) & candidate;
  cv::morphologyEx(hard, hard, cv::MORPH_OPEN, disk(std::max(1, w / 400)));
  hard = connectedToEdges(hard, false, true, true);
  cv::morphologyEx(hard, hard, cv::MORPH_CLOSE, disk(std::max(2, w / 200)));
  hard &= ~background.hard;
  clothing.area_fraction = cv::countNonZero(hard) / static_cast<double>(w * h);

  cv::Mat bgr_f;
  bgr.convertTo(bgr_f, CV_32FC3);
  clothing.reference = medianOf(samplesIn(bgr_f, hard, 2));
  // The backdrop beside the clothing, from the clothing's top to the bottom edge
  // (the fitted model is not trusted this far below where the backdrop is seen).
  const cv::Rect box = cv::boundingRect(hard);
  cv::Mat beside = background.hard.clone();
  beside.rowRange(0, std::max(0, box.y - h / 10)).setTo(0);
  std::vector<cv::Vec3f> backdrop = samplesIn(bgr_f, beside, 2);
  clothing.backdrop_nearby = backdrop.size() > 200 ? medianOf(backdrop) : background.reference;
  hard.convertTo(clothing.alpha, CV_32F, 1.0 / 255);
  cv::GaussianBlur(clothing.alpha, clothing.alpha, cv::Size(), std::max(1.0, w / 900.0));
  // Never more clothing than the background matte leaves: no rim where they meet.
  const cv::Mat not_background = 1.0 - background.alpha;
  clothing.alpha = cv::min(clothing.alpha, not_background);
  return clothing;
}

}  // namespace gradphoto::variants
