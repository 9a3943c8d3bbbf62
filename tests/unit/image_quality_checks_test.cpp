// image.sharpness, image.exposure, light.evenness, light.highlights,
// retouch.suspected, recapture.suspected on real photos and on defects made here
// from them with OpenCV (blur, JPEG damage, exposure gain, a one-sided light ramp,
// specular spots, skin smoothing, a screen grid), so no generated files are needed.
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "checks/image_quality_measures.h"
#include "gradphoto/photo_checker.h"
#include "test_support.h"

namespace gradphoto::test {
namespace {

const std::string kNeutral = "webmorphR.stim/inst/neutral_front/";
const std::string kLightSkin = kNeutral + "001_03.jpg";
const std::string kDarkSkin = kNeutral + "061_03.jpg";

PhotoChecker& checker() {
  static PhotoChecker instance(sharedAnalyzer(), loadProfile("chsi-graduate"));
  return instance;
}

PhotoReport checkMat(const cv::Mat& bgr, const std::vector<std::uint8_t>& file = {}) {
  const cv::Mat packed = bgr.isContinuous() ? bgr : bgr.clone();
  return checker().check({{packed.data, packed.total() * 3, packed.cols, packed.rows, 0, PixelFormat::kBgr},
                          file.empty() ? nullptr : file.data(),
                          file.size()});
}

CheckResult result(const PhotoReport& report, const std::string& id) {
  for (const CheckResult& c : report.checks)
    if (c.id == id) return c;
  ADD_FAILURE() << id << " is not in the report";
  return {};
}

CheckResult checkOne(const cv::Mat& bgr, const std::string& id) { return result(checkMat(bgr), id); }

std::string describe(const CheckResult& c) {
  return c.id + " " + verdictName(c.verdict) + " value " + std::to_string(c.value) + ": " + c.message_en;
}

std::vector<std::uint8_t> readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The face's mesh in the photo's pixels.
std::vector<cv::Point2f> meshOf(const cv::Mat& bgr) {
  const FaceAnalysis analysis = analyzeMat(bgr);
  EXPECT_EQ(analysis.faces.size(), 1u);
  std::vector<cv::Point2f> mesh;
  if (analysis.faces.empty()) return mesh;
  for (const MeshPoint& p : analysis.faces[0].mesh) mesh.emplace_back(p.x, p.y);
  return mesh;
}

// --- defects, as a camera or an app would make them ---

cv::Mat exposureGain(const cv::Mat& bgr, double linear_gain) {
  cv::Mat lut(1, 256, CV_8U);
  for (int i = 0; i < 256; ++i) {
    const double v = i / 255.0;
    const double linear = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    const double scaled = std::min(1.0, linear * linear_gain);
    const double srgb = scaled <= 0.0031308 ? scaled * 12.92 : 1.055 * std::pow(scaled, 1 / 2.4) - 0.055;
    lut.at<uchar>(i) = cv::saturate_cast<uchar>(srgb * 255);
  }
  cv::Mat out;
  cv::LUT(bgr, lut, out);
  return out;
}

cv::Mat jpegRoundTrip(const cv::Mat& bgr, int quality) {
  std::vector<std::uint8_t> bytes;
  cv::imencode(".jpg", bgr, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
  return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

// A key light from the image's left only: brightness falls across the face
// (cheek to cheek, plus 10% of the face width) to `floor`.
cv::Mat oneSidedLight(const cv::Mat& bgr, const std::vector<cv::Point2f>& mesh, double floor) {
  const float left = mesh[234].x, right = mesh[454].x, margin = 0.1f * (right - left);
  cv::Mat out = bgr.clone();
  for (int x = 0; x < out.cols; ++x) {
    const double t = std::clamp(static_cast<double>(x - (left - margin)) / (right - left + 2 * margin), 0.0, 1.0);
    const double smooth = t * t * (3 - 2 * t);
    out.col(x).convertTo(out.col(x), -1, 1 - (1 - floor) * smooth);
  }
  return out;
}

// Soft near-white patches where sweat shines: nose bridge, forehead, one cheek.
cv::Mat specularSpots(const cv::Mat& bgr, const std::vector<cv::Point2f>& mesh) {
  const float face_width = mesh[454].x - mesh[234].x;
  cv::Mat alpha = cv::Mat::zeros(bgr.size(), CV_32F);
  const std::array<std::pair<int, float>, 3> spots{{{6, 0.03f}, {151, 0.05f}, {50, 0.035f}}};
  for (const auto& [index, size] : spots) {
    cv::Mat one = cv::Mat::zeros(bgr.size(), CV_32F);
    cv::circle(one, mesh[index], cvRound(size * face_width), 1.0, -1);
    cv::GaussianBlur(one, one, cv::Size(), 0.5 * size * face_width);
    alpha = cv::max(alpha, one * 0.95);
  }
  cv::Mat f, a3;
  bgr.convertTo(f, CV_32FC3);
  cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, a3);
  const cv::Mat white(bgr.size(), CV_32FC3, cv::Scalar(246, 249, 252));
  cv::Mat out;
  cv::Mat(f + (white - f).mul(a3)).convertTo(out, CV_8UC3);
  return out;
}

// 美颜: bilateral filtering of the face's skin, eyes, brows and lips left sharp.
cv::Mat smoothSkin(const cv::Mat& bgr, const std::vector<cv::Point2f>& mesh) {
  const std::array<int, 36> oval{10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288,
                                 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
                                 172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109};
  const std::vector<std::vector<int>> features{
      {33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246},
      {263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466},
      {46, 53, 52, 65, 55, 70, 63, 105, 66, 107},
      {276, 283, 282, 295, 285, 300, 293, 334, 296, 336},
      {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185}};
  const float face_width = mesh[454].x - mesh[234].x;
  cv::Mat skin = cv::Mat::zeros(bgr.size(), CV_8U);
  std::vector<cv::Point> outline;
  for (int i : oval) outline.emplace_back(mesh[i]);
  cv::fillPoly(skin, std::vector<std::vector<cv::Point>>{outline}, cv::Scalar(255));
  cv::Mat keep = cv::Mat::zeros(bgr.size(), CV_8U);
  for (const std::vector<int>& feature : features) {
    std::vector<cv::Point> points, hull;
    for (int i : feature) points.emplace_back(mesh[i]);
    cv::convexHull(points, hull);
    cv::fillConvexPoly(keep, hull, cv::Scalar(255));
  }
  const int margin = cvRound(0.03 * face_width);
  cv::dilate(keep, keep, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * margin + 1, 2 * margin + 1}));
  skin.setTo(0, keep);
  const double sigma_space = 0.015 * face_width;
  cv::Mat smooth = bgr.clone(), next;
  for (int pass = 0; pass < 3; ++pass) {
    cv::bilateralFilter(smooth, next, 2 * cvCeil(1.5 * sigma_space) + 1, 35, sigma_space);
    std::swap(smooth, next);
  }
  cv::Mat out = bgr.clone();
  smooth.copyTo(out, skin);
  return out;
}

// A photo of a screen: a fine tilted grid beating with the camera's pixels, with
// colour fringes (the subpixels), and the screen's glare lifting the blacks.
cv::Mat screenGrid(const cv::Mat& bgr, double period, double angle_deg, double amplitude) {
  const double k = 2 * CV_PI / period, c = std::cos(angle_deg * CV_PI / 180), s = std::sin(angle_deg * CV_PI / 180);
  cv::Mat out(bgr.size(), CV_8UC3);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const double u = x * c + y * s, v = -x * s + y * c;
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      for (int ch = 0; ch < 3; ++ch) {
        const double grid = 0.5 * (std::sin(k * u + ch * 2 * CV_PI / 3) + std::sin(k * v));
        out.at<cv::Vec3b>(y, x)[ch] = cv::saturate_cast<uchar>(128 + 0.85 * (p[ch] - 128) + amplitude * grid);
      }
    }
  return out;
}

