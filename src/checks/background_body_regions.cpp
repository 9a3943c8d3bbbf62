#include "checks/background_body_regions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include <opencv2/imgproc.hpp>

#include "checks/check.h"
#include "checks/hypot_below.h"
#include "segmentation/person_mask.h"

namespace gradphoto::background_body {
namespace {

// Less backdrop than this share of the photo-covered output above the chin gives
// no trustworthy backdrop colour (a face filling the frame).
constexpr double kMinBackdropShare = 0.03;

// The face's own outline is never backdrop; a small margin covers the mesh's
// jitter at the jaw and the forehead.
constexpr double kFaceMargin = 0.05;

// The clothing zone, in face widths and output heights: below the chin by 0.4
// face widths (under the neck's base) and within the output's bottom 15%;
// sideways from 0.45 face widths off the face centre (outside the neck and a
// V-neck or collar, which reach about 0.35) to 1.05 (an adult's shoulders reach
// 1.2-1.6 face widths from the centre, so the zone stays on the body).
constexpr double kClothingBelowChin = 0.4;
constexpr double kClothingBottomShare = 0.15;
constexpr double kClothingInner = 0.45;
constexpr double kClothingOuter = 1.05;

// Body edge: a colour step of 6 delta-E 1976 from the backdrop just above, held
// for 3 rows (not a stray hair or a JPEG block edge). Over the 3 rows between
// the two, the backdrop's own shading changes by far less, while the white
// T-shirts on light grey of neutral_front stand 7-13 away from it.
// The start pixel counts as backdrop within 8 delta-E of the backdrop's median
// in its row.
constexpr double kEdgeStep = 6.0;
constexpr int kEdgeRun = 3;
constexpr double kBackdropLike = 8.0;
// The backdrop's colour at the chin's height needs 20 backdrop pixels in that row.
constexpr int kMinRowBackdrop = 20;

// Skin: within 10 of the cheeks' a*b* and 30 of their L* (see skinLike).
constexpr double kSkinHue = 10.0;
constexpr double kSkinLightness = 30.0;

cv::Mat makeFaceZone(const CheckContext& context, double margin);
cv::Mat makeClothingZone(const CheckContext& context);
std::vector<int> makeBodyOutline(const CheckContext& context, const Backdrop& backdrop);

}  // namespace

FaceFrame faceFrame(const CheckContext& context) {
  const KeyPoints& k = context.face_out.key_points;
  FaceFrame frame;
  frame.centre_x = (k.face_left.x + k.face_right.x) / 2.0;
  frame.width = std::hypot(k.face_right.x - k.face_left.x, k.face_right.y - k.face_left.y);
  frame.eye_y = (k.eye_left.y + k.eye_right.y) / 2.0;
  frame.chin_y = k.chin.y;
  return frame;
}

const cv::Mat& faceZone(const CheckContext& context, double margin) {
  return context.shared<cv::Mat>("face_zone:" + formatNumber(margin, 3), [&] { return makeFaceZone(context, margin); });
}

namespace {
cv::Mat makeFaceZone(const CheckContext& context, double margin) {
  cv::Mat zone(context.output.size(), CV_8U, cv::Scalar(0));
  std::vector<cv::Point> points, hull;
  for (const MeshPoint& p : context.face_out.mesh) points.emplace_back(cvRound(p.x), cvRound(p.y));
  if (points.empty()) return zone;
  cv::convexHull(points, hull);
  cv::fillConvexPoly(zone, hull, cv::Scalar(255));
  // Grown by a disc: for a convex polygon that is its outline drawn with a pen
  // of the disc's diameter (round joints), at a fraction of a dilation's cost.
  const int grow = cvRound(margin * faceFrame(context).width);
  if (grow > 0) cv::polylines(zone, hull, true, cv::Scalar(255), 2 * grow + 1, cv::LINE_8);
  return zone;
}
}  // namespace

const cv::Mat& backgroundMask(const CheckContext& context) {
  return context.shared<cv::Mat>("background_mask", [&]() -> cv::Mat {
    return (context.person == 0) & (context.inside != 0) & (faceZone(context, kFaceMargin) == 0);
  });
}

namespace {

// medianLab for an image made by toLab: each channel takes at most 256 values (L from
// lab8Lightness(), a and b whole numbers), so counting them finds the same element
// percentile(…, 0.5) would pick, in one pass instead of three nth_elements over up to
// 100,000 floats (2 -> 0.5 ms a check in wasm). False when a pixel holds any other
// value (then the caller sorts).
bool medianOfLab8(const cv::Mat& lab, const cv::Mat& mask, cv::Vec3f& median, int& count) {
  const std::array<float, 256>& lightness = lab8Lightness();
  std::array<int, 256> histogram[3] = {};
  count = 0;
  for (int y = 0; y < lab.rows; ++y) {
    const cv::Vec3f* row = lab.ptr<cv::Vec3f>(y);
    const std::uint8_t* in = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < lab.cols; ++x) {
      if (!in[x]) continue;
      const cv::Vec3f& p = row[x];
      // Range first: the casts below are only defined for numbers in range (not NaN).
      if (!(p[0] >= 0.f && p[0] <= 100.f && p[1] >= -128.f && p[1] <= 127.f && p[2] >= -128.f && p[2] <= 127.f))
        return false;
      const int l = static_cast<int>(std::lround(p[0] * 2.55f));
      const int a = static_cast<int>(p[1]) + 128, b = static_cast<int>(p[2]) + 128;
      if (lightness[static_cast<std::size_t>(l)] != p[0] || static_cast<float>(a - 128) != p[1] ||
          static_cast<float>(b - 128) != p[2])
        return false;
      ++histogram[0][static_cast<std::size_t>(l)];
      ++histogram[1][static_cast<std::size_t>(a)];
      ++histogram[2][static_cast<std::size_t>(b)];
      ++count;
    }
  }
  if (count == 0) return true;
  const int middle = count / 2;  // percentile's index for 0.5: min(n - 1, floor(n / 2))
  for (int c = 0; c < 3; ++c) {
    int below = 0, value = 0;
    while (below + histogram[c][static_cast<std::size_t>(value)] <= middle) below += histogram[c][static_cast<std::size_t>(value++)];
    median[c] = c == 0 ? lightness[static_cast<std::size_t>(value)] : static_cast<float>(value - 128);
  }
  return true;
}

}  // namespace

