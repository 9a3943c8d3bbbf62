#include "checks/clothing_measures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "checks/background_body_regions.h"
#include "checks/hypot_below.h"
#include "checks/lab_planes.h"
#include "segmentation/person_mask.h"

namespace gradphoto::background_body {
namespace {

// The shoulder outline is fitted over the clothing zone's columns (0.45 to 1.05
// face widths off the centre), from a quarter of them at least; the clothing
// starts 3% of the face width below it (the edge itself is not the cloth).
constexpr double kOutlineInner = 0.45;
constexpr double kOutlineOuter = 1.05;
constexpr double kOutlineMinShare = 0.25;
constexpr double kBelowOutline = 0.03;

// The neck's own skin colour is sampled in a disc 5% of the face width across,
// 20% of the face width below the chin on the face's centre line (under the jaw's
// shadow, above any collar of a CHSI photo's crop).
constexpr double kNeckBelowChin = 0.2;
constexpr double kNeckSampleRadius = 0.05;

// Skin joined to the neck: the chest in a V-neck or an open collar. It can be
// lit unlike the cheeks (nf_011: the chest's a*b* 12-13 from the cheeks', beyond
// skinLike's 10), so it is found by its colour against the neck's own, and only
// where it joins the neck: a garment of a skin-like colour that does not touch
// the neck stays clothing. Skin is coloured where white, grey and backdrop-dyed
// garments are not: a pixel counts only with half the neck's chroma (pale necks
// measure a*b* chroma 9-10, white T-shirts 0, a garment dyed light grey 1-2, all
// within skinLike's 10 of a pale neck). None when the neck is not skin-coloured
// like the cheeks (a scarf or a high collar).
constexpr double kNeckChromaShare = 0.5;

cv::Mat skinJoinedToNeck(const CheckContext& context, const cv::Vec3f& cheeks) {
  const FaceFrame face = faceFrame(context);
  const cv::Point seed(cvRound(face.centre_x), cvRound(face.chin_y + kNeckBelowChin * face.width));
  const cv::Rect frame(0, 0, context.output.cols, context.output.rows);
  if (!frame.contains(seed)) return {};
  cv::Mat sample(context.output.size(), CV_8U, cv::Scalar(0));
  cv::circle(sample, seed, std::max(2, cvRound(kNeckSampleRadius * face.width)), cv::Scalar(255), cv::FILLED);
  cv::Vec3f neck;
  if (!medianLab(context.output_lab, sample & context.inside, neck)) return {};
  const cv::Vec3f& at_seed = context.output_lab.at<cv::Vec3f>(seed);
  if (!skinLikeColour(at_seed, neck) || !skinLikeColour(at_seed, cheeks)) return {};
  const cv::Rect below(0, seed.y, frame.width, frame.height - seed.y);
  const cv::Mat like_neck = skinLike(context, neck, below);
  const double min_chroma = kNeckChromaShare * std::hypot(neck[1], neck[2]);
  cv::Mat joined(context.output.size(), CV_8U, cv::Scalar(0));
  for (int y = below.y; y < below.y + below.height; ++y) {
    const cv::Vec3f* lab = context.output_lab.ptr<cv::Vec3f>(y);
    const std::uint8_t* like = like_neck.ptr<std::uint8_t>(y);
    std::uint8_t* out = joined.ptr<std::uint8_t>(y);
    for (int x = 0; x < frame.width; ++x) out[x] = like[x] && hypotAtLeast(lab[x][1], lab[x][2], min_chroma) ? 255 : 0;
  }
  if (!joined.at<std::uint8_t>(seed)) return {};
  // Keep only the part connected to the seed: flood it with 128, then keep 128.
  cv::floodFill(joined, seed, cv::Scalar(128), nullptr, cv::Scalar(0), cv::Scalar(0), 4);
  return joined == 128;
}

// The backdrop beside the clothing needs this many pixels (a 14-pixel square)
// to be used instead of the backdrop's overall colour.
constexpr int kMinBesidePixels = 200;
// Rows left out above the body's outline (the blended edge).
constexpr int kEdgeClearance = 2;

// The contrast of the clothing's most contrasting 20% with the backdrop beside
// it: the clothing needs to fill only a fifth of its region (backdrop or hair
// may fill the rest), and clothing like the backdrop gives the backdrop's own
// shading.
constexpr double kContrastPercentile = 0.8;

// The backdrop beside the clothing: in the zone's columns, from the chin's
// height down to the body's outline (or to the zone where there is none). A
// backdrop lit unevenly differs there from its median, and below the chin the
// person mask cannot tell light clothing from backdrop.
cv::Vec3f backdropBeside(const CheckContext& context, const cv::Vec3f& backdrop) {
  const FaceFrame face = faceFrame(context);
  const std::vector<int>& outline = bodyOutline(context);
  const cv::Mat& full_zone = clothingZone(context);
  cv::Mat columns;
  cv::reduce(full_zone, columns, 0, cv::REDUCE_MAX);
  int zone_top = full_zone.rows;
  for (int y = 0; y < full_zone.rows && zone_top == full_zone.rows; ++y)
    if (cv::countNonZero(full_zone.row(y)) > 0) zone_top = y;
  const int chin = std::clamp(static_cast<int>(face.chin_y), 0, full_zone.rows);
  cv::Mat near(full_zone.size(), CV_8U, cv::Scalar(0));
  for (int x = 0; x < near.cols; ++x) {
    if (!columns.at<std::uint8_t>(0, x) || outline[x] == kOutlineNotBackdrop) continue;
    const int end = outline[x] >= 0 ? outline[x] - kEdgeClearance : zone_top;
    if (end > chin) near.col(x).rowRange(chin, std::min(end, near.rows)).setTo(255);
  }
  near &= context.inside;
  cv::Vec3f local;
  int count = 0;
  if (medianLab(context.output_lab, near, local, &count) && count >= kMinBesidePixels) return local;
  return backdrop;
}

ClothingContrast measureContrast(const CheckContext& context) {
  ClothingContrast result;
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return result;
  const cv::Mat zone = clothingRegion(context, true);
  const cv::Vec3f beside = backdropBeside(context, backdrop.lab);
  // How far the clothing's colours are from that backdrop's, on each side of the
  // neck; the percentile leaves room for backdrop in part of the zone.
  const cv::Rect box = cv::boundingRect(zone);
  const cv::Mat distance = box.empty() ? cv::Mat() : deltaE(context.output_lab(box), beside);  // the zone's box only
  const double centre_x = faceFrame(context).centre_x, face_width = faceFrame(context).width;
  std::vector<float> sides[2];
  for (int y = box.y; y < box.y + box.height; ++y)
    for (int x = box.x; x < box.x + box.width; ++x)
      if (zone.at<std::uint8_t>(y, x)) sides[x < centre_x ? 0 : 1].push_back(distance.at<float>(y - box.y, x - box.x));
  // The better side counts: a narrow or leaning body may leave one side's zone
  // to the backdrop, and clothing like the backdrop is so on both sides. (The
  // worse of two sides below shoulder lines would catch a garment dyed the
  // backdrop's colour whose other side is shaded darker or shows V-neck chest
  // skin, but it takes white T-shirts on light grey, 7.7-13 on the better side,
  // down to 6.1-7.0 on 4 of the 40 webmorph photos: under the warn limit.)
  double contrast = -1;
  for (int i = 0; i < 2; ++i)
    if (sides[i].size() >= kMinClothingArea / 2 * face_width * face_width) {
      result.sides[i] = percentile(sides[i], kContrastPercentile);
      contrast = std::max(contrast, result.sides[i]);
    }
  result.measured = contrast >= 0;
  result.value = contrast;
  return result;
}

}  // namespace

cv::Mat clothingRegion(const CheckContext& context, bool keep_unseparated) {
  const FaceFrame face = faceFrame(context);
  cv::Mat clothing = clothingZone(context).clone();
  const std::vector<int>& outline = bodyOutline(context);
  // Columns the zone reaches; the two sides' columns are apart, so clearing one
  // side never changes what the other side finds.
  cv::Mat zone_columns;
  cv::reduce(clothing, zone_columns, 0, cv::REDUCE_MAX);
  // Rows above this are cleared, per column (0: none). Cleared in one pass over
  // the rows: column by column, OpenCV's strided setTo cost more than the checks'
  // own measures.
  std::vector<int> clear_above(static_cast<size_t>(clothing.cols), 0);
  for (int side : {-1, 1}) {
    const OutlineLine line = fitOutline(outline, face, side, kOutlineInner, kOutlineOuter, kOutlineMinShare);
    int columns = 0, covered = 0;
    for (int x = 0; x < clothing.cols; ++x) {
      if ((x - face.centre_x) * side <= 0 || !zone_columns.at<std::uint8_t>(0, x)) continue;
      ++columns;
      covered += outline[x] == kOutlineNotBackdrop;
    }
    const bool whole_side = !line.found && (keep_unseparated || covered * 2 > columns);
    for (int x = 0; x < clothing.cols; ++x) {
      if ((x - face.centre_x) * side <= 0) continue;
      const int below = line.found ? cvRound(line.intercept + line.slope * x + kBelowOutline * face.width)
                                   : (whole_side ? 0 : clothing.rows);
      clear_above[x] = std::clamp(below, 0, clothing.rows);
    }
  }
  for (int y = 0; y < clothing.rows; ++y) {
    std::uint8_t* row = clothing.ptr<std::uint8_t>(y);
    // As a mask, not a branch: the compiler makes it one vector select a step.
    for (int x = 0; x < clothing.cols; ++x) row[x] &= static_cast<std::uint8_t>(y < clear_above[x] ? 0 : 0xFF);
  }
  cv::Vec3f skin;
  if (skinColour(context, skin)) {
    clothing &= skinLike(context, skin, cv::boundingRect(clothing)) == 0;
    // The same for both of clothing.contrast's and clothing.pattern's regions.
    const cv::Mat& chest = context.shared<cv::Mat>("skin_joined_to_neck", [&] { return skinJoinedToNeck(context, skin); });
    if (!chest.empty()) clothing &= chest == 0;
  }
  return clothing;
}

const ClothingContrast& clothingContrast(const CheckContext& context) {
  return context.shared<ClothingContrast>("clothing_contrast", [&] { return measureContrast(context); });
}

}  // namespace gradphoto::background_body
