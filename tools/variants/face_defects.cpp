// Defects of the eyes: gaze, red-eye, glare on glasses.
#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "defects.h"

namespace gradphoto::variants {
namespace {

// Each eye's opening, lid contour in order (MediaPipe face_mesh_connections).
constexpr std::array<std::array<int, 16>, 2> kEyeContours = {{
    {33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7},
    {263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249},
}};
constexpr std::array<std::array<int, 2>, 2> kEyeCorners = {{{33, 133}, {263, 362}}};

std::vector<cv::Point> eyeContour(const FaceGeometry& face, int side) {
  std::vector<cv::Point> contour;
  for (int i : kEyeContours[side]) contour.emplace_back(cvRound(face.mesh[i].x), cvRound(face.mesh[i].y));
  return contour;
}

double eyeWidth(const FaceGeometry& face, int side) {
  return cv::norm(face.mesh[kEyeCorners[side][0]] - face.mesh[kEyeCorners[side][1]]);
}

cv::Point2f pupil(const Pupils& pupils, int side) { return side == 0 ? pupils.left : pupils.right; }

// Soft mask (CV_32F 0..1) of an eye's opening, grown by `grow` pixels.
cv::Mat openingAlpha(cv::Size size, const FaceGeometry& face, int side, int grow, double feather) {
  cv::Mat mask = cv::Mat::zeros(size, CV_8U);
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{eyeContour(face, side)}, cv::Scalar(255), cv::LINE_AA);
  if (grow > 0) cv::dilate(mask, mask, disk(grow));
  cv::Mat alpha;
  mask.convertTo(alpha, CV_32F, 1.0 / 255);
  cv::GaussianBlur(alpha, alpha, cv::Size(), feather);
  return alpha;
}

cv::Mat blend(const cv::Mat& base, const cv::Mat& top, const cv::Mat& alpha) {
  cv::Mat b, t, a3, out;
  base.convertTo(b, CV_32FC3);
  top.convertTo(t, CV_32FC3);
  cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, a3);
  cv::Mat(b + (t - b).mul(a3)).convertTo(out, CV_8UC3);
  return out;
}

}  // namespace

