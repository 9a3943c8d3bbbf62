// The whole check on real photos: the crop meets the bands, the JPEG is what the
// profile asks for, and the same code serves a second profile with other numbers.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "gradphoto/photo_checker.h"
#include "test_support.h"

namespace gradphoto::test {
namespace {

PhotoReport checkPhoto(PhotoChecker& checker, const std::string& photo) {
  const cv::Mat bgr = loadPhoto(photo);
  return checker.check({{bgr.data, bgr.total() * 3, bgr.cols, bgr.rows, 0, PixelFormat::kBgr}});
}

const CheckResult* find(const PhotoReport& report, const std::string& id) {
  for (const CheckResult& c : report.checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

// JFIF APP0 right after SOI: units 1 (dpi) and the density.
void expectJfifDensity(const std::vector<std::uint8_t>& jpeg, int dpi) {
  ASSERT_GT(jpeg.size(), 20u);
  EXPECT_EQ(jpeg[0], 0xFF);
  EXPECT_EQ(jpeg[1], 0xD8);
  EXPECT_EQ(jpeg[3], 0xE0);
  EXPECT_EQ(std::string(jpeg.begin() + 6, jpeg.begin() + 10), "JFIF");
  EXPECT_EQ(jpeg[13], 1);
  EXPECT_EQ(jpeg[14] * 256 + jpeg[15], dpi);
  EXPECT_EQ(jpeg[16] * 256 + jpeg[17], dpi);
}

TEST(PhotoChecker, EveryFeasibleCropLandsInTheBandsAndGivesASpecJpeg) {
  PhotoChecker checker(sharedAnalyzer(), loadProfile("chsi-graduate"));
  int feasible = 0;
  for (const std::string& photo : listPhotos("webmorphR.stim/inst/neutral_front")) {
    const PhotoReport report = checkPhoto(checker, photo);
    ASSERT_FALSE(report.error) << photo;
    if (!report.crop.feasible) {
      EXPECT_EQ(report.verdict, Verdict::kFail) << photo;
      EXPECT_TRUE(report.jpeg.empty()) << photo;
      EXPECT_FALSE(report.crop.reason_en.empty()) << photo;
      continue;
    }
    ++feasible;
    for (const char* id : {"geometry.crown", "geometry.eye_line", "geometry.face_width", "face.position"}) {
      const CheckResult* c = find(report, id);
      ASSERT_NE(c, nullptr) << id;
      EXPECT_EQ(c->verdict, Verdict::kPass) << photo << " " << id << " = " << c->value;
    }
    if (report.verdict == Verdict::kFail) continue;  // another rule failed: no JPEG by design
    ASSERT_FALSE(report.jpeg.empty()) << photo;
    const cv::Mat decoded = cv::imdecode(report.jpeg, cv::IMREAD_UNCHANGED);
    EXPECT_EQ(decoded.cols, 480) << photo;
    EXPECT_EQ(decoded.rows, 640) << photo;
    EXPECT_EQ(decoded.channels(), 3) << photo;
    expectJfifDensity(report.jpeg, 300);
    EXPECT_GE(report.jpeg_quality, 60) << photo;
    EXPECT_TRUE(report.jpeg_in_size_band) << photo << ": " << report.jpeg.size() << " bytes";
    EXPECT_GE(report.jpeg.size(), 30u * 1024) << photo;
    EXPECT_LE(report.jpeg.size(), 60u * 1024) << photo;
  }
  // 19 of the 20 subjects fit; 001_03's tall bun does not (crown-to-eye too long
  // for the face width).
  EXPECT_GE(feasible, 19);
}

// Parallel tasks (here on OpenCV's thread pool) run the rules and the JPEG sharing one memo:
// the report must be the one a single thread gives, value for value and byte for
// byte, for passing photos (JPEG kept), failing ones (JPEG encoded, then dropped)
// and one with no face (no JPEG task at all).
TEST(PhotoChecker, ThreadPoolGivesTheSameReportAsOneThread) {
  PhotoChecker one_thread(sharedAnalyzer(), loadProfile("chsi-graduate"));
  CheckerOptions options;
  options.parallel_tasks = [](int count, const std::function<void(int)>& run) {
    cv::parallel_for_(cv::Range(0, count), [&](const cv::Range& range) {
      for (int task = range.start; task < range.end; ++task) run(task);
    }, count);
  };
  PhotoChecker pooled(sharedAnalyzer(), loadProfile("chsi-graduate"), options);
  std::vector<std::string> photos = listPhotos("webmorphR.stim/inst/smiling_front");
  photos.resize(std::min<std::size_t>(photos.size(), 8));
  int with_jpeg = 0;
  for (const std::string& photo : photos) {
    const PhotoReport a = checkPhoto(one_thread, photo), b = checkPhoto(pooled, photo);
    ASSERT_FALSE(a.error) << photo;
    EXPECT_EQ(a.verdict, b.verdict) << photo;
    ASSERT_EQ(a.checks.size(), b.checks.size()) << photo;
    for (std::size_t i = 0; i < a.checks.size(); ++i) {
      EXPECT_EQ(a.checks[i].id, b.checks[i].id) << photo;
      EXPECT_EQ(a.checks[i].verdict, b.checks[i].verdict) << photo << " " << a.checks[i].id;
      const double x = a.checks[i].value, y = b.checks[i].value;
      EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << photo << " " << a.checks[i].id << ": " << x << " vs " << y;
      EXPECT_EQ(a.checks[i].message_en, b.checks[i].message_en) << photo << " " << a.checks[i].id;
    }
    EXPECT_EQ(a.jpeg, b.jpeg) << photo;
    EXPECT_EQ(a.jpeg_quality, b.jpeg_quality) << photo;
    EXPECT_EQ(a.timings.check_ms.size(), b.timings.check_ms.size()) << photo;
    with_jpeg += !a.jpeg.empty();
  }
  EXPECT_GT(with_jpeg, 0);
  const cv::Mat blank(480, 640, CV_8UC3, cv::Scalar(200, 200, 200));
  const PhotoReport none = pooled.check({{blank.data, blank.total() * 3, blank.cols, blank.rows, 0, PixelFormat::kBgr}});
  EXPECT_EQ(none.verdict, Verdict::kFail);
  EXPECT_TRUE(none.jpeg.empty());
}

TEST(PhotoChecker, ChecksAreOrderedFailuresFirst) {
  PhotoChecker checker(sharedAnalyzer(), loadProfile("chsi-graduate"));
  cv::Mat tilted;
  const cv::Mat photo = loadPhoto("webmorphR.stim/inst/neutral_front/017_03.jpg");
  cv::warpAffine(photo, tilted, cv::getRotationMatrix2D({675, 675}, 12, 1.0), photo.size(), cv::INTER_LINEAR,
                 cv::BORDER_REPLICATE);
  const PhotoReport report = checker.check({{tilted.data, tilted.total() * 3, tilted.cols, tilted.rows, 0, PixelFormat::kBgr}});
  ASSERT_FALSE(report.checks.empty());
  EXPECT_EQ(report.verdict, Verdict::kFail);
  EXPECT_EQ(report.checks.front().verdict, Verdict::kFail);
  const CheckResult* roll = find(report, "pose.roll");
  ASSERT_NE(roll, nullptr);
  EXPECT_EQ(roll->verdict, Verdict::kFail);
  EXPECT_NEAR(roll->value, 12, 2);
  EXPECT_TRUE(report.jpeg.empty());
}

TEST(PhotoChecker, IdCardProfileCutsItsOwnSize) {
  PhotoChecker checker(sharedAnalyzer(), loadProfile("id-card"));
  const PhotoReport report = checkPhoto(checker, "webmorphR.stim/inst/neutral_front/006_03.jpg");
  ASSERT_TRUE(report.crop.feasible) << report.crop.reason_en;
  EXPECT_EQ(report.output_width, 358);
  EXPECT_EQ(report.output_height, 441);
  const CheckResult* crown = find(report, "geometry.crown");
  ASSERT_NE(crown, nullptr);
  EXPECT_GE(crown->value, 7);
  EXPECT_LE(crown->value, 21);
}

TEST(PhotoChecker, ProfileWithoutACheckDoesNotRunIt) {
  Profile profile = loadProfile("chsi-graduate");
  profile.checks.erase("pose.pitch");
  PhotoChecker checker(sharedAnalyzer(), profile);
  const PhotoReport report = checkPhoto(checker, "webmorphR.stim/inst/neutral_front/006_03.jpg");
  EXPECT_EQ(find(report, "pose.pitch"), nullptr);
  EXPECT_NE(find(report, "pose.roll"), nullptr);
}

TEST(PhotoChecker, NoFaceFailsTheCountAndCannotMeasureTheRest) {
  PhotoChecker checker(sharedAnalyzer(), loadProfile("chsi-graduate"));
  cv::Mat wall(800, 600, CV_8UC3, cv::Scalar(240, 240, 240));
  const PhotoReport report = checker.check({{wall.data, wall.total() * 3, wall.cols, wall.rows, 0, PixelFormat::kBgr}});
  EXPECT_EQ(report.verdict, Verdict::kFail);
  ASSERT_NE(find(report, "face.count"), nullptr);
  EXPECT_EQ(find(report, "face.count")->verdict, Verdict::kFail);
  EXPECT_EQ(find(report, "pose.roll")->verdict, Verdict::kNotMeasurable);
  EXPECT_TRUE(report.jpeg.empty());
}

TEST(PhotoChecker, BadInputIsAnErrorNotACrash) {
  PhotoChecker checker(sharedAnalyzer(), loadProfile("chsi-graduate"));
  std::uint8_t pixel[3] = {1, 2, 3};
  const PhotoReport report = checker.check({{pixel, 3, 1, 1, 0, PixelFormat::kRgb}});
  EXPECT_EQ(report.error.code, ErrorCode::kImageTooSmall);
  EXPECT_TRUE(report.checks.empty());
}

}  // namespace
}  // namespace gradphoto::test
