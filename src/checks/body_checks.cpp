// shoulders.level, body.square, head.covering, accessories.jewellery: posture, and
// what the student wears on the head and body.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "checks/background_body_regions.h"
#include "checks/check.h"
#include "checks/check_groups.h"
#include "segmentation/person_mask.h"

namespace gradphoto {
namespace {

using namespace background_body;

// --- shoulders.level ---------------------------------------------------------

// The shoulder line is sampled from 0.55 face widths off the face centre
// (outside the neck) to 1.0 (as far as a 480-wide crop with a 240-wide face
// shows); each side needs a quarter of its columns.
constexpr double kShoulderInner = 0.65;
constexpr double kShoulderOuter = 1.0;
constexpr double kMinShoulderColumns = 0.25;

// --- body.square --------------------------------------------------------------

// The body's extent to either side: the outline's columns are body while they
// start on hair or body at the chin's row or find a body edge below it; a run of
// 6% of the face width of backdrop-only columns ends the body.
constexpr double kBodyGap = 0.06;

// Distance from the face centre to the body's outer edge on one side, in output
// pixels; the distance to the frame's edge when the body reaches it.
double bodyExtent(const std::vector<int>& outline, const FaceFrame& face, int side) {
  const int cx = std::clamp(cvRound(face.centre_x), 0, static_cast<int>(outline.size()) - 1);
  const int gap = std::max(2, cvRound(kBodyGap * face.width));
  int last = cx, run = 0, x = cx;
  for (; x >= 0 && x < static_cast<int>(outline.size()); x += side) {
    if (outline[x] == kOutlineNoBody) {
      if (++run >= gap) break;
    } else {
      last = x;
      run = 0;
    }
  }
  return std::abs(last - face.centre_x);
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
// hair is not jewellery). A spot is compact: at most 3 times as long as wide
// and filling a third of its box (the light stripes of a shirt are not spots).
constexpr double kSpotSize = 0.07;
constexpr float kSpotContrast = 15.0f;
constexpr float kSpotMinLightness = 80.0f;
constexpr float kSpotOverSkin = 10.0f;
constexpr double kSpotOverBackdrop = 3.0;
// The backdrop compared with: within 30% of the face width around the region.
constexpr double kBackdropSearch = 0.3;
// At least 0.03% of the face width squared (17 px for a 240-px face): smaller is noise.
constexpr double kSpotMinArea = 0.0003;
constexpr int kSpotElongation = 3;
// The surroundings looked at: a ring 2% of the face width wide.
constexpr double kSpotRing = 0.02;
constexpr double kSpotFill = 0.3;

}  // namespace

CheckResult checkShouldersLevel(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "shoulders.level";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  const Bilingual no_shoulders{"照片中看不清两侧肩膀，无法检查肩膀是否水平：请拍到双肩，并与背景颜色区分开。",
                               "Both shoulders must show clearly against the background to check that they are level."};
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return notMeasurableResult(id, limits, no_shoulders);
  const FaceFrame face = faceFrame(context);
  const std::vector<int> outline = bodyOutline(context, backdrop);
  const OutlineLine left = fitOutline(outline, face, -1, kShoulderInner, kShoulderOuter, kMinShoulderColumns);
  const OutlineLine right = fitOutline(outline, face, +1, kShoulderInner, kShoulderOuter, kMinShoulderColumns);
  if (!left.found || !right.found) return notMeasurableResult(id, limits, no_shoulders);
  // A tilt turns both shoulder lines by the same angle, so their mean angle is
  // the tilt whatever the shoulders' own slope; a head shifted sideways over the
  // body does not change it.
  const double angle_left = std::atan(left.slope) * 180 / CV_PI;
  const double angle_right = std::atan(right.slope) * 180 / CV_PI;
  const double tilt = (angle_left + angle_right) / 2;
  if (debugOn()) {
    // pair regression for comparison
    std::vector<float> diffs, ds;
    const int d0 = cvRound(kShoulderInner * face.width), d1 = cvRound(kShoulderOuter * face.width);
    double sxx = 0, sxy = 0, sx = 0, sy = 0; int n = 0;
    for (int d = d0; d <= d1; ++d) {
      const int xl = cvRound(face.centre_x - d), xr = cvRound(face.centre_x + d);
      if (xl < 0 || xr >= static_cast<int>(outline.size()) || outline[xl] < 0 || outline[xr] < 0) continue;
      const double X = xr - xl, Y = outline[xr] - outline[xl];
      sxx += X * X; sxy += X * Y; sx += X; sy += Y; ++n;
    }
    const double b = n > 2 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : std::nan("");
    std::fprintf(stderr, "DBG shoulders tilt=%.2f pairreg=%.2f left=%.1f(%d) right=%.1f(%d) spread=%.3f,%.3f\n", tilt,
                 std::atan(b) * 180 / CV_PI, angle_left, left.points, angle_right, right.points, left.spread / face.width, right.spread / face.width);
  }
  debugImage(context, "shoulders", [&](cv::Mat& m) {
    for (size_t x = 0; x < outline.size(); ++x)
      if (outline[x] >= 0) cv::circle(m, cv::Point(static_cast<int>(x), outline[x]), 1, cv::Scalar(0, 0, 255), cv::FILLED);
  });
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
  const std::vector<int> outline = bodyOutline(context, backdrop);
  const double left = bodyExtent(outline, face, -1), right = bodyExtent(outline, face, +1);
  if (std::max(left, right) < 0.3 * face.width) return notMeasurableResult(id, limits, no_body);
  const double ratio = std::min(left, right) / std::max(left, right);
  if (debugOn())
    std::fprintf(stderr, "DBG square ratio=%.3f left=%.2f right=%.2f\n", ratio, left / face.width, right / face.width);
  debugImage(context, "square", [&](cv::Mat& m) {
    const int y = context.output.rows - 5;
    cv::line(m, cv::Point(cvRound(face.centre_x - left), y), cv::Point(cvRound(face.centre_x + right), y), cv::Scalar(0, 0, 255), 3);
    for (size_t x = 0; x < outline.size(); ++x)
      if (outline[x] >= 0) cv::circle(m, cv::Point(static_cast<int>(x), outline[x]), 1, cv::Scalar(0, 0, 255), cv::FILLED);
  });
  // The narrower side is the far shoulder of a body turned away from the camera
  // on that side: image-right narrower means turned toward the student's left.
  const bool turned_left = right < left;
  const std::string value = formatNumber(ratio, 2);
  return measuredResult(
      id, ratio, limits,
      {{"身体正对镜头（两侧身体宽度比 " + value + "）。", "Body square to the camera (width ratio of the two sides " + value + ")."},
       {std::string("身体可能向") + (turned_left ? "左" : "右") + "侧转（两侧身体宽度比 " + value +
            "）：请身体和脸都正对镜头，两肩对称，请人工确认。",
        std::string("Your body may be turned to your ") + (turned_left ? "left" : "right") +
            " (width ratio of the two sides " + value + "): face the camera with your body too, shoulders symmetric. "
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
  const auto patch = [&](double x, double y, bool person_only, cv::Vec3f& colour) {
    cv::Mat disc_mask(lab.size(), CV_8U, cv::Scalar(0));
    cv::circle(disc_mask, cv::Point(cvRound(x), cvRound(y)), radius, cv::Scalar(255), cv::FILLED);
    disc_mask &= context.inside;
    const int all = cv::countNonZero(disc_mask);
    if (person_only) disc_mask &= context.person;
    int count = 0;
    return medianLab(lab, disc_mask, colour, &count) && count * 2 >= all;
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
      const bool dark_hair = p[0] < kDarkHairLightness && std::hypot(p[1], p[2]) < kDarkHairChroma;
      foreign += nearest > kForeignColour && !dark_hair;
    }
  // Less crown than a band of 10% of the face width above the forehead is no measure.
  if (references.empty() || crown < 0.8 * face.width * 0.1 * face.width) {
    return notMeasurableResult(id, limits,
                               {"照片中头顶部分太少，无法检查帽子或头饰：头顶上方请留出空间。",
                                "Too little of the top of the head shows to check for hats or ornaments: leave space above your head."});
  }
  const double share = 100.0 * foreign / crown;
  if (debugOn()) {
    std::fprintf(stderr, "DBG covering share=%.2f refs=%zu crown=%d\n", share, references.size(), crown);
    for (const cv::Vec3f& r : references) std::fprintf(stderr, "  ref %.0f,%.0f,%.0f\n", r[0], r[1], r[2]);
  }
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
  std::vector<cv::Mat> lab;
  cv::split(context.output_lab, lab);
  const cv::Mat& lightness = lab[0];
  const int size = std::max(3, cvRound(kSpotSize * w)) | 1;
  cv::Mat opened;
  cv::morphologyEx(lightness, opened, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(size, size)));
  const cv::Mat tophat = lightness - opened;
  cv::Vec3f skin(60, 0, 0);
  skinColour(context, skin);
  const cv::Mat skin_like = skinLike(context, skin);
  const cv::Mat backdrop_mask = backgroundMask(context);
  const cv::Mat ring_shape = disc(std::max(2, cvRound(kSpotRing * w)));
  const cv::Rect frame(0, 0, lightness.cols, lightness.rows);
  // Ear lobes: below the face's widest points (mesh 234, 454), slightly outward;
  // the neck: below the chin, as wide as the face.
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
  int count = 0;
  std::string dbg;
  cv::Mat all_spots(lightness.size(), CV_8U, cv::Scalar(0));
  for (const Region& region : regions) {
    if (region.box.area() == 0) continue;
    // The backdrop nearby, where it is lightest: a spot must be lighter still
    // (backdrop seen between strands of hair is not a spot).
    const int grow = cvRound(kBackdropSearch * w);
    const cv::Rect around = cv::Rect(region.box.x - grow, region.box.y - grow, region.box.width + 2 * grow,
                                     region.box.height + 2 * grow) & frame;
    std::vector<float> backdrop_lightness;
    for (int y = around.y; y < around.y + around.height; ++y)
      for (int x = around.x; x < around.x + around.width; ++x)
        if (backdrop_mask.at<std::uint8_t>(y, x)) backdrop_lightness.push_back(lightness.at<float>(y, x));
    const double backdrop_light = backdrop_lightness.empty() ? 0.0 : percentile(backdrop_lightness, 0.95);
    const float floor = static_cast<float>(std::max<double>({kSpotMinLightness, skin[0] + kSpotOverSkin,
                                                            backdrop_light + kSpotOverBackdrop}));
    cv::Mat spots(lightness.size(), CV_8U, cv::Scalar(0));
    spots(region.box).setTo(255);
    spots &= (tophat > kSpotContrast) & (lightness > floor) & context.inside;
    all_spots |= spots;
    cv::Mat labels, stats, centroids;
    const int components = cv::connectedComponentsWithStats(spots, labels, stats, centroids, 8);
    for (int i = 1; i < components; ++i) {
      const int a = stats.at<int>(i, cv::CC_STAT_AREA);
      const int bw = stats.at<int>(i, cv::CC_STAT_WIDTH), bh = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      if (a < kSpotMinArea * w * w) continue;
      if (std::max(bw, bh) > kSpotElongation * std::min(bw, bh) || a < kSpotFill * bw * bh) continue;
      if (region.neck) {
        // A necklace lies on skin: most of the spot's surroundings must be skin
        // (a light stripe of a shirt or backdrop between hair ends is not).
        const cv::Mat blob = labels == i;
        cv::Mat ring;
        cv::dilate(blob, ring, ring_shape);
        ring &= ~blob;
        if (cv::countNonZero(ring & skin_like) * 2 < cv::countNonZero(ring)) continue;
      }
      ++count;
      dbg += " " + std::to_string(a) + "@" + std::to_string(cvRound(centroids.at<double>(i, 0))) + "," +
             std::to_string(cvRound(centroids.at<double>(i, 1)));
    }
  }
  if (debugOn()) std::fprintf(stderr, "DBG jewellery count=%d skinL=%.1f:%s\n", count, skin[0], dbg.c_str());
  debugImage(context, "jewellery", [&](cv::Mat& m) {
    for (const Region& r : regions) cv::rectangle(m, r.box, cv::Scalar(255, 0, 0));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(all_spots.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    cv::drawContours(m, contours, -1, cv::Scalar(0, 0, 255));
  });
  const std::string n = std::to_string(count);
  return measuredResult(id, count, limits,
                        {{"耳垂和颈部未见明显首饰。", "No earrings or necklace seen."},
                         {"", ""},
                         {"耳垂或颈部可能戴有耳环、项链等首饰（发现 " + n + " 处小亮点）：请摘下首饰后重拍，请人工确认。",
                          "You may be wearing earrings or a necklace (" + n +
                              " small bright spots near the ears or neck): take jewellery off and retake. Please check."}});
}

}  // namespace gradphoto
