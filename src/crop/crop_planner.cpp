#include "crop/crop_planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "image/area_resize.h"
#include "image/to_rgb.h"

namespace gradphoto {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double lowOr(double value, double fallback) { return std::isnan(value) ? fallback : value; }

// Candidate scales are tried outward from the preferred one in 1% steps.
constexpr double kScaleStep = 0.01;
constexpr int kMaxScaleSteps = 200;
constexpr double kEdgeSafetyPx = 4.0;

struct Window {
  bool feasible = false;
  double left = 0, top = 0;
  bool blocked_top = false, blocked_bottom = false, blocked_side = false;
};

Window windowAt(double s, const HeadGeometry& head, const CropBands& b, cv::Size photo) {
  Window w;
  const double out_w = b.out_width / s, out_h = b.out_height / s;
  // Vertical: eye line and crown inside their bands, window inside the photo.
  const double band_lo = std::max(head.eye_y - b.eye_max / s, head.crown_y - b.crown_max / s);
  const double band_hi = std::min(head.eye_y - b.eye_min / s, head.crown_y - b.crown_min / s);
  const double eye_mid = std::isfinite(b.eye_min + b.eye_max) ? (b.eye_min + b.eye_max) / 2 : b.out_height * 0.4;
  const double ideal_top = std::clamp(head.eye_y - eye_mid / s, band_lo, std::max(band_lo, band_hi));
  const double lo = std::max(band_lo, 0.0), hi = std::min(band_hi, photo.height - out_h);
  w.blocked_top = band_hi < 0;
  w.blocked_bottom = band_lo > photo.height - out_h;
  w.top = lo <= hi ? std::clamp(ideal_top, lo, hi) : ideal_top;
  // Horizontal: centred on the face, shifted at most the tolerance to stay inside.
  const double ideal_left = head.centre_x - out_w / 2;
  const double left = std::clamp(ideal_left, 0.0, std::max(0.0, photo.width - out_w));
  w.blocked_side = out_w > photo.width || std::abs(left - ideal_left) * s > b.centre_tolerance;
  w.left = w.blocked_side ? ideal_left : left;
  w.feasible = lo <= hi && band_lo <= band_hi && !w.blocked_side;
  return w;
}

}  // namespace

CropBands cropBandsFromProfile(const Profile& profile) {
  auto band = [&](const char* id, double& lo, double& hi) {
    const CheckLimits* limits = profile.limits(id);
    lo = limits ? lowOr(limits->min_fail, -kInfinity) : -kInfinity;
    hi = limits ? lowOr(limits->max_fail, kInfinity) : kInfinity;
  };
  CropBands b{};
  band("geometry.crown", b.crown_min, b.crown_max);
  band("geometry.eye_line", b.eye_min, b.eye_max);
  band("geometry.face_width", b.width_min, b.width_max);
  const CheckLimits* position = profile.limits("face.position");
  b.centre_tolerance = position ? lowOr(position->max_fail, kInfinity) : kInfinity;
  b.out_width = profile.output.width;
  b.out_height = profile.output.height;
  return b;
}

namespace {

CropResult planWithin(const HeadGeometry& head, const CropBands& b, cv::Size photo);

}  // namespace

CropResult planCrop(const HeadGeometry& head, const CropBands& bands, cv::Size photo) {
  // Plan inside bands narrowed by a few output pixels, so that rounding the window
  // to whole photo pixels afterwards cannot push a measure out of its real band;
  // a photo that only fits the full bands is planned within those.
  CropBands b = bands;
  for (auto [lo, hi] : {std::pair<double*, double*>{&b.crown_min, &b.crown_max}, {&b.eye_min, &b.eye_max},
                        {&b.width_min, &b.width_max}}) {
    if (std::isfinite(*lo) && std::isfinite(*hi) && *hi - *lo > 4 * kEdgeSafetyPx) {
      *lo += kEdgeSafetyPx;
      *hi -= kEdgeSafetyPx;
    }
  }
  b.centre_tolerance = std::max(0.0, b.centre_tolerance - kEdgeSafetyPx);
  CropResult narrow = planWithin(head, b, photo);
  return narrow.feasible ? narrow : planWithin(head, bands, photo);
}

