// The photo must be in colour (spec 'colour': 24-bit RGB, no greyscale). A
// black-and-white photo stored as 24-bit RGB passes every other check, so the
// colour itself is measured: how saturated the most colourful part of the crop is.
#include <algorithm>
#include <cmath>
#include <vector>

#include "checks/check_groups.h"

namespace gradphoto {

CheckResult checkColour(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr || context.output_lab.empty()) return notMeasurableResult("image.colour", limits, kNeedsOneFace);
  // 95th percentile of chroma C* over the output: skin, lips and clothes give tens,
  // a greyscale photo (R = G = B) gives 0 whatever its background.
  std::vector<float> chroma;
  chroma.reserve(context.output_lab.total());
  for (int y = 0; y < context.output_lab.rows; ++y) {
    const cv::Vec3f* row = context.output_lab.ptr<cv::Vec3f>(y);
    for (int x = 0; x < context.output_lab.cols; ++x) chroma.push_back(std::hypot(row[x][1], row[x][2]));
  }
  auto at = chroma.begin() + static_cast<std::ptrdiff_t>(chroma.size() * 95 / 100);
  std::nth_element(chroma.begin(), at, chroma.end());
  const double value = *at;
  return measuredResult("image.colour", value, limits,
                        {{"彩色照片。", "A colour photo."},
                         {"照片是黑白的（或几乎没有颜色）：请提交彩色照片，不要使用黑白滤镜。",
                          "The photo is black and white (or almost without colour). Submit a colour photo; do not use a "
                          "mono filter."},
                         {"", ""}});
}

}  // namespace gradphoto
