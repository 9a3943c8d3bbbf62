#include "checks/face_region_measures.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gradphoto::face_region {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// MediaPipe Face Mesh indices. Index 0 is the image-left side (the student's
// right on a non-mirrored photo), index 1 the image-right side.
struct SideIndices {
  int outer_corner, inner_corner, upper_lid, lower_lid;
  std::array<int, 16> eye_contour;
  std::array<int, 5> brow_upper;  // outer to inner
  int cheek;                      // on the cheekbone, below the eye
  int face_edge;                  // face oval at eye-to-nose height, beside the ear
};
constexpr std::array<SideIndices, 2> kSides{{
    {33, 133, 159, 145,
     {33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7},
     {70, 63, 105, 66, 107}, 50, 234},
    {263, 362, 386, 374,
     {263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249},
     {300, 293, 334, 296, 336}, 280, 454},
}};
constexpr std::array<int, 20> kInnerLip{78, 191, 80, 81, 82, 13, 312, 311, 310, 415,
                                        308, 324, 318, 402, 317, 14, 87, 178, 88, 95};
constexpr std::array<int, 20> kOuterLip{61, 185, 40, 39, 37, 0, 267, 269, 270, 409,
                                        291, 375, 321, 405, 314, 17, 84, 181, 91, 146};
constexpr int kInnerLipTop = 13, kInnerLipBottom = 14, kMouthLeft = 61, kMouthRight = 291;
constexpr int kNoseTip = 1;

// --- region sizes (measurement geometry, not verdicts) ---
// Iris diameter is about 11.7 mm and the eye opening about 28-30 mm wide, so the
// iris spans about 0.4 of the eye width.
constexpr double kIrisRadiusPerEyeWidth = 0.2;
// Lid margins and lashes are dark too; the iris search keeps the middle of the
// opening: the contour is pulled toward the corner line to this fraction.
constexpr double kIrisSearchOpening = 0.7;
// Below this openness the visible iris is a sliver and cannot be placed.
constexpr double kMinOpennessForIris = 0.1;
// A spectacle lens is about 1.4 eye widths wide and 1 eye width high, centred on the eye.
constexpr double kGlareBoxWidth = 1.4, kGlareBoxHeight = 1.0;
// The strip checked for hair starts just above the brow's upper edge (clear of
// brow hairs the mesh misses) and reaches up into the forehead.
constexpr double kBrowStripGap = 0.1, kBrowStripHeight = 0.35;  // eye widths
// The ear beside the face oval: horizontally from just outside point 234/454 out
// to 0.12 face widths (ears stand 1-3 cm off the head, the face is about 14 cm
// wide); vertically from the eye line to the nose tip.
constexpr double kEarBoxInner = 0.02, kEarBoxOuter = 0.12;  // face widths
// Cheek patch for the skin colour: a square this many eye widths across.
constexpr double kCheekPatch = 0.3;

// --- what counts as which kind of pixel ---
// Strongly red (red-eye): red at least twice green and blue and clearly lit;
// brown and hazel irises stay below 1.8x.
constexpr double kRedOverGreenBlue = 2.0, kRedMinimum = 80;
// Blown-out and colourless (glare): Lab L from 92 (RGB about 235) and chroma up to 12.
constexpr double kGlareMinL = 92, kGlareMaxChroma = 12;
// Teeth: brighter and less colourful than the lips (also works on greyscale photos,
// where only the brightness differs).
constexpr double kTeethBrighterThanLips = 10, kTeethChromaPerLipChroma = 0.6, kTeethChromaSlack = 4;
// Hair: darker than the cheek skin and far from its colour.
constexpr double kHairMinDeltaE = 20;
// Ear skin: close to the same side's cheek colour (ears are often a little
// redder or shadowed).
constexpr double kEarSkinMaxDeltaE = 18;

cv::Point2f at(const Face& face, int index) { return {face.mesh[index].x, face.mesh[index].y}; }

double distance(cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); }

