#include "checks/image_quality_measures.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <string_view>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "checks/check.h"
#include "checks/lab_planes.h"
#include "image/mask_morphology.h"

namespace gradphoto::image_quality {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// MediaPipe Face Mesh indices (face_mesh_connections).
constexpr std::array<int, 36> kFaceOval{10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288,
                                        397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
                                        172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109};
constexpr std::array<int, 20> kLipsOuter{61,  146, 91,  181, 84,  17,  314, 405, 321, 375,
                                         291, 409, 270, 269, 267, 0,   37,  39,  40,  185};
constexpr std::array<int, 16> kEyeImageLeft{33,  7,   163, 144, 145, 153, 154, 155,
                                            133, 173, 157, 158, 159, 160, 161, 246};
constexpr std::array<int, 16> kEyeImageRight{263, 249, 390, 373, 374, 380, 381, 382,
                                             362, 398, 384, 385, 386, 387, 388, 466};
constexpr std::array<int, 10> kBrowImageLeft{46, 53, 52, 65, 55, 70, 63, 105, 66, 107};
constexpr std::array<int, 10> kBrowImageRight{276, 283, 282, 295, 285, 300, 293, 334, 296, 336};
// Upper cheeks, below the eyes and above the beard line: the cheekbone (50/280)
// and the points between it and the lower lid (118, 101 / 347, 330).
constexpr std::array<int, 3> kUpperCheekImageLeft{118, 50, 101};
constexpr std::array<int, 3> kUpperCheekImageRight{347, 280, 330};
// Skin-texture patches: cheekbones, mid and lower cheeks, beside the nose.
constexpr std::array<int, 8> kTextureCheeks{50, 205, 187, 36, 280, 425, 411, 266};

// --- region sizes (measurement geometry, not verdicts) ---
// Eyes, brows and lips are left out with a margin of 3% of the face width (lashes,
// the lip line); the face oval is pulled in by the same margin so that hair at the
// hairline and background beside the jaw stay out.
constexpr double kFeatureMargin = 0.03;
// Cheek and texture patches: discs of 8% of the face width (about 1.1 cm).
constexpr double kPatchRadius = 0.08;
// Fewer pixels than this in a region and its statistics are noise.
constexpr int kMinRegionPixels = 30;
constexpr int kMinSkinPixels = 200;

// Sharpness bands, output pixels: the fine band (sigma 1) holds lashes, pores and
// hair strands at the 480x640 scale; the coarse band (1 to 4) the shapes of eyes,
// nose and mouth, which survive a blur. (Bands in face widths instead lose the
// fine band below one pixel on the smaller id-card crop.)
constexpr double kFineSigma = 1.0, kCoarseSigma = 4.0;
// A camera JPEG shows block edges up to about this much above the steps inside
// blocks (webmorph photos 1.15-1.78; quality 50 re-encodes of them 1.5-2.1, quality
// 35 up to 3.3): beyond it, the "detail" is the blocks' edges and ringing, so the
// detail ratio is divided by the excess.
constexpr double kCameraBlockiness = 2.5;
constexpr int kJpegBlock = 8;
constexpr int kBlockinessLines = 400;

// Eye whites: the brightest 3% of the eye opening (not the iris, not the lid), of
// the brighter eye. Exposure brightens both eyes alike: the two eyes' values differ
// by at most 4.7 L* on the variant tool's originals, 6.7 on its over-exposed and 3.1
// on its under-exposed variants, 5.5 on smiling_front. A reflection on one lens of
// a pair of glasses (glasses.glare's business) covers that eye with white instead:
// 30-44 L* apart on the glasses_glare variants. Beyond 10 L* the dimmer eye counts.
constexpr double kEyeWhitePercentile = 0.97;
constexpr double kEyeWhiteReflection = 10.0;
constexpr double kSkinHighlightPercentile = 0.90;
constexpr double kClipHigh = 97, kClipLow = 3;  // L*

// Specular skin: at least halfway from the skin's median L* to white and with
// under 60% of the skin's median chroma (a highlight is the light's colour, not
// the skin's).
constexpr double kSpecularLightness = 0.5;
constexpr double kSpecularChroma = 0.6;

// Screen grid: a window of the photo around the face, at the photo's own pixels
// (a screen's grid is 2-6 camera pixels; the downscaled crop would alias it).
constexpr int kGridWindowMax = 512, kGridWindowMin = 128, kGridWindowStep = 128;
// Detail finer than this (Gaussian sigma, photo pixels) is what a grid adds.
constexpr double kGridHighPassSigma = 2.0;
// Frequencies looked at (cycles per pixel): coarser is face structure.
constexpr double kGridMinFrequency = 0.08, kGridMaxFrequency = 0.5;
// Bins left out next to the axes (edges of hair, collar and frame put energy
// there) and around the JPEG block lattice (multiples of 1/16 cycle per pixel).
constexpr int kGridAxisBins = 3, kGridLatticeBins = 2;
constexpr int kGridRings = 64;
constexpr int kGridMinRingBins = 20;

template <std::size_t N>
cv::Mat hullMask(cv::Size size, const Face& face, const std::array<int, N>& indices) {
  std::vector<cv::Point> points, hull;
  for (int i : indices) points.push_back(cv::Point(cvRound(face.mesh[i].x), cvRound(face.mesh[i].y)));
  cv::convexHull(points, hull);
  cv::Mat mask = cv::Mat::zeros(size, CV_8U);
  cv::fillConvexPoly(mask, hull, cv::Scalar(255));
  return mask;
}

template <std::size_t N>
cv::Mat discs(cv::Size size, const Face& face, const std::array<int, N>& indices, int radius) {
  cv::Mat mask = cv::Mat::zeros(size, CV_8U);
  for (int i : indices) cv::circle(mask, cv::Point(cvRound(face.mesh[i].x), cvRound(face.mesh[i].y)), radius, 255, -1);
  return mask;
}

// Percentile (0..1) of a CV_32F image under a mask; NaN for an empty mask.
double percentile(const cv::Mat& values, const cv::Mat& mask, double q) {
  std::vector<float> v;
  v.reserve(static_cast<std::size_t>(cv::countNonZero(mask)));
  for (int y = 0; y < values.rows; ++y) {
    const float* row = values.ptr<float>(y);
    const uchar* m = mask.ptr<uchar>(y);
    for (int x = 0; x < values.cols; ++x)
      if (m[x]) v.push_back(row[x]);
  }
  if (v.empty()) return kNaN;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

double rms(const cv::Mat& values, const cv::Mat& mask) {
  const cv::Mat squared = values.mul(values);
  return std::sqrt(cv::mean(squared, mask)[0]);
}

// rms(a - b, mask) without the three whole-image float passes and two 1.2 MB
// temporaries (the face is a fifth of the output): OpenCV's arithmetic, pixel by
// pixel: the difference and its square rounded to float, the masked squares summed
// in double in row order (as cv::mean's masked sum does), times 1/count.
double rmsOfDifference(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask) {
  double sum = 0;
  int count = 0;
  for (int y = 0; y < a.rows; ++y) {
    const float* pa = a.ptr<float>(y);
    const float* pb = b.ptr<float>(y);
    const std::uint8_t* m = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < a.cols; ++x) {
      if (!m[x]) continue;
      const float difference = pa[x] - pb[x];
      const float squared = difference * difference;
      sum += squared;
      ++count;
    }
  }
  return std::sqrt(sum * (count ? 1. / count : 0));
}

const cv::Mat& lightness(const CheckContext& context) { return labPlanes(context)[0]; }

// L* under a Gaussian blur of `sigma` output pixels, over the face and a margin
// (0.15 face widths: the eyes' lash margin and more); 0 elsewhere. The sharpness
// and texture measures read it only on the face, and share the same blur.
const cv::Mat& blurredLightness(const CheckContext& context, double sigma) {
  return context.shared<cv::Mat>("lightness_blur:" + formatNumber(sigma, 3), [&] {
    const cv::Mat& l = lightness(context);
    cv::Mat blurred(l.size(), CV_32F, cv::Scalar(0));
    std::vector<cv::Point> points;
    for (const MeshPoint& p : context.face_out.mesh) points.emplace_back(cvRound(p.x), cvRound(p.y));
    if (points.empty()) return blurred;
    const KeyPoints& k = context.face_out.key_points;
    const int margin = cvRound(0.15 * std::hypot(k.face_right.x - k.face_left.x, k.face_right.y - k.face_left.y));
    cv::Rect face = cv::boundingRect(points);
    face = cv::Rect(face.x - margin, face.y - margin, face.width + 2 * margin, face.height + 2 * margin) &
           cv::Rect(0, 0, l.cols, l.rows);
    // A region of a larger image is blurred with its real neighbours beyond the
    // region's edge (OpenCV reads them), so the values equal a whole-image blur.
    cv::Mat region = blurred(face);
    if (!face.empty()) cv::GaussianBlur(l(face), region, cv::Size(), sigma);
    return blurred;
  });
}

bool hasMesh(const CheckContext& context) {
  return context.face != nullptr && context.face_out.mesh.size() >= static_cast<std::size_t>(kMeshPointCount) &&
         !context.output_lab.empty();
}

// One channel of the photo carrying luminance: grey, or green (which dominates
// luma and is sampled at full resolution by cameras).
// The photo's green channel (a luminance stand-in that keeps the camera's own
// pixel grid), read in place: a 48-megapixel photo is never copied or converted
// whole, only the few hundred thousand pixels a measure looks at.
struct PhotoLuma {
  const std::uint8_t* data = nullptr;
  std::size_t step = 0;
  int channels = 0, offset = 0;
  int cols = 0, rows = 0;

