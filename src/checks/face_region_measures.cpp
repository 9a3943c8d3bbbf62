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
  std::array<int, 4> brow_upper;  // upper edge, from the middle of the brow to its inner end
  int cheek;                      // on the cheekbone, below the eye
  int face_edge;                  // face oval at eye-to-nose height, beside the ear
};
constexpr std::array<SideIndices, 2> kSides{{
    {33, 133, 159, 145,
     {33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7},
     {63, 105, 66, 107}, 50, 234},
    {263, 362, 386, 374,
     {263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249},
     {293, 334, 296, 336}, 280, 454},
}};
constexpr std::array<int, 20> kInnerLip{78, 191, 80, 81, 82, 13, 312, 311, 310, 415,
                                        308, 324, 318, 402, 317, 14, 87, 178, 88, 95};
constexpr std::array<int, 20> kOuterLip{61, 185, 40, 39, 37, 0, 267, 269, 270, 409,
                                        291, 375, 321, 405, 314, 17, 84, 181, 91, 146};
constexpr int kInnerLipTop = 13, kInnerLipBottom = 14, kMouthLeft = 61, kMouthRight = 291;
constexpr int kNoseTip = 1, kUpperLipTop = 0;

// --- region sizes (measurement geometry, not verdicts) ---
// Iris diameter is about 11.7 mm and the eye opening about 28-30 mm wide, so the
// iris spans about 0.4 of the eye width.
constexpr double kIrisRadiusPerEyeWidth = 0.2;
// The pupil and the inner iris: dark in every eye colour.
constexpr double kIrisCoreRadiusPerEyeWidth = 0.1;
// Lid margins and lashes are dark too; the iris search keeps the middle of the
// opening: the contour is pulled toward the corner line to this fraction.
constexpr double kIrisSearchOpening = 0.7;
// Below this openness the visible iris is a sliver and cannot be placed.
constexpr double kMinOpennessForIris = 0.1;
constexpr int kMinIrisSearchPixels = 20;
// How much darker the iris core is than the opening beside the iris (relative
// contrast of the Lab L medians, so that dim or one-sided light does not matter)
// for the lid gap to count in full; below it the gap is scaled down in
// proportion. The less contrasted eye of each of the 50 open-eyed webmorph photos
// (neutral, smiling, Canada, lisa) reaches 0.30-0.84 (median 0.64; 0.29 at the
// id-card size); the closed lids (skin and lashes) of the 28 closed-eye crops give
// 0.02-0.63, 24 of them under 0.4.
constexpr double kOpenIrisContrast = 0.4;
// Below this eye width in camera pixels (Yale's 320x243 faces: about 20) the iris
// is not resolved and the openness rests on the lid gap alone.
constexpr double kMinPhotoEyeWidthForIris = 30;
// The iris fills about half of the opening; its core is the darkest third.
constexpr double kIrisDarkShare = 0.35;
// A spectacle lens is about 1.4 eye widths wide and 1 eye width high, centred on the eye.
constexpr double kGlareBoxWidth = 1.4, kGlareBoxHeight = 1.0;
// The strip checked for hair starts above the brow's upper edge (clear of brow
// hairs the mesh places too low) and reaches up into the forehead. It leaves out
// the outer quarter of the brow, where it would reach the hair at the temples.
constexpr double kBrowStripGap = 0.25, kBrowStripHeight = 0.3;  // eye widths
// The ear beside the face oval: horizontally from just outside point 234/454 out
// to 0.12 face widths (ears stand 1-3 cm off the head, the face is about 14 cm
// wide); vertically from the eye line to halfway between the nose tip and the
// upper lip (the ear spans brow to nose base; its middle part is the surest).
constexpr double kEarBoxInner = 0.02, kEarBoxOuter = 0.12;  // face widths
// A region is measured only when most of it lies in the photo.
constexpr double kMinInsideShare = 0.5;
// Cheek patch for the skin colour: a square this many eye widths across.
constexpr double kCheekPatch = 0.3;

