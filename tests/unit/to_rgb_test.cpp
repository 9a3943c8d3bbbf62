// toRgb drops alpha by hand rather than through cv::cvtColor (see image/to_rgb.cpp):
// it must give cvtColor's bytes, which the networks and the output JPEG were built on.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "test_support.h"
#include "image/to_rgb.h"

namespace gradphoto {
namespace {

TEST(ToRgb, EveryFormatGivesCvtColorsBytes) {
  struct Case {
    int type;
    PixelFormat format;
    int code;
  };
  for (const Case& c : {Case{CV_8UC4, PixelFormat::kRgba, cv::COLOR_RGBA2RGB},
                        Case{CV_8UC3, PixelFormat::kBgr, cv::COLOR_BGR2RGB},
                        Case{CV_8UC1, PixelFormat::kGrey, cv::COLOR_GRAY2RGB}}) {
    // A window into a larger image: rows that are not contiguous in memory.
    const cv::Mat whole = test::randomPixels(61, 83, c.type, 2024);
    const cv::Mat pixels = whole(cv::Rect(3, 2, 77, 57));
    cv::Mat expected;
    cv::cvtColor(pixels, expected, c.code);
    const cv::Mat rgb = toRgb(pixels, c.format);
    ASSERT_EQ(rgb.type(), CV_8UC3);
    ASSERT_EQ(rgb.size(), expected.size());
    EXPECT_EQ(cv::norm(rgb, expected, cv::NORM_INF), 0) << static_cast<int>(c.format);
  }
}

TEST(ToRgb, RgbIsPassedThroughUncopied) {
  const cv::Mat rgb = test::randomPixels(8, 9, CV_8UC3, 2024);
  EXPECT_EQ(toRgb(rgb, PixelFormat::kRgb).data, rgb.data);
}

}  // namespace
}  // namespace gradphoto