  bool empty() const { return data == nullptr; }
  cv::Size size() const { return {cols, rows}; }
  const std::uint8_t* row(int y) const { return data + step * static_cast<std::size_t>(y) + offset; }
  std::uint8_t at(const std::uint8_t* row_start, int x) const { return row_start[x * channels]; }

  // A copy of one rectangle as an 8-bit single-channel image.
  cv::Mat copy(const cv::Rect& r) const {
    cv::Mat out(r.size(), CV_8U);
    for (int y = 0; y < r.height; ++y) {
      const std::uint8_t* src = row(r.y + y);
      std::uint8_t* dst = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < r.width; ++x) dst[x] = at(src, r.x + x);
    }
    return out;
  }
};

PhotoLuma photoLuminance(const ImageView& photo) {
  PhotoLuma luma;
  if (photo.data == nullptr || photo.width <= 0 || photo.height <= 0) return luma;
  luma.data = photo.data;
  luma.step = static_cast<std::size_t>(photo.rowBytes());
  luma.channels = channelCount(photo.format);
  luma.offset = luma.channels == 1 ? 0 : 1;  // green sits in the middle of RGB, BGR and RGBA alike
  luma.cols = photo.width;
  luma.rows = photo.height;
  return luma;
}

// The mesh's bounding box in photo pixels, clipped to the photo.
cv::Rect facePhotoBox(const Face& face, cv::Size photo) {
  float x0 = std::numeric_limits<float>::max(), y0 = x0, x1 = -x0, y1 = -x0;
  for (const MeshPoint& p : face.mesh) {
    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  }
  const cv::Rect box(cv::Point(static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(y0))),
                     cv::Point(static_cast<int>(std::ceil(x1)), static_cast<int>(std::ceil(y1))));
  return box & cv::Rect(0, 0, photo.width, photo.height);
}

