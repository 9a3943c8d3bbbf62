#include <cstdint>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "image/srgb_to_lab.h"

namespace gradphoto {
namespace {

// Every 8-bit colour, against OpenCV's cvtColor: the checks' Lab must not move.
TEST(SrgbToLab, EveryColourMatchesOpenCv) {
  cv::Mat rgb(4096, 4096, CV_8UC3);
  for (int y = 0; y < rgb.rows; ++y) {
    cv::Vec3b* row = rgb.ptr<cv::Vec3b>(y);
    for (int x = 0; x < rgb.cols; ++x) {
      const int colour = y * rgb.cols + x;
      row[x] = cv::Vec3b(static_cast<std::uint8_t>(colour >> 16), static_cast<std::uint8_t>(colour >> 8),
                         static_cast<std::uint8_t>(colour));
    }
  }
  cv::Mat expected;
  cv::cvtColor(rgb, expected, cv::COLOR_RGB2Lab);
  const Lab8Tables& tables = lab8Tables();
  long long differing = 0;
  for (int y = 0; y < rgb.rows; ++y) {
    const std::uint8_t* in = rgb.ptr<std::uint8_t>(y);
    const std::uint8_t* want = expected.ptr<std::uint8_t>(y);
    for (int x = 0; x < 3 * rgb.cols; x += 3) {
      std::uint8_t lab[3];
      srgbToLab8(tables, in + x, lab);
      if (lab[0] != want[x] || lab[1] != want[x + 1] || lab[2] != want[x + 2]) {
        if (differing++ < 5) {
          ADD_FAILURE() << "RGB " << int(in[x]) << "," << int(in[x + 1]) << "," << int(in[x + 2]) << ": ours "
                        << int(lab[0]) << "," << int(lab[1]) << "," << int(lab[2]) << ", OpenCV " << int(want[x])
                        << "," << int(want[x + 1]) << "," << int(want[x + 2]);
        }
      }
    }
  }
  EXPECT_EQ(differing, 0);
}

}  // namespace
}  // namespace gradphoto
