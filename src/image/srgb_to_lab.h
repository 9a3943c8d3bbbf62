// OpenCV's 8-bit sRGB -> CIE Lab (cvtColor COLOR_RGB2Lab on CV_8UC3), pixel by pixel in
// plain integer code. OpenCV's own loop gathers from its tables through emulated SIMD
// lanes, about 13 ns a pixel in wasm; this one about 5. Same tables, same arithmetic:
// bit-identical for every one of the 16.7 million colours (tests/unit/srgb_to_lab_test.cpp).
#pragma once

#include <array>
#include <cstdint>

namespace gradphoto {

struct Lab8Tables {
  std::array<std::uint16_t, 256> gamma;   // sRGB byte -> linear, scaled by 255 * 8
  std::array<std::uint16_t, 3072> cbrt;   // linear X, Y or Z (scaled) -> f(t) * 2^15
  std::array<int, 9> rgb_to_xyz;         // sRGB -> XYZ / D65 white, scaled by 2^12
};

// Built once, on first use, the way OpenCV 4.10 builds them (its softfloat arithmetic).
const Lab8Tables& lab8Tables();

// L in 0..255 (L* x 255/100), a and b offset by 128, as cvtColor writes them.
inline void srgbToLab8(const Lab8Tables& t, const std::uint8_t* rgb, std::uint8_t* lab) {
  constexpr int kXyzShift = 12, kLabShift = 15;  // OpenCV's xyz_shift and lab_shift2
  const auto descale = [](int value, int shift) { return (value + (1 << (shift - 1))) >> shift; };
  const auto toByte = [](int value) { return static_cast<std::uint8_t>(value < 0 ? 0 : value > 255 ? 255 : value); };
  const int r = t.gamma[rgb[0]], g = t.gamma[rgb[1]], b = t.gamma[rgb[2]];
  const int* c = t.rgb_to_xyz.data();
  const int fx = t.cbrt[descale(r * c[0] + g * c[1] + b * c[2], kXyzShift)];
  const int fy = t.cbrt[descale(r * c[3] + g * c[4] + b * c[5], kXyzShift)];
  const int fz = t.cbrt[descale(r * c[6] + g * c[7] + b * c[8], kXyzShift)];
  constexpr int kLScale = (116 * 255 + 50) / 100;
  constexpr int kLShift = -((16 * 255 * (1 << kLabShift) + 50) / 100);
  lab[0] = toByte(descale(kLScale * fy + kLShift, kLabShift));
  lab[1] = toByte(descale(500 * (fx - fy) + 128 * (1 << kLabShift), kLabShift));
  lab[2] = toByte(descale(200 * (fy - fz) + 128 * (1 << kLabShift), kLabShift));
}

}  // namespace gradphoto
