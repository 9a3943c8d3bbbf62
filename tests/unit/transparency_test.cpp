#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "image/transparency.h"

namespace gradphoto {
namespace {

std::vector<std::uint8_t> randomRgba(int width, std::uint32_t seed, bool opaque) {
  std::vector<std::uint8_t> rgba(4 * static_cast<std::size_t>(width));
  for (std::size_t i = 0; i < rgba.size(); ++i) {
    seed = seed * 1103515245u + 12345u;
    rgba[i] = static_cast<std::uint8_t>(seed >> 16);
    if (opaque && i % 4 == 3) rgba[i] = 255;
  }
  return rgba;
}

// Opaque rows are copied four pixels at a time: every width around that step gives
// each pixel's own R, G and B, and nothing is written past the row.
TEST(Transparency, OpaqueRowIsItsRgbAtEveryWidth) {
  for (int width = 1; width <= 37; ++width) {
    const std::vector<std::uint8_t> rgba = randomRgba(width, 17u + static_cast<std::uint32_t>(width), true);
    std::vector<std::uint8_t> rgb(3 * static_cast<std::size_t>(width) + 1, 0xAB);
    rgbaRowToRgbOverWhite(rgba.data(), rgb.data(), width);
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < 3; ++c) ASSERT_EQ(rgb[3 * x + c], rgba[4 * x + c]) << "width " << width << " pixel " << x;
    }
    EXPECT_EQ(rgb.back(), 0xAB) << "width " << width;
  }
}

TEST(Transparency, TranslucentRowIsCompositedOverWhite) {
  const int width = 9;
  std::vector<std::uint8_t> rgba = randomRgba(width, 5u, true);
  rgba[4 * 6 + 3] = 128;  // one half-transparent pixel makes the row take the compositing path
  std::vector<std::uint8_t> rgb(3 * width);
  rgbaRowToRgbOverWhite(rgba.data(), rgb.data(), width);
  for (int x = 0; x < width; ++x) {
    for (int c = 0; c < 3; ++c) EXPECT_EQ(rgb[3 * x + c], overWhite(rgba[4 * x + c], rgba[4 * x + 3]));
  }
  EXPECT_EQ(rgb[3 * 6], (rgba[4 * 6] * 128 + 255 * 127 + 127) / 255);
}

}  // namespace
}  // namespace gradphoto