// --- what counts as which kind of pixel ---
// Strongly red (red-eye): red at least 2.5 times green and blue, clearly lit, and
// redder than the same face's skin by 15 in Lab a* (so that a face lit orange does
// not count); brown and hazel irises stay below 2x.
constexpr double kRedOverGreenBlue = 2.5, kRedMinimum = 100, kRedderThanSkin = 15;
// Blown-out and colourless (glare): Lab L from 92 (RGB about 235), chroma up to
// 12, and clearly brighter than the cheek skin (on an overexposed face the skin is
// blown out too; that is the exposure check's to report, not a reflection).
constexpr double kGlareMinL = 92, kGlareMaxChroma = 12, kGlareOverSkinL = 8;
// A tenth of the opening blown out (a catchlight is far smaller) can hide the iris.
constexpr double kGlareHidesIris = 0.1;
// The mouth's opening is measured over the middle of the mouth (fractions of the
// corner-to-corner line), where a lip gap or teeth show first.
constexpr double kMouthCentreFrom = 0.3, kMouthCentreTo = 0.7;
// Teeth: nearly colourless (chroma at most 0.2 of L; lips and skin are 0.3-0.4)
// and brighter than the lips. On a greyscale photo only the brightness tells, so
// the margin is larger there.
constexpr double kTeethMaxChromaPerL = 0.2, kTeethBrighterThanLips = 5, kTeethBrighterThanLipsGrey = 15;
constexpr double kColourlessChroma = 2;
// Mouth cavity: at most half the lips' lightness (the closed lips' seam is
// thinner than a pixel row or two at output size).
constexpr double kCavityPerLipL = 0.5;
// Hair: much darker than the cheek skin. Forehead skin is up to a fifth darker
// than the cheek under studio light (0.8 on neutral_front 006), hair over it is
// about half as light or darker.
constexpr double kHairPerSkinL = 0.55;
// Ear skin: close to the same side's cheek colour (ears are often a little
// redder or shadowed) and not much darker: on dark skin, dark hair is within
// the colour distance but far darker.
constexpr double kEarSkinMaxDeltaE = 18, kEarMinLPerSkinL = 0.7;

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

// Share of a region's pixels that came from the photo (not padding of an
// infeasible crop).
double insideShare(const CheckContext& context, const PixelRegion& region) {
  if (region.count == 0 || context.inside.empty()) return region.count == 0 ? 0 : 1;
  int inside = 0;
  for (int y = 0; y < region.box.height; ++y) {
    const std::uint8_t* row = region.mask.ptr<std::uint8_t>(y);
    const std::uint8_t* from_photo = context.inside.ptr<std::uint8_t>(region.box.y + y) + region.box.x;
    for (int x = 0; x < region.box.width; ++x) inside += row[x] && from_photo[x];
  }
  return static_cast<double>(inside) / region.count;
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

bool stronglyRed(const cv::Vec3b& rgb) {
  const double r = rgb[0], g = rgb[1], b = rgb[2];
  return r >= kRedMinimum && r >= kRedOverGreenBlue * g && r >= kRedOverGreenBlue * b;
}

// The lightness the iris search works on: Lab L, except that a strongly red
// pixel counts by its green channel, so that a red-eye pupil is as dark as a
// normal one and the iris is still found (and the eye still counts as open).
float irisLightness(const CheckContext& context, int x, int y) {
  const cv::Vec3b rgb = context.output.at<cv::Vec3b>(y, x);
  return stronglyRed(rgb) ? rgb[1] * (100.0f / 255.0f) : channel(context.output_lab, x, y, 0);
}

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

PixelRegion eyeRegion(const CheckContext& context, int side) {
  return rasterise(eyePolygon(context.face_out, side), context.output.size());
}

// Share of blown-out, colourless pixels brighter than the side's cheek skin
// (NaN without a skin colour).
double glareShareIn(const CheckContext& context, const PixelRegion& region, int side) {
  const cv::Vec3f skin = cheekSkin(context, side);
  if (region.count == 0 || std::isnan(skin[0])) return kNaN;
  const double min_l = std::max(kGlareMinL, skin[0] + kGlareOverSkinL);
  int glare = 0;
  forEachPixel(region, [&](int x, int y) {
    const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
    glare += v[0] >= min_l && chroma(v) <= kGlareMaxChroma;
  });
  return static_cast<double>(glare) / region.count;
}

std::vector<cv::Point2f> earBox(const Face& face, int side) {
  const FaceFrame frame = faceFrame(face);
  const double face_width = distance(at(face, kSides[0].face_edge), at(face, kSides[1].face_edge));
  const cv::Point2f outward = side == 0 ? -frame.right : frame.right;
  const cv::Point2f edge = at(face, kSides[side].face_edge);
  const cv::Point2f eyes = (at(face, kSides[side].outer_corner) + at(face, kSides[side].inner_corner)) * 0.5f;
  const cv::Point2f nose = (at(face, kNoseTip) + at(face, kUpperLipTop)) * 0.5f;
  // Heights along the face's up axis, measured from the face edge point.
  const float eye_height = (eyes - edge).dot(frame.up), nose_height = (nose - edge).dot(frame.up);
  const cv::Point2f inner = edge + outward * static_cast<float>(kEarBoxInner * face_width);
  const cv::Point2f outer = edge + outward * static_cast<float>(kEarBoxOuter * face_width);
  return {inner + frame.up * eye_height, outer + frame.up * eye_height, outer + frame.up * nose_height,
          inner + frame.up * nose_height};
}

}  // namespace