double eyeWidth(const Face& face, int side) {
  return distance(at(face, kSides[side].outer_corner), at(face, kSides[side].inner_corner));
}

double sideOpenness(const Face& face, int side) {
  const SideIndices& s = kSides[side];
  const double width = eyeWidth(face, side);
  return width > 0 ? distance(at(face, s.upper_lid), at(face, s.lower_lid)) / width : 0;
}

// Unit vectors along the eye line (image-left to image-right) and up the face.
struct FaceFrame {
  cv::Point2f right, up;
};
FaceFrame faceFrame(const Face& face) {
  const cv::Point2f a = (at(face, 33) + at(face, 133)) * 0.5f, b = (at(face, 263) + at(face, 362)) * 0.5f;
  cv::Point2f right = b - a;
  const float length = std::hypot(right.x, right.y);
  right = length > 0 ? right / length : cv::Point2f(1, 0);
  return {right, {right.y, -right.x}};
}

// A polygon rasterised inside the image: its bounding box and a mask over it.
struct PixelRegion {
  cv::Rect box;
  cv::Mat mask;  // CV_8U, box-sized
  int count = 0;
};

PixelRegion rasterise(const std::vector<cv::Point2f>& polygon, cv::Size size) {
  PixelRegion region;
  if (polygon.size() < 3) return region;
  const cv::Rect bounds = cv::boundingRect(polygon);
  region.box = (bounds + cv::Size(1, 1)) & cv::Rect(0, 0, size.width, size.height);
  if (region.box.empty()) return region;
  region.mask = cv::Mat::zeros(region.box.size(), CV_8U);
  constexpr int kShift = 4;  // sub-pixel vertices
  std::vector<cv::Point> points;
  for (const cv::Point2f& p : polygon) {
    points.emplace_back(cvRound((p.x - region.box.x) * (1 << kShift)), cvRound((p.y - region.box.y) * (1 << kShift)));
  }
  cv::fillPoly(region.mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255), cv::LINE_8, kShift);
  region.count = cv::countNonZero(region.mask);
  return region;
}

template <typename Visit>
void forEachPixel(const PixelRegion& region, Visit visit) {
  for (int y = 0; y < region.box.height; ++y) {
    const std::uint8_t* row = region.mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < region.box.width; ++x) {
      if (row[x]) visit(region.box.x + x, region.box.y + y);
    }
  }
}

std::vector<cv::Point2f> polygonOf(const Face& face, const int* indices, size_t count) {
  std::vector<cv::Point2f> polygon;
  for (size_t i = 0; i < count; ++i) polygon.push_back(at(face, indices[i]));
  return polygon;
}

std::vector<cv::Point2f> eyePolygon(const Face& face, int side) {
  return polygonOf(face, kSides[side].eye_contour.data(), kSides[side].eye_contour.size());
}

// The eye contour pulled toward the line between the corners (drops lid margins and lashes).
std::vector<cv::Point2f> irisSearchPolygon(const Face& face, int side) {
  const cv::Point2f a = at(face, kSides[side].outer_corner), b = at(face, kSides[side].inner_corner);
  const cv::Point2f along = (b - a) / static_cast<float>(std::max(1e-6, distance(a, b)));
  const cv::Point2f normal(-along.y, along.x);
  std::vector<cv::Point2f> polygon = eyePolygon(face, side);
  for (cv::Point2f& p : polygon) {
    const float off = (p - a).dot(normal);
    p -= normal * static_cast<float>(off * (1 - kIrisSearchOpening));
  }
  return polygon;
}

std::vector<cv::Point2f> box(cv::Point2f centre, cv::Point2f right, cv::Point2f up, double half_width,
                             double half_height) {
  const cv::Point2f r = right * static_cast<float>(half_width), u = up * static_cast<float>(half_height);
  return {centre - r + u, centre + r + u, centre + r - u, centre - r - u};
}

float channel(const cv::Mat& lab, int x, int y, int c) { return lab.at<cv::Vec3f>(y, x)[c]; }