// Sums of absolute steps between neighbours that straddle a block edge (edge) and
// that do not (inside), along one direction. The block grid starts at the photo's
// first pixel, or at its last one when the photo was rotated from the camera's
// orientation after encoding: the phase with the stronger edges is used.
struct StepSums {
  double edge = 0, inside = 0;
  double edge_count = 0, inside_count = 0;
};

StepSums blockSteps(const PhotoLuma& luma, const cv::Rect& box, bool horizontal) {
  const int extent = horizontal ? luma.cols : luma.rows;
  // Lines along the steps are sampled: a few hundred of them are plenty, and a
  // 48-megapixel photo's face stays cheap.
  const int line_step = std::max(1, (horizontal ? box.height : box.width) / kBlockinessLines);
  // One pass for both phases: the steps summed by the position of the step's far
  // pixel within its block. The steps are whole numbers, so these integer sums are
  // exactly the doubles the per-phase passes added up before.
  std::int64_t sum[kJpegBlock] = {}, count[kJpegBlock] = {};
  for (int y = box.y; y < box.y + box.height - (horizontal ? 0 : 1); y += horizontal ? line_step : 1) {
    const std::uint8_t* row = luma.row(y);
    const std::uint8_t* next = horizontal ? row : luma.row(y + 1);
    for (int x = box.x; x < box.x + box.width - (horizontal ? 1 : 0); x += horizontal ? 1 : line_step) {
      const int step = horizontal ? std::abs(luma.at(row, x + 1) - luma.at(row, x))
                                  : std::abs(luma.at(next, x) - luma.at(row, x));
      // The step between positions c-1 and c crosses an edge when c is on the grid.
      const int c = (horizontal ? x : y) + 1;
      sum[c % kJpegBlock] += step;
      count[c % kJpegBlock] += 1;
    }
  }
  std::int64_t total = 0, total_count = 0;
  for (int i = 0; i < kJpegBlock; ++i) {
    total += sum[i];
    total_count += count[i];
  }
  StepSums best;
  double best_ratio = -1;
  for (const int phase : {0, extent % kJpegBlock}) {
    StepSums s;
    s.edge = static_cast<double>(sum[phase]);
    s.edge_count = static_cast<double>(count[phase]);
    s.inside = static_cast<double>(total - sum[phase]);
    s.inside_count = static_cast<double>(total_count - count[phase]);
    const double ratio = s.inside > 0 && s.edge_count > 0 ? (s.edge / s.edge_count) / (s.inside / s.inside_count) : 0;
    if (ratio > best_ratio) {
      best_ratio = ratio;
      best = s;
    }
    if (extent % kJpegBlock == 0) break;  // both phases are the same grid
  }
  return best;
}

