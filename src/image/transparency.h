// A photo with transparency (a PNG cut-out) is judged as it looks on a white page,
// whoever decoded it: the command line composites here, and RGBA from the browser
// or Node is composited in the checker, so every host sees the same pixels.
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

// The same, in place, for a host that owns a copy of the pixels anyway (the wasm
// bindings): no second copy of a large photo in a memory with a maximum.
void flattenOverWhiteInPlace(std::uint8_t* rgba, std::size_t size_bytes);

}  // namespace gradphoto