// Looking aside (eyes.gaze): each iris (0.4 eye widths across, centred on the
// labelled pupil) slides `shift_eye_widths` toward the image's right (negative:
// left), narrowed by the cosine of the eyeball's turn as a disc on a sphere is;
// on each row of the opening the sclera on one side stretches and on the other
// compresses to make room, while the row's ends (the lid margins and corners)
// stay where they are. Both eyes turn together (the eyes follow one target).
// 0.2 eye widths is a glance about 30 degrees aside (the eyeball's radius is
// about 0.4 eye widths).
cv::Mat gazeAside(const cv::Mat& bgr, const FaceGeometry& face, const Pupils& pupils, double shift_eye_widths) {
  cv::Mat out = bgr.clone();
  const double turn = std::asin(std::clamp(std::abs(shift_eye_widths) / 0.4, 0.0, 1.0));
  for (int side = 0; side < 2; ++side) {
    const double width = eyeWidth(face, side);
    const double from = pupil(pupils, side).x, to = from + shift_eye_widths * width;
    const double radius = 0.2 * width, narrowed = radius * std::cos(turn);
    cv::Mat opening = cv::Mat::zeros(bgr.size(), CV_8U);
    cv::fillPoly(opening, std::vector<std::vector<cv::Point>>{eyeContour(face, side)}, cv::Scalar(255));
    cv::Mat map_x(bgr.size(), CV_32F), map_y(bgr.size(), CV_32F);
    for (int y = 0; y < bgr.rows; ++y) {
      int first = -1, last = -1;
      for (int x = 0; x < bgr.cols; ++x)
        if (opening.at<uchar>(y, x)) {
          if (first < 0) first = x;
          last = x;
        }
      // Destination knots and the source positions they show: the row's ends
      // (a pixel outside the opening) and the iris's edges, kept inside the row.
      const double a = first - 1.0, b = last + 1.0;
      const auto inside = [&](double v) { return std::clamp(v, a + 1, b - 1); };
      const std::array<double, 4> dst = {a, inside(to - narrowed), inside(to + narrowed), b};
      const std::array<double, 4> src = {a, inside(from - radius), inside(from + radius), b};
      for (int x = 0; x < bgr.cols; ++x) {
        double source = x;
        for (int k = 0; first >= 0 && k < 3; ++k)
          if (x > dst[k] && x <= dst[k + 1] && dst[k + 1] > dst[k])
            source = src[k] + (x - dst[k]) * (src[k + 1] - src[k]) / (dst[k + 1] - dst[k]);
        map_x.at<float>(y, x) = static_cast<float>(source);
        map_y.at<float>(y, x) = static_cast<float>(y);
      }
    }
    cv::Mat turned;
    cv::remap(bgr, turned, map_x, map_y, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    out = blend(out, turned, openingAlpha(bgr.size(), face, side, 1, 1.0));
  }
  return out;
}

// Red-eye (eyes.redeye): a flash along the lens axis lights the retina through
// a pupil dilated in dim light (0.09 eye widths in radius, half the iris). The
// pupil turns red, brightest at its centre; the catchlight and the lids stay
// (the glow is clipped to the opening).
cv::Mat redEye(const cv::Mat& bgr, const FaceGeometry& face, const Pupils& pupils, double radius_eye_widths) {
  cv::Mat red = bgr.clone();
  cv::Mat alpha = cv::Mat::zeros(bgr.size(), CV_32F);
  const cv::Mat lab = toLab(bgr);
  for (int side = 0; side < 2; ++side) {
    const cv::Point2f centre = pupil(pupils, side);
    const double radius = radius_eye_widths * eyeWidth(face, side);
    const cv::Mat opening = openingAlpha(bgr.size(), face, side, 0, 0.7);
    const int reach = cvCeil(radius + 2);
    for (int y = cvFloor(centre.y) - reach; y <= cvCeil(centre.y) + reach; ++y)
      for (int x = cvFloor(centre.x) - reach; x <= cvCeil(centre.x) + reach; ++x) {
        if (x < 0 || y < 0 || x >= bgr.cols || y >= bgr.rows) continue;
        const double r = std::hypot(x - centre.x, y - centre.y) / radius;
        if (r > 1.15) continue;
        // A catchlight (much lighter than a pupil) is a reflection on the cornea: kept.
        if (lab.at<cv::Vec3f>(y, x)[0] > 60) continue;
        // The retina's light, brightest at the centre and dimming toward the
        // pupil's rim (an orange-red core, a deep red rim).
        const double glow = std::max(0.0, 1 - 0.6 * r * r);
        red.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(25 + 25 * glow),
                                            cv::saturate_cast<uchar>(20 + 45 * glow),
                                            cv::saturate_cast<uchar>(115 + 105 * glow));
        const double edge = std::clamp((1.15 - r) / 0.3, 0.0, 1.0);  // soft rim, as the lens blurs it
        alpha.at<float>(y, x) = static_cast<float>(edge) * opening.at<float>(y, x);
      }
  }
  return blend(bgr, red, alpha);
}


namespace {

// Points of a rounded rectangle (superellipse, exponent 4) with half-sizes a, b.
std::vector<cv::Point> roundedRect(cv::Point2f centre, double a, double b, double angle_deg) {
  std::vector<cv::Point> points;
  const double c = std::cos(angle_deg * CV_PI / 180), s = std::sin(angle_deg * CV_PI / 180);
  for (int i = 0; i < 72; ++i) {
    const double t = 2 * CV_PI * i / 72, ct = std::cos(t), st = std::sin(t);
    const double u = a * std::copysign(std::sqrt(std::abs(ct)), ct), v = b * std::copysign(std::sqrt(std::abs(st)), st);
    points.emplace_back(cvRound(centre.x + u * c - v * s), cvRound(centre.y + u * s + v * c));
  }
  return points;
}

}  // namespace

