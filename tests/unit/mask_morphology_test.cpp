#include <cstdint>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "image/mask_morphology.h"

namespace gradphoto {
namespace {

cv::Mat disc(int radius) { return cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1}); }

// Blobs, thin lines and speckle: runs of every length, set pixels touching the edges.
cv::Mat randomMask(cv::Size size, int seed) {
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  cv::Mat mask(size, CV_8U, cv::Scalar(0));
  for (int i = 0; i < 12; ++i) {
    cv::ellipse(mask, {rng.uniform(0, size.width), rng.uniform(0, size.height)},
                {rng.uniform(2, size.width / 3), rng.uniform(2, size.height / 3)}, rng.uniform(0, 180), 0, 360,
                cv::Scalar(255), cv::FILLED);
  }
  for (int i = 0; i < 6; ++i) {
    cv::line(mask, {rng.uniform(0, size.width), rng.uniform(0, size.height)},
             {rng.uniform(0, size.width), rng.uniform(0, size.height)}, cv::Scalar(i % 2 ? 0 : 255), rng.uniform(1, 4));
  }
  for (int i = 0; i < 300; ++i) mask.at<std::uint8_t>(rng.uniform(0, size.height), rng.uniform(0, size.width)) ^= 255;
  return mask;
}

void expectSame(const cv::Mat& ours, const cv::Mat& expected, const std::string& what) {
  ASSERT_EQ(ours.size(), expected.size()) << what;
  EXPECT_EQ(cv::countNonZero(ours != expected), 0) << what;
}

TEST(MaskMorphology, WholeMasksMatchOpenCv) {
  for (int radius = 1; radius <= 12; ++radius) {
    const cv::Mat mask = randomMask({97 + radius, 83}, radius);
    cv::Mat expected, ours;
    cv::erode(mask, expected, disc(radius));
    erodeMaskByDisc(mask, ours, radius);
    expectSame(ours, expected, "erode r=" + std::to_string(radius));
    cv::dilate(mask, expected, disc(radius));
    dilateMaskByDisc(mask, ours, radius);
    expectSame(ours, expected, "dilate r=" + std::to_string(radius));
  }
}

// A region reads the image beyond its edges, as OpenCV does: interior, at each edge,
// a band of rows (the backdrop's erosion above the chin); into a region of the output.
TEST(MaskMorphology, RegionsReadBeyondTheirEdgesLikeOpenCv) {
  const cv::Mat mask = randomMask({160, 120}, 99);
  for (const cv::Rect region : {cv::Rect(20, 15, 100, 80), cv::Rect(0, 0, 60, 50), cv::Rect(110, 70, 50, 50),
                                cv::Rect(0, 0, 160, 70), cv::Rect(3, 100, 150, 20)}) {
    for (int radius : {2, 7}) {
      cv::Mat expected_whole(mask.size(), CV_8U, cv::Scalar(7)), ours_whole(mask.size(), CV_8U, cv::Scalar(7));
      cv::Mat expected = expected_whole(region), ours = ours_whole(region);
      cv::morphologyEx(mask(region), expected, cv::MORPH_ERODE, disc(radius));
      erodeMaskByDisc(mask(region), ours, radius);
      expectSame(ours_whole, expected_whole, "erode region");
      cv::morphologyEx(mask(region), expected, cv::MORPH_DILATE, disc(radius));
      dilateMaskByDisc(mask(region), ours, radius);
      expectSame(ours_whole, expected_whole, "dilate region");
    }
  }
}

TEST(MaskMorphology, InPlaceAndNonBinaryMasks) {
  cv::Mat mask = randomMask({64, 48}, 5), expected;
  cv::erode(mask, expected, disc(4));
  erodeMaskByDisc(mask, mask, 4);
  expectSame(mask, expected, "in place");
  cv::Mat grey = randomMask({64, 48}, 6);
  grey.setTo(128, randomMask({64, 48}, 7));  // not a 0/255 mask: OpenCV's own result
  cv::erode(grey, expected, disc(3));
  cv::Mat ours;
  erodeMaskByDisc(grey, ours, 3);
  expectSame(ours, expected, "grey");
}

}  // namespace
}  // namespace gradphoto
