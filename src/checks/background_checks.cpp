// background.colour, background.uniform, clothing.contrast, clothing.pattern: the
// backdrop, and the clothes against it.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "checks/background_body_regions.h"
#include "checks/check.h"
#include "checks/check_groups.h"
#include "checks/clothing_measures.h"
#include "checks/hypot_below.h"
#include "checks/lab_planes.h"
#include "image/mask_morphology.h"
#include "segmentation/person_mask.h"

namespace gradphoto {
namespace {

using namespace background_body;

const Bilingual kNoBackdrop{"照片中露出的背景太少，无法检查背景：请在头部上方和两侧留出背景。",
                            "Too little background shows to check it: leave background visible above and beside your head."};
const Bilingual kNoClothing{"照片下部看不到肩膀和衣服，无法检查衣服：请拍到肩膀以下。",
                            "No shoulders or clothing in the lower part of the photo to check: include your shoulders."};

// --- background.uniform ----------------------------------------------------

// Backdrop in shadow or under a gradient: the backdrop's chromaticity (shading
// scales linear RGB, which keeps r:g:b) at 30% to 115% of its brightness. The
// chromaticity tolerance of 0.03 (several times a backdrop's JPEG chroma noise)
// keeps skin and brown hair out (0.1-0.3 away from a grey backdrop); the
// brightness floor keeps black hair out.
constexpr double kShadowChromaticity = 0.03;
constexpr double kShadowMinBrightness = 0.3;
constexpr double kShadowMaxBrightness = 1.15;
// Where the head and its hair may be: an ellipse 0.85 face widths to either side
// from the crown to the chin, and 0.8 face widths either side from the eyes to
// the chin (hair hanging beside the face). Outside it, anything that is neither
// backdrop nor joined to the person (an object, another person) counts against
// uniformity.
constexpr double kHeadHalfWidth = 0.85;
constexpr double kHairHalfWidth = 0.8;
// The boundary layer of the measured region (a few pixels of hair and backdrop
// blended by the lens and JPEG) is left out: 3% of the face width.
constexpr double kBoundaryLayer = 0.03;
// The value: the 95th percentile of the colour distance to the backdrop's
// median, i.e. how far the most different 5% of the backdrop is.
constexpr double kUniformPercentile = 0.95;

cv::Vec3d linearRgb(const cv::Vec3f& srgb_255) {
  cv::Vec3d out;
  for (int c = 0; c < 3; ++c) {
    const double v = srgb_255[c] / 255.0;
    out[c] = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  }
  return out;
}

// Rows from `end_row` down stay 0 (background.uniform looks above the chin only),
// and so do the pixels `known` already holds (the caller ORs them in anyway; the
// backdrop mask is most of the photo, so most pixels skip the arithmetic).
cv::Mat shadowLike(const CheckContext& context, const Backdrop& backdrop, int end_row, const cv::Mat& known) {
  // Per-byte lookup of the sRGB transfer function.
  double to_linear[256];
  for (int i = 0; i < 256; ++i) to_linear[i] = linearRgb(cv::Vec3f(static_cast<float>(i), 0, 0))[0];
  const cv::Vec3d reference = linearRgb(rgbOfLab(backdrop.lab));
  const double reference_sum = reference[0] + reference[1] + reference[2] + 1e-9;
  const double ref_r = reference[0] / reference_sum, ref_g = reference[1] / reference_sum;
  cv::Mat like(context.output.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < std::min(end_row, like.rows); ++y) {
    const cv::Vec3b* row = context.output.ptr<cv::Vec3b>(y);
    const std::uint8_t* skip = known.ptr<std::uint8_t>(y);
    std::uint8_t* out = like.ptr<std::uint8_t>(y);
    for (int x = 0; x < like.cols; ++x) {
      if (skip[x]) continue;
      const double r = to_linear[row[x][0]], g = to_linear[row[x][1]], b = to_linear[row[x][2]];
      const double sum = r + g + b + 1e-9;
      const double brightness = sum / reference_sum;
      if (brightness < kShadowMinBrightness || brightness > kShadowMaxBrightness) continue;
      if (hypotBelow(r / sum - ref_r, g / sum - ref_g, kShadowChromaticity)) out[x] = 255;
    }
  }
  return like;
}

cv::Mat headZone(const CheckContext& context, const FaceFrame& face) {
  cv::Mat zone(context.output.size(), CV_8U, cv::Scalar(0));
  // Without an outline the crown is about one face width above the eyes.
  const double crown = context.crown_found ? context.crown_out : face.eye_y - face.width;
  const double top = crown - 0.05 * face.width, bottom = face.chin_y;
  cv::ellipse(zone, cv::Point(cvRound(face.centre_x), cvRound((top + bottom) / 2)),
              cv::Size(cvRound(kHeadHalfWidth * face.width), std::max(1, cvRound((bottom - top) / 2))), 0, 0, 360,
              cv::Scalar(255), cv::FILLED);
  cv::rectangle(zone, cv::Point(cvRound(face.centre_x - kHairHalfWidth * face.width), cvRound(face.eye_y)),
                cv::Point(cvRound(face.centre_x + kHairHalfWidth * face.width), cvRound(face.chin_y)), cv::Scalar(255),
                cv::FILLED);
  return zone;
}

// The person-mask components that overlap the face: the student with their hair.
cv::Mat studentComponents(const CheckContext& context) {
  cv::Mat labels;
  const int count = cv::connectedComponents(context.person, labels, 8, CV_32S);
  std::vector<bool> keep(static_cast<size_t>(count), false);
  const cv::Mat& face = faceZone(context, 0.0);
  for (int y = 0; y < labels.rows; ++y)
    for (int x = 0; x < labels.cols; ++x)
      if (face.at<std::uint8_t>(y, x) && context.person.at<std::uint8_t>(y, x)) keep[labels.at<int>(y, x)] = true;
  cv::Mat student(labels.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < labels.rows; ++y)
    for (int x = 0; x < labels.cols; ++x)
      if (context.person.at<std::uint8_t>(y, x) && keep[labels.at<int>(y, x)]) student.at<std::uint8_t>(y, x) = 255;
  return student;
}

// --- clothing.pattern (the clothing region: clothing_measures.h) ---------------

// A clothing pixel is "light" above L* 70 (sRGB about 170 grey: white, cream,
// pastel and light-blue shirts), "patterned" where the lightness changes faster
// than 4 L* per output pixel after a 1-pixel blur (the folds of plain cloth and
// JPEG noise average 0.1-0.6 on neutral_front's T-shirts; a stripe's edge
// reaches 10 or more).
constexpr float kLightClothing = 70.0f;
constexpr float kPatternGradient = 4.0f;
constexpr double kPatternBlur = 1.0;
// The boundary of the clothing region (its edge against backdrop or skin is not
// a pattern) is left out.
constexpr int kClothingBoundary = 3;

std::string rgbText(const cv::Vec3f& rgb) {
  return "RGB(" + formatNumber(rgb[0], 0) + "," + formatNumber(rgb[1], 0) + "," + formatNumber(rgb[2], 0) + ")";
}

Bilingual colourName(const BackgroundColour& colour) {
  if (colour.name == "light_blue") return {"浅蓝色", "light blue"};
  if (colour.name == "school_blue") return {"蓝色", "blue"};
  if (colour.name == "white") return {"白色", "white"};
  if (colour.name == "light_grey") return {"浅灰色", "light grey"};
  return {colour.name, colour.name};
}

}  // namespace

CheckResult checkBackgroundColour(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "background.colour";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  Backdrop backdrop;
  if (context.profile->background_colours.empty() || !measureBackdrop(context, backdrop)) {
    return notMeasurableResult(id, limits, kNoBackdrop);
  }
  const BackgroundColour* nearest = nullptr;
  double distance = 0;
  std::string allowed_zh, allowed_en;
  for (const BackgroundColour& colour : context.profile->background_colours) {
    const double d = deltaE2000(backdrop.lab, labOfRgb(colour.rgb));
    if (nearest == nullptr || d < distance) {
      nearest = &colour;
      distance = d;
    }
    allowed_zh += (allowed_zh.empty() ? "" : "、") + colourName(colour).zh;
    allowed_en += (allowed_en.empty() ? "" : ", ") + colourName(colour).en;
  }
  const Bilingual name = colourName(*nearest);
  const cv::Vec3f measured = rgbOfLab(backdrop.lab);
  const cv::Vec3f reference = labOfRgb(nearest->rgb);
  const std::string reference_rgb = "RGB(" + std::to_string(nearest->rgb[0]) + "," + std::to_string(nearest->rgb[1]) +
                                    "," + std::to_string(nearest->rgb[2]) + ")";
  // Which way it is off: lightness or hue, whichever differs more.
  const double lightness = backdrop.lab[0] - reference[0];
  const double chroma = std::hypot(backdrop.lab[1] - reference[1], backdrop.lab[2] - reference[2]);
  const bool darker = lightness < 0 && std::abs(lightness) >= chroma;
  const bool lighter = lightness > 0 && std::abs(lightness) >= chroma;
  const Bilingual how = darker ? Bilingual{"偏暗", "darker"} : lighter ? Bilingual{"偏亮", "lighter"}
                                                                    : Bilingual{"颜色不同", "a different colour"};
  const std::string dE = formatNumber(distance, 1);
  const Bilingual ok{"背景颜色符合要求：接近" + name.zh + "（测得 " + rgbText(measured) + "，色差 ΔE " + dE + "）。",
                     "Background colour fine: close to " + name.en + " (measured " + rgbText(measured) +
                         ", ΔE2000 " + dE + ")."};
  const bool fails = judge(distance, limits) == Verdict::kFail;
  const Bilingual off =
      fails ? Bilingual{"背景颜色不符合要求：测得 " + rgbText(measured) + "，与最接近的" + name.zh + " " + reference_rgb +
                            " 相差 ΔE " + dE + "。请在" + allowed_zh + "背景前重拍。",
                        "Background colour not allowed: measured " + rgbText(measured) + ", ΔE2000 " + dE +
                            " from the nearest allowed colour, " + name.en + " " + reference_rgb + ". Retake against a " +
                            allowed_en + " background."}
            : Bilingual{"背景比" + name.zh + " " + reference_rgb + how.zh + "（测得 " + rgbText(measured) + "，色差 ΔE " +
                            dE + "），可能不被接受：请把背景照亮、照匀，或换用" + allowed_zh + "背景。",
                        "Background is " + how.en + " than " + name.en + " " + reference_rgb + " (measured " +
                            rgbText(measured) + ", ΔE2000 " + dE +
                            ") and may be rejected: light the background brightly and evenly, or use a " + allowed_en +
                            " background."};
  return measuredResult(id, distance, limits, {ok, {"", ""}, off});
}

CheckResult checkBackgroundUniform(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "background.uniform";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return notMeasurableResult(id, limits, kNoBackdrop);
  const FaceFrame face = faceFrame(context);
  // Backdrop, backdrop in shadow, and whatever else is outside the head and not
  // the student; above the chin (below it is clothing).
  const int chin = std::clamp(static_cast<int>(face.chin_y), 0, context.output.rows);
  const cv::Mat& backdrop_mask = backgroundMask(context);
  cv::Mat region = backdrop_mask | shadowLike(context, backdrop, chin, backdrop_mask) |
                   ((headZone(context, face) == 0) & (studentComponents(context) == 0));
  region &= context.inside & (faceZone(context, 0.05) == 0);
  region.rowRange(chin, region.rows).setTo(0);
  // Only the rows above the chin are eroded and measured (below, all is 0; the
  // erosion of the upper rows still reads the zeros beneath them).
  if (chin > 0) {
    cv::Mat eroded;
    erodeMaskByDisc(region.rowRange(0, chin), eroded, std::max(1, cvRound(kBoundaryLayer * face.width)));
    eroded.copyTo(region.rowRange(0, chin));
  }
  const cv::Mat distance = chin > 0 ? deltaE(context.output_lab.rowRange(0, chin), backdrop.lab) : cv::Mat();
  std::vector<float> values;
  for (int y = 0; y < chin; ++y)
    for (int x = 0; x < region.cols; ++x)
      if (region.at<std::uint8_t>(y, x)) values.push_back(distance.at<float>(y, x));
  if (values.size() < static_cast<size_t>(backdrop.pixels / 2)) return notMeasurableResult(id, limits, kNoBackdrop);
  const double spread = percentile(values, kUniformPercentile);
  const std::string dE = formatNumber(spread, 1);
  return measuredResult(
      id, spread, limits,
      {{"背景均匀（最不均匀的 5% 与背景主色相差 ΔE " + dE + "）。",
        "Background even (its most different 5% is ΔE " + dE + " from its main colour)."},
       {"", ""},
       {"背景不均匀：有渐变、阴影或其他物体（最不均匀的 5% 与背景主色相差 ΔE " + dE +
            "）。请在单一颜色、光线均匀的背景前拍摄，人离背景稍远以免投下阴影，背景中不要有其他物体或人。",
        "Background uneven: a gradient, a shadow or objects (its most different 5% is ΔE " + dE +
            " from its main colour). Use a plain, evenly lit background, stand a little away from it so you cast no "
            "shadow, and keep other objects and people out of the picture."}});
}

CheckResult checkClothingContrast(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "clothing.contrast";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return notMeasurableResult(id, limits, kNoBackdrop);
  const ClothingContrast& measured = clothingContrast(context);
  if (!measured.measured) return notMeasurableResult(id, limits, kNoClothing);
  const double contrast = measured.value;
  const std::string dE = formatNumber(contrast, 1);
  return measuredResult(id, contrast, limits,
                        {{"衣服与背景区分明显（色差 ΔE " + dE + "）。",
                          "Clothing stands out from the background (ΔE " + dE + ")."},
                         {"衣服颜色与背景太接近（色差 ΔE " + dE +
                              "），采集系统可能无法分开人和背景（“黑边”）：请换一件与背景颜色明显不同的深色衣服。",
                          "Clothing too close to the background colour (ΔE " + dE +
                              "): the collection system may not separate you from the background (\"black edge\"). "
                              "Wear dark clothing that clearly differs from the background."},
                         {"", ""}});
}

CheckResult checkClothingPattern(const CheckContext& context, const CheckLimits& limits) {
  const char* id = "clothing.pattern";
  if (context.face == nullptr) return notMeasurableResult(id, limits, kNeedsOneFace);
  Backdrop backdrop;
  if (!measureBackdrop(context, backdrop)) return notMeasurableResult(id, limits, kNoBackdrop);
  const FaceFrame face = faceFrame(context);
  cv::Mat clothing = clothingRegion(context, false);
  erodeMaskByDisc(clothing, clothing, kClothingBoundary);
  const int pixels = cv::countNonZero(clothing);
  if (pixels < kMinClothingArea * face.width * face.width) return notMeasurableResult(id, limits, kNoClothing);
  const cv::Mat& lightness = labPlanes(context)[0];
  // Blur and gradient over the clothing's box grown by the filters' reach (the
  // blur's 3 sigma and Sobel's 1 pixel), so the box's values equal a whole-image
  // pass; the clothing seldom covers a third of the output.
  const int reach = static_cast<int>(std::ceil(3 * kPatternBlur)) + 2;
  const cv::Rect box = cv::boundingRect(clothing);
  const cv::Rect grown =
      cv::Rect(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach) & cv::Rect({}, clothing.size());
  cv::Mat smooth, gx, gy, gradient;
  cv::GaussianBlur(lightness(grown), smooth, cv::Size(), kPatternBlur);
  cv::Sobel(smooth, gx, CV_32F, 1, 0, 3, 1.0 / 8);  // 1/8: Sobel's weights sum to 8, giving L* per pixel
  cv::Sobel(smooth, gy, CV_32F, 0, 1, 3, 1.0 / 8);
  cv::magnitude(gx, gy, gradient);
  int light = 0, patterned = 0, either = 0;
  for (int y = box.y; y < box.y + box.height; ++y)
    for (int x = box.x; x < box.x + box.width; ++x) {
      if (!clothing.at<std::uint8_t>(y, x)) continue;
      const bool is_light = lightness.at<float>(y, x) > kLightClothing;
      const bool is_patterned = gradient.at<float>(y - grown.y, x - grown.x) > kPatternGradient;
      light += is_light;
      patterned += is_patterned;
      either += is_light || is_patterned;
    }
  const double share = 100.0 * either / pixels;
  const double light_share = 100.0 * light / pixels, pattern_share = 100.0 * patterned / pixels;
  const bool mostly_light = light_share >= pattern_share;
  const std::string percent = formatNumber(share, 0) + "%";
  return measuredResult(
      id, share, limits,
      {{"衣服为深色素色（浅色或花纹部分占 " + percent + "）。",
        "Clothing dark and plain (" + percent + " of it light or patterned)."},
       {"", ""},
       {std::string("衣服可能") + (mostly_light ? "颜色偏浅" : "有条纹或花纹") + "（浅色或花纹部分占 " + percent +
            "）：规范要求穿深色、无条纹、无复杂图案的正装，浅色衣服可能不被接受，请人工确认。",
        std::string("Clothing may be ") + (mostly_light ? "light-coloured" : "striped or patterned") + " (" + percent +
            " of it light or patterned): the rules ask for dark, plain formal clothing without stripes or busy "
            "patterns, and light clothing may be rejected. Please check."}});
}

}  // namespace gradphoto