// Glare on glasses (glasses.glare): rimless glasses, their lens edges a faint
// light line, with a window reflected in one lens: a rounded, tilted pane pair
// 0.55 x 0.32 eye widths with a darker mullion between the panes, blown out to
// near white in its core and fading over its rim, over the upper part of the
// eye (where a window or lamp above the camera reflects), and a faint veil over
// the rest of that lens. `side` 0 puts it on the image-left lens.
cv::Mat lensGlare(const cv::Mat& bgr, const FaceGeometry& face, const Pupils& pupils, int side, Random& random) {
  cv::Mat frame_alpha = cv::Mat::zeros(bgr.size(), CV_32F), veil = frame_alpha.clone();
  for (int eye = 0; eye < 2; ++eye) {
    const double width = eyeWidth(face, eye);
    // A lens about 1.6 x 1.15 eye widths (a 48 x 34 mm lens on a 30 mm eye).
    const std::vector<cv::Point> lens = roundedRect(pupil(pupils, eye) + cv::Point2f(0, 0.05f * width),
                                                    0.8 * width, 0.58 * width, 0);
    cv::polylines(frame_alpha, std::vector<std::vector<cv::Point>>{lens}, true, cv::Scalar(0.15),
                  std::max(1, cvRound(width / 80)), cv::LINE_AA);
    if (eye == side) cv::fillPoly(veil, std::vector<std::vector<cv::Point>>{lens}, cv::Scalar(0.07), cv::LINE_AA);
  }
  const cv::Mat light(bgr.size(), CV_8UC3, cv::Scalar(250, 252, 250));
  cv::Mat glasses = blend(blend(bgr, light, veil), light, frame_alpha);

  const double width = eyeWidth(face, side);
  const double outward = side == 0 ? -1 : 1;
  // Drawn one after the other: the order of a call's arguments is unspecified.
  const double sideways = outward * random.uniform(0.0, 0.15) * width;
  const double up = random.uniform(0.05, 0.15) * width;
  const cv::Point2f centre = pupil(pupils, side) + cv::Point2f(static_cast<float>(sideways), static_cast<float>(-up));
  const double a = 0.275 * width, b = 0.16 * width, angle = outward * random.uniform(10, 25);
  const double c = std::cos(angle * CV_PI / 180), s = std::sin(angle * CV_PI / 180);
  const double mullion = random.uniform(-0.3, 0.3);  // where the panes meet, across the patch
  cv::Mat glare_alpha = cv::Mat::zeros(bgr.size(), CV_32F);
  const int reach = cvCeil(1.4 * a);
  for (int y = cvFloor(centre.y) - reach; y <= cvCeil(centre.y) + reach; ++y)
    for (int x = cvFloor(centre.x) - reach; x <= cvCeil(centre.x) + reach; ++x) {
      if (x < 0 || y < 0 || x >= bgr.cols || y >= bgr.rows) continue;
      const double dx = x - centre.x, dy = y - centre.y;
      const double u = (dx * c + dy * s) / a, v = (-dx * s + dy * c) / b;
      const double d = std::pow(std::pow(std::abs(u), 4) + std::pow(std::abs(v), 4), 0.25);
      // Blown out (alpha 0.97) inside half the patch, fading to nothing at 1.3;
      // the mullion (0.08 of the patch wide) lets through a third of the light.
      const double bar = std::abs(u - mullion) < 0.08 ? 0.35 : 1.0;
      glare_alpha.at<float>(y, x) = static_cast<float>(0.97 * bar * std::clamp((1.3 - d) / 0.8, 0.0, 1.0));
    }
  cv::GaussianBlur(glare_alpha, glare_alpha, cv::Size(), std::max(0.7, width / 120));
  return blend(glasses, light, glare_alpha);
}

}  // namespace gradphoto::variants