double eyeOpenness(const CheckContext& context) {
  double openness = std::numeric_limits<double>::infinity();
  for (int side = 0; side < 2; ++side) {
    double value = sideOpenness(context.face_out, side);
    // Face Mesh often leaves closed lids apart, so the gap counts in full only
    // when an iris darker than the rest of the opening is seen between the lids.
    // That needs an eye recorded with enough camera pixels, and an opening not
    // hidden by a reflection (glasses glare is glasses.glare's to report).
    const double photo_eye_width = eyeWidth(context.face_out, side) / context.crop.scale;
    const bool hidden_by_glare = glareShareIn(context, eyeRegion(context, side), side) >= kGlareHidesIris;
    if (photo_eye_width >= kMinPhotoEyeWidthForIris && !hidden_by_glare) {
      const Iris iris = locateIris(context, side);
      const double contrast = iris.found ? std::max(0.0, iris.contrast) : 0.0;
      value *= std::min(1.0, contrast / kOpenIrisContrast);
    }
    openness = std::min(openness, value);
  }
  return openness;
}

Iris locateIris(const CheckContext& context, int side) {
  const Face& face = context.face_out;
  Iris iris;
  iris.eye_width = static_cast<float>(eyeWidth(face, side));
  iris.eye_centre = (at(face, kSides[side].outer_corner) + at(face, kSides[side].inner_corner)) * 0.5f;
  iris.radius = static_cast<float>(kIrisRadiusPerEyeWidth * iris.eye_width);
  if (sideOpenness(face, side) < kMinOpennessForIris) return iris;
  const PixelRegion region = rasterise(irisSearchPolygon(face, side), context.output.size());
  if (region.count < kMinIrisSearchPixels) return iris;
  // The iris is the widest block of dark pixels across the opening: count the
  // darkest pixels per column and take the window one iris wide that holds the
  // most. Counting (not averaging) keeps the catchlight in the iris from pushing
  // the window toward the lashes at a corner.
  std::vector<float> lightness;
  forEachPixel(region, [&](int x, int y) { lightness.push_back(irisLightness(context, x, y)); });
  const auto cut = lightness.begin() + static_cast<std::ptrdiff_t>(kIrisDarkShare * (lightness.size() - 1));
  std::nth_element(lightness.begin(), cut, lightness.end());
  const float dark_limit = *cut;
  const int columns = region.box.width;
  std::vector<int> dark(columns, 0);
  forEachPixel(region, [&](int x, int y) {
    if (irisLightness(context, x, y) <= dark_limit) ++dark[x - region.box.x];
  });
  const int half = std::max(1, static_cast<int>(std::lround(iris.radius)));
  int best = -1, most = 0;
  for (int c = 0; c < columns; ++c) {
    int in_window = 0;
    for (int k = std::max(0, c - half); k <= std::min(columns - 1, c + half); ++k) in_window += dark[k];
    if (in_window > most) {
      most = in_window;
      best = c;
    }
  }
  if (best < 0) return iris;
  // Centre: the centroid of the dark pixels in the window.
  double sum_x = 0, sum_y = 0;
  int n = 0;
  forEachPixel(region, [&](int x, int y) {
    if (std::abs(x - region.box.x - best) <= half && irisLightness(context, x, y) <= dark_limit) {
      sum_x += x;
      sum_y += y;
      ++n;
    }
  });
  if (n == 0) return iris;
  iris.found = true;
  iris.centre = {static_cast<float>(sum_x / n), static_cast<float>(sum_y / n)};
  // Contrast: the iris core (pupil and inner iris, dark even in pale blue eyes)
  // against the opening outside the iris disc (sclera); medians, so that the
  // catchlight does not count.
  const double core = kIrisCoreRadiusPerEyeWidth * iris.eye_width;
  std::vector<float> inside, outside;
  forEachPixel(region, [&](int x, int y) {
    const double r = std::hypot(x - iris.centre.x, y - iris.centre.y);
    if (r <= core) inside.push_back(irisLightness(context, x, y));
    else if (r > iris.radius) outside.push_back(irisLightness(context, x, y));
  });
  if (!inside.empty() && !outside.empty()) {
    iris.opening_lightness = median(outside);
    iris.contrast = (iris.opening_lightness - median(inside)) / std::max(1.0, iris.opening_lightness);
  }
  return iris;
}

