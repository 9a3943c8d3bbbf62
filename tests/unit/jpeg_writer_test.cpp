// The output JPEG: baseline, JFIF with 300 dpi, no other metadata, a quality found for
// the size band, and errors (never crashes) on bad input.
#include "gradphoto/jpeg_writer.h"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "test_support.h"

namespace gradphoto::test {
namespace {

constexpr int kWidth = 480;
constexpr int kHeight = 640;

// The centre of a real photo, cropped to 3:4 and resized to 480x640, as packed RGB.
const cv::Mat& outputSizedRgb() {
  static const cv::Mat rgb = [] {
    const cv::Mat photo = loadPhoto("webmorphR.stim/inst/neutral_front/001_03.jpg");
    if (photo.empty()) return cv::Mat();
    int crop_width = photo.cols;
    int crop_height = photo.cols * kHeight / kWidth;
    if (crop_height > photo.rows) {
      crop_height = photo.rows;
      crop_width = photo.rows * kWidth / kHeight;
    }
    const cv::Rect centre((photo.cols - crop_width) / 2, (photo.rows - crop_height) / 2, crop_width, crop_height);
    cv::Mat resized;
    cv::resize(photo(centre), resized, cv::Size(kWidth, kHeight), 0, 0, cv::INTER_AREA);
    cv::Mat converted;
    cv::cvtColor(resized, converted, cv::COLOR_BGR2RGB);
    return converted.isContinuous() ? converted : converted.clone();
  }();
  return rgb;
}

struct Segment {
  int marker = 0;            // the byte after 0xFF
  std::size_t offset = 0;    // of the 0xFF
  std::size_t length = 0;    // the segment's length field (includes itself)
};

// Marker segments from SOI up to and including SOS. Fails the test on a malformed stream.
std::vector<Segment> headerSegments(const std::vector<std::uint8_t>& jpeg) {
  std::vector<Segment> segments;
  if (jpeg.size() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) {
    ADD_FAILURE() << "no SOI at the start";
    return segments;
  }
  std::size_t at = 2;
  while (at + 4 <= jpeg.size()) {
    if (jpeg[at] != 0xFF) {
      ADD_FAILURE() << "expected a marker at byte " << at;
      return segments;
    }
    Segment segment;
    segment.offset = at;
    segment.marker = jpeg[at + 1];
    segment.length = static_cast<std::size_t>(jpeg[at + 2]) << 8 | jpeg[at + 3];
    if (segment.length < 2 || at + 2 + segment.length > jpeg.size()) {
      ADD_FAILURE() << "bad segment length at byte " << at;
      return segments;
    }
    segments.push_back(segment);
    if (segment.marker == 0xDA) return segments;  // SOS: entropy-coded data follows
    at += 2 + segment.length;
  }
  ADD_FAILURE() << "no SOS marker";
  return segments;
}

std::vector<std::uint8_t> encodeOrFail(const cv::Mat& rgb, int quality) {
  std::vector<std::uint8_t> jpeg;
  const Error error = encodeJpeg(rgb.data, rgb.cols, rgb.rows, {quality, 300}, jpeg);
  EXPECT_FALSE(error) << error.message_en;
  return jpeg;
}

void expectBilingualError(const Error& error, ErrorCode code) {
  EXPECT_EQ(error.code, code) << error.message_en;
  EXPECT_FALSE(error.message_zh.empty());
  EXPECT_FALSE(error.message_en.empty());
}

TEST(JpegWriter, DecodesToTheSameSizeAndPixels) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  const std::vector<std::uint8_t> jpeg = encodeOrFail(rgb, 90);
  ASSERT_FALSE(jpeg.empty());
  EXPECT_EQ(jpeg[jpeg.size() - 2], 0xFF);
  EXPECT_EQ(jpeg[jpeg.size() - 1], 0xD9);  // EOI

  const cv::Mat decoded = cv::imdecode(jpeg, cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(decoded.empty());
  EXPECT_EQ(decoded.cols, kWidth);
  EXPECT_EQ(decoded.rows, kHeight);
  EXPECT_EQ(decoded.channels(), 3);
  cv::Mat decoded_rgb;
  cv::cvtColor(decoded, decoded_rgb, cv::COLOR_BGR2RGB);
  EXPECT_GT(cv::PSNR(rgb, decoded_rgb), 35.0);  // quality 90 keeps the photo, not just its size
}

TEST(JpegWriter, WritesOnlyJfifWith300DpiAndBaselineFrames) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  const std::vector<std::uint8_t> jpeg = encodeOrFail(rgb, 85);
  ASSERT_GE(jpeg.size(), 20u);

  // SOI, then APP0 "JFIF\0" version 1.01, units 1 (dpi), density 300x300, no thumbnail.
  const std::vector<std::uint8_t> expected = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00,
                                              0x01, 0x01, 0x01, 0x01, 0x2C, 0x01, 0x2C, 0x00, 0x00};
  EXPECT_EQ(std::vector<std::uint8_t>(jpeg.begin(), jpeg.begin() + 20), expected);

