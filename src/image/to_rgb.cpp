#include "image/to_rgb.h"

#include <cstdint>

#include <opencv2/imgproc.hpp>

namespace gradphoto {
namespace {

// RGBA to RGB by dropping the alpha byte: the bytes cv::cvtColor(COLOR_RGBA2RGB) gives,
// without going through cvtColor. Chromium compiles a wasm function on its first call,
// and cvtColor's first call compiles its dispatch over every conversion it knows. In a
// fresh module (a cold start, or a return to the app once the browser has dropped the
// last visit's compiled code), the first camera frame's conversion took 15 to 60 ms
// through cvtColor and 0.9 to 3.8 ms here (the analysis's "prepare" stage, 6 fresh pages
// each, headless Chromium 156, 2026-12-07). Every frame and photo in the browser is RGBA.
cv::Mat dropAlpha(const cv::Mat& rgba) {
  cv::Mat rgb(rgba.rows, rgba.cols, CV_8UC3);
  for (int y = 0; y < rgba.rows; ++y) {
    const std::uint8_t* in = rgba.ptr<std::uint8_t>(y);
    std::uint8_t* out = rgb.ptr<std::uint8_t>(y);
    for (int x = 0; x < rgba.cols; ++x, in += 4, out += 3) {
      out[0] = in[0];
      out[1] = in[1];
      out[2] = in[2];
    }
  }
  return rgb;
}

}  // namespace

cv::Mat toRgb(const cv::Mat& pixels, PixelFormat format) {
  cv::Mat rgb;
  switch (format) {
    case PixelFormat::kRgba: return dropAlpha(pixels);
    case PixelFormat::kBgr: cv::cvtColor(pixels, rgb, cv::COLOR_BGR2RGB); return rgb;
    case PixelFormat::kGrey: cv::cvtColor(pixels, rgb, cv::COLOR_GRAY2RGB); return rgb;
    case PixelFormat::kRgb: return pixels;
  }
  return pixels;
}

}  // namespace gradphoto
