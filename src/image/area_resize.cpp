#include "image/area_resize.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gradphoto {
namespace {

// One output pixel's source span along an axis: `count` weights from `first` on.
struct Span {
  int first = 0;
  int count = 0;
  float alpha[3] = {0, 0, 0};  // a factor below 2 touches at most 3 source pixels
};

// OpenCV 4.10's computeResizeAreaTab (modules/imgproc/src/resize.cpp), grouped by
// output pixel: a partial first pixel, whole ones, a partial last one.
std::vector<Span> areaSpans(int source_size, int output_size) {
  const double scale = 1. / (static_cast<double>(output_size) / source_size);  // as cv::resize computes it
  std::vector<Span> spans(static_cast<std::size_t>(output_size));
  for (int d = 0; d < output_size; ++d) {
    const double f1 = d * scale, f2 = f1 + scale;
    const double cell = std::min(scale, source_size - f1);
    int s2 = static_cast<int>(std::floor(f2));
    int s1 = static_cast<int>(std::ceil(f1));
    s2 = std::min(s2, source_size - 1);
    s1 = std::min(s1, s2);
    Span& span = spans[static_cast<std::size_t>(d)];
    const auto add = [&](int source, float alpha) {
      if (span.count == 0) span.first = source;
      span.alpha[span.count++] = alpha;
    };
    if (s1 - f1 > 1e-3) add(s1 - 1, static_cast<float>((s1 - f1) / cell));
    for (int s = s1; s < s2; ++s) add(s, static_cast<float>(1.0 / cell));
    if (f2 - s2 > 1e-3) add(s2, static_cast<float>(std::min(std::min(f2 - s2, 1.), cell) / cell));
  }
  return spans;
}

// One source row's horizontal sums, each added in OpenCV's order from 0.
void horizontalSums(const std::uint8_t* row, const std::vector<Span>& xs, float* out) {
  for (const Span& span : xs) {
    const std::uint8_t* s = row + 3 * span.first;
    float r = 0, g = 0, b = 0;
    for (int k = 0; k < span.count; ++k, s += 3) {
      r = r + s[0] * span.alpha[k];
      g = g + s[1] * span.alpha[k];
      b = b + s[2] * span.alpha[k];
    }
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out += 3;
  }
}

std::uint8_t toByte(float value) {  // cvRound (half to even) then saturate
  const long rounded = std::lrint(value);
  return static_cast<std::uint8_t>(std::clamp(rounded, 0L, 255L));
}

}  // namespace

cv::Mat areaResizeDown(const cv::Mat& src, cv::Size size) {
  CV_Assert(src.type() == CV_8UC3 && size.width > 0 && size.height > 0 && src.cols >= size.width &&
            src.rows >= size.height);
  // Whole factors take OpenCV's fast block-average path; 2 or more on an axis would
  // touch more than three source pixels a span. Neither is the crop's case.
  const bool whole_factors = src.cols % size.width == 0 && src.rows % size.height == 0;
  if (whole_factors || src.cols >= 2 * size.width || src.rows >= 2 * size.height) {
    cv::Mat out;
    cv::resize(src, out, size, 0, 0, cv::INTER_AREA);
    return out;
  }
  const std::vector<Span> xs = areaSpans(src.cols, size.width), ys = areaSpans(src.rows, size.height);
  const int width = 3 * size.width;
  std::vector<float> rows(3 * static_cast<std::size_t>(width));  // the up to 3 source rows of one output row
  std::vector<float> sum(static_cast<std::size_t>(width));
  int cached_row[3] = {-1, -1, -1};
  cv::Mat out(size, CV_8UC3);
  for (int y = 0; y < size.height; ++y) {
    const Span& span = ys[static_cast<std::size_t>(y)];
    for (int k = 0; k < span.count; ++k) {
      // Neighbouring output rows share a source row: its sums are reused, not recomputed.
      const int source = span.first + k;
      float* sums = nullptr;
      for (int slot = 0; slot < 3; ++slot) {
        if (cached_row[slot] == source) sums = rows.data() + static_cast<std::size_t>(slot) * width;
      }
      if (sums == nullptr) {
        const int slot = source % 3;  // a row is needed by consecutive output rows only
        cached_row[slot] = source;
        sums = rows.data() + static_cast<std::size_t>(slot) * width;
        horizontalSums(src.ptr<std::uint8_t>(source), xs, sums);
      }
      const float beta = span.alpha[k];
      if (k == 0) {
        for (int x = 0; x < width; ++x) sum[x] = beta * sums[x];
      } else {
        for (int x = 0; x < width; ++x) sum[x] += beta * sums[x];
      }
    }
    std::uint8_t* dst = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < width; ++x) dst[x] = toByte(sum[x]);
  }
  return out;
}

}  // namespace gradphoto
