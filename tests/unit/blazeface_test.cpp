#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "face/blazeface.h"

namespace gradphoto {
namespace {

TEST(BlazeFaceAnchors, MatchTheShortRangeModelLayout) {
  const std::vector<Anchor> anchors = shortRangeAnchors();
  ASSERT_EQ(anchors.size(), 896u);  // the model's output length
  // 16x16 grid, two anchors per cell, centred in the cell.
  EXPECT_FLOAT_EQ(anchors[0].x_center, 0.5f / 16);
  EXPECT_FLOAT_EQ(anchors[1].x_center, 0.5f / 16);
  EXPECT_FLOAT_EQ(anchors[2].x_center, 1.5f / 16);
  EXPECT_FLOAT_EQ(anchors[511].y_center, 15.5f / 16);
  // then an 8x8 grid with six anchors per cell.
  EXPECT_FLOAT_EQ(anchors[512].x_center, 0.5f / 8);
  EXPECT_FLOAT_EQ(anchors[517].x_center, 0.5f / 8);
  EXPECT_FLOAT_EQ(anchors[518].x_center, 1.5f / 8);
  EXPECT_FLOAT_EQ(anchors[895].y_center, 7.5f / 8);
}

TEST(BlazeFaceDecoding, OffsetsAreRelativeToTheAnchorInInputPixels) {
  const std::vector<Anchor> anchors = {{0.25f, 0.75f}};
  std::vector<float> raw(16, 0.0f);
  raw[0] = 12.8f;  // +0.1 of the 128-pixel input
  raw[1] = -6.4f;  // -0.05
  raw[2] = 32.0f;  // width 0.25
  raw[3] = 64.0f;  // height 0.5
  raw[4] = 1.28f;  // first keypoint x +0.01
  const float logit = 2.0f;
  const auto detections = decodeDetections(raw.data(), &logit, anchors, 0.5f);
  ASSERT_EQ(detections.size(), 1u);
  const FaceDetection& d = detections[0];
  EXPECT_NEAR(d.box.x, 0.35f - 0.125f, 1e-6);
  EXPECT_NEAR(d.box.y, 0.70f - 0.25f, 1e-6);
  EXPECT_NEAR(d.box.width, 0.25f, 1e-6);
  EXPECT_NEAR(d.box.height, 0.5f, 1e-6);
  EXPECT_NEAR(d.keypoints[0].x, 0.26f, 1e-6);
  EXPECT_NEAR(d.keypoints[0].y, 0.75f, 1e-6);
  EXPECT_NEAR(d.score, 1.0f / (1.0f + std::exp(-2.0f)), 1e-6);
}

TEST(BlazeFaceDecoding, DropsLowScoresAndDegenerateBoxes) {
  const std::vector<Anchor> anchors = {{0.5f, 0.5f}, {0.5f, 0.5f}};
  std::vector<float> raw(32, 0.0f);
  raw[2] = raw[3] = 10.0f;  // anchor 0: valid box, but low score
  // anchor 1: high score, zero-size box
  const float logits[2] = {-1.0f, 5.0f};
  EXPECT_TRUE(decodeDetections(raw.data(), logits, anchors, 0.5f).empty());
}

FaceDetection detectionAt(float x, float score) {
  FaceDetection d;
  d.box = {x, 0.0f, 1.0f, 1.0f};
  d.score = score;
  return d;
}

TEST(BlazeFaceNms, MergesOverlappingBoxesWeightedByScore) {
  // Two boxes overlapping by IoU 0.6 merge; the far one stays separate.
  const auto kept = weightedNonMaxSuppression({detectionAt(0.0f, 0.9f), detectionAt(0.25f, 0.3f),
                                               detectionAt(5.0f, 0.8f)}, 0.3f);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_FLOAT_EQ(kept[0].score, 0.9f);
  EXPECT_NEAR(kept[0].box.x, (0.9f * 0.0f + 0.3f * 0.25f) / 1.2f, 1e-6);
  EXPECT_FLOAT_EQ(kept[1].box.x, 5.0f);
}

}  // namespace
}  // namespace gradphoto
