#include <vector>

#include <gtest/gtest.h>

#include "gradphoto/image_view.h"

namespace gradphoto {
namespace {

TEST(ImageView, AcceptsTightlyPackedRgba) {
  std::vector<std::uint8_t> pixels(64 * 48 * 4);
  EXPECT_FALSE(validateImage({pixels.data(), pixels.size(), 64, 48, 0, PixelFormat::kRgba}));
}

TEST(ImageView, AcceptsPaddedRowsWithinTheBuffer) {
  const int stride = 64 * 3 + 7;
  std::vector<std::uint8_t> pixels(stride * 47 + 64 * 3);  // the last row needs no padding
  EXPECT_FALSE(validateImage({pixels.data(), pixels.size(), 64, 48, stride, PixelFormat::kRgb}));
}

TEST(ImageView, RejectsEmptyBuffer) {
  const Error error = validateImage({nullptr, 0, 64, 48, 0, PixelFormat::kRgba});
  EXPECT_EQ(error.code, ErrorCode::kInvalidImage);
  EXPECT_FALSE(error.message_zh.empty());
  EXPECT_FALSE(error.message_en.empty());
}

TEST(ImageView, RejectsZeroOrNegativeDimensions) {
  std::vector<std::uint8_t> pixels(16);
  EXPECT_EQ(validateImage({pixels.data(), pixels.size(), 0, 4, 0, PixelFormat::kGrey}).code, ErrorCode::kInvalidImage);
  EXPECT_EQ(validateImage({pixels.data(), pixels.size(), 4, -1, 0, PixelFormat::kGrey}).code, ErrorCode::kInvalidImage);
}

TEST(ImageView, RejectsOnePixelImageAsTooSmall) {
  std::uint8_t pixel[4] = {1, 2, 3, 255};
  const Error error = validateImage({pixel, 4, 1, 1, 0, PixelFormat::kRgba});
  EXPECT_EQ(error.code, ErrorCode::kImageTooSmall);
  EXPECT_NE(error.message_en.find("1x1"), std::string::npos);
}

TEST(ImageView, RejectsStrideShorterThanARow) {
  std::vector<std::uint8_t> pixels(64 * 48 * 4);
  EXPECT_EQ(validateImage({pixels.data(), pixels.size(), 64, 48, 64 * 4 - 1, PixelFormat::kRgba}).code,
            ErrorCode::kInvalidImage);
}

TEST(ImageView, RejectsStrideThatRunsPastTheBuffer) {
  std::vector<std::uint8_t> pixels(64 * 48 * 4);
  const Error error = validateImage({pixels.data(), pixels.size(), 64, 48, 64 * 4 + 4, PixelFormat::kRgba});
  EXPECT_EQ(error.code, ErrorCode::kInvalidImage);
  EXPECT_NE(error.message_en.find("incomplete"), std::string::npos);
}

TEST(ImageView, RejectsImagesAboveThePixelLimitBeforeTouchingPixels) {
  std::uint8_t pixel[4] = {};
  // 30000 x 30000 = 900 megapixels; the buffer is deliberately tiny: the size
  // check must come first and never read it.
  EXPECT_EQ(validateImage({pixel, 4, 30000, 30000, 0, PixelFormat::kRgba}).code, ErrorCode::kImageTooLarge);
}

}  // namespace
}  // namespace gradphoto