bool medianLab(const cv::Mat& lab, const cv::Mat& mask, cv::Vec3f& median, int* count) {
  int counted = 0;
  if (medianOfLab8(lab, mask, median, counted)) {
    if (count != nullptr) *count = counted;
    return counted > 0;
  }
  std::vector<float> channels[3];
  for (int y = 0; y < lab.rows; ++y) {
    const cv::Vec3f* row = lab.ptr<cv::Vec3f>(y);
    const std::uint8_t* in = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < lab.cols; ++x) {
      if (!in[x]) continue;
      for (int c = 0; c < 3; ++c) channels[c].push_back(row[x][c]);
    }
  }
  if (count != nullptr) *count = static_cast<int>(channels[0].size());
  if (channels[0].empty()) return false;
  for (int c = 0; c < 3; ++c) median[c] = static_cast<float>(percentile(std::move(channels[c]), 0.5));
  return true;
}

cv::Vec3f labOfRgb(const std::array<int, 3>& rgb) {
  cv::Mat pixel(1, 1, CV_32FC3, cv::Scalar(rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0)), lab;
  cv::cvtColor(pixel, lab, cv::COLOR_RGB2Lab);
  return lab.at<cv::Vec3f>(0, 0);
}

cv::Vec3f rgbOfLab(const cv::Vec3f& lab) {
  cv::Mat pixel(1, 1, CV_32FC3, cv::Scalar(lab[0], lab[1], lab[2])), rgb;
  cv::cvtColor(pixel, rgb, cv::COLOR_Lab2RGB);
  cv::Vec3f out = rgb.at<cv::Vec3f>(0, 0) * 255.0f;
  for (int c = 0; c < 3; ++c) out[c] = std::clamp(out[c], 0.0f, 255.0f);
  return out;
}

double deltaE76(const cv::Vec3f& a, const cv::Vec3f& b) {
  const cv::Vec3f d = a - b;
  return std::sqrt(static_cast<double>(d.dot(d)));
}

