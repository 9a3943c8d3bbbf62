// A photo with transparency (a PNG cut-out) is judged as it looks on a white page,
// whoever decoded it: the command line composites while decoding, the wasm bindings
// while copying the browser's RGBA in as RGB, and the checker composites any other
// RGBA it is given, so every host sees the same pixels.
#pragma once

#include <cstdint>
#include <vector>

#include "gradphoto/image_view.h"

namespace gradphoto {

// One channel over white with alpha, rounded the same way everywhere.
inline std::uint8_t overWhite(std::uint8_t value, std::uint8_t alpha) {
  return static_cast<std::uint8_t>((value * alpha + 255 * (255 - alpha) + 127) / 255);
}

// The view itself when it has no alpha below 255 (or is not RGBA); otherwise a
// packed RGBA copy in storage, composited over white, with alpha 255.
ImageView flattenOverWhite(const ImageView& image, std::vector<std::uint8_t>& storage);

// One row of RGBA as packed RGB over white, for a host that converts while it
// copies the pixels in anyway (the wasm bindings): no second pass over the photo.
void rgbaRowToRgbOverWhite(const std::uint8_t* rgba, std::uint8_t* rgb, int width);

}  // namespace gradphoto
