#include <cstdint>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "image/area_resize.h"

namespace gradphoto {
namespace {

cv::Mat noise(cv::Size size, int seed) {
  cv::Mat image(size, CV_8UC3);
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  rng.fill(image, cv::RNG::UNIFORM, 0, 256);
  return image;
}

// The crop's shapes (a window of about 1.9 output sizes, odd and even), factors just
// above 1 and just below 2, a view into a larger photo, and the fallbacks (whole
// factors, 2 or more on one axis): every byte as cv::resize INTER_AREA writes it.
TEST(AreaResize, GivesOpenCvsBytes) {
  const cv::Size output(480, 640);
  int seed = 1;
  for (const cv::Size window : {cv::Size(911, 1215), cv::Size(900, 1200), cv::Size(481, 641), cv::Size(959, 1279),
                                cv::Size(720, 960), cv::Size(960, 1280), cv::Size(1000, 700)}) {
    const cv::Mat photo = noise({window.width + 37, window.height + 21}, seed++);
    const cv::Mat view = photo(cv::Rect(17, 9, window.width, window.height));
    const cv::Size size = window.width < 2 * output.width && window.height >= output.height ? output : cv::Size(400, 300);
    cv::Mat expected;
    cv::resize(view, expected, size, 0, 0, cv::INTER_AREA);
    const cv::Mat ours = areaResize(view, size);
    ASSERT_EQ(ours.size(), expected.size());
    EXPECT_EQ(cv::norm(ours, expected, cv::NORM_INF), 0) << window << " -> " << size;
  }
}

// Larger factors (the face detector's 128x128 input from a 675x675 working copy), one
// axis whole and the other not, and whole factors on both (OpenCV's other path).
TEST(AreaResize, GivesOpenCvsBytesAtLargerFactors) {
  int seed = 40;
  for (const auto& [from, to] : std::vector<std::pair<cv::Size, cv::Size>>{{{675, 675}, {128, 128}}, {{1000, 700}, {400, 300}},
                                                                          {{640, 480}, {128, 96}}, {{900, 700}, {300, 233}},
                                                                          {{1280, 960}, {640, 480}}, {{999, 333}, {333, 111}}}) {
    const cv::Mat image = noise(from, seed++);
    cv::Mat expected;
    cv::resize(image, expected, to, 0, 0, cv::INTER_AREA);
    EXPECT_EQ(cv::norm(areaResize(image, to), expected, cv::NORM_INF), 0) << from << " -> " << to;
  }
}

// A smooth image too: noise rarely lands a sum on a rounding tie, gradients do.
TEST(AreaResize, GivesOpenCvsBytesOnGradients) {
  cv::Mat gradient(1215, 911, CV_8UC3);
  for (int y = 0; y < gradient.rows; ++y) {
    for (int x = 0; x < gradient.cols; ++x) {
      gradient.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<std::uint8_t>(x / 4), static_cast<std::uint8_t>(y / 5),
                                               static_cast<std::uint8_t>((x + y) % 256));
    }
  }
  cv::Mat expected;
  cv::resize(gradient, expected, {480, 640}, 0, 0, cv::INTER_AREA);
  EXPECT_EQ(cv::norm(areaResize(gradient, {480, 640}), expected, cv::NORM_INF), 0);
}

}  // namespace
}  // namespace gradphoto