double jpegBlockiness(const CheckContext& context) {
  const PhotoLuma luma = photoLuminance(context.photo);
  if (luma.empty() || context.face == nullptr) return kNaN;
  const cv::Rect box = facePhotoBox(*context.face, luma.size());
  if (box.width < 4 * kJpegBlock || box.height < 4 * kJpegBlock) return kNaN;
  const StepSums h = blockSteps(luma, box, true), v = blockSteps(luma, box, false);
  const double inside = h.inside + v.inside, inside_count = h.inside_count + v.inside_count;
  const double edge = h.edge + v.edge, edge_count = h.edge_count + v.edge_count;
  if (inside <= 0 || edge_count <= 0) return kNaN;
  return (edge / edge_count) / (inside / inside_count);
}

std::string lowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::uint32_t readUnsigned(const std::uint8_t* p, int bytes, bool little_endian) {
  std::uint32_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    const std::uint32_t b = p[little_endian ? i : bytes - 1 - i];
    value |= b << (8 * i);
  }
  return value;
}

// The ASCII Software entry of IFD0 in a TIFF block (EXIF payload after "Exif\0\0").
std::string tiffSoftware(const std::uint8_t* tiff, std::size_t size) {
  if (size < 8) return {};
  bool little;
  if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
  else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
  else return {};
  if (readUnsigned(tiff + 2, 2, little) != 42) return {};
  const std::size_t ifd = readUnsigned(tiff + 4, 4, little);
  if (ifd > size || size - ifd < 2) return {};
  const std::size_t entries = readUnsigned(tiff + ifd, 2, little);
  constexpr std::uint32_t kSoftwareTag = 0x0131, kAsciiType = 2;
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    if (entry > size || size - entry < 12) return {};
    if (readUnsigned(tiff + entry, 2, little) != kSoftwareTag) continue;
    if (readUnsigned(tiff + entry + 2, 2, little) != kAsciiType) return {};
    const std::size_t count = readUnsigned(tiff + entry + 4, 4, little);
    const std::size_t offset = count <= 4 ? entry + 8 : readUnsigned(tiff + entry + 8, 4, little);
    if (offset > size || count > size - offset) return {};
    std::string text(reinterpret_cast<const char*>(tiff + offset), count);
    text = text.substr(0, text.find('\0'));
    return text;
  }
  return {};
}

// xmp:CreatorTool as an attribute (CreatorTool="...") or an element (<xmp:CreatorTool>...<).
std::string xmpCreatorTool(const std::uint8_t* xmp, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(xmp), size);
  const std::size_t at = text.find("CreatorTool");
  if (at == std::string_view::npos) return {};
  std::size_t start = at + std::strlen("CreatorTool");
  if (start + 1 < text.size() && text[start] == '=') {
    const char quote = text[start + 1];  // " or '
    start += 2;
    const std::size_t end = text.find(quote, start);
    if (end == std::string_view::npos) return {};
    return std::string(text.substr(start, end - start));
  }
  if (start < text.size() && text[start] == '>') {
    const std::size_t end = text.find('<', start + 1);
    if (end == std::string_view::npos) return {};
    return std::string(text.substr(start + 1, end - start - 1));
  }
  return {};
}

}  // namespace

