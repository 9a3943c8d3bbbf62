// Input limits. These bound work and memory, not CHSI rules, so they live in code.
#pragma once

namespace gradphoto {

// Smallest side in which a face can still be found (the detector's anchors start at
// 8-pixel cells of a 128-pixel input; below this nothing meaningful remains).
inline constexpr int kMinImageSide = 32;

// 200 megapixels: above any phone camera (the largest common sensors give 200 MP);
// an RGBA copy of it is 800 MB, which is where a browser tab starts to fail.
inline constexpr long long kMaxImagePixels = 200LL * 1000 * 1000;

}  // namespace gradphoto
