// Bad input never crashes: each case gives a clear error or a correct result.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "gradphoto/file_inspection.h"
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
  EXPECT_NE(error.message_en.find("empty (0 bytes)"), std::string::npos) << error.message_en;
  EXPECT_FALSE(decodeImageFile(write("notes.jpg", "this is a text file, not a photo\n"), image, error));
  expectBilingualError(error, ErrorCode::kUnsupportedFormat);
  EXPECT_NE(error.message_en.find("not a photo"), std::string::npos) << error.message_en;
}

TEST_F(BadFiles, TruncatedJpegIsAnErrorOrAPartialImageNeverACrash) {
  std::ifstream in(testdataPath("webmorphR.stim/inst/neutral_front/001_03.jpg"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const double keep : {0.01, 0.3, 0.7}) {
    DecodedImage image;
    Error error;
    const std::string path = write("truncated.jpg", bytes.substr(0, static_cast<size_t>(bytes.size() * keep)));
    // A cut-short download is named as such, not decoded into a half-grey photo.
    EXPECT_FALSE(decodeImageFile(path, image, error));
    expectBilingualError(error, ErrorCode::kUnreadableFile);
    EXPECT_NE(error.message_en.find("incomplete"), std::string::npos) << keep << ": " << error.message_en;
  }
}

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

FileInspection inspect(const std::string& bytes) {
  return inspectImageFile(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

TEST(FileInspection, RealPhotosPassWithTheirHeaderSize) {
  const FileInspection jpeg = inspect(readBytes(testdataPath("webmorphR.stim/inst/neutral_front/001_03.jpg")));
  EXPECT_EQ(jpeg.kind, FileKind::kJpeg);
  EXPECT_FALSE(jpeg.error) << jpeg.error.message_en;
  EXPECT_EQ(jpeg.width, 1350);
  EXPECT_EQ(jpeg.height, 1350);
  EXPECT_EQ(jpeg.channels, 3);
  const FileInspection png = inspect(readBytes(testdataPath("pattern_recognition/yalefaces_png/subject02.normal.png")));
  EXPECT_EQ(png.kind, FileKind::kPng);
  EXPECT_FALSE(png.error) << png.error.message_en;
  EXPECT_EQ(png.width, 320);
  EXPECT_EQ(png.height, 243);
}

TEST(FileInspection, OtherFormatsAreNamed) {
  const auto expectKind = [](const std::string& bytes, FileKind kind, const char* words) {
    const FileInspection info = inspect(bytes);
    EXPECT_EQ(info.kind, kind) << words;
    expectBilingualError(info.error, ErrorCode::kUnsupportedFormat);
    EXPECT_NE(info.error.message_en.find(words), std::string::npos) << info.error.message_en;
  };
  expectKind(std::string("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24), FileKind::kHeic, "HEIC");
  expectKind(std::string("\0\0\0\x18" "ftypqt  \0\0\0\0qt  ", 20), FileKind::kVideo, "video");
  expectKind("GIF89a\x01\0\x01\0\0\0\0;", FileKind::kGif, "GIF");
  expectKind("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", FileKind::kHtml, "web page");
  expectKind(std::string("\x01\x02\0\xfe", 4), FileKind::kUnknown, "unknown file format");
}

TEST(FileInspection, SizesFromTheHeaderAreCheckedBeforeDecoding) {
  // A 20000x20000 PNG header: refused as too large without decoding 1.2 GB of pixels.
  std::string png = readBytes(testdataPath("pattern_recognition/yalefaces_png/subject02.normal.png"));
  const auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<char>(v >> (24 - 8 * i));
  };
  put32(16, 20000);
  put32(20, 20000);
  // The IHDR's CRC must match, or the file is (rightly) reported damaged instead.
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 12; i < 29; ++i) {
    c ^= static_cast<std::uint8_t>(png[i]);
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  put32(29, c ^ 0xFFFFFFFFu);
  expectBilingualError(inspect(png).error, ErrorCode::kImageTooLarge);
  png[60] = static_cast<char>(png[60] ^ 0x55);  // a few flipped bits in the image data
  const FileInspection flipped = inspect(png);
  expectBilingualError(flipped.error, ErrorCode::kUnreadableFile);
  EXPECT_NE(flipped.error.message_en.find("damaged"), std::string::npos) << flipped.error.message_en;
}

}  // namespace
}  // namespace gradphoto::test