namespace {

FaceMasks makeFaceMasks(const CheckContext& context) {
  FaceMasks masks;
  if (!hasMesh(context)) return masks;
  const Face& face = context.face_out;
  const cv::Size size = context.output_lab.size();
  const KeyPoints& k = face.key_points;
  masks.face_width = std::hypot(k.face_right.x - k.face_left.x, k.face_right.y - k.face_left.y);
  const int margin = std::max(2, cvRound(kFeatureMargin * masks.face_width));

  std::vector<cv::Point> oval_points;
  for (int i : kFaceOval) oval_points.push_back(cv::Point(cvRound(face.mesh[i].x), cvRound(face.mesh[i].y)));
  cv::Mat oval = cv::Mat::zeros(size, CV_8U);
  cv::fillPoly(oval, std::vector<std::vector<cv::Point>>{oval_points}, cv::Scalar(255));
  cv::Mat features = hullMask(size, face, kEyeImageLeft) | hullMask(size, face, kEyeImageRight) |
                     hullMask(size, face, kBrowImageLeft) | hullMask(size, face, kBrowImageRight) |
                     hullMask(size, face, kLipsOuter);
  // Every mask lies within the mesh's box grown by the margin, so the morphology
  // runs on that box only (OpenCV reads the real pixels beyond a region's edge:
  // the result equals a whole-image pass), a fifth of the output's pixels.
  std::vector<cv::Point> mesh_points;
  for (const MeshPoint& p : face.mesh) mesh_points.emplace_back(cvRound(p.x), cvRound(p.y));
  const int reach = 2 * margin + 2;
  cv::Rect box = cv::boundingRect(mesh_points);
  box = cv::Rect(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach) & cv::Rect({}, size);
  const auto morph = [&](bool dilate, const cv::Mat& source) {
    cv::Mat out = cv::Mat::zeros(size, CV_8U);
    cv::Mat out_box = out(box);
    if (!box.empty()) (dilate ? dilateMaskByDisc : erodeMaskByDisc)(source(box), out_box, margin);
    return out;
  };
  features = morph(true, features);

  const cv::Mat inside = context.inside.empty() ? cv::Mat(size, CV_8U, cv::Scalar(255)) : context.inside;
  masks.oval = morph(false, oval) & inside;
  cv::Mat skin = oval.clone();
  skin.setTo(0, features);
  masks.skin = morph(false, skin) & inside;
  masks.eyes = (hullMask(size, face, kEyeImageLeft) | hullMask(size, face, kEyeImageRight)) & inside;

  const int radius = std::max(2, cvRound(kPatchRadius * masks.face_width));
  masks.cheek_left = discs(size, face, kUpperCheekImageLeft, radius) & masks.skin;
  masks.cheek_right = discs(size, face, kUpperCheekImageRight, radius) & masks.skin;
  return masks;
}

}  // namespace

const FaceMasks& faceMasks(const CheckContext& context) {
  return context.shared<FaceMasks>("face_masks", [&] { return makeFaceMasks(context); });
}


Sharpness sharpness(const CheckContext& context) {
  Sharpness result;
  const FaceMasks& masks = faceMasks(context);
  if (masks.oval.empty() || cv::countNonZero(masks.oval) < kMinSkinPixels) return result;
  const cv::Mat& l = lightness(context);
  const cv::Mat& fine_blur = blurredLightness(context, kFineSigma);
  const cv::Mat& coarse_blur = blurredLightness(context, kCoarseSigma);
  const double fine = rmsOfDifference(l, fine_blur, masks.oval);
  const double coarse = rmsOfDifference(fine_blur, coarse_blur, masks.oval);
  if (!(coarse > 0)) return result;
  result.measured = true;
  result.detail_ratio = fine / coarse;
  result.blockiness = jpegBlockiness(context);
  const double discount = std::isnan(result.blockiness) ? 1.0 : std::min(1.0, kCameraBlockiness / result.blockiness);
  result.value = result.detail_ratio * discount;
  return result;
}

