// Crop to spec on made-up head geometry: bands met when possible, the reason when not.
#include <cmath>

#include <gtest/gtest.h>

#include "crop/crop_planner.h"

namespace gradphoto {
namespace {

// The CHSI bands (profiles/chsi-graduate.json).
const CropBands kChsi{50, 110, 200, 300, 180, 300, 24, 480, 640};

struct Measured {
  double crown, eye, width, centre_offset;
};

Measured measure(const HeadGeometry& head, const CropResult& crop) {
  return {(head.crown_y - crop.top) * crop.scale, (head.eye_y - crop.top) * crop.scale, head.face_width * crop.scale,
          std::abs((head.centre_x - crop.left) * crop.scale - 240)};
}

TEST(CropPlanner, StudioPortraitLandsInsideEveryBand) {
  // A 3000x4000 portrait: crown at 600, eyes at 1300, face 900 px wide, centred.
  const HeadGeometry head{600, 1300, 1500, 900};
  const CropResult crop = planCrop(head, kChsi, {3000, 4000});
  ASSERT_TRUE(crop.feasible) << crop.reason_en;
  const Measured m = measure(head, crop);
  EXPECT_GE(m.crown, 50);
  EXPECT_LE(m.crown, 110);
  EXPECT_GE(m.eye, 200);
  EXPECT_LE(m.eye, 300);
  EXPECT_GE(m.width, 180);
  EXPECT_LE(m.width, 300);
  EXPECT_LE(m.centre_offset, 24);
  // A whole-pixel window inside the photo.
  EXPECT_EQ(crop.left, std::round(crop.left));
  EXPECT_EQ(crop.top, std::round(crop.top));
  EXPECT_GE(crop.left, 0);
  EXPECT_LE(crop.left + 480 / crop.scale, 3000 + 0.5);
  EXPECT_LE(crop.top + 640 / crop.scale, 4000 + 0.5);
}

TEST(CropPlanner, OffCentreFaceIsCentredByTheWindow) {
  const HeadGeometry head{600, 1300, 1100, 900};  // 400 px left of the photo's centre
  const CropResult crop = planCrop(head, kChsi, {3000, 4000});
  ASSERT_TRUE(crop.feasible) << crop.reason_en;
  EXPECT_LE(measure(head, crop).centre_offset, 1.0);
}

TEST(CropPlanner, HeadAtTheTopEdgeIsRefusedWithTheReason) {
  const HeadGeometry head{10, 700, 1500, 900};  // crown 10 px below the photo's top
  const CropResult crop = planCrop(head, kChsi, {3000, 4000});
  EXPECT_FALSE(crop.feasible);
  EXPECT_EQ(crop.blocking_check, "geometry.crown");
  EXPECT_FALSE(crop.reason_zh.empty());
  EXPECT_NE(crop.reason_en.find("top"), std::string::npos);
}

TEST(CropPlanner, FaceAtTheSideEdgeIsRefused) {
  const HeadGeometry head{600, 1300, 300, 900};  // face centre 300 px from the left edge
  const CropResult crop = planCrop(head, kChsi, {3000, 4000});
  EXPECT_FALSE(crop.feasible);
  EXPECT_EQ(crop.blocking_check, "face.position");
}

TEST(CropPlanner, TightlyFramedPhotoIsRefused) {
  // The face fills most of a 1350x1800 photo: a 480-wide output cannot hold it.
  const HeadGeometry head{100, 520, 675, 870};
  const CropResult crop = planCrop(head, kChsi, {1350, 1800});
  EXPECT_FALSE(crop.feasible);
  EXPECT_EQ(crop.blocking_check, "geometry.face_width");
}

TEST(CropPlanner, TallHairThatNoScaleFitsIsRefused) {
  // Crown-to-eye 1000 px with a 400 px face: the crown-eye band allows at most
  // 250/1000 = 0.25, the face-width band needs at least 180/400 = 0.45.
  const HeadGeometry head{300, 1300, 1500, 400};
  const CropResult crop = planCrop(head, kChsi, {3000, 4000});
  EXPECT_FALSE(crop.feasible);
  EXPECT_EQ(crop.blocking_check, "geometry.crown");
  EXPECT_NE(crop.reason_en.find("hat"), std::string::npos);
}

TEST(CropPlanner, SmallPhotoIsCroppedWithEnlargement) {
  // 600x800 photo, face 150 px wide: feasible, but the scale is above 1
  // (image.resolution reports it).
  const HeadGeometry head{120, 300, 300, 150};
  const CropResult crop = planCrop(head, kChsi, {600, 800});
  ASSERT_TRUE(crop.feasible) << crop.reason_en;
  EXPECT_GT(crop.scale, 1.0);
}

}  // namespace
}  // namespace gradphoto