double chroma(const cv::Vec3f& lab) { return std::hypot(lab[1], lab[2]); }

float median(std::vector<float> values) {
  if (values.empty()) return std::numeric_limits<float>::quiet_NaN();
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// Median Lab of a region (NaN when empty).
cv::Vec3f medianLab(const cv::Mat& lab, const PixelRegion& region, const cv::Mat* exclude = nullptr,
                    cv::Rect exclude_box = {}) {
  std::array<std::vector<float>, 3> samples;
  forEachPixel(region, [&](int x, int y) {
    if (exclude != nullptr && exclude_box.contains({x, y}) &&
        exclude->at<std::uint8_t>(y - exclude_box.y, x - exclude_box.x)) {
      return;
    }
    const cv::Vec3f v = lab.at<cv::Vec3f>(y, x);
    for (int c = 0; c < 3; ++c) samples[c].push_back(v[c]);
  });
  return {median(samples[0]), median(samples[1]), median(samples[2])};
}

std::vector<cv::Point2f> cheekPatch(const Face& face, int side) {
  const FaceFrame frame = faceFrame(face);
  const double half = kCheekPatch * eyeWidth(face, side) / 2;
  return box(at(face, kSides[side].cheek), frame.right, frame.up, half, half);
}

cv::Vec3f cheekSkin(const CheckContext& context, int side) {
  return medianLab(context.output_lab, rasterise(cheekPatch(context.face_out, side), context.output.size()));
}

std::vector<cv::Point2f> glareBox(const Face& face, int side) {
  const FaceFrame frame = faceFrame(face);
  const double width = eyeWidth(face, side);
  const cv::Point2f centre = (at(face, kSides[side].outer_corner) + at(face, kSides[side].inner_corner)) * 0.5f;
  return box(centre, frame.right, frame.up, kGlareBoxWidth * width / 2, kGlareBoxHeight * width / 2);
}

std::vector<cv::Point2f> browStrip(const Face& face, int side) {
  const FaceFrame frame = faceFrame(face);
  const double width = eyeWidth(face, side);
  const cv::Point2f gap = frame.up * static_cast<float>(kBrowStripGap * width);
  const cv::Point2f top = frame.up * static_cast<float>((kBrowStripGap + kBrowStripHeight) * width);
  std::vector<cv::Point2f> strip;
  for (int index : kSides[side].brow_upper) strip.push_back(at(face, index) + gap);
  for (auto it = kSides[side].brow_upper.rbegin(); it != kSides[side].brow_upper.rend(); ++it) {
    strip.push_back(at(face, *it) + top);
  }
  return strip;
}

std::vector<cv::Point2f> earBox(const Face& face, int side) {
  const FaceFrame frame = faceFrame(face);
  const double face_width = distance(at(face, kSides[0].face_edge), at(face, kSides[1].face_edge));
  const cv::Point2f outward = side == 0 ? -frame.right : frame.right;
  const cv::Point2f edge = at(face, kSides[side].face_edge);
  const cv::Point2f eyes = (at(face, kSides[side].outer_corner) + at(face, kSides[side].inner_corner)) * 0.5f;
  const cv::Point2f nose = at(face, kNoseTip);
  // Heights along the face's up axis, measured from the face edge point.
  const float eye_height = (eyes - edge).dot(frame.up), nose_height = (nose - edge).dot(frame.up);
  const cv::Point2f inner = edge + outward * static_cast<float>(kEarBoxInner * face_width);
  const cv::Point2f outer = edge + outward * static_cast<float>(kEarBoxOuter * face_width);
  return {inner + frame.up * eye_height, outer + frame.up * eye_height, outer + frame.up * nose_height,
          inner + frame.up * nose_height};
}

}  // namespace

double eyeOpenness(const Face& face) { return std::min(sideOpenness(face, 0), sideOpenness(face, 1)); }