  const std::vector<Segment> segments = headerSegments(jpeg);
  ASSERT_FALSE(segments.empty());
  EXPECT_EQ(segments.front().marker, 0xE0);
  int app0 = 0;
  int sof0 = 0;
  for (const Segment& segment : segments) {
    SCOPED_TRACE("marker 0xFF" + std::to_string(segment.marker) + " at byte " + std::to_string(segment.offset));
    EXPECT_FALSE(segment.marker >= 0xE1 && segment.marker <= 0xEF) << "APPn metadata (EXIF, ICC, ...)";
    EXPECT_NE(segment.marker, 0xFE) << "COM marker";
    // SOF1..SOF15 (progressive, extended, lossless, arithmetic) are not baseline; 0xC4 is DHT, 0xC8 JPG, 0xCC DAC.
    const bool other_sof = segment.marker >= 0xC1 && segment.marker <= 0xCF && segment.marker != 0xC4 &&
                           segment.marker != 0xC8 && segment.marker != 0xCC;
    EXPECT_FALSE(other_sof) << "not a baseline frame";
    EXPECT_NE(segment.marker, 0xCC) << "arithmetic coding";
    if (segment.marker == 0xE0) ++app0;
    if (segment.marker == 0xC0) {
      ++sof0;
      const std::size_t at = segment.offset + 4;  // precision, height, width, components, then 3 bytes each
      EXPECT_EQ(jpeg[at], 8);
      EXPECT_EQ(jpeg[at + 1] << 8 | jpeg[at + 2], kHeight);
      EXPECT_EQ(jpeg[at + 3] << 8 | jpeg[at + 4], kWidth);
      ASSERT_EQ(jpeg[at + 5], 3) << "three components (YCbCr), not greyscale";
      EXPECT_EQ(jpeg[at + 7], 0x22) << "Y sampled 2x2 (4:2:0)";
      EXPECT_EQ(jpeg[at + 10], 0x11);
      EXPECT_EQ(jpeg[at + 13], 0x11);
    }
  }
  EXPECT_EQ(app0, 1);
  EXPECT_EQ(sof0, 1);
}

TEST(JpegWriter, SameInputGivesTheSameBytes) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  EXPECT_EQ(encodeOrFail(rgb, 75), encodeOrFail(rgb, 75));
}

TEST(JpegWriter, DensityFollowsTheSettings) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  std::vector<std::uint8_t> jpeg;
  ASSERT_FALSE(encodeJpeg(rgb.data, rgb.cols, rgb.rows, {80, 350}, jpeg));
  ASSERT_GE(jpeg.size(), 18u);
  EXPECT_EQ(jpeg[13], 1);
  EXPECT_EQ(jpeg[14] << 8 | jpeg[15], 350);
  EXPECT_EQ(jpeg[16] << 8 | jpeg[17], 350);
}

TEST(JpegSizeBand, FindsTheHighestQualityInside30To60KB) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  const JpegSizeBand band{60, 30 * 1024, 60 * 1024, 300};
  const SizedJpeg sized = encodeJpegInSizeBand(rgb.data, rgb.cols, rgb.rows, band);
  ASSERT_FALSE(sized.error) << sized.error.message_en;
  std::cout << "[ size band ] 480x640 test photo: quality " << sized.quality << ", " << sized.bytes.size()
            << " bytes\n";
  EXPECT_TRUE(sized.in_band);
  EXPECT_GE(sized.quality, 60);
  EXPECT_LE(sized.quality, 100);
  EXPECT_GE(sized.bytes.size(), 30u * 1024);
  EXPECT_LE(sized.bytes.size(), 60u * 1024);
  // The returned bytes are the encoding at the reported quality...
  EXPECT_EQ(sized.bytes, encodeOrFail(rgb, sized.quality));
  // ...and it is the highest quality that fits.
  if (sized.quality < 100) {
    EXPECT_GT(encodeOrFail(rgb, sized.quality + 1).size(), 60u * 1024);
  }
  const cv::Mat decoded = cv::imdecode(sized.bytes, cv::IMREAD_COLOR);
  EXPECT_EQ(decoded.cols, kWidth);
  EXPECT_EQ(decoded.rows, kHeight);
}

TEST(JpegSizeBand, BandBelowTheMinimumQualityReturnsTheMinimumQuality) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  const SizedJpeg sized = encodeJpegInSizeBand(rgb.data, rgb.cols, rgb.rows, {60, 0, 2 * 1024, 300});
  ASSERT_FALSE(sized.error) << sized.error.message_en;
  EXPECT_FALSE(sized.in_band);
  EXPECT_EQ(sized.quality, 60);
  EXPECT_GT(sized.bytes.size(), 2u * 1024);
  EXPECT_EQ(sized.bytes, encodeOrFail(rgb, 60));
}

