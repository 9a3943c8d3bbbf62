// The clothing's mask: below the mouth, neither backdrop nor skin, the colour of
// the garment seen along the bottom edge.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "mesh_regions.h"
#include "segmentation.h"

namespace gradphoto::variants {
namespace {

// Clothing folds and shading vary this much (lightness counted half); blonde hair
// lying on a white collar is about 30 away.
constexpr float kClothingDistance = 22;

// The clothing's matte from its hard mask: 1 inside, and on its edge each
// pixel's share of garment, so that recolouring leaves no line along it.
//  - Against skin (a neckline, a collar) the few pixels between blend the two:
//    the share is by colour distance (nearer the garment's than the skin's).
//  - Against the backdrop, the share is by lightness between the backdrop's
//    fitted colour there and the garment's nearby. The backdrop matte cannot be
//    used: it counts a white T-shirt 4-10 Delta E from a grey backdrop as partly
//    backdrop, which left a light rim tracing the shoulders.
cv::Mat edgeShares(const cv::Mat& lab, const cv::Mat& hard, const FaceGeometry& face, cv::Vec3f garment,
                   cv::Vec3f skin, const Background& background) {
  const int reach = std::max(2, cvRound(0.02f * face.face_width));
  cv::Mat grown, inner, near_backdrop, face_area = meshHull(lab.size(), face, kFaceOval);
  cv::dilate(hard, grown, disk(reach));
  cv::erode(hard, inner, disk(2));
  cv::dilate(background.hard, near_backdrop, disk(reach));
  const cv::Mat ring = grown & ~inner & ~face_area;
  // The garment's lightness nearby: its mean over the inner mask within 5% of
  // the face width (folds change it; the edge's share must follow).
  cv::Mat lightness, inner_f, local_sum, local_count;
  cv::extractChannel(lab, lightness, 0);
  inner.convertTo(inner_f, CV_32F, 1.0 / 255);
  const cv::Size window(2 * cvRound(0.05f * face.face_width) + 1, 2 * cvRound(0.05f * face.face_width) + 1);
  cv::boxFilter(lightness.mul(inner_f), local_sum, CV_32F, window, {-1, -1}, false);
  cv::boxFilter(inner_f, local_count, CV_32F, window, {-1, -1}, false);
  const cv::Mat backdrop_lab = labOf(background.model);
  cv::Mat alpha;
  hard.convertTo(alpha, CV_32F, 1.0 / 255);
  for (int y = 0; y < lab.rows; ++y)
    for (int x = 0; x < lab.cols; ++x) {
      if (!ring.at<uchar>(y, x)) continue;
      const cv::Vec3f p = lab.at<cv::Vec3f>(y, x);
      float share;
      if (near_backdrop.at<uchar>(y, x)) {
        const float count = local_count.at<float>(y, x);
        const float garment_l = count > 0 ? local_sum.at<float>(y, x) / count : garment[0];
        const float backdrop_l = backdrop_lab.at<cv::Vec3f>(y, x)[0];
        // Under 3 L* apart, noise decides: keep the hard mask.
        share = std::abs(garment_l - backdrop_l) < 3
                    ? alpha.at<float>(y, x)
                    : std::clamp((p[0] - backdrop_l) / (garment_l - backdrop_l), 0.0f, 1.0f);
      } else {
        const double to_skin = cv::norm(p - skin), to_garment = cv::norm(p - garment);
        share = static_cast<float>(to_skin / std::max(1e-3, to_skin + to_garment));
      }
      alpha.at<float>(y, x) = share;
    }
  return alpha;
}

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
  // Skin in shade (the side of the neck) can pass the chroma test above, then
  // sit within the distance of a white garment: a pixel whose hue is nearer the
  // face's than the garment's is skin, when the two hues are well apart.
  const cv::Vec3f skin_lab = medianOf(samplesIn(lab, skin_face, 2));
  const auto hue_distance = [](const cv::Vec3f& p, const cv::Vec3f& q) {
    return std::hypot(p[1] - q[1], p[2] - q[2]);
  };
  if (hue_distance(skin_lab, ref_lab) > 8)
    hard.forEach<uchar>([&](uchar& v, const int* at) {
      const cv::Vec3f p = lab.at<cv::Vec3f>(at[0], at[1]);
      if (v && hue_distance(p, skin_lab) < hue_distance(p, ref_lab)) v = 0;
    });
  cv::morphologyEx(hard, hard, cv::MORPH_OPEN, disk(std::max(1, w / 400)));
  hard = connectedToEdges(hard, false, true, true);
  cv::morphologyEx(hard, hard, cv::MORPH_CLOSE, disk(std::max(2, w / 200)));
  hard &= ~background.hard;
  clothing.area_fraction = cv::countNonZero(hard) / static_cast<double>(w * h);

  // The backdrop beside the shoulders: from the chin's height to 0.6 face widths
  // below it, 0.45-1.1 face widths either side of the face centre. That is where
  // the eye (and a collector's cut-out tool) meets clothing and backdrop, and it
  // is lighter than the bottom corners, which the backdrop's vignetting darkens.
  const cv::Point2f centre = (face.face_left + face.face_right) * 0.5f;
  cv::Mat beside = cv::Mat::zeros(bgr.size(), CV_8U);
  const int band_top = std::clamp(cvRound(face.chin.y), 0, h);
  const int band_bottom = std::clamp(cvRound(face.chin.y + 0.6f * face.face_width), 0, h);
  for (const float side : {-1.0f, 1.0f}) {
    const int a = cvRound(centre.x + side * 0.45f * face.face_width);
    const int b = cvRound(centre.x + side * 1.1f * face.face_width);
    const int x0 = std::clamp(std::min(a, b), 0, w), x1 = std::clamp(std::max(a, b), 0, w);
    if (x1 > x0 && band_bottom > band_top) beside(cv::Rect(x0, band_top, x1 - x0, band_bottom - band_top)).setTo(255);
  }
  beside &= background.hard;
  const std::vector<cv::Vec3f> backdrop = samplesIn(lab, beside, 2);
  clothing.backdrop_lab = backdrop.size() > 200 ? medianOf(backdrop) : medianOf(samplesIn(lab, background.hard, 4));
  clothing.reference_lab = medianOf(samplesIn(lab, hard, 2));
  clothing.alpha = edgeShares(lab, hard, face, ref_lab, skin_lab, background);
  return clothing;
}

}  // namespace gradphoto::variants