Iris locateIris(const CheckContext& context, int side) {
  const Face& face = context.face_out;
  Iris iris;
  iris.eye_width = static_cast<float>(eyeWidth(face, side));
  iris.eye_centre = (at(face, kSides[side].outer_corner) + at(face, kSides[side].inner_corner)) * 0.5f;
  iris.radius = static_cast<float>(kIrisRadiusPerEyeWidth * iris.eye_width);
  if (sideOpenness(face, side) < kMinOpennessForIris) return iris;
  const PixelRegion region = rasterise(irisSearchPolygon(face, side), context.output.size());
  if (region.count == 0) return iris;
  // Darkness profile across the eye: mean L per column, then the darkest window
  // one iris wide. Columns near the corners have few pixels; windows must hold at
  // least half as many pixels as the fullest one.
  const int columns = region.box.width;
  std::vector<double> sum(columns, 0), count(columns, 0);
  forEachPixel(region, [&](int x, int y) {
    sum[x - region.box.x] += channel(context.output_lab, x, y, 0);
    count[x - region.box.x] += 1;
  });
  const int half = std::max(1, static_cast<int>(std::lround(iris.radius)));
  std::vector<double> window_sum(columns, 0), window_count(columns, 0);
  double fullest = 0;
  for (int c = 0; c < columns; ++c) {
    for (int k = std::max(0, c - half); k <= std::min(columns - 1, c + half); ++k) {
      window_sum[c] += sum[k];
      window_count[c] += count[k];
    }
    fullest = std::max(fullest, window_count[c]);
  }
  int best = -1;
  double darkest = std::numeric_limits<double>::infinity();
  for (int c = 0; c < columns; ++c) {
    if (window_count[c] < 0.5 * fullest) continue;
    const double mean = window_sum[c] / window_count[c];
    if (mean < darkest) {
      darkest = mean;
      best = c;
    }
  }
  if (best < 0) return iris;
  // Vertically: the middle of the opening in that column.
  int top = region.box.height, bottom = -1;
  for (int y = 0; y < region.box.height; ++y) {
    if (region.mask.at<std::uint8_t>(y, best)) {
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
  }
  if (bottom < 0) return iris;
  iris.found = true;
  iris.centre = {static_cast<float>(region.box.x + best), static_cast<float>(region.box.y + (top + bottom) / 2.0)};
  return iris;
}

Gaze gazeOffset(const CheckContext& context) {
  Gaze gaze;
  const FaceFrame frame = faceFrame(context.face_out);
  std::array<double, 2> offsets{};
  for (int side = 0; side < 2; ++side) {
    const Iris iris = locateIris(context, side);
    if (!iris.found || iris.eye_width <= 0) return gaze;
    offsets[side] = (iris.centre - iris.eye_centre).dot(frame.right) / iris.eye_width;
  }
  gaze.measured = true;
  gaze.left = offsets[0];
  gaze.right = offsets[1];
  gaze.offset = (offsets[0] + offsets[1]) / 2;
  return gaze;
}

MouthOpening mouthOpening(const CheckContext& context) {
  const Face& face = context.face_out;
  MouthOpening mouth;
  const double width = distance(at(face, kMouthLeft), at(face, kMouthRight));
  const PixelRegion inner = rasterise(polygonOf(face, kInnerLip.data(), kInnerLip.size()), context.output.size());
  const PixelRegion outer = rasterise(polygonOf(face, kOuterLip.data(), kOuterLip.size()), context.output.size());
  if (width <= 0 || outer.count == 0) return mouth;
  mouth.measured = true;
  mouth.lip_gap = distance(at(face, kInnerLipTop), at(face, kInnerLipBottom)) / width;
  if (inner.count == 0) return mouth;
  // The lips: inside the outer contour, outside the inner one.
  const cv::Vec3f lips = medianLab(context.output_lab, outer, &inner.mask, inner.box);
  if (std::isnan(lips[0])) return mouth;
  const double lip_chroma = chroma(lips);
  int teeth = 0;
  forEachPixel(inner, [&](int x, int y) {
    const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
    if (v[0] >= lips[0] + kTeethBrighterThanLips &&
        chroma(v) <= kTeethChromaPerLipChroma * lip_chroma + kTeethChromaSlack) {
      ++teeth;
    }
  });
  mouth.teeth_height = teeth / (width * width);
  return mouth;
}

double redEyeShare(const CheckContext& context) {
  double worst = kNaN;
  for (int side = 0; side < 2; ++side) {
    const Iris iris = locateIris(context, side);
    if (!iris.found) return kNaN;
    const PixelRegion eye = rasterise(eyePolygon(context.face_out, side), context.output.size());
    int inside = 0, red = 0;
    forEachPixel(eye, [&](int x, int y) {
      if (std::hypot(x - iris.centre.x, y - iris.centre.y) > iris.radius) return;
      ++inside;
      const cv::Vec3b rgb = context.output.at<cv::Vec3b>(y, x);
      const double r = rgb[0], g = rgb[1], b = rgb[2];
      if (r >= kRedMinimum && r >= kRedOverGreenBlue * g && r >= kRedOverGreenBlue * b) ++red;
    });
    if (inside == 0) return kNaN;
    const double share = static_cast<double>(red) / inside;
    worst = std::isnan(worst) ? share : std::max(worst, share);
  }
  return worst;
}

double glareShare(const CheckContext& context) {
  double worst = kNaN;
  for (int side = 0; side < 2; ++side) {
    const PixelRegion region = rasterise(glareBox(context.face_out, side), context.output.size());
    if (region.count == 0) return kNaN;
    int glare = 0;
    forEachPixel(region, [&](int x, int y) {
      const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
      if (v[0] >= kGlareMinL && chroma(v) <= kGlareMaxChroma) ++glare;
    });
    const double share = static_cast<double>(glare) / region.count;
    worst = std::isnan(worst) ? share : std::max(worst, share);
  }
  return worst;
}

double hairOverBrowsShare(const CheckContext& context) {
  double worst = kNaN;
  for (int side = 0; side < 2; ++side) {
    const cv::Vec3f skin = cheekSkin(context, side);
    const PixelRegion strip = rasterise(browStrip(context.face_out, side), context.output.size());
    if (strip.count == 0 || std::isnan(skin[0])) return kNaN;
    int hair = 0;
    forEachPixel(strip, [&](int x, int y) {
      const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
      if (v[0] < skin[0] && cv::norm(v - skin) > kHairMinDeltaE) ++hair;
    });
    const double share = static_cast<double>(hair) / strip.count;
    worst = std::isnan(worst) ? share : std::max(worst, share);
  }
  return worst;
}

Ears earSkinShares(const CheckContext& context) {
  Ears ears;
  std::array<double, 2> shares{};
  for (int side = 0; side < 2; ++side) {
    const cv::Vec3f skin = cheekSkin(context, side);
    const PixelRegion region = rasterise(earBox(context.face_out, side), context.output.size());
    if (region.count == 0 || std::isnan(skin[0])) return ears;
    int skin_like = 0;
    forEachPixel(region, [&](int x, int y) {
      if (!context.person.at<std::uint8_t>(y, x)) return;
      if (cv::norm(context.output_lab.at<cv::Vec3f>(y, x) - skin) <= kEarSkinMaxDeltaE) ++skin_like;
    });
    shares[side] = static_cast<double>(skin_like) / region.count;
  }
  ears.measured = true;
  ears.left = shares[0];
  ears.right = shares[1];
  return ears;
}

Regions regions(const CheckContext& context) {
  const Face& face = context.face_out;
  Regions r;
  for (int side = 0; side < 2; ++side) {
    r.eyes.push_back(eyePolygon(face, side));
    r.glare_boxes.push_back(glareBox(face, side));
    r.brow_strips.push_back(browStrip(face, side));
    r.ear_boxes.push_back(earBox(face, side));
    r.cheeks.push_back(cheekPatch(face, side));
  }
  r.inner_lip.push_back(polygonOf(face, kInnerLip.data(), kInnerLip.size()));
  return r;
}

}  // namespace gradphoto::face_region
