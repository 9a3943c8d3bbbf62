#include "image/transparency.h"

namespace gradphoto {

ImageView flattenOverWhite(const ImageView& image, std::vector<std::uint8_t>& storage) {
  if (image.format != PixelFormat::kRgba || validateImage(image)) return image;
  const int row_bytes = image.rowBytes();
  bool opaque = true;
  for (int y = 0; y < image.height && opaque; ++y) {
    const std::uint8_t* row = image.data + static_cast<std::size_t>(y) * row_bytes;
    for (int x = 0; x < image.width; ++x) opaque = opaque && row[4 * x + 3] == 255;
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
  for (std::size_t i = 0; i + 3 < size_bytes; i += 4) {
    const std::uint8_t alpha = rgba[i + 3];
    if (alpha == 255) continue;
    for (int c = 0; c < 3; ++c) rgba[i + c] = overWhite(rgba[i + c], alpha);
    rgba[i + 3] = 255;
  }
}

}  // namespace gradphoto
