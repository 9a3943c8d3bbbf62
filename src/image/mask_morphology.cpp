#include "image/mask_morphology.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gradphoto {
namespace {

// Half-width of each row of the disc, read off OpenCV's own element; false when a row
// is not one run centred on the anchor (never for an ellipse, but then OpenCV decides).
bool rowHalfWidths(const cv::Mat& element, std::vector<int>& half_widths) {
  const int centre = element.cols / 2;
  half_widths.assign(static_cast<std::size_t>(element.rows), 0);
  for (int y = 0; y < element.rows; ++y) {
    const std::uint8_t* row = element.ptr<std::uint8_t>(y);
    const int ones = cv::countNonZero(element.row(y));
    const int half = (ones - 1) / 2;
    if (ones == 0 || ones % 2 == 0) return false;
    for (int x = centre - half; x <= centre + half; ++x)
      if (!row[x]) return false;
    half_widths[static_cast<std::size_t>(y)] = half;
  }
  return true;
}

bool onlyZeroAnd255(const cv::Mat& mask) {
  for (int y = 0; y < mask.rows; ++y) {
    const std::uint8_t* row = mask.ptr<std::uint8_t>(y);
    std::uint8_t odd = 0;  // any byte not 0 or 255 leaves a bit set here
    for (int x = 0; x < mask.cols; ++x) odd |= static_cast<std::uint8_t>(row[x] != 0 && row[x] != 255);
    if (odd) return false;
  }
  return true;
}

// The region and the pixels OpenCV reads beyond its edges (up to `radius`, where the
// image has them), with how far it reaches on each side.
struct Surroundings {
  cv::Mat around;
  int top = 0, bottom = 0, left = 0, right = 0;
};

Surroundings surroundings(const cv::Mat& src, int radius) {
  cv::Size whole;
  cv::Point offset;
  src.locateROI(whole, offset);
  Surroundings s;
  s.top = std::min(radius, offset.y);
  s.left = std::min(radius, offset.x);
  s.bottom = std::min(radius, whole.height - offset.y - src.rows);
  s.right = std::min(radius, whole.width - offset.x - src.cols);
  s.around = src;
  s.around.adjustROI(s.top, s.bottom, s.left, s.right);
  return s;
}

// The disc fits around (x, y) inside the set of pixels equal to `on` (pixels beyond the
// image count as on: cv::erode's border for erosion, and for dilation, worked as the
// erosion of the zeros, cv::dilate's). Returns 255 where it fits, else 0.
cv::Mat fitsDisc(const cv::Mat& src, const Surroundings& near, int radius, bool on_is_255,
                 const std::vector<int>& half_widths) {
  // `set` is 255 where a pixel is on, with `radius` pixels of on beyond the image.
  cv::Mat set;
  cv::copyMakeBorder(on_is_255 ? near.around : ~near.around, set, radius - near.top, radius - near.bottom,
                     radius - near.left, radius - near.right, cv::BORDER_CONSTANT, cv::Scalar(255));

  // runs[h]: 255 where the 2h+1 pixels centred on it in its row are all set (valid
  // h..cols-h-1 columns); each from the one before by two shifted ANDs, whole rows at
  // a time in OpenCV's SIMD.
  const int max_half = *std::max_element(half_widths.begin(), half_widths.end());
  const int cols = set.cols;
  std::vector<cv::Mat> runs(static_cast<std::size_t>(max_half) + 1);
  runs[0] = set;
  // Only runs[h]'s columns h..cols-h-1 are written, and only those are ever read (the
  // next half-width reads h..cols-h-1; the last AND reads radius..cols-radius-1), so the
  // planes are not cleared first.
  for (int h = 1; h <= max_half; ++h) {
    runs[h] = cv::Mat(set.size(), CV_8U);
    const cv::Mat& previous = runs[static_cast<std::size_t>(h) - 1];
    const int width = cols - 2 * h;
    if (width <= 0) continue;
    cv::Mat out = runs[h].colRange(h, h + width);
    if (h == 1) {  // x-1, x, x+1
      cv::bitwise_and(previous.colRange(0, width), previous.colRange(1, 1 + width), out);
      cv::bitwise_and(out, previous.colRange(2, 2 + width), out);
    } else {  // [x-h, x+h] = [x-1-(h-1), x-1+(h-1)] and [x+1-(h-1), x+1+(h-1)]
      cv::bitwise_and(previous.colRange(h - 1, h - 1 + width), previous.colRange(h + 1, h + 1 + width), out);
    }
  }

  // The disc's row dy needs runs[half width of that row] at the row dy away.
  cv::Mat result(src.size(), CV_8U, cv::Scalar(255));
  for (int dy = -radius; dy <= radius; ++dy) {
    const cv::Mat& run = runs[static_cast<std::size_t>(half_widths[static_cast<std::size_t>(dy + radius)])];
    cv::bitwise_and(result, run(cv::Rect(radius, radius + dy, src.cols, src.rows)), result);
  }
  return result;
}

void morph(const cv::Mat& src, cv::Mat& dst, int radius, bool erode) {
  const cv::Mat element = discElement(radius);
  std::vector<int> half_widths;
  Surroundings near;
  if (src.type() == CV_8U && radius >= 1 && rowHalfWidths(element, half_widths)) near = surroundings(src, radius);
  if (near.around.empty() || !onlyZeroAnd255(near.around)) {
    if (erode) cv::erode(src, dst, element);
    else cv::dilate(src, dst, element);
    return;
  }
  cv::Mat fits = fitsDisc(src, near, radius, erode, half_widths);
  if (!erode) cv::bitwise_not(fits, fits);  // the zeros' erosion is the complement of the dilation
  dst.create(src.size(), CV_8U);
  fits.copyTo(dst);
}

}  // namespace

cv::Mat discElement(int radius) {
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1});
}

void erodeMaskByDisc(const cv::Mat& src, cv::Mat& dst, int radius) { morph(src, dst, radius, true); }
void dilateMaskByDisc(const cv::Mat& src, cv::Mat& dst, int radius) { morph(src, dst, radius, false); }

}  // namespace gradphoto