Exposure exposure(const CheckContext& context) {
  Exposure result;
  const FaceMasks& masks = faceMasks(context);
  const int skin_pixels = masks.skin.empty() ? 0 : cv::countNonZero(masks.skin);
  if (skin_pixels < kMinSkinPixels) return result;
  const cv::Mat& l = lightness(context);
  result.measured = true;
  result.skin_median_l = percentile(l, masks.skin, 0.5);
  result.highlight_l = percentile(l, masks.skin, kSkinHighlightPercentile);
  const cv::Size size = l.size();
  const cv::Mat eye_left = hullMask(size, context.face_out, kEyeImageLeft) & masks.eyes;
  const cv::Mat eye_right = hullMask(size, context.face_out, kEyeImageRight) & masks.eyes;
  std::vector<double> eye_whites;
  for (const cv::Mat* eye : {&eye_left, &eye_right}) {
    if (cv::countNonZero(*eye) >= kMinRegionPixels) eye_whites.push_back(percentile(l, *eye, kEyeWhitePercentile));
  }
  if (!eye_whites.empty()) {
    const auto [dimmer, brighter] = std::minmax_element(eye_whites.begin(), eye_whites.end());
    result.highlight_l = std::max(result.highlight_l, *brighter - *dimmer > kEyeWhiteReflection ? *dimmer : *brighter);
  }
  const cv::Mat clipped = ((l > kClipHigh) | (l < kClipLow)) & masks.skin;
  result.clipped_share = static_cast<double>(cv::countNonZero(clipped)) / skin_pixels;
  return result;
}

Evenness evenness(const CheckContext& context) {
  Evenness result;
  const FaceMasks& masks = faceMasks(context);
  if (masks.cheek_left.empty() || cv::countNonZero(masks.cheek_left) < kMinRegionPixels ||
      cv::countNonZero(masks.cheek_right) < kMinRegionPixels)
    return result;
  const cv::Mat& l = lightness(context);
  const double left = percentile(l, masks.cheek_left, 0.5), right = percentile(l, masks.cheek_right, 0.5);
  if (!(std::max(left, right) > 0)) return result;
  result.measured = true;
  result.left_darker = left < right;
  result.darker_l = std::min(left, right);
  result.brighter_l = std::max(left, right);
  return result;
}

double specularShare(const CheckContext& context) {
  const FaceMasks& masks = faceMasks(context);
  const int skin_pixels = masks.skin.empty() ? 0 : cv::countNonZero(masks.skin);
  if (skin_pixels < kMinSkinPixels) return kNaN;
  const std::array<cv::Mat, 3>& lab = labPlanes(context);
  cv::Mat chroma;
  cv::magnitude(lab[1], lab[2], chroma);
  const double median_l = percentile(lab[0], masks.skin, 0.5);
  const double median_chroma = percentile(chroma, masks.skin, 0.5);
  const double bright = median_l + kSpecularLightness * (100 - median_l);
  const cv::Mat specular = (lab[0] > bright) & (chroma < kSpecularChroma * median_chroma) & masks.skin;
  return static_cast<double>(cv::countNonZero(specular)) / skin_pixels;
}

SkinTexture skinTexture(const CheckContext& context) {
  SkinTexture result;
  const FaceMasks& masks = faceMasks(context);
  if (masks.skin.empty()) return result;
  const cv::Mat& l = lightness(context);
  // On an enlarged crop (scale > 1) one photo pixel covers several output pixels:
  // the fine band is taken at the photo's pixel size, where its texture is.
  const double sigma = std::max(kFineSigma, context.crop.scale);
  const cv::Mat detail = l - blurredLightness(context, sigma);
  const int margin = std::max(2, cvRound(kFeatureMargin * masks.face_width));
  // Dilated over the eyes' box grown by the disc's reach only: beyond it the result
  // is 0 either way (a whole-image pass took 2 ms in wasm).
  cv::Mat eyes = cv::Mat::zeros(masks.eyes.size(), CV_8U);
  const cv::Rect eye_box = cv::boundingRect(masks.eyes);
  if (!eye_box.empty()) {
    const int reach = margin + 1;
    const cv::Rect grown = cv::Rect(eye_box.x - reach, eye_box.y - reach, eye_box.width + 2 * reach,
                                    eye_box.height + 2 * reach) &
                           cv::Rect({}, masks.eyes.size());
    cv::Mat eyes_box = eyes(grown);
    dilateMaskByDisc(masks.eyes(grown), eyes_box, margin);
  }
  eyes &= context.inside.empty() ? cv::Mat(l.size(), CV_8U, cv::Scalar(255)) : context.inside;
  // Clipped skin has no texture whatever was done to it.
  const cv::Mat cheeks = discs(l.size(), context.face_out, kTextureCheeks,
                               std::max(2, cvRound(kPatchRadius * masks.face_width))) &
                         masks.skin & (l < kClipHigh);
  if (cv::countNonZero(cheeks) < kMinSkinPixels || cv::countNonZero(eyes) < kMinRegionPixels) return result;
  const double eye_detail = rms(detail, eyes);
  if (!(eye_detail > 0)) return result;
  result.measured = true;
  result.ratio = percentile(cv::abs(detail), cheeks, 0.5) / eye_detail;
  return result;
}