double deltaE2000(const cv::Vec3f& lab1, const cv::Vec3f& lab2) {
  // Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula:
  // implementation notes", equations 1-17.
  const double to_rad = CV_PI / 180.0;
  const double L1 = lab1[0], a1 = lab1[1], b1 = lab1[2];
  const double L2 = lab2[0], a2 = lab2[1], b2 = lab2[2];
  const double C_mean7 = std::pow((std::hypot(a1, b1) + std::hypot(a2, b2)) / 2, 7);
  const double G = 0.5 * (1 - std::sqrt(C_mean7 / (C_mean7 + std::pow(25.0, 7))));
  const double a1p = (1 + G) * a1, a2p = (1 + G) * a2;
  const double C1p = std::hypot(a1p, b1), C2p = std::hypot(a2p, b2);
  const auto hue = [](double b, double a) {
    if (a == 0 && b == 0) return 0.0;
    const double h = std::atan2(b, a) * 180.0 / CV_PI;
    return h < 0 ? h + 360 : h;
  };
  const double h1p = hue(b1, a1p), h2p = hue(b2, a2p);
  const bool neutral = C1p * C2p == 0;
  double dhp = neutral ? 0 : h2p - h1p;
  if (dhp > 180) dhp -= 360;
  if (dhp < -180) dhp += 360;
  const double dLp = L2 - L1, dCp = C2p - C1p;
  const double dHp = 2 * std::sqrt(C1p * C2p) * std::sin(dhp / 2 * to_rad);
  const double Lp = (L1 + L2) / 2, Cp = (C1p + C2p) / 2;
  double hp = h1p + h2p;
  if (!neutral) hp = std::abs(h1p - h2p) <= 180 ? hp / 2 : (hp < 360 ? (hp + 360) / 2 : (hp - 360) / 2);
  const double T = 1 - 0.17 * std::cos((hp - 30) * to_rad) + 0.24 * std::cos(2 * hp * to_rad) +
                   0.32 * std::cos((3 * hp + 6) * to_rad) - 0.20 * std::cos((4 * hp - 63) * to_rad);
  const double d_theta = 30 * std::exp(-std::pow((hp - 275) / 25, 2));
  const double Cp7 = std::pow(Cp, 7);
  const double RC = 2 * std::sqrt(Cp7 / (Cp7 + std::pow(25.0, 7)));
  const double SL = 1 + 0.015 * std::pow(Lp - 50, 2) / std::sqrt(20 + std::pow(Lp - 50, 2));
  const double SC = 1 + 0.045 * Cp, SH = 1 + 0.015 * Cp * T;
  const double RT = -std::sin(2 * d_theta * to_rad) * RC;
  const double l = dLp / SL, c = dCp / SC, h = dHp / SH;
  return std::sqrt(l * l + c * c + h * h + RT * c * h);
}

bool measureBackdrop(const CheckContext& context, Backdrop& backdrop) {
  using Measured = std::pair<bool, Backdrop>;
  const Measured& measured = context.shared<Measured>("backdrop", [&] {
    Measured m{false, {}};
    const cv::Mat& mask = backgroundMask(context);
    const int chin = std::clamp(static_cast<int>(faceFrame(context).chin_y), 0, mask.rows);
    if (!medianLab(context.output_lab.rowRange(0, chin), mask.rowRange(0, chin), m.second.lab, &m.second.pixels)) {
      return m;
    }
    const int covered = std::max(1, cv::countNonZero(context.inside.rowRange(0, std::max(1, chin))));
    m.first = m.second.pixels >= kMinBackdropShare * covered;
    return m;
  });
  backdrop = measured.second;
  return measured.first;
}

const cv::Mat& clothingZone(const CheckContext& context) {
  return context.shared<cv::Mat>("clothing_zone", [&] { return makeClothingZone(context); });
}

namespace {
cv::Mat makeClothingZone(const CheckContext& context) {
  const FaceFrame face = faceFrame(context);
  const int width = context.output.cols, height = context.output.rows;
  cv::Mat zone(context.output.size(), CV_8U, cv::Scalar(0));
  const int top = std::clamp(
      static_cast<int>(std::max(face.chin_y + kClothingBelowChin * face.width, height * (1 - kClothingBottomShare))), 0,
      height);
  for (int side : {-1, 1}) {
    const double a = face.centre_x + side * kClothingInner * face.width;
    const double b = face.centre_x + side * kClothingOuter * face.width;
    const int x0 = std::clamp(static_cast<int>(std::min(a, b)), 0, width);
    const int x1 = std::clamp(static_cast<int>(std::max(a, b)), 0, width);
    if (x1 > x0 && height > top) zone(cv::Rect(x0, top, x1 - x0, height - top)).setTo(255);
  }
  return zone & context.inside;
}
}  // namespace

const std::vector<int>& bodyOutline(const CheckContext& context) {
  return context.shared<std::vector<int>>("body_outline", [&] {
    Backdrop backdrop;
    measureBackdrop(context, backdrop);
    return makeBodyOutline(context, backdrop);
  });
}

