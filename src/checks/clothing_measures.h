// The clothing below the shoulders and its contrast with the backdrop, shared by
// clothing.contrast and clothing.pattern (background_checks.cpp) and by
// body.square (body_checks.cpp), which can bound a body's width only where the
// clothing shows against the backdrop.
#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "checks/check_context.h"

namespace gradphoto::background_body {

// The clothing: the clothing zone below each shoulder's outline (so stripes
// the colour of the backdrop count), without skin. A side with no shoulder line
// counts whole when hair or the body fills most of its columns at the chin's
// height (long hair over the shoulders); when backdrop-coloured pixels run down
// to the bottom instead, it counts whole only with keep_unseparated (clothing
// the colour of the backdrop looks just like that).
cv::Mat clothingRegion(const CheckContext& context, bool keep_unseparated);

// Clothing must cover 5% of the face width squared (a 54-pixel square for a
// 240-pixel face) to be measured, and each side half that to count.
inline constexpr double kMinClothingArea = 0.05;

// The clothing's contrast with the backdrop beside it (delta-E 1976); made once
// per photo. Not measured without a backdrop or without enough clothing.
struct ClothingContrast {
  bool measured = false;
  double value = 0;
  // Each side's own (0 image-left, 1 image-right); negative where too little
  // clothing shows on that side.
  std::array<double, 2> sides{-1, -1};
};
const ClothingContrast& clothingContrast(const CheckContext& context);

}  // namespace gradphoto::background_body
