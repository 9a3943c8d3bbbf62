// The working copies are made by hand-written block averaging where OpenCV's area
// resize is slow; these tests hold them to OpenCV's bytes, which every measure
// was calibrated on.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "test_support.h"
#include "image/working_image.h"
#include "segmentation/person_mask.h"

namespace gradphoto {
namespace {

// A shrink by 3 (a 1350-pixel photo to at most 512) and by 6 (halving, then 3),
// for RGB and RGBA, with sides that do not divide evenly.
TEST(WorkingImage, OddFactorMatchesOpenCvAreaResize) {
  struct Case {
    int rows, cols, type;
    PixelFormat format;
    int max_side, factor;
  };
  for (const Case& c : {Case{1350, 1351, CV_8UC3, PixelFormat::kRgb, 512, 3},
                        Case{1001, 700, CV_8UC4, PixelFormat::kRgba, 512, 2},
                        Case{2701, 2000, CV_8UC3, PixelFormat::kRgb, 512, 6}}) {
    const cv::Mat source = test::randomPixels(c.rows, c.cols, c.type, 12345);
    const ImageView view{source.data, source.total() * source.elemSize(), source.cols, source.rows,
                         static_cast<int>(source.step), c.format};
    const WorkingImage working = makeWorkingImage(view, c.max_side);
    ASSERT_EQ(working.factor, c.factor);
    cv::Mat expected = source(cv::Rect(0, 0, source.cols / c.factor * c.factor, source.rows / c.factor * c.factor));
    for (int remaining = c.factor; remaining > 1;) {
      const int step = remaining % 2 == 0 ? 2 : remaining;
      cv::Mat next;
      cv::resize(expected, next, cv::Size(expected.cols / step, expected.rows / step), 0, 0, cv::INTER_AREA);
      expected = next;
      remaining /= step;
    }
    if (c.format == PixelFormat::kRgba) cv::cvtColor(expected, expected, cv::COLOR_RGBA2RGB);
    ASSERT_EQ(working.rgb.size(), expected.size());
    EXPECT_EQ(cv::norm(working.rgb, expected, cv::NORM_INF), 0) << c.rows << "x" << c.cols;
  }
}

// toLab's one-pass rescale gives the floats of convertTo, multiply and subtract.
TEST(WorkingImage, LabRescaleMatchesOpenCvArithmetic) {
  const cv::Mat rgb = test::randomPixels(64, 97, CV_8UC3, 12345);
  cv::Mat lab8, expected;
  cv::cvtColor(rgb, lab8, cv::COLOR_RGB2Lab);
  lab8.convertTo(expected, CV_32FC3);
  cv::multiply(expected, cv::Scalar(100.0 / 255.0, 1.0, 1.0), expected);
  cv::subtract(expected, cv::Scalar(0.0, 128.0, 128.0), expected);
  const cv::Mat lab = toLab(rgb);
  ASSERT_EQ(lab.type(), CV_32FC3);
  EXPECT_EQ(cv::norm(lab, expected, cv::NORM_INF), 0);
}

}  // namespace
}  // namespace gradphoto
