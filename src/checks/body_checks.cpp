// shoulders.level, body.square, head.covering, accessories.jewellery: posture, and
// what the student wears on the head and body.
#include <algorithm>
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "checks/background_body_regions.h"
#include "checks/check.h"
#include "checks/check_groups.h"
#include "checks/clothing_measures.h"
#include "checks/hypot_below.h"
#include "checks/lab_planes.h"
#include "image/mask_morphology.h"

namespace gradphoto {
namespace {

using namespace background_body;

// --- shoulders.level ---------------------------------------------------------

// The shoulder line is sampled from 0.65 face widths off the face centre
// (outside the neck and the hair hanging beside it) to 1.0 (as far as a
// 480-wide crop with a 240-wide face shows); each side needs a quarter of its
// columns.
constexpr double kShoulderInner = 0.65;
constexpr double kShoulderOuter = 1.0;
constexpr double kMinShoulderColumns = 0.25;
// The outline's points lie within 2% of the face width of their line (median) on
// a plain backdrop (at most 1.3% on the 40 webmorph frontal photos and their
// rotated copies); a busy background gives a ragged "outline" (2.1-3.2% on lisa).
constexpr double kMaxOutlineSpread = 0.02;

// --- body.square --------------------------------------------------------------

// The body's extent to either side: the outline's columns are body while they
// start on hair or body at the chin's row or find a body edge below it; a run of
// 6% of the face width of backdrop-only columns ends the body.
constexpr double kBodyGap = 0.06;
constexpr double kBodyEndCheck = 0.15;
constexpr double kBodyEndDepth = 0.4;

// How far the body reaches on one side of the face centre, in output pixels;
// to the frame's edge when the body reaches it (then it is at least that wide).
// Confirmed when the body reaches the frame, or its outline was seen turning
// down at its end (the shoulder into the arm): within 0.15 face widths inside
// the end, an edge in the lowest 40% of the rows between the chin and the
// frame's bottom. An outline that just fades (clothing too close to the
// backdrop in a dark or washed-out photo) says nothing about the body's width.
struct BodyExtent {
  double distance = 0;
  bool confirmed = false;
  bool reaches_frame = false;
};

BodyExtent bodyExtent(const std::vector<int>& outline, const FaceFrame& face, int rows, int side) {
  const int columns = static_cast<int>(outline.size());
  const int cx = std::clamp(cvRound(face.centre_x), 0, columns - 1);
  const int gap = std::max(2, cvRound(kBodyGap * face.width));
  int last = cx, run = 0, x = cx;
  for (; x >= 0 && x < columns; x += side) {
    if (outline[x] == kOutlineNoBody) {
      if (++run >= gap) break;
    } else {
      last = x;
      run = 0;
    }
  }
  BodyExtent extent;
  extent.distance = std::abs(last - face.centre_x);
  const bool reaches_frame = x < 0 || x >= columns;
  int deepest = -1;
  for (int k = 0; k < cvRound(kBodyEndCheck * face.width); ++k) {
    const int xi = last - side * k;
    if (xi < 0 || xi >= columns || (xi - cx) * side < 0) break;
    deepest = std::max(deepest, outline[xi]);
  }
  extent.reaches_frame = reaches_frame;
  extent.confirmed = reaches_frame || (deepest >= 0 && deepest >= face.chin_y + (1 - kBodyEndDepth) * (rows - face.chin_y));
  return extent;
}

// An outline that fades still bounds its side's extent from above: beyond the
// outermost column that shows anything but backdrop below the chin, there is no
// body. A column shows something where 3 rows running (not a stray hair or a
// JPEG block edge) are over 8 delta-E 1976 from the backdrop's median colour:
// the tolerance bodyOutline gives the backdrop's own shading (kBackdropLike). A
// backdrop darker toward the bottom or a shadow beside the body only moves that
// column outward, so the bound stays an upper one; a white
// T-shirt's sleeve on light grey (7-13 away) is found in its folds and edge
// shading, which reach over 8 on several rows.
constexpr double kReachBackdropLike = 8.0;
constexpr int kReachRun = 3;

// The distance from the face centre within which the body must end on `side`
// (-1 image-left, +1 image-right), in output pixels; infinity when the body may
// reach the frame.
double bodyReachBound(const CheckContext& context, const FaceFrame& face, const cv::Vec3f& backdrop, int side) {
  const cv::Mat& lab = context.output_lab;
  const int top = std::clamp(cvRound(face.chin_y), 0, lab.rows);
  const int cx = std::clamp(cvRound(face.centre_x), 0, lab.cols - 1);
  for (int x = side < 0 ? 0 : lab.cols - 1; (x - cx) * side > 0; x -= side) {
    int run = 0;
    for (int y = top; y < lab.rows; ++y) {
      // Padding (outside the photo) says nothing: the body could be there.
      if (!context.inside.at<std::uint8_t>(y, x)) return std::numeric_limits<double>::infinity();
      run = deltaE76(lab.at<cv::Vec3f>(y, x), backdrop) > kReachBackdropLike ? run + 1 : 0;
      if (run >= kReachRun) {
        // The outermost column showing something: at the frame's edge, the body
        // may go on beyond it.
        if (x == 0 || x == lab.cols - 1) return std::numeric_limits<double>::infinity();
        return std::abs(x - face.centre_x);
      }
    }
  }
  return 0;
}

// --- head.covering -------------------------------------------------------------

// Hair and skin references: the forehead (mesh 151) and cheeks (50, 280), and
// patches just outside the face oval at the temples (mesh 21, 251, 162, 389,
// moved out by 8% of the face width), where hair shows below a hat's brim
// (higher points of the oval lie under the hat itself).
// A crown pixel "is neither" when it is over 25 delta-E 1976 from every reference
// (hair colours within one head differ by less; a red or blue cap on dark hair by
// 40 or more) and is not dark, unsaturated hair colour (L* under 40, chroma under
// 20: black, brown and dark grey hair, whose short cut may leave the temples bare;
// a black cap is therefore not found).
constexpr double kReferenceRadius = 0.05;
constexpr double kTempleOffset = 0.08;
constexpr double kForeignColour = 25.0;
constexpr float kDarkHairLightness = 40.0f;
constexpr float kDarkHairChroma = 20.0f;
// The crown region: from the top of the frame down to just above the forehead's
// top (mesh 10), 0.4 face widths either side of the centre.
constexpr double kCrownHalfWidth = 0.4;
constexpr double kForeheadMargin = 0.03;

// --- accessories.jewellery -------------------------------------------------------

// Spots smaller than 7% of the face width (an ear stud, a chain's links, a
// pendant) brighter than their surroundings by 15 L* (white top-hat), above L*
// 80, 10 L* brighter than the cheeks (lit skin is not jewellery) and 3 L*
// brighter than the lightest backdrop nearby (backdrop seen between strands of
// hair is not jewellery). At the ears a spot is compact: at most twice as long
// as wide and filling half its box (a round stud fills 78%; a strand of light
// hair or a gap between strands does not); on the neck a chain is long, and
// there half of a spot's surroundings must be skin instead (a light stripe of a
// shirt is not a necklace).
constexpr double kSpotSize = 0.07;
constexpr float kSpotContrast = 15.0f;
constexpr float kSpotMinLightness = 80.0f;
constexpr float kSpotOverSkin = 10.0f;
constexpr double kSpotOverBackdrop = 3.0;
// The backdrop compared with: within 30% of the face width around the region.
constexpr double kBackdropSearch = 0.3;
// At least 0.01% of the face width squared (6 px for a 240-px face): a 7 mm
// stud's or pearl's highlight on a light-grey backdrop keeps only 12-17 px above
// the backdrop's lightness (the variant tool's ear_studs and pearl_studs: 0.03%
// found 16 of 52, 0.01% finds 51, with no more warnings on the real photos);
// smaller is noise. At most 0.4% (a disc of 7% of the face width): larger is no
// stud or link.
constexpr double kSpotMinArea = 0.0001;
constexpr double kSpotMaxArea = 0.004;
// A metal's specular highlight is near white: the spot's brightest pixel L* 90.
constexpr double kSpotPeak = 90.0;
constexpr int kSpotElongation = 2;
constexpr double kSpotFill = 0.5;
// The surroundings looked at: a ring 2% of the face width wide.
constexpr double kSpotRing = 0.02;
// Skin around a spot on the neck: half of the ring.
constexpr double kSpotSkinAround = 0.5;

}  // namespace

CheckResult checkShouldersLevel(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "shoulders.level";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  const Bilingual no_shoulders{"照片中看不清两侧肩膀，无法检查肩膀是否水平：请拍到双肩，并与背景颜色区分开。",
                               "Both shoulders must show clearly against the background to check that they are level."};
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return notMeasurableResult(id, limits, no_shoulders);
  const FaceFrame face = faceFrame(context);
  const std::vector<int>& outline = bodyOutline(context);
  const OutlineLine left = fitOutline(outline, face, -1, kShoulderInner, kShoulderOuter, kMinShoulderColumns);
  const OutlineLine right = fitOutline(outline, face, +1, kShoulderInner, kShoulderOuter, kMinShoulderColumns);
  // A ragged outline is no shoulder line (a busy background, hair over the shoulders).
  if (!left.found || !right.found || std::max(left.spread, right.spread) > kMaxOutlineSpread * face.width) {
    return notMeasurableResult(id, limits, no_shoulders);
  }
  // A tilt turns both shoulder lines by the same angle, so their mean angle is
  // the tilt whatever the shoulders' own slope; a head shifted sideways over the
  // body does not change it.
  const double angle_left = std::atan(left.slope) * 180 / CV_PI;
  const double angle_right = std::atan(right.slope) * 180 / CV_PI;
  const double tilt = (angle_left + angle_right) / 2;
  const double size = std::abs(tilt);
  // Positive: the image's right side is lower, which is the student's left.
  const bool left_lower = tilt > 0;
  const std::string degrees = formatNumber(size, 1) + "°";
  return measuredResult(id, size, limits,
                        {{"两肩水平（倾斜 " + degrees + "）。", "Shoulders level (tilted " + degrees + ")."},
                         {"", ""},
                         {std::string("两肩不平：") + (left_lower ? "左" : "右") + "肩偏低 " + degrees +
                              "。请坐正，两肩放平，身体不要歪斜。",
                          std::string("Shoulders not level: your ") + (left_lower ? "left" : "right") +
                              " shoulder is " + degrees + " lower. Sit upright with both shoulders level."}});
}

CheckResult checkBodySquare(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "body.square";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  const Bilingual no_body{"照片下部看不清身体轮廓，无法检查身体是否正对镜头：请拍到肩膀，并与背景颜色区分开。",
                          "The body's outline does not show in the lower part of the photo: include your shoulders, "
                          "against a background of a different colour."};
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return notMeasurableResult(id, limits, no_body);
  const FaceFrame face = faceFrame(context);
  const std::vector<int>& outline = bodyOutline(context);
  const int rows = context.output.rows;
  const BodyExtent left_extent = bodyExtent(outline, face, rows, -1), right_extent = bodyExtent(outline, face, rows, +1);
  const double left = left_extent.distance, right = right_extent.distance;
  // A body narrower than 0.3 face widths either side is no body seen (a neck).
  if (std::max(left, right) < 0.3 * face.width) return notMeasurableResult(id, limits, no_body);
  double ratio = 0;
  bool turned_left = right < left, at_most = false;
  if (left_extent.confirmed && right_extent.confirmed) {
    ratio = std::min(left, right) / std::max(left, right);
  } else {
    // A side whose outline fades (or reaches the frame) is known only within
    // bounds: at least as far as its outline was seen, at most as far as
    // bodyReachBound (a confirmed end is both). When one side's most is short of
    // the other's least, the ratio is at most their quotient: a sound warning
    // when that is under the limit, and no measure otherwise. Sound only where
    // the clothing shows against the backdrop as clothing.contrast asks (its
    // limits, from the profile, on that side's clothing): clothing the
    // backdrop's colour, or dark clothes on a dark backdrop, hide the body
    // beyond any bound (the variant tool's clothing_like_background warned here
    // on 4 of 21 photos without this).
    const CheckLimits* contrast_limits = context.profile->limits("clothing.contrast");
    const ClothingContrast& contrast = clothingContrast(context);
    const auto shows = [&](int side) {
      const double value = contrast.sides[side < 0 ? 0 : 1];
      return contrast_limits != nullptr && value >= 0 && judge(value, *contrast_limits) == Verdict::kPass;
    };
    // The clothing must show on the narrower side itself, whose end or bound is
    // used: an overexposed photo can wash one side's T-shirt into the backdrop
    // while the other side contrasts, and then an end "seen" on the washed side
    // is the skin's edge (the variant tool's overexposed 001 and
    // clothing_like_background 124 warned when the better side decided).
    const auto most = [&](const BodyExtent& e, int side) {
      if (e.reaches_frame || !shows(side)) return std::numeric_limits<double>::infinity();
      if (e.confirmed) return e.distance;
      return std::max(e.distance, bodyReachBound(context, face, backdrop.lab, side));
    };
    const double left_most = most(left_extent, -1), right_most = most(right_extent, +1);
    turned_left = right_most < left_most;
    ratio = turned_left ? right_most / left : left_most / right;
    at_most = true;
    if (!std::isfinite(ratio) || judge(ratio, limits) == Verdict::kPass) return notMeasurableResult(id, limits, no_body);
  }
  // The narrower side is the far shoulder of a body turned away from the camera
  // on that side: image-right narrower means turned toward the student's left.
  const std::string value = formatNumber(ratio, 2);
  const std::string zh_value = (at_most ? "至多 " : "") + value, en_value = (at_most ? "at most " : "") + value;
  return measuredResult(
      id, ratio, limits,
      {{"身体正对镜头（两侧身体宽度比 " + value + "）。", "Body square to the camera (width ratio of the two sides " + value + ")."},
       {std::string("身体可能向") + (turned_left ? "左" : "右") + "侧转（两侧身体宽度比 " + zh_value +
            "）：请身体和脸都正对镜头，两肩对称，请人工确认。",
        std::string("Your body may be turned to your ") + (turned_left ? "left" : "right") +
            " (width ratio of the two sides " + en_value + "): face the camera with your body too, shoulders symmetric. "
            "Please check."},
       {"", ""}});
}

CheckResult checkHeadCovering(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "head.covering";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  const FaceFrame face = faceFrame(context);
  const std::vector<MeshPoint>& mesh = context.face_out.mesh;
  const cv::Mat& lab = context.output_lab;
  const int radius = std::max(2, cvRound(kReferenceRadius * face.width));
  // Median colour of a disc; with person_only, only when the person covers at
  // least half of it (a temple patch on backdrop is no hair reference).
  const cv::Rect frame(0, 0, lab.cols, lab.rows);
  const auto patch = [&](double x, double y, bool person_only, cv::Vec3f& colour) {
    const cv::Point centre(cvRound(x), cvRound(y));
    const cv::Rect box = cv::Rect(centre.x - radius, centre.y - radius, 2 * radius + 1, 2 * radius + 1) & frame;
    if (box.area() == 0) return false;
    cv::Mat disc_mask(box.size(), CV_8U, cv::Scalar(0));
    cv::circle(disc_mask, centre - box.tl(), radius, cv::Scalar(255), cv::FILLED);
    disc_mask &= context.inside(box);
    const int all = cv::countNonZero(disc_mask);
    if (person_only) disc_mask &= context.person(box);
    int count = 0;
    return medianLab(lab(box), disc_mask, colour, &count) && count * 2 >= all;
  };
  std::vector<cv::Vec3f> references;
  cv::Vec3f colour;
  for (int i : {151, 50, 280})
    if (patch(mesh[i].x, mesh[i].y, false, colour)) references.push_back(colour);
  for (int i : {21, 251, 162, 389}) {
    const double dx = mesh[i].x - face.centre_x, dy = mesh[i].y - face.eye_y;
    const double length = std::max(1.0, std::hypot(dx, dy));
    const double out = kTempleOffset * face.width / length;
    if (patch(mesh[i].x + dx * out, mesh[i].y + dy * out, true, colour)) references.push_back(colour);
  }
  const int bottom = std::clamp(cvRound(mesh[10].y - kForeheadMargin * face.width), 0, lab.rows);
  const int x0 = std::clamp(cvRound(face.centre_x - kCrownHalfWidth * face.width), 0, lab.cols);
  const int x1 = std::clamp(cvRound(face.centre_x + kCrownHalfWidth * face.width), 0, lab.cols);
  int crown = 0, foreign = 0;
  for (int y = 0; y < bottom; ++y)
    for (int x = x0; x < x1; ++x) {
      if (!context.person.at<std::uint8_t>(y, x) || !context.inside.at<std::uint8_t>(y, x)) continue;
      ++crown;
      const cv::Vec3f p = lab.at<cv::Vec3f>(y, x);
      double nearest = 1e9;
      for (const cv::Vec3f& r : references) nearest = std::min(nearest, deltaE76(p, r));
      const bool dark_hair = p[0] < kDarkHairLightness && hypotBelow(p[1], p[2], kDarkHairChroma);
      foreign += nearest > kForeignColour && !dark_hair;
    }
  // Less crown than a band of 10% of the face width above the forehead is no measure.
  if (references.empty() || crown < 0.8 * face.width * 0.1 * face.width) {
    return notMeasurableResult(id, limits,
                               {"照片中头顶部分太少，无法检查帽子或头饰：头顶上方请留出空间。",
                                "Too little of the top of the head shows to check for hats or ornaments: leave space above your head."});
  }
  const double share = 100.0 * foreign / crown;
  const std::string percent = formatNumber(share, 0) + "%";
  return measuredResult(id, share, limits,
                        {{"头顶未见帽子或头饰（头顶 " + percent + " 的区域不像头发或皮肤）。",
                          "No hat or head ornament seen (" + percent + " of the top of the head is neither hair nor skin)."},
                         {"", ""},
                         {"头顶可能戴有帽子、头巾、发带或头饰（头顶 " + percent +
                              " 的区域既不像头发也不像皮肤）：请摘下后重拍，请人工确认。",
                          "You may be wearing a hat, hood, headband or head ornament (" + percent +
                              " of the top of the head is neither hair nor skin): take it off and retake. Please check."}});
}

CheckResult checkJewellery(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "accessories.jewellery";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  const FaceFrame face = faceFrame(context);
  const double w = face.width;
  const std::vector<MeshPoint>& mesh = context.face_out.mesh;
  const cv::Mat& lightness = labPlanes(context)[0];
  const cv::Rect frame(0, 0, lightness.cols, lightness.rows);
  // Ear lobes: boxes 0.3 x 0.4 face widths from 0.1 face widths below the face's
  // widest points (mesh 234, 454), slightly outward; the neck: 0.9 x 0.75 face
  // widths from just under the chin (a necklace or pendant down to the chest).
  struct Region {
    cv::Rect box;
    bool neck;
  };
  std::vector<Region> regions;
  for (int i : {234, 454}) {
    const double outward = mesh[i].x < face.centre_x ? -1 : 1;
    regions.push_back({cv::Rect(cvRound(mesh[i].x + outward * 0.02 * w - 0.15 * w), cvRound(mesh[i].y + 0.1 * w),
                                cvRound(0.3 * w), cvRound(0.4 * w)) & frame,
                       false});
  }
  regions.push_back(
      {cv::Rect(cvRound(face.centre_x - 0.45 * w), cvRound(face.chin_y + 0.05 * w), cvRound(0.9 * w), cvRound(0.75 * w)) &
           frame,
       true});
  const int size = std::max(3, cvRound(kSpotSize * w)) | 1;
  const cv::Mat spot_shape = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(size, size));
  cv::Vec3f skin(60, 0, 0);
  skinColour(context, skin);
  const cv::Mat& backdrop_mask = backgroundMask(context);
  const cv::Mat ring_shape = discElement(std::max(2, cvRound(kSpotRing * w)));
  int count = 0;
  for (const Region& region : regions) {
    if (region.box.area() == 0) continue;
    // The backdrop nearby, where it is lightest: a spot must be lighter still
    // (backdrop seen between strands of hair is not a spot).
    const int search = cvRound(kBackdropSearch * w);
    const cv::Rect around = cv::Rect(region.box.x - search, region.box.y - search, region.box.width + 2 * search,
                                     region.box.height + 2 * search) & frame;
    std::vector<float> backdrop_lightness;
    for (int y = around.y; y < around.y + around.height; ++y)
      for (int x = around.x; x < around.x + around.width; ++x)
        if (backdrop_mask.at<std::uint8_t>(y, x)) backdrop_lightness.push_back(lightness.at<float>(y, x));
    const double backdrop_light = backdrop_lightness.empty() ? 0.0 : percentile(backdrop_lightness, 0.95);
    const float floor = static_cast<float>(
        std::max<double>({kSpotMinLightness, skin[0] + kSpotOverSkin, backdrop_light + kSpotOverBackdrop}));
    const cv::Mat light = (lightness(region.box) > floor) & context.inside(region.box);
    // Most photos have no pixel that light near the ears or on the neck: then
    // there is no spot, and no need for the top-hat (the costliest step here).
    if (cv::countNonZero(light) == 0) continue;
    // The top-hat (lightness minus its opening by a spot-sized disc) inside the
    // box is exact when computed over the box grown by the disc's diameter.
    const cv::Rect grown =
        cv::Rect(region.box.x - size, region.box.y - size, region.box.width + 2 * size, region.box.height + 2 * size) &
        frame;
    cv::Mat opened, tophat;
    cv::morphologyEx(lightness(grown), opened, cv::MORPH_OPEN, spot_shape);
    cv::subtract(lightness(grown), opened, tophat);
    const cv::Mat spots = (tophat(region.box - grown.tl()) > kSpotContrast) & light;
    // A necklace lies on skin: its surroundings are looked at within the ring's
    // reach of the neck box.
    const int ring_reach = ring_shape.cols / 2;
    const cv::Rect skin_area = cv::Rect(region.box.x - ring_reach, region.box.y - ring_reach,
                                        region.box.width + 2 * ring_reach, region.box.height + 2 * ring_reach) & frame;
    const cv::Mat skin_like = region.neck ? skinLike(context, skin, skin_area) : cv::Mat();
    cv::Mat labels, stats, centroids;
    const int components = cv::connectedComponentsWithStats(spots, labels, stats, centroids, 8);
    for (int i = 1; i < components; ++i) {
      const int a = stats.at<int>(i, cv::CC_STAT_AREA);
      const int bw = stats.at<int>(i, cv::CC_STAT_WIDTH), bh = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      if (a < kSpotMinArea * w * w || a > kSpotMaxArea * w * w) continue;
      const cv::Rect blob_box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), bw, bh);
      const cv::Mat blob = labels(blob_box) == i;
      const cv::Rect at = blob_box + region.box.tl();  // in output pixels
      double peak = 0;
      cv::minMaxLoc(lightness(at), nullptr, &peak, nullptr, nullptr, blob);
      if (peak < kSpotPeak) continue;
      if (!region.neck && (std::max(bw, bh) > kSpotElongation * std::min(bw, bh) || a < kSpotFill * bw * bh)) continue;
      if (region.neck) {
        // A necklace lies on skin: half of the spot's surroundings must be skin
        // (a light stripe of a shirt or backdrop between hair ends is not).
        const int r = ring_shape.cols / 2;
        const cv::Rect around_blob = cv::Rect(at.x - r, at.y - r, at.width + 2 * r, at.height + 2 * r) & frame;
        cv::Mat ring(around_blob.size(), CV_8U, cv::Scalar(0));
        blob.copyTo(ring(at - around_blob.tl()));
        const cv::Mat inner = ring.clone();
        cv::dilate(inner, ring, ring_shape);
        ring &= ~inner;
        if (cv::countNonZero(ring & skin_like(around_blob)) < kSpotSkinAround * cv::countNonZero(ring)) continue;
      }
      ++count;
    }
  }
  const std::string n = std::to_string(count);
  return measuredResult(id, count, limits,
                        {{"耳垂和颈部未见明显首饰。", "No earrings or necklace seen."},
                         {"", ""},
                         {"耳垂或颈部可能戴有耳环、项链等首饰（发现 " + n + " 处小亮点）：请摘下首饰后重拍，请人工确认。",
                          "You may be wearing earrings or a necklace (" + n +
                              " small bright spots near the ears or neck): take jewellery off and retake. Please check."}});
}

}  // namespace gradphoto
