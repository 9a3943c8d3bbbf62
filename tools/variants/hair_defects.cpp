// Hair over the face: a fringe over the brows, hair hanging over the ears.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "defects.h"

namespace gradphoto::variants {
namespace {

// Standard normal samples (Box-Muller on the deterministic generator).
cv::Mat gaussianNoise(cv::Size size, Random& random) {
  cv::Mat noise(size, CV_32F);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const double u = std::max(1e-12, random.uniform(0, 1)), v = random.uniform(0, 1);
      noise.at<float>(y, x) = static_cast<float>(std::sqrt(-2 * std::log(u)) * std::cos(2 * CV_PI * v));
    }
  return noise;
}

// The subject's hair colour (CIELAB): the median of the darkest 30% of the
// person above the forehead that is darker than the forehead's skin. A fringe
// is dense hair, while the crown shows sheen and, on a short cut, the scalp
// between the hairs, which would lift the lightness and tint it brown. A dark
// brown when too little shows (a shaved head).
cv::Vec3f hairColour(const cv::Mat& lab, const FaceGeometry& face, const Background& bg) {
  const cv::Point2f forehead = face.mesh[kForeheadTop];
  const float skin_l = lab.at<cv::Vec3f>(cvRound(face.mesh[kForeheadMid].y), cvRound(face.mesh[kForeheadMid].x))[0];
  std::vector<cv::Vec3f> samples;
  for (int y = std::max(0, cvRound(forehead.y - 0.5f * face.face_width)); y < forehead.y; y += 2)
    for (int x = cvRound(forehead.x - 0.4f * face.face_width); x < forehead.x + 0.4f * face.face_width; x += 2) {
      if (x < 0 || x >= lab.cols || bg.alpha.at<float>(y, x) > 0.2f) continue;
      const cv::Vec3f p = lab.at<cv::Vec3f>(y, x);
      if (p[0] < skin_l - 10) samples.push_back(p);
    }
  if (samples.size() < 300) return {22, 4, 8};
  std::sort(samples.begin(), samples.end(), [](const cv::Vec3f& a, const cv::Vec3f& b) { return a[0] < b[0]; });
  samples.resize(samples.size() * 3 / 10);
  return medianOf(samples);
}

// Per column of `box`, the top of the head: the first row (from the box's top)
// where the person's matte covers more than half, smoothed.
std::vector<float> headTop(const cv::Rect& box, const Background& bg, float fw) {
  std::vector<float> top(box.width, static_cast<float>(box.y + box.height));
  for (int x = 0; x < box.width; ++x)
    for (int y = box.y; y < box.y + box.height; ++y)
      if (bg.alpha.at<float>(y, box.x + x) < 0.5f) {
        top[x] = static_cast<float>(y);
        break;
      }
  cv::Mat row(1, box.width, CV_32F, top.data()), smooth;
  cv::GaussianBlur(row, smooth, cv::Size(), std::max(1.0f, 0.03f * fw), 0);
  return std::vector<float>(smooth.begin<float>(), smooth.end<float>());
}

// Hair's lightness texture (L*, zero mean) for a region of `size`: clumps and
// single hairs hanging down, noise stretched along the hair (+-3 and +-2 L*).
cv::Mat strandTexture(cv::Size size, float fw, Random& random) {
  const auto streaks = [&](double across, double along) {
    cv::Mat noise = gaussianNoise(size, random);
    cv::GaussianBlur(noise, noise, cv::Size(), std::max(0.7, across * fw), along * fw);
    cv::Scalar mean, sd;
    cv::meanStdDev(noise, mean, sd);
    return cv::Mat((noise - mean[0]) / std::max(1e-6, sd[0]));
  };
  // One after the other: the order of an expression's operands is unspecified.
  const cv::Mat clumps = streaks(0.01, 0.08);
  const cv::Mat hairs = streaks(0.002, 0.05);
  return 3 * clumps + 2 * hairs;
}

cv::Mat fromLab(const cv::Mat& lab) {
  cv::Mat back, out;
  cv::cvtColor(lab, back, cv::COLOR_Lab2BGR);
  back.convertTo(out, CV_8UC3, 255.0);  // rounds and clips
  return out;
}

}  // namespace