namespace {

// The usable bins of an n x n spectrum's left half (a real image's spectrum is
// symmetric), in row order, with each one's ring and radius. They depend on n
// alone, so they are worked out once per window size and kept: finding them
// took 131,000 hypot calls per photo, a third of the measure's 7 ms in wasm.
struct GridBins {
  std::vector<std::size_t> bin;  // index into the n x n complex spectrum
  std::vector<int> ring;
  std::vector<double> radius;
  std::vector<std::size_t> ring_size;  // bins per ring
};

GridBins makeGridBins(int n) {
  GridBins bins;
  bins.ring_size.assign(kGridRings, 0);
  const int lattice = n / 16;  // bins per 1/16 cycle per pixel
  const int half = n / 2 + 1;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < half; ++x) {
      const int fy = y <= n / 2 ? y : y - n, fx = x <= n / 2 ? x : x - n;
      const double radius = std::hypot(fx, fy) / n;
      if (radius < kGridMinFrequency || radius > kGridMaxFrequency) continue;
      if (std::abs(fx) <= kGridAxisBins || std::abs(fy) <= kGridAxisBins) continue;
      const int mx = ((fx % lattice) + lattice) % lattice, my = ((fy % lattice) + lattice) % lattice;
      const bool near_x = mx <= kGridLatticeBins || mx >= lattice - kGridLatticeBins;
      const bool near_y = my <= kGridLatticeBins || my >= lattice - kGridLatticeBins;
      if (near_x && near_y) continue;
      const int ring = std::min(kGridRings - 1, static_cast<int>(radius / kGridMaxFrequency * kGridRings));
      bins.bin.push_back(static_cast<std::size_t>(y) * n + x);
      bins.ring.push_back(ring);
      bins.radius.push_back(radius);
      ++bins.ring_size[ring];
    }
  return bins;
}

// One table per window size (at most four: 128 to 512 in steps of 128); the lock
// makes the first build safe when the command line checks photos on several threads.
const GridBins& gridBins(int n) {
  static std::mutex lock;
  static std::map<int, GridBins> tables;
  const std::lock_guard<std::mutex> hold(lock);
  auto it = tables.find(n);
  if (it == tables.end()) it = tables.emplace(n, makeGridBins(n)).first;
  return it->second;
}

}  // namespace

ScreenGrid screenGrid(const CheckContext& context) {
  ScreenGrid result;
  const PhotoLuma luma = photoLuminance(context.photo);
  if (luma.empty() || context.face == nullptr) return result;
  int n = kGridWindowMax;
  while (n > kGridWindowMin && (n > luma.cols || n > luma.rows)) n -= kGridWindowStep;
  if (n > luma.cols || n > luma.rows) return result;
  const KeyPoints& k = context.face->key_points;
  const double cx = (k.face_left.x + k.face_right.x) / 2, cy = (k.face_left.y + k.face_right.y) / 2;
  const int x0 = std::clamp(static_cast<int>(cx) - n / 2, 0, luma.cols - n);
  const int y0 = std::clamp(static_cast<int>(cy) - n / 2, 0, luma.rows - n);
  cv::Mat window;
  luma.copy(cv::Rect(x0, y0, n, n)).convertTo(window, CV_32F);
  cv::Mat low;
  cv::GaussianBlur(window, low, cv::Size(), kGridHighPassSigma);
  cv::Mat hann;
  cv::createHanningWindow(hann, window.size(), CV_32F);
  const cv::Mat high = (window - low).mul(hann);
  cv::Mat spectrum;
  cv::dft(high, spectrum, cv::DFT_COMPLEX_OUTPUT);
  // Power of a bin, from its complex value: the product of each part rounded to
  // float, then their sum, as before (the two-plane multiply and add it replaces).
  const auto power = [&](std::size_t bin) {
    const cv::Vec2f& c = spectrum.ptr<cv::Vec2f>(0)[bin];
    const float re2 = c[0] * c[0], im2 = c[1] * c[1];
    return re2 + im2;
  };
  const GridBins& bins = gridBins(n);
  std::vector<std::vector<float>> rings(kGridRings);
  for (int i = 0; i < kGridRings; ++i) rings[i].reserve(bins.ring_size[i]);
  for (std::size_t i = 0; i < bins.bin.size(); ++i) rings[bins.ring[i]].push_back(power(bins.bin[i]));
  std::vector<double> median(kGridRings, 0);
  for (int i = 0; i < kGridRings; ++i) {
    std::vector<float>& v = rings[i];
    if (static_cast<int>(v.size()) < kGridMinRingBins) continue;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    median[i] = v[v.size() / 2];
  }
  double best = 0, best_radius = 0;
  for (std::size_t i = 0; i < bins.bin.size(); ++i) {
    const double m = median[bins.ring[i]];
    if (m <= 0) continue;
    const double ratio = power(bins.bin[i]) / m;
    if (ratio > best) {
      best = ratio;
      best_radius = bins.radius[i];
    }
  }
  if (!(best > 0)) return result;
  result.measured = true;
  result.peak_db = 10 * std::log10(best);
  result.period_px = 1 / best_radius;
  return result;
}