Gaze gazeOffset(const CheckContext& context) {
  Gaze gaze;
  const FaceFrame frame = faceFrame(context.face_out);
  std::array<double, 2> offsets{};
  for (int side = 0; side < 2; ++side) {
    const Iris iris = locateIris(context, side);
    if (!iris.visible() || iris.eye_width <= 0) return gaze;
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
  const cv::Point2f left = at(face, kMouthLeft), right = at(face, kMouthRight);
  const double width = distance(left, right);
  const PixelRegion inner = rasterise(polygonOf(face, kInnerLip.data(), kInnerLip.size()), context.output.size());
  const PixelRegion outer = rasterise(polygonOf(face, kOuterLip.data(), kOuterLip.size()), context.output.size());
  if (width <= 0 || outer.count == 0) return mouth;
  mouth.measured = true;
  mouth.lip_gap = distance(at(face, kInnerLipTop), at(face, kInnerLipBottom)) / width;
  // The lips: inside the outer contour, outside the inner one.
  const cv::Vec3f lips = medianLab(context.output_lab, outer, inner.count > 0 ? &inner.mask : nullptr, inner.box);
  if (std::isnan(lips[0])) return mouth;
  const bool colourless = chroma(lips) < kColourlessChroma;
  const double teeth_min_l = lips[0] + (colourless ? kTeethBrighterThanLipsGrey : kTeethBrighterThanLips);
  const cv::Point2f along = (right - left) / static_cast<float>(width);
  auto central = [&](int x, int y) {
    const double t = (cv::Point2f(static_cast<float>(x), static_cast<float>(y)) - left).dot(along) / width;
    return t >= kMouthCentreFrom && t <= kMouthCentreTo;
  };
  // Teeth inside the inner lip contour (the outer one also holds lip highlights,
  // which are bright and colourless too); the cavity anywhere between the outer
  // contours (Face Mesh often keeps the inner contour too closed on an open mouth).
  int teeth = 0, cavity = 0;
  forEachPixel(inner, [&](int x, int y) {
    const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
    if (central(x, y) && v[0] >= teeth_min_l && chroma(v) <= kTeethMaxChromaPerL * v[0]) ++teeth;
  });
  forEachPixel(outer, [&](int x, int y) {
    if (central(x, y) && context.output_lab.at<cv::Vec3f>(y, x)[0] <= kCavityPerLipL * lips[0]) ++cavity;
  });
  const double span = (kMouthCentreTo - kMouthCentreFrom) * width;
  mouth.teeth_height = teeth / span / width;
  mouth.cavity_height = cavity / span / width;
  return mouth;
}

double redEyeShare(const CheckContext& context) {
  double worst = kNaN;
  for (int side = 0; side < 2; ++side) {
    const Iris iris = locateIris(context, side);
    if (!iris.visible()) return kNaN;
    const PixelRegion eye = rasterise(eyePolygon(context.face_out, side), context.output.size());
    const cv::Vec3f skin = cheekSkin(context, side);
    if (std::isnan(skin[1])) return kNaN;
    int inside = 0, red = 0;
    forEachPixel(eye, [&](int x, int y) {
      if (std::hypot(x - iris.centre.x, y - iris.centre.y) > iris.radius) return;
      ++inside;
      if (stronglyRed(context.output.at<cv::Vec3b>(y, x)) &&
          channel(context.output_lab, x, y, 1) >= skin[1] + kRedderThanSkin) {
        ++red;
      }
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
    if (insideShare(context, region) < kMinInsideShare) return kNaN;
    const double share = glareShareIn(context, region, side);
    if (std::isnan(share)) return kNaN;
    worst = std::isnan(worst) ? share : std::max(worst, share);
  }
  return worst;
}

double hairOverBrowsShare(const CheckContext& context) {
  double worst = kNaN;
  for (int side = 0; side < 2; ++side) {
    const cv::Vec3f skin = cheekSkin(context, side);
    const PixelRegion strip = rasterise(browStrip(context.face_out, side), context.output.size());
    if (insideShare(context, strip) < kMinInsideShare || std::isnan(skin[0])) return kNaN;
    int hair = 0;
    forEachPixel(strip, [&](int x, int y) {
      const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
      if (v[0] < kHairPerSkinL * skin[0]) ++hair;
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
    if (insideShare(context, region) < kMinInsideShare || std::isnan(skin[0])) return ears;
    const cv::Vec3f background = context.segmentation.background_lab;
    int skin_like = 0;
    forEachPixel(region, [&](int x, int y) {
      const cv::Vec3f v = context.output_lab.at<cv::Vec3f>(y, x);
      const double to_skin = cv::norm(v - skin);
      if (to_skin > kEarSkinMaxDeltaE || v[0] < kEarMinLPerSkinL * skin[0]) return;
      // Ear, not background: inside the person mask, or at least nearer the skin
      // colour than the background's (the mask misses pale skin on a pale background).
      if (context.person.at<std::uint8_t>(y, x) || to_skin < cv::norm(v - background)) ++skin_like;
    });
    shares[side] = static_cast<double>(skin_like) / region.count;
  }
  ears.measured = true;
  ears.left = shares[0];
  ears.right = shares[1];
  return ears;
}

}  // namespace gradphoto::face_region