// A fringe over the brows (hair.covering): hair in the subject's own colour,
// combed forward from the crown (fading in over the top of the head, 0.1-0.3
// face widths below its outline, so it joins the hair there) down to halfway
// between the brows and the upper lids, across the forehead (0.55 face widths
// either side of the centre, merging with the hair at the sides), its ends
// rising a little toward the temples; it lies on the head only (the person's
// matte). Strands (strandTexture), a faint sheen, and tips whose length varies
// by 2% of the face width.
cv::Mat hairFringe(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, Random& random) {
  const float fw = face.face_width;
  const cv::Point2f centre = face.mesh[kBetweenBrows];
  const cv::Mat lab = toLab(bgr);
  const cv::Vec3f hair = hairColour(lab, face, bg);
  const float brows = (face.mesh[105].y + face.mesh[334].y) / 2, lids = (face.mesh[159].y + face.mesh[386].y) / 2;
  const float tips = (brows + lids) / 2;
  const float top = std::max(0.0f, face.mesh[kForeheadTop].y - 0.9f * fw);
  const int half = cvRound(0.55f * fw);
  const cv::Rect box = cv::Rect(cvRound(centre.x) - half, cvRound(top), 2 * half, cvRound(tips + 0.05f * fw - top)) &
                       cv::Rect(0, 0, bgr.cols, bgr.rows);
  const cv::Mat strands = strandTexture(box.size(), fw, random);
  const std::vector<float> head = headTop(box, bg, fw);
  // Each strand's tip: a smoothed random walk around the fringe's lower edge.
  cv::Mat tip(1, box.width, CV_32F);
  double walk = 0;
  for (int x = 0; x < box.width; ++x) {
    walk = 0.8 * walk + random.uniform(-1, 1);
    tip.at<float>(x) = static_cast<float>(walk);
  }
  cv::GaussianBlur(tip, tip, cv::Size(), std::max(1.0, 0.008 * fw), 0);
  cv::normalize(tip, tip, -1, 1, cv::NORM_MINMAX);
  cv::Mat out_lab = lab.clone();
  for (int y = 0; y < box.height; ++y)
    for (int x = 0; x < box.width; ++x) {
      const int px = box.x + x, py = box.y + y;
      const float across = (px - centre.x) / (0.55f * fw);  // -1..1
      const float edge = tips - 0.15f * fw * std::pow(std::abs(across), 4.0f) + 0.02f * fw * tip.at<float>(x);
      const float below_top = (py - head[x] - 0.1f * fw) / (0.2f * fw), above_tip = (edge - py) / (0.03f * fw);
      const float side = (1 - std::abs(across)) / 0.15f;
      const float on_head = 1 - bg.alpha.at<float>(py, px);
      const float alpha = std::clamp(std::min({below_top, above_tip, side}), 0.0f, 1.0f) * on_head;
      if (alpha <= 0) continue;
      const float sheen = 5 * std::exp(-std::pow((py - (head[x] + 0.5f * (edge - head[x]))) / (0.08f * fw), 2.0f));
      const cv::Vec3f strand(std::max(2.0f, hair[0] + strands.at<float>(y, x) + sheen), hair[1], hair[2]);
      cv::Vec3f& p = out_lab.at<cv::Vec3f>(py, px);
      p += (strand - p) * alpha;
    }
  return fromLab(out_lab);
}


// Hair over the ears (ears.visible): long hair in the subject's own colour,
// parted in the middle, falls from the top of the head around the face (which
// stays clear, the hair touching its outline) down to 0.15 face widths below
// the mouth's corners, widening from the head's outline (0.62 face widths from
// the face's centre at the eyes) to 0.85 face widths at its ragged ends, so
// both ears are under it. Strands as the fringe's (strandTexture); a soft outer
// edge and ends; the hair above the forehead is repainted with it.
cv::Mat hairOverEars(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, Random& random) {
  const float fw = face.face_width;
  const float centre = (face.face_left.x + face.face_right.x) / 2;
  const cv::Mat lab = toLab(bgr);
  const cv::Vec3f hair = hairColour(lab, face, bg);
  const float eyes = face.eyeCentre().y;
  const float bottom = std::max(face.mouth_left.y, face.mouth_right.y) + 0.15f * fw;
  const cv::Rect box = cv::Rect(cvRound(centre - 0.9f * fw), 0, cvRound(1.8f * fw), cvRound(bottom + 0.05f * fw)) &
                       cv::Rect(0, 0, bgr.cols, bgr.rows);
  const std::vector<float> head = headTop(box, bg, fw);
  // The face stays clear: its oval, the hair touching it (a soft edge 1.5% of the face width).
  cv::Mat clear = meshHull(bgr.size(), face, kFaceOval), clear_f;
  clear.convertTo(clear_f, CV_32F, 1.0 / 255);
  cv::GaussianBlur(clear_f, clear_f, cv::Size(), std::max(1.0f, 0.015f * fw));
  const cv::Mat strands = strandTexture(box.size(), fw, random);
  std::vector<float> tip(box.width);
  double walk = 0;
  for (float& t : tip) {
    walk = 0.8 * walk + random.uniform(-1, 1);
    t = static_cast<float>(walk);
  }
  cv::Mat out_lab = lab.clone();
  for (int y = 0; y < box.height; ++y)
    for (int x = 0; x < box.width; ++x) {
      const int px = box.x + x, py = box.y + y;
      const float widening = std::clamp((py - eyes) / (bottom - eyes), 0.0f, 1.0f);
      const float half = (0.62f + 0.23f * widening) * fw;
      const float end = bottom + 0.03f * fw * tip[x];
      const float alpha = std::clamp(std::min({(half - std::abs(px - centre)) / (0.04f * fw),
                                               (end - py) / (0.03f * fw), (py - head[x]) / (0.03f * fw)}),
                                     0.0f, 1.0f) *
                          (1 - clear_f.at<float>(py, px));
      if (alpha <= 0) continue;
      const cv::Vec3f strand(std::max(2.0f, hair[0] + strands.at<float>(y, x)), hair[1], hair[2]);
      cv::Vec3f& p = out_lab.at<cv::Vec3f>(py, px);
      p += (strand - p) * alpha;
    }
  return fromLab(out_lab);
}

}  // namespace gradphoto::variants
