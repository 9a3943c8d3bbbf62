#include "image/working_image.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "image/to_rgb.h"

namespace gradphoto {
namespace {

cv::Mat wrap(const ImageView& image) {
  return cv::Mat(image.height, image.width, CV_8UC(channelCount(image.format)),
                 const_cast<std::uint8_t*>(image.data), static_cast<size_t>(image.rowBytes()));
}

// Smallest factor of the form 2^n or 3 * 2^n that brings the longest side within
// max_side: halving steps take OpenCV's SIMD 2x2 area path (about four times faster
// in wasm than a single large-factor area resize), and a 3 keeps the working copy
// from shrinking to half of what was asked for.
int downscaleFactor(int longest, int max_side) {
  int factor = 1;
  while (longest > max_side * factor) {
    if (longest <= max_side * factor * 3 / 2 && factor % 3 != 0 && factor > 1) return factor * 3 / 2;
    factor *= 2;
  }
  return factor;
}

// The area average over whole factor x factor blocks (an odd factor: OpenCV's SIMD
// path is for 2 only), by OpenCV's own arithmetic for it: the block's bytes summed
// as int, times 1/area as float, rounded by saturate_cast. OpenCV runs it per
// output byte, reading each block afresh (a 1350x1350 photo shrunk by 3 took 5 ms
// in wasm); here each row of blocks is summed down its rows first, in runs the
// compiler vectorises, and each block's byte is looked up by its sum (the sum
// alone decides it; rounding per byte was most of the cost in wasm). Same bytes.
cv::Mat averageBlocks(const cv::Mat& source, int factor) {
  const int channels = source.channels();
  const int width = source.cols / factor, height = source.rows / factor;
  const int row_bytes = source.cols * channels;
  const float scale = 1.f / static_cast<float>(factor * factor);
  std::vector<std::uint8_t> average(static_cast<std::size_t>(255 * factor * factor + 1));
  for (std::size_t sum = 0; sum < average.size(); ++sum)
    average[sum] = cv::saturate_cast<std::uint8_t>(static_cast<float>(sum) * scale);
  cv::Mat out(height, width, source.type());
  std::vector<int> column_sums(static_cast<std::size_t>(row_bytes));
  for (int y = 0; y < height; ++y) {
    std::fill(column_sums.begin(), column_sums.end(), 0);
    for (int k = 0; k < factor; ++k) {
      const std::uint8_t* in = source.ptr<std::uint8_t>(y * factor + k);
      for (int i = 0; i < row_bytes; ++i) column_sums[i] += in[i];
    }
    std::uint8_t* dst = out.ptr<std::uint8_t>(y);
    const int* sums = column_sums.data();
    if (factor == 3 && channels == 3) {  // the segmentation copy of a 1350x1350 photo: 1.4 -> 0.6 ms in wasm
      for (int x = 0; x < width; ++x, sums += 9, dst += 3) {
        dst[0] = average[static_cast<std::size_t>(sums[0] + sums[3] + sums[6])];
        dst[1] = average[static_cast<std::size_t>(sums[1] + sums[4] + sums[7])];
        dst[2] = average[static_cast<std::size_t>(sums[2] + sums[5] + sums[8])];
      }
      continue;
    }
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < channels; ++c) {
        int sum = 0;
        for (int k = 0; k < factor; ++k) sum += sums[(x * factor + k) * channels + c];
        dst[x * channels + c] = average[static_cast<std::size_t>(sum)];
      }
  }
  return out;
}

// Area-averages by `factor` in exact integer blocks: halvings first, then the
// odd rest. The at most factor-1 pixels dropped at the right and bottom edges do
// not matter for finding a face or the person's outline.
cv::Mat areaDownscale(const cv::Mat& source, int factor) {
  if (factor <= 1) return source;
  const int w = source.cols / factor, h = source.rows / factor;
  cv::Mat scaled = source(cv::Rect(0, 0, w * factor, h * factor));
  for (int remaining = factor; remaining > 1;) {
    const int step = remaining % 2 == 0 ? 2 : remaining;
    if (step == 2) {
      cv::Mat next;
      cv::resize(scaled, next, cv::Size(scaled.cols / step, scaled.rows / step), 0, 0, cv::INTER_AREA);
      scaled = next;
    } else {
      scaled = averageBlocks(scaled, step);
    }
    remaining /= step;
  }
  return scaled;
}

}  // namespace

WorkingImage makeWorkingImage(const ImageView& image, int max_side) {
  WorkingImage working;
  const cv::Mat source = wrap(image);
  working.factor = downscaleFactor(std::max(image.width, image.height), max_side);
  const cv::Mat scaled = areaDownscale(source, working.factor);
  working.rgb = toRgb(scaled, image.format);
  // Owned: an RGB photo that needed no downscaling is still the caller's memory.
  if (working.rgb.data == image.data) working.rgb = working.rgb.clone();
  return working;
}

WorkingImage shrinkWorkingImage(const WorkingImage& larger, const ImageView& original, int max_side) {
  const int factor = downscaleFactor(std::max(original.width, original.height), max_side);
  // The halvings compose: a power-of-two copy halved on gives the very pixels a
  // copy made from the original would have (each channel is averaged alone, so
  // dropping alpha before or after makes no difference).
  const bool power_of_two = larger.factor > 0 && (larger.factor & (larger.factor - 1)) == 0;
  if (larger.rgb.empty() || !power_of_two || factor % larger.factor != 0) return makeWorkingImage(original, max_side);
  WorkingImage working;
  working.factor = factor;
  working.rgb = areaDownscale(larger.rgb, factor / larger.factor);
  if (working.rgb.data == larger.rgb.data) working.rgb = working.rgb.clone();
  return working;
}

}  // namespace gradphoto