// An APP1 EXIF segment whose IFD0 holds only a Software entry, inserted after SOI.
std::vector<std::uint8_t> withSoftwareTag(const std::vector<std::uint8_t>& jpeg, const std::string& software,
                                          bool big_endian) {
  std::vector<std::uint8_t> tiff;
  const auto put16 = [&](unsigned v) {
    if (big_endian) tiff.insert(tiff.end(), {std::uint8_t(v >> 8), std::uint8_t(v)});
    else tiff.insert(tiff.end(), {std::uint8_t(v), std::uint8_t(v >> 8)});
  };
  const auto put32 = [&](unsigned v) {
    if (big_endian) {
      put16(v >> 16);
      put16(v & 0xFFFF);
    } else {
      put16(v & 0xFFFF);
      put16(v >> 16);
    }
  };
  tiff.insert(tiff.end(), big_endian ? std::initializer_list<std::uint8_t>{'M', 'M'} : std::initializer_list<std::uint8_t>{'I', 'I'});
  put16(42);
  put32(8);         // IFD0 right after the header
  put16(1);         // one entry
  put16(0x0131);    // Software
  put16(2);         // ASCII
  put32(static_cast<unsigned>(software.size() + 1));
  put32(8 + 2 + 12 + 4);  // the text follows the IFD
  put32(0);         // no next IFD
  tiff.insert(tiff.end(), software.begin(), software.end());
  tiff.push_back(0);
  std::vector<std::uint8_t> segment{0xFF, 0xE1, 0, 0, 'E', 'x', 'i', 'f', 0, 0};
  segment.insert(segment.end(), tiff.begin(), tiff.end());
  const std::size_t length = segment.size() - 2;
  segment[2] = std::uint8_t(length >> 8);
  segment[3] = std::uint8_t(length);
  std::vector<std::uint8_t> out(jpeg.begin(), jpeg.begin() + 2);
  out.insert(out.end(), segment.begin(), segment.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

bool detected(const CheckResult& c) { return c.verdict == Verdict::kWarn || c.verdict == Verdict::kFail; }

TEST(ImageQualityChecks, ProfilesGiveLimitsForEveryCheckOfTheGroup) {
  for (const char* name : {"chsi-graduate", "id-card"}) {
    const Profile profile = loadProfile(name);
    for (const char* id : {"image.sharpness", "image.exposure", "light.evenness", "light.highlights",
                           "retouch.suspected", "recapture.suspected"}) {
      const CheckLimits* limits = profile.limits(id);
      ASSERT_NE(limits, nullptr) << name << " " << id;
      EXPECT_FALSE(limits->source.empty()) << name << " " << id;
    }
    // Heuristics only warn.
    for (const char* id : {"retouch.suspected", "recapture.suspected"}) {
      EXPECT_TRUE(std::isnan(profile.limits(id)->min_fail) && std::isnan(profile.limits(id)->max_fail)) << id;
    }
  }
}

TEST(ImageQualityChecks, NotMeasurableWithoutAFace) {
  const cv::Mat grey(800, 600, CV_8UC3, cv::Scalar(200, 200, 200));
  const PhotoReport report = checkMat(grey);
  for (const char* id : {"image.sharpness", "image.exposure", "light.evenness", "light.highlights",
                         "retouch.suspected", "recapture.suspected"}) {
    EXPECT_EQ(result(report, id).verdict, Verdict::kNotMeasurable) << id;
  }
}

TEST(ImageQualityChecks, SharpnessPassesRealPhotosAndFailsBlurAndJpegDamage) {
  for (const std::string& photo : {kLightSkin, kDarkSkin, std::string("webmorphR.stim/inst/canada/003f.jpg"),
                                  std::string("webmorphR.stim/inst/lisa/lisa4.jpg")}) {
    const CheckResult sharp = checkOne(loadPhoto(photo), "image.sharpness");
    EXPECT_EQ(sharp.verdict, Verdict::kPass) << photo << ": " << describe(sharp);
  }
  const cv::Mat original = loadPhoto(kLightSkin);
  const CheckResult sharp = checkOne(original, "image.sharpness");
  // Sigma given for a 1350 px wide photo, as the variant generator does.
  for (const double sigma : {3.0, 6.0}) {
    cv::Mat blurred;
    cv::GaussianBlur(original, blurred, cv::Size(), sigma * original.cols / 1350.0);
    const CheckResult blur = checkOne(blurred, "image.sharpness");
    EXPECT_TRUE(detected(blur)) << "sigma " << sigma << ": " << describe(blur);
    EXPECT_LT(blur.value, sharp.value);
    if (sigma == 6.0) {
      EXPECT_EQ(blur.verdict, Verdict::kFail) << describe(blur);
    }
  }
  const CheckResult damaged = checkOne(jpegRoundTrip(original, 8), "image.sharpness");
  EXPECT_EQ(damaged.verdict, Verdict::kFail) << describe(damaged);
  EXPECT_NE(damaged.message_en.find("compressed"), std::string::npos) << damaged.message_en;
  // An ordinary camera JPEG is not damage.
  const CheckResult camera = checkOne(jpegRoundTrip(original, 75), "image.sharpness");
  EXPECT_EQ(camera.verdict, Verdict::kPass) << describe(camera);
}

TEST(ImageQualityChecks, ExposurePassesLightAndDarkSkinAndFailsUnderAndOverExposure) {
  for (const std::string& photo : {kLightSkin, kDarkSkin}) {
    const cv::Mat original = loadPhoto(photo);
    const CheckResult normal = checkOne(original, "image.exposure");
    EXPECT_EQ(normal.verdict, Verdict::kPass) << photo << ": " << describe(normal);

    const CheckResult dark = checkOne(exposureGain(original, 0.2), "image.exposure");  // -2.3 EV
    EXPECT_EQ(dark.verdict, Verdict::kFail) << photo << ": " << describe(dark);
    EXPECT_NE(dark.message_en.find("too dark"), std::string::npos) << dark.message_en;
  }
  // +1.4 EV on light skin: the face washes out.
  const CheckResult bright = checkOne(exposureGain(loadPhoto(kLightSkin), 2.6), "image.exposure");
  EXPECT_EQ(bright.verdict, Verdict::kFail) << describe(bright);
  EXPECT_NE(bright.message_en.find("overexposed"), std::string::npos) << bright.message_en;
  // -1.7 EV is caught too, at least as a warning (the generator's -1.5 EV variants
  // all warn as well, but this photo's sits one L* step under the limit).
  const CheckResult dim = checkOne(exposureGain(loadPhoto(kLightSkin), 0.3), "image.exposure");
  EXPECT_TRUE(detected(dim)) << describe(dim);
}

TEST(ImageQualityChecks, EvennessPassesFrontalLightAndCatchesOneSidedLight) {
  const cv::Mat original = loadPhoto(kLightSkin);
  const CheckResult even = checkOne(original, "light.evenness");
  EXPECT_EQ(even.verdict, Verdict::kPass) << describe(even);

  const std::vector<cv::Point2f> mesh = meshOf(original);
  ASSERT_FALSE(mesh.empty());
  const CheckResult strong = checkOne(oneSidedLight(original, mesh, 0.35), "light.evenness");
  EXPECT_EQ(strong.verdict, Verdict::kFail) << describe(strong);
  // Dark on the image's right: the student's left cheek.
  EXPECT_NE(strong.message_en.find("left cheek"), std::string::npos) << strong.message_en;
  const CheckResult mild = checkOne(oneSidedLight(original, mesh, 0.55), "light.evenness");
  EXPECT_TRUE(detected(mild)) << describe(mild);
}

TEST(ImageQualityChecks, HighlightsPassMatteSkinAndCatchSweatShine) {
  // 099 and 113 are the shiniest of the neutral_front subjects; they still pass.
  for (const std::string& photo : {kLightSkin, kNeutral + "099_03.jpg", kNeutral + "113_03.jpg"}) {
    const CheckResult matte = checkOne(loadPhoto(photo), "light.highlights");
    EXPECT_EQ(matte.verdict, Verdict::kPass) << photo << ": " << describe(matte);
  }
  for (const std::string& photo : {kLightSkin, kDarkSkin}) {
    const cv::Mat original = loadPhoto(photo);
    const std::vector<cv::Point2f> mesh = meshOf(original);
    ASSERT_FALSE(mesh.empty());
    const CheckResult shiny = checkOne(specularSpots(original, mesh), "light.highlights");
    EXPECT_TRUE(detected(shiny)) << photo << ": " << describe(shiny);
  }
}

TEST(ImageQualityChecks, RetouchPassesRealSkinAndWarnsOnSmoothedSkin) {
  for (const std::string& photo : {kLightSkin, kDarkSkin, std::string("webmorphR.stim/inst/canada/095m.jpg")}) {
    const cv::Mat original = loadPhoto(photo);
    const CheckResult real = checkOne(original, "retouch.suspected");
    EXPECT_EQ(real.verdict, Verdict::kPass) << photo << ": " << describe(real);

    const std::vector<cv::Point2f> mesh = meshOf(original);
    ASSERT_FALSE(mesh.empty());
    const CheckResult smoothed = checkOne(smoothSkin(original, mesh), "retouch.suspected");
    // A heuristic: a warning, never a failure.
    EXPECT_EQ(smoothed.verdict, Verdict::kWarn) << photo << ": " << describe(smoothed);
    EXPECT_LT(smoothed.value, real.value);
  }
}

TEST(ImageQualityChecks, RetouchWarnsWhenTheFileNamesABeautyApp) {
  const std::string path = testdataPath(kLightSkin);
  const std::vector<std::uint8_t> original = readBytes(path);
  ASSERT_FALSE(original.empty());
  const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
  const CheckResult plain = result(checkMat(bgr, original), "retouch.suspected");
  EXPECT_EQ(plain.verdict, Verdict::kPass) << describe(plain);

  const CheckResult meitu = result(checkMat(bgr, withSoftwareTag(original, "MTXX 美图秀秀 9.8", false)), "retouch.suspected");
  EXPECT_EQ(meitu.verdict, Verdict::kWarn) << describe(meitu);
  EXPECT_NE(meitu.message_zh.find("美图秀秀"), std::string::npos) << meitu.message_zh;
  // A camera's firmware is not an editor.
  const CheckResult camera = result(checkMat(bgr, withSoftwareTag(original, "HDR+ 1.0.5", true)), "retouch.suspected");
  EXPECT_EQ(camera.verdict, Verdict::kPass) << describe(camera);
}

TEST(ImageQualityChecks, SoftwareTagParserReadsBothByteOrdersAndSurvivesDamage) {
  const std::vector<std::uint8_t> jpeg{0xFF, 0xD8, 0xFF, 0xD9};
  const std::vector<std::uint8_t> intel = withSoftwareTag(jpeg, "Adobe Photoshop 25.0 (Windows)", false);
  const std::vector<std::uint8_t> motorola = withSoftwareTag(jpeg, "PicsArt", true);
  EXPECT_EQ(image_quality::jpegSoftwareTag(intel.data(), intel.size()), "Adobe Photoshop 25.0 (Windows)");
  EXPECT_EQ(image_quality::jpegSoftwareTag(motorola.data(), motorola.size()), "PicsArt");
  EXPECT_EQ(image_quality::editingSoftware("Adobe Photoshop 25.0 (Windows)"), "Adobe Photoshop");
  EXPECT_EQ(image_quality::editingSoftware("SNOW"), "SNOW");
  EXPECT_EQ(image_quality::editingSoftware("Snowfall camera v2"), "");  // "snow" inside a word
  EXPECT_EQ(image_quality::editingSoftware("iOS 17.2"), "");
  // Every truncation of a tagged file, and a corrupted offset, read as "no tag" without reading past the end.
  for (std::size_t size = 0; size < intel.size(); ++size) {
    const std::vector<std::uint8_t> cut(intel.begin(), intel.begin() + static_cast<std::ptrdiff_t>(size));
    const std::string tag = image_quality::jpegSoftwareTag(cut.data(), cut.size());
    EXPECT_TRUE(tag.empty() || tag == "Adobe Photoshop 25.0 (Windows)") << size;
  }
  std::vector<std::uint8_t> bad_offset = intel;
  // SOI, APP1 marker and length, "Exif\0\0", TIFF header, entry count, then the entry's
  // tag, type and count: the next 4 bytes are the text's offset (little-endian).
  bad_offset[2 + 4 + 6 + 8 + 2 + 8 + 3] = 0xFF;  // far outside the file
  EXPECT_EQ(image_quality::jpegSoftwareTag(bad_offset.data(), bad_offset.size()), "");
  EXPECT_EQ(image_quality::jpegSoftwareTag(nullptr, 0), "");
}

TEST(ImageQualityChecks, RecapturePassesCameraPhotosAndWarnsOnAScreenGrid) {
  for (const std::string& photo : {kLightSkin, kDarkSkin, std::string("webmorphR.stim/inst/canada/003f.jpg"),
                                  std::string("webmorphR.stim/inst/lisa/lisa1.jpg")}) {
    const CheckResult camera = checkOne(loadPhoto(photo), "recapture.suspected");
    EXPECT_EQ(camera.verdict, Verdict::kPass) << photo << ": " << describe(camera);
  }
  const cv::Mat original = loadPhoto(kLightSkin);
  // Weaker than the variant generator's grid (amplitude 12): still caught.
  for (const auto& [period, angle] : {std::pair{3.5, 5.0}, std::pair{5.0, 12.0}}) {
    const CheckResult screen = checkOne(screenGrid(original, period, angle, 6), "recapture.suspected");
    EXPECT_EQ(screen.verdict, Verdict::kWarn) << "period " << period << ": " << describe(screen);
  }
}

}  // namespace
}  // namespace gradphoto::test
