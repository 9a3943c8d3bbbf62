// Bad input never crashes: each case gives a clear error or a correct result.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "test_support.h"

namespace gradphoto::test {
namespace {

void expectBilingualError(const Error& error, ErrorCode code) {
  EXPECT_EQ(error.code, code);
  EXPECT_FALSE(error.message_zh.empty());
  EXPECT_FALSE(error.message_en.empty());
}

TEST(BadInput, EmptyBufferIsAnError) {
  const FaceAnalysis analysis = sharedAnalyzer().analyze({nullptr, 0, 640, 480, 0, PixelFormat::kRgba});
  expectBilingualError(analysis.error, ErrorCode::kInvalidImage);
  EXPECT_TRUE(analysis.faces.empty());
}

TEST(BadInput, OnePixelImageIsTooSmall) {
  std::uint8_t pixel[4] = {200, 180, 160, 255};
  expectBilingualError(sharedAnalyzer().analyze({pixel, 4, 1, 1, 0, PixelFormat::kRgba}).error,
                       ErrorCode::kImageTooSmall);
}

TEST(BadInput, StrideLargerThanTheBufferIsAnError) {
  std::vector<std::uint8_t> pixels(640 * 480 * 4, 128);
  expectBilingualError(sharedAnalyzer().analyze({pixels.data(), pixels.size(), 640, 480, 640 * 4 + 64,
                                                 PixelFormat::kRgba}).error,
                       ErrorCode::kInvalidImage);
}

TEST(BadInput, PaddedStrideGivesTheSameResultAsPackedRows) {
  const cv::Mat photo = loadPhoto("webmorphR.stim/inst/neutral_front/001_03.jpg");
  cv::Mat wide(photo.rows, photo.cols + 13, CV_8UC3, cv::Scalar::all(0));
  photo.copyTo(wide(cv::Rect(0, 0, photo.cols, photo.rows)));
  const cv::Mat view_of_wide = wide(cv::Rect(0, 0, photo.cols, photo.rows));
  const FaceAnalysis padded = sharedAnalyzer().analyze({view_of_wide.data, wide.total() * 3, photo.cols, photo.rows,
                                                        static_cast<int>(wide.step), PixelFormat::kBgr});
  const FaceAnalysis packed = analyzeMat(photo);
  ASSERT_EQ(padded.faces.size(), 1u);
  ASSERT_EQ(packed.faces.size(), 1u);
  EXPECT_NEAR(padded.faces[0].key_points.eye_left.x, packed.faces[0].key_points.eye_left.x, 1e-3);
  EXPECT_NEAR(padded.faces[0].key_points.eye_right.y, packed.faces[0].key_points.eye_right.y, 1e-3);
}

TEST(BadInput, HugePhotoIsDownscaledAndMappedBack) {
  // 12000 x 9000: the subject scaled up 6.5x and the frame widened with its own border.
  const cv::Mat photo = loadPhoto("webmorphR.stim/inst/neutral_front/001_03.jpg");
  constexpr double kScale = 9000.0 / 1350.0;
  cv::Mat scaled;
  cv::resize(photo, scaled, cv::Size(9000, 9000), 0, 0, cv::INTER_LINEAR);
  cv::Mat huge;
  cv::copyMakeBorder(scaled, huge, 0, 0, 1500, 1500, cv::BORDER_REPLICATE);
  scaled.release();
  ASSERT_EQ(huge.cols, 12000);
  ASSERT_EQ(huge.rows, 9000);

  const FaceAnalysis big = analyzeMat(huge);
  const FaceAnalysis small = analyzeMat(photo);
  ASSERT_EQ(big.faces.size(), 1u);
  ASSERT_EQ(small.faces.size(), 1u);
  const Point2 expected{static_cast<float>(small.faces[0].key_points.eye_left.x * kScale + 1500),
                        static_cast<float>(small.faces[0].key_points.eye_left.y * kScale)};
  const Point2 got = big.faces[0].key_points.eye_left;
  const double inter_ocular = (small.faces[0].key_points.eye_right.x - small.faces[0].key_points.eye_left.x) * kScale;
  EXPECT_LT(std::hypot(got.x - expected.x, got.y - expected.y) / inter_ocular, 0.05);
  EXPECT_EQ(big.width, 12000);
  EXPECT_EQ(big.height, 9000);
}

class BadFiles : public testing::Test {
 protected:
  std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                               ("gradphoto-bad-input-" + std::to_string(::getpid()));
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
};

TEST_F(BadFiles, MissingEmptyAndNonImageFilesAreReadableErrors) {
  DecodedImage image;
  Error error;
  EXPECT_FALSE(decodeImageFile((dir_ / "missing.jpg").string(), image, error));
  expectBilingualError(error, ErrorCode::kUnreadableFile);
  EXPECT_FALSE(decodeImageFile(write("empty.jpg", ""), image, error));
  expectBilingualError(error, ErrorCode::kUnreadableFile);
  EXPECT_FALSE(decodeImageFile(write("notes.jpg", "this is a text file, not a photo\n"), image, error));
  expectBilingualError(error, ErrorCode::kUnreadableFile);
}

TEST_F(BadFiles, TruncatedJpegIsAnErrorOrAPartialImageNeverACrash) {
  std::ifstream in(testdataPath("webmorphR.stim/inst/neutral_front/001_03.jpg"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const double keep : {0.01, 0.3, 0.7}) {
    DecodedImage image;
    Error error;
    const std::string path = write("truncated.jpg", bytes.substr(0, static_cast<size_t>(bytes.size() * keep)));
    if (decodeImageFile(path, image, error)) {
      EXPECT_EQ(image.width, 1350);  // libjpeg fills the missing rows
      EXPECT_FALSE(sharedAnalyzer().analyze(image.view()).error);
    } else {
      expectBilingualError(error, ErrorCode::kUnreadableFile);
    }
  }
}

}  // namespace
}  // namespace gradphoto::test
