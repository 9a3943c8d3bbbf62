#include <vector>

#include <gtest/gtest.h>

#include "face/canonical_face.h"
#include "gradphoto/face_analyzer.h"

namespace gradphoto {
namespace {

std::vector<std::uint8_t> geometryBytes() {
  ModelBytes models;
  EXPECT_FALSE(loadModelBytes(GRADPHOTO_TEST_MODELS_DIR, models));
  return models.face_geometry;
}

TEST(CanonicalFace, ParsesMediaPipeGeometry) {
  CanonicalFace face;
  Error error;
  ASSERT_TRUE(parseCanonicalFace(geometryBytes(), face, error)) << error.message_en;
  ASSERT_EQ(face.vertices.size(), 468u);
  EXPECT_EQ(face.procrustes.size(), 33u);
  // The nose tip (point 1) is in front (z toward the viewer) and on the midline.
  EXPECT_NEAR(face.vertices[1].x, 0.0f, 1e-3);
  EXPECT_GT(face.vertices[1].z, face.vertices[234].z);
  // Image-left cheek (234) lies at negative x, image-right (454) at positive x.
  EXPECT_LT(face.vertices[234].x, 0.0f);
  EXPECT_GT(face.vertices[454].x, 0.0f);
}

TEST(CanonicalFace, RejectsTruncatedAndGarbageInput) {
  std::vector<std::uint8_t> bytes = geometryBytes();
  bytes.resize(bytes.size() / 2);
  CanonicalFace face;
  Error error;
  EXPECT_FALSE(parseCanonicalFace(bytes, face, error));
  EXPECT_EQ(error.code, ErrorCode::kModelError);

  std::vector<std::uint8_t> garbage(1000, 0xff);
  EXPECT_FALSE(parseCanonicalFace(garbage, face, error));
  EXPECT_FALSE(parseCanonicalFace({}, face, error));
}

}  // namespace
}  // namespace gradphoto
