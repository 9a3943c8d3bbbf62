#include "image/area_resize.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gradphoto {
namespace {

// One output pixel's source span along an axis: `count` source pixels from `first` on,
// their weights from `weight` on in the axis's weight list.
struct Span {
  int first = 0;
  int count = 0;
  int weight = 0;
};

struct Axis {
  std::vector<Span> spans;
  std::vector<float> weights;
};

double scaleOf(int source_size, int output_size) {
  return 1. / (static_cast<double>(output_size) / source_size);  // as cv::resize computes it
}

// OpenCV 4.10's computeResizeAreaTab (modules/imgproc/src/resize.cpp), grouped by
// output pixel: a partial first pixel, whole ones, a partial last one.
Axis areaSpans(int source_size, int output_size) {
  const double scale = scaleOf(source_size, output_size);
  Axis axis;
  axis.spans.resize(static_cast<std::size_t>(output_size));
  for (int d = 0; d < output_size; ++d) {
    const double f1 = d * scale, f2 = f1 + scale;
    const double cell = std::min(scale, source_size - f1);
    int s2 = static_cast<int>(std::floor(f2));
    int s1 = static_cast<int>(std::ceil(f1));
    s2 = std::min(s2, source_size - 1);
    s1 = std::min(s1, s2);
    Span& span = axis.spans[static_cast<std::size_t>(d)];
    span.weight = static_cast<int>(axis.weights.size());
    const auto add = [&](int source, float alpha) {
      if (span.count++ == 0) span.first = source;
      axis.weights.push_back(alpha);
    };
    if (s1 - f1 > 1e-3) add(s1 - 1, static_cast<float>((s1 - f1) / cell));
    for (int s = s1; s < s2; ++s) add(s, static_cast<float>(1.0 / cell));
    if (f2 - s2 > 1e-3) add(s2, static_cast<float>(std::min(std::min(f2 - s2, 1.), cell) / cell));
  }
  return axis;
}

// cv::resize's choice of its block-average path: both factors whole to within DBL_EPSILON.
bool wholeFactor(int source_size, int output_size) {
  const double scale = scaleOf(source_size, output_size);
  return std::abs(scale - cv::saturate_cast<int>(scale)) < DBL_EPSILON;
}

// One source row's horizontal sums, each added in OpenCV's order from 0.
void horizontalSums(const std::uint8_t* row, const Axis& xs, float* out) {
  for (const Span& span : xs.spans) {
    const std::uint8_t* s = row + 3 * span.first;
    const float* alpha = xs.weights.data() + span.weight;
    float r = 0, g = 0, b = 0;
    for (int k = 0; k < span.count; ++k, s += 3) {
      r = r + s[0] * alpha[k];
      g = g + s[1] * alpha[k];
      b = b + s[2] * alpha[k];
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

cv::Mat areaResize(const cv::Mat& src, cv::Size size) {
  CV_Assert(size.width > 0 && size.height > 0);
  // Anything but an RGB shrink on both axes, and whole factors on both axes (OpenCV's
  // block-average path), is OpenCV's own.
  if (src.type() != CV_8UC3 || src.cols < size.width || src.rows < size.height ||
      (wholeFactor(src.cols, size.width) && wholeFactor(src.rows, size.height))) {
    cv::Mat out;
    cv::resize(src, out, size, 0, 0, cv::INTER_AREA);
    return out;
  }
  const Axis xs = areaSpans(src.cols, size.width), ys = areaSpans(src.rows, size.height);
  const int width = 3 * size.width;
  // Consecutive output rows share at most their boundary source row: that row's sums
  // are kept (the last row of one span is the first of the next), not recomputed.
  std::vector<float> current(static_cast<std::size_t>(width)), kept(static_cast<std::size_t>(width));
  int kept_row = -1;
  std::vector<float> sum(static_cast<std::size_t>(width));
  cv::Mat out(size, CV_8UC3);
  for (int y = 0; y < size.height; ++y) {
    const Span& span = ys.spans[static_cast<std::size_t>(y)];
    const float* beta_of = ys.weights.data() + span.weight;
    for (int k = 0; k < span.count; ++k) {
      const int source = span.first + k;
      const float* sums;
      if (source == kept_row) {
        sums = kept.data();
      } else {
        const bool last = k == span.count - 1;  // may open the next span: keep it
        float* target = last ? kept.data() : current.data();
        horizontalSums(src.ptr<std::uint8_t>(source), xs, target);
        if (last) kept_row = source;
        sums = target;
      }
      const float beta = beta_of[k];
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