namespace {
std::vector<int> makeBodyOutline(const CheckContext& context, const Backdrop& backdrop) {
  const cv::Mat& lab = context.output_lab;
  const int start = cvRound(faceFrame(context).chin_y);
  std::vector<int> outline(static_cast<size_t>(lab.cols), kOutlineNotBackdrop);
  if (start < 0 || start + kEdgeRun >= lab.rows) return outline;
  // The backdrop as it looks at the chin's height (a gradient or a shadow can
  // make it differ there from its median above).
  cv::Vec3f row_backdrop = backdrop.lab;
  {
    const cv::Mat row_mask = backgroundMask(context).row(start);
    cv::Vec3f median;
    int count = 0;
    if (medianLab(lab.row(start), row_mask, median, &count) && count >= kMinRowBackdrop) row_backdrop = median;
  }
  for (int x = 0; x < lab.cols; ++x) {
    if (context.person.at<std::uint8_t>(start, x) || !context.inside.at<std::uint8_t>(start, x) ||
        deltaE76(lab.at<cv::Vec3f>(start, x), row_backdrop) > kBackdropLike) {
      continue;
    }
    // The step is measured against the backdrop just above (the rows kEdgeRun
    // to 2 * kEdgeRun higher): the backdrop's shading and gradients change it
    // slowly, a body's edge at once.
    outline[x] = kOutlineNoBody;
    for (int y = start + 2 * kEdgeRun; y + kEdgeRun <= lab.rows && context.inside.at<std::uint8_t>(y, x); ++y) {
      cv::Vec3f above(0, 0, 0);
      for (int k = 1; k <= kEdgeRun; ++k) above += lab.at<cv::Vec3f>(y - kEdgeRun - k, x) / static_cast<float>(kEdgeRun);
      bool edge = true;
      for (int k = 0; k < kEdgeRun && edge; ++k) edge = deltaE76(lab.at<cv::Vec3f>(y + k, x), above) > kEdgeStep;
      if (edge) {
        outline[x] = y;
        break;
      }
    }
  }
  return outline;
}
}  // namespace

OutlineLine fitOutline(const std::vector<int>& outline, const FaceFrame& face, int side, double inner, double outer,
                       double min_share) {
  std::vector<cv::Point> points;
  const int d0 = cvRound(inner * face.width), d1 = cvRound(outer * face.width);
  for (int d = d0; d <= d1; ++d) {
    const int x = cvRound(face.centre_x + side * d);
    if (x >= 0 && x < static_cast<int>(outline.size()) && outline[x] >= 0) points.emplace_back(x, outline[x]);
  }
  OutlineLine line;
  line.points = static_cast<int>(points.size());
  if (points.size() < std::max<size_t>(8, static_cast<size_t>(min_share * (d1 - d0 + 1)))) return line;
  std::vector<float> slopes, intercepts;
  for (size_t i = 0; i < points.size(); ++i)
    for (size_t j = i + 1; j < points.size(); ++j)
      slopes.push_back(static_cast<float>(points[j].y - points[i].y) / static_cast<float>(points[j].x - points[i].x));
  line.slope = percentile(slopes, 0.5);
  for (const cv::Point& p : points) intercepts.push_back(static_cast<float>(p.y - line.slope * p.x));
  line.intercept = percentile(intercepts, 0.5);
  std::vector<float> residuals;
  for (const cv::Point& p : points) residuals.push_back(static_cast<float>(std::abs(p.y - line.intercept - line.slope * p.x)));
  line.spread = percentile(residuals, 0.5);
  line.found = true;
  return line;
}

bool skinColour(const CheckContext& context, cv::Vec3f& skin) {
  using Measured = std::pair<bool, cv::Vec3f>;
  const Measured& measured = context.shared<Measured>("skin_colour", [&] {
    Measured m{false, {}};
    const std::vector<MeshPoint>& mesh = context.face_out.mesh;
    if (mesh.size() < static_cast<size_t>(kMeshPointCount)) return m;
    cv::Mat cheeks(context.output.size(), CV_8U, cv::Scalar(0));
    const int radius = std::max(2, cvRound(0.05 * faceFrame(context).width));
    for (int i : {50, 280})
      cv::circle(cheeks, cv::Point(cvRound(mesh[i].x), cvRound(mesh[i].y)), radius, cv::Scalar(255), cv::FILLED);
    m.first = medianLab(context.output_lab, cheeks & context.inside, m.second);
    return m;
  });
  if (measured.first) skin = measured.second;
  return measured.first;
}

bool skinLikeColour(const cv::Vec3f& lab, const cv::Vec3f& skin) {
  return hypotBelow(lab[1] - skin[1], lab[2] - skin[2], kSkinHue) && std::abs(lab[0] - skin[0]) < kSkinLightness;
}

cv::Mat skinLike(const CheckContext& context, const cv::Vec3f& skin, const cv::Rect& area) {
  cv::Mat like(context.output_lab.size(), CV_8U, cv::Scalar(0));
  const cv::Rect inside = area & cv::Rect(0, 0, like.cols, like.rows);
  for (int y = inside.y; y < inside.y + inside.height; ++y) {
    const cv::Vec3f* row = context.output_lab.ptr<cv::Vec3f>(y);
    std::uint8_t* out = like.ptr<std::uint8_t>(y);
    for (int x = inside.x; x < inside.x + inside.width; ++x) {
      if (skinLikeColour(row[x], skin)) out[x] = 255;
    }
  }
  return like;
}

double percentile(std::vector<float> values, double fraction) {
  if (values.empty()) return std::nan("");
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(fraction * values.size()));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
  return values[index];
}

}  // namespace gradphoto::background_body