namespace {

CropResult planWithin(const HeadGeometry& head, const CropBands& b, cv::Size photo) {
  CropResult result;
  // Scales that put the face width and the crown-to-eye distance in their bands.
  const double crown_to_eye = head.eye_y - head.crown_y;
  double s_lo = std::max(b.width_min / head.face_width, (b.eye_min - b.crown_max) / crown_to_eye);
  double s_hi = std::min(b.width_max / head.face_width, (b.eye_max - b.crown_min) / crown_to_eye);
  double preferred = std::isfinite(b.width_min + b.width_max) ? (b.width_min + b.width_max) / 2 / head.face_width
                                                               : b.out_height * 0.4 / std::max(1.0, crown_to_eye * 3);
  if (!(head.face_width > 0) || !(crown_to_eye > 0)) {
    result.reason_zh = "无法确定头部尺寸。";
    result.reason_en = "The head's size could not be measured.";
    return result;
  }
  const bool proportions_fit = s_lo <= s_hi;
  if (proportions_fit) preferred = std::clamp(preferred, s_lo, s_hi);

  Window best = windowAt(preferred, head, b, photo);
  double best_scale = preferred;
  for (int step = 1; proportions_fit && !best.feasible && step <= kMaxScaleSteps; ++step) {
    for (const double s : {preferred * (1 + step * kScaleStep), preferred * (1 - step * kScaleStep)}) {
      if (s < s_lo || s > s_hi) continue;
      const Window w = windowAt(s, head, b, photo);
      if (w.feasible) {
        best = w;
        best_scale = s;
        break;
      }
    }
  }
  // Whole photo pixels: the window renderCrop cuts is exactly the one measured.
  const double window_width = std::max(1.0, std::round(b.out_width / best_scale));
  result.scale = b.out_width / window_width;
  result.left = std::round(best.left);
  result.top = std::round(best.top);
  result.feasible = proportions_fit && best.feasible;
  if (result.feasible) return result;

  const Window at_preferred = windowAt(preferred, head, b, photo);
  const bool too_tight = b.out_width / preferred > photo.width || b.out_height / preferred > photo.height;
  if (!proportions_fit) {
    result.blocking_check = "geometry.crown";
    result.reason_zh = "头顶到眼睛的距离与脸宽的比例无法同时满足规格（可能戴了帽子或头发过高）。";
    result.reason_en = "The crown-to-eye distance and the face width cannot both meet the spec "
                       "(a hat or very tall hair?).";
  } else if (too_tight) {
    result.blocking_check = "geometry.face_width";
    result.reason_zh = "照片取景太紧：人像太大，四周留白不够裁出规定尺寸，请离镜头远一点重拍。";
    result.reason_en = "The photo is framed too tightly: the head is too large to cut the required size; "
                       "retake from further away.";
  } else if (at_preferred.blocked_top) {
    result.blocking_check = "geometry.crown";
    result.reason_zh = "头顶离照片上边缘太近，无法裁剪出规定的头顶留白，请重拍时头顶上方多留空间。";
    result.reason_en = "The top of the head is too close to the top edge; retake with more space above the head.";
  } else if (at_preferred.blocked_bottom) {
    result.blocking_check = "geometry.eye_line";
    result.reason_zh = "人像在照片中太靠下或照片下方空间不足，请重拍时让镜头包含双肩。";
    result.reason_en = "Not enough photo below the face; retake with both shoulders in the frame.";
  } else {
    result.blocking_check = "face.position";
    result.reason_zh = "人脸离照片左右边缘太近，无法居中裁剪，请站在画面正中重拍。";
    result.reason_en = "The face is too close to a side edge to be centred; retake standing in the middle.";
  }
  return result;
}

}  // namespace

cv::Mat renderCrop(const ImageView& photo, const CropResult& crop, cv::Size output) {
  // A whole-pixel window with the output's aspect ratio: the scale is uniform up
  // to half a pixel of rounding (under 0.2% at 480x640).
  const int window_w = std::max(1, static_cast<int>(std::lround(output.width / crop.scale)));
  const int window_h = std::max(1, static_cast<int>(std::lround(output.height / crop.scale)));
  const cv::Rect window(static_cast<int>(std::lround(crop.left)), static_cast<int>(std::lround(crop.top)), window_w,
                        window_h);
  const cv::Rect inside = window & cv::Rect(0, 0, photo.width, photo.height);

  const int channels = channelCount(photo.format);
  const cv::Mat source(photo.height, photo.width, CV_8UC(channels), const_cast<std::uint8_t*>(photo.data),
                       static_cast<size_t>(photo.rowBytes()));
  cv::Mat canvas;
  if (inside == window) {
    canvas = source(window);  // the usual case: no copy
  } else {
    canvas = cv::Mat(window.size(), CV_8UC(channels), cv::Scalar::all(0));
    if (inside.area() > 0) source(inside).copyTo(canvas(inside - window.tl()));
  }

  // Halve while the window is at least twice the output (OpenCV's fast 2x2 area
  // path), then one area resize to the exact size. The fast path needs an exact
  // factor of 2: an odd last row or column is left out (a quarter of an output
  // pixel at most), or OpenCV falls back to its general area resize, 3x slower.
  cv::Mat scaled = canvas;
  while (scaled.cols >= 2 * output.width && scaled.rows >= 2 * output.height) {
    cv::Mat half;
    cv::resize(scaled(cv::Rect(0, 0, scaled.cols & ~1, scaled.rows & ~1)), half,
               cv::Size(scaled.cols / 2, scaled.rows / 2), 0, 0, cv::INTER_AREA);
    scaled = half;
  }
  cv::Mat sized;
  if (scaled.cols > output.width) {
    sized = areaResize(scaled, output);  // cv::resize INTER_AREA's bytes, faster
  } else {
    cv::resize(scaled, sized, output, 0, 0, cv::INTER_CUBIC);
  }
  return toRgb(sized, photo.format);
}

}  // namespace gradphoto
