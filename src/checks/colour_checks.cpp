// The photo must be in colour (spec 'colour': 24-bit RGB, no greyscale). A
// black-and-white photo stored as 24-bit RGB passes every other check, so the
// colour itself is measured: how saturated the most colourful part of the crop is.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "checks/check_groups.h"

namespace gradphoto {

namespace {

// toLab's a* and b* are whole numbers from -128 to 127 (the 8-bit conversion's),
// so C* takes one of 65536 values: each worked out once (with the same std::hypot)
// and kept in ascending order, the percentile is read from a count per (a*, b*)
// instead of a hypot and a 300,000-value nth_element per photo (2 ms in wasm).
struct ChromaTable {
  std::vector<float> chroma;          // by (a + 128) * 256 + (b + 128)
  std::vector<std::uint16_t> order;   // those indices by ascending chroma
};

const ChromaTable& chromaTable() {
  static const ChromaTable table = [] {
    ChromaTable t;
    t.chroma.resize(65536);
    t.order.resize(65536);
    for (int i = 0; i < 65536; ++i) {
      t.chroma[i] = std::hypot(static_cast<float>(i / 256 - 128), static_cast<float>(i % 256 - 128));
      t.order[i] = static_cast<std::uint16_t>(i);
    }
    std::sort(t.order.begin(), t.order.end(), [&](std::uint16_t a, std::uint16_t b) { return t.chroma[a] < t.chroma[b]; });
    return t;
  }();
  return table;
}

// The 95th percentile of C* over the image: the element nth_element puts at 95%.
double chromaPercentile95(const cv::Mat& lab) {
  const std::size_t k = lab.total() * 95 / 100;
  std::vector<int> counts(65536, 0);
  bool whole = true;
  for (int y = 0; y < lab.rows && whole; ++y) {
    const cv::Vec3f* row = lab.ptr<cv::Vec3f>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const float a = row[x][1], b = row[x][2];
      const int ia = static_cast<int>(a), ib = static_cast<int>(b);
      if (ia != a || ib != b || ia < -128 || ia > 127 || ib < -128 || ib > 127) {
        whole = false;
        break;
      }
      ++counts[(ia + 128) * 256 + (ib + 128)];
    }
  }
  if (whole) {
    const ChromaTable& table = chromaTable();
    std::size_t seen = 0;
    for (std::uint16_t bin : table.order) {
      seen += static_cast<std::size_t>(counts[bin]);
      if (seen > k) return table.chroma[bin];
    }
  }
  // Any other Lab image: every pixel's chroma, as before.
  std::vector<float> chroma;
  chroma.reserve(lab.total());
  for (int y = 0; y < lab.rows; ++y) {
    const cv::Vec3f* row = lab.ptr<cv::Vec3f>(y);
    for (int x = 0; x < lab.cols; ++x) chroma.push_back(std::hypot(row[x][1], row[x][2]));
  }
  auto at = chroma.begin() + static_cast<std::ptrdiff_t>(k);
  std::nth_element(chroma.begin(), at, chroma.end());
  return *at;
}

}  // namespace

CheckResult checkColour(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr || context.output_lab.empty()) return notMeasurableResult("image.colour", limits, kNeedsOneFace);
  // 95th percentile of chroma C* over the output: skin, lips and clothes give tens,
  // a greyscale photo (R = G = B) gives 0 whatever its background.
  const double value = chromaPercentile95(context.output_lab);
  return measuredResult("image.colour", value, limits,
                        {{"彩色照片。", "A colour photo."},
                         {"照片是黑白的（或几乎没有颜色）：请提交彩色照片，不要使用黑白滤镜。",
                          "The photo is black and white (or almost without colour). Submit a colour photo; do not use a "
                          "mono filter."},
                         {"", ""}});
}

}  // namespace gradphoto
