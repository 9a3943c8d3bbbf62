#include "image/working_image.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace gradphoto {
namespace {

cv::Mat wrap(const ImageView& image) {
  return cv::Mat(image.height, image.width, CV_8UC(channelCount(image.format)),
                 const_cast<std::uint8_t*>(image.data), static_cast<size_t>(image.rowBytes()));
}

int toRgbCode(PixelFormat format) {
  switch (format) {
    case PixelFormat::kRgba: return cv::COLOR_RGBA2RGB;
    case PixelFormat::kBgr: return cv::COLOR_BGR2RGB;
    case PixelFormat::kGrey: return cv::COLOR_GRAY2RGB;
    case PixelFormat::kRgb: return -1;
  }
  return -1;
}

}  // namespace

WorkingImage makeWorkingImage(const ImageView& image, int max_side) {
  WorkingImage working;
  cv::Mat source = wrap(image);
  const int longest = std::max(image.width, image.height);
  working.factor = std::max(1, (longest + max_side - 1) / max_side);

  cv::Mat scaled = source;
  if (working.factor > 1) {
    // An exact integer factor takes OpenCV's fast area-averaging path; the at most
    // factor-1 pixels dropped at the right and bottom edges do not matter here.
    const int w = image.width / working.factor;
    const int h = image.height / working.factor;
    cv::Mat block = source(cv::Rect(0, 0, w * working.factor, h * working.factor));
    cv::resize(block, scaled, cv::Size(w, h), 0, 0, cv::INTER_AREA);
  }
  const int code = toRgbCode(image.format);
  if (code >= 0) {
    cv::cvtColor(scaled, working.rgb, code);
  } else {
    working.rgb = scaled.data == image.data ? scaled.clone() : scaled;
  }
  return working;
}

}  // namespace gradphoto