TEST(JpegSizeBand, FileTooSmallEvenAtQuality100IsNotPadded) {
  const cv::Mat flat(kHeight, kWidth, CV_8UC3, cv::Scalar(100, 197, 255));  // the light-blue background
  const SizedJpeg sized = encodeJpegInSizeBand(flat.data, flat.cols, flat.rows, {60, 30 * 1024, 60 * 1024, 300});
  ASSERT_FALSE(sized.error) << sized.error.message_en;
  EXPECT_FALSE(sized.in_band);
  EXPECT_EQ(sized.quality, 100);
  EXPECT_LT(sized.bytes.size(), 30u * 1024);
  EXPECT_EQ(sized.bytes, encodeOrFail(flat, 100));
}

TEST(JpegWriter, BadInputIsAnErrorNotACrash) {
  std::vector<std::uint8_t> jpeg = {1, 2, 3};
  const std::vector<std::uint8_t> pixels(16 * 16 * 3, 128);

  expectBilingualError(encodeJpeg(nullptr, kWidth, kHeight, {90, 300}, jpeg), ErrorCode::kInvalidImage);
  EXPECT_TRUE(jpeg.empty());
  expectBilingualError(encodeJpeg(pixels.data(), 0, 16, {90, 300}, jpeg), ErrorCode::kInvalidImage);
  expectBilingualError(encodeJpeg(pixels.data(), 16, 0, {90, 300}, jpeg), ErrorCode::kInvalidImage);
  expectBilingualError(encodeJpeg(pixels.data(), -16, 16, {90, 300}, jpeg), ErrorCode::kInvalidImage);
  // Over libjpeg's 65500-pixel limit: refused before any pixel is read.
  expectBilingualError(encodeJpeg(pixels.data(), 70000, 1, {90, 300}, jpeg), ErrorCode::kImageTooLarge);
  expectBilingualError(encodeJpeg(pixels.data(), 16, 16, {0, 300}, jpeg), ErrorCode::kInternal);
  expectBilingualError(encodeJpeg(pixels.data(), 16, 16, {101, 300}, jpeg), ErrorCode::kInternal);
  expectBilingualError(encodeJpeg(pixels.data(), 16, 16, {90, 0}, jpeg), ErrorCode::kInternal);
  expectBilingualError(encodeJpeg(pixels.data(), 16, 16, {90, 70000}, jpeg), ErrorCode::kInternal);
  EXPECT_TRUE(jpeg.empty());

  // The smallest images still encode.
  EXPECT_FALSE(encodeJpeg(pixels.data(), 1, 1, {90, 300}, jpeg));
  EXPECT_FALSE(jpeg.empty());
  EXPECT_FALSE(encodeJpeg(pixels.data(), 16, 16, {1, 300}, jpeg));

  SizedJpeg sized = encodeJpegInSizeBand(nullptr, kWidth, kHeight, {60, 30 * 1024, 60 * 1024, 300});
  expectBilingualError(sized.error, ErrorCode::kInvalidImage);
  EXPECT_TRUE(sized.bytes.empty());
  EXPECT_FALSE(sized.in_band);
  sized = encodeJpegInSizeBand(pixels.data(), 0, 0, {60, 30 * 1024, 60 * 1024, 300});
  expectBilingualError(sized.error, ErrorCode::kInvalidImage);
  sized = encodeJpegInSizeBand(pixels.data(), 16, 16, {60, 60 * 1024, 30 * 1024, 300});
  expectBilingualError(sized.error, ErrorCode::kInternal);
  EXPECT_TRUE(sized.bytes.empty());
  sized = encodeJpegInSizeBand(pixels.data(), 16, 16, {0, 0, 1024, 300});
  expectBilingualError(sized.error, ErrorCode::kInternal);
}

// A failure inside libjpeg comes back as an Error (its default handler would exit()).
// JPEGMEM caps libjpeg's memory; optimised Huffman tables need a whole-image coefficient
// buffer, which then does not fit, and libjpeg has no backing store: a fatal libjpeg error
// after the output buffer was allocated (the sanitizer build checks that it is freed).
TEST(JpegWriter, LibjpegFailureIsAnErrorNotAnExit) {
  const cv::Mat& rgb = outputSizedRgb();
  ASSERT_FALSE(rgb.empty());
  ASSERT_EQ(::setenv("JPEGMEM", "1", 1), 0);
  std::vector<std::uint8_t> jpeg = {1, 2, 3};
  const Error error = encodeJpeg(rgb.data, rgb.cols, rgb.rows, {90, 300}, jpeg);
  const SizedJpeg sized = encodeJpegInSizeBand(rgb.data, rgb.cols, rgb.rows, {60, 30 * 1024, 60 * 1024, 300});
  ::unsetenv("JPEGMEM");
  expectBilingualError(error, ErrorCode::kInternal);
  EXPECT_NE(error.message_en.find("Backing store not supported"), std::string::npos) << error.message_en;
  EXPECT_TRUE(jpeg.empty());
  expectBilingualError(sized.error, ErrorCode::kInternal);
  EXPECT_TRUE(sized.bytes.empty());
  // And the encoder works again afterwards.
  EXPECT_FALSE(encodeOrFail(rgb, 90).empty());
}

}  // namespace
}  // namespace gradphoto::test