std::string jpegSoftwareTag(const std::uint8_t* bytes, std::size_t size) {
  if (bytes == nullptr || size < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) return {};
  static constexpr char kExif[] = "Exif\0\0";
  static constexpr char kXmp[] = "http://ns.adobe.com/xap/1.0/";
  std::string xmp_tool;
  std::size_t at = 2;
  while (at + 4 <= size) {
    if (bytes[at] != 0xFF) return xmp_tool;  // not a marker: damaged header
    const std::uint8_t marker = bytes[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) break;  // image data follows: no more metadata
    const std::size_t length = readUnsigned(bytes + at + 2, 2, false);
    if (length < 2 || length > size - at - 2) break;
    const std::uint8_t* payload = bytes + at + 4;
    const std::size_t payload_size = length - 2;
    if (marker == 0xE1) {
      if (payload_size >= 6 && std::memcmp(payload, kExif, 6) == 0) {
        std::string software = tiffSoftware(payload + 6, payload_size - 6);
        if (!software.empty()) return software;
      } else if (payload_size > sizeof kXmp && std::memcmp(payload, kXmp, sizeof kXmp - 1) == 0 && xmp_tool.empty()) {
        xmp_tool = xmpCreatorTool(payload, payload_size);
      }
    }
    at += 2 + length;
  }
  return xmp_tool;
}

std::string editingSoftware(const std::string& software_tag) {
  struct App {
    const char* needle;  // lower-case ASCII or UTF-8
    const char* name;
    bool whole_word;     // short names that occur inside other words
  };
  static const App kApps[] = {
      {"photoshop", "Adobe Photoshop", false}, {"lightroom", "Adobe Lightroom", false},
      {"gimp", "GIMP", true},                  {"meitu", "美图秀秀 (Meitu)", false},
      {"美图", "美图秀秀 (Meitu)", false},     {"beautycam", "美颜相机 (BeautyCam)", false},
      {"beauty cam", "美颜相机 (BeautyCam)", false}, {"美颜", "美颜相机 (BeautyCam)", false},
      {"beautyplus", "BeautyPlus", false},     {"snow", "SNOW", true},
      {"facetune", "Facetune", false},         {"picsart", "PicsArt", false},
      {"b612", "B612", false},                 {"faceu", "FaceU", true},
      {"醒图", "醒图 (Hypic)", false},         {"hypic", "醒图 (Hypic)", false},
      {"xingtu", "醒图 (Hypic)", false},       {"天天p图", "天天P图", false},
      {"pitu", "天天P图", true},               {"airbrush", "AirBrush", false},
      {"youcam", "YouCam", false},             {"perfect365", "Perfect365", false},
      {"faceapp", "FaceApp", false},           {"snapseed", "Snapseed", false},
  };
  const std::string text = lowerAscii(software_tag);
  const auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (const App& app : kApps) {
    std::size_t at = text.find(app.needle);
    while (at != std::string::npos) {
      const std::size_t end = at + std::strlen(app.needle);
      const bool word = (at == 0 || !is_letter(text[at - 1])) && (end >= text.size() || !is_letter(text[end]));
      if (!app.whole_word || word) return app.name;
      at = text.find(app.needle, at + 1);
    }
  }
  return {};
}

}  // namespace gradphoto::image_quality
