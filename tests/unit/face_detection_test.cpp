// The detector on real photos: every frontal face found, nothing where there is
// no face, and each person counted when there are two.
#include <cmath>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "test_support.h"

namespace gradphoto::test {
namespace {

void expectOneLandmarkedFace(const std::string& photo) {
  const FaceAnalysis analysis = analyzePhoto(photo);
  EXPECT_FALSE(analysis.error) << photo << ": " << analysis.error.message_en;
  ASSERT_EQ(analysis.faces.size(), 1u) << photo;
  const Face& face = analysis.faces[0];
  EXPECT_EQ(face.mesh.size(), static_cast<size_t>(kMeshPointCount)) << photo;
  EXPECT_GT(face.landmark_score, 0.5f) << photo;
  // The named points are where a face has them, measured along the eye line (u)
  // and down the face (v) so that tilted heads count too: eyes above the nose
  // above the mouth above the chin, cheeks outside the eyes.
  const KeyPoints& k = face.key_points;
  const float length = std::hypot(k.eye_right.x - k.eye_left.x, k.eye_right.y - k.eye_left.y);
  const float c = (k.eye_right.x - k.eye_left.x) / length, s = (k.eye_right.y - k.eye_left.y) / length;
  auto u = [&](Point2 p) { return p.x * c + p.y * s; };
  auto v = [&](Point2 p) { return -p.x * s + p.y * c; };
  const float tolerance = 0.02f * length;  // closed lips may touch or cross by a hair
  EXPECT_LT(v(k.eye_left), v(k.nose_tip)) << photo;
  EXPECT_LT(v(k.nose_tip), v(k.upper_lip)) << photo;
  EXPECT_LE(v(k.upper_lip), v(k.lower_lip) + tolerance) << photo;
  EXPECT_LT(v(k.lower_lip), v(k.chin)) << photo;
  EXPECT_LT(u(k.face_left), u(k.eye_left)) << photo;
  EXPECT_GT(u(k.face_right), u(k.eye_right)) << photo;
  EXPECT_LT(u(k.mouth_left), u(k.mouth_right)) << photo;
}

class FrontalPhotos : public testing::TestWithParam<std::string> {};

TEST_P(FrontalPhotos, FindsExactlyOneFace) {
  for (const std::string& photo : listPhotos(GetParam(), GetParam().find("yale") != std::string::npos ? ".png" : ".jpg")) {
    expectOneLandmarkedFace(photo);
  }
}

INSTANTIATE_TEST_SUITE_P(Testdata, FrontalPhotos,
                         testing::Values("webmorphR.stim/inst/neutral_front", "webmorphR.stim/inst/smiling_front",
                                         "webmorphR.stim/inst/canada", "webmorphR.stim/inst/lisa",
                                         "webmorphR.stim/inst/zoom", "pattern_recognition/yalefaces_png",
                                         "Open-eyes-using-Pix2Pix/closed_eyes_dataset"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(info.param.rfind('/') + 1);
                           for (char& c : name) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST(FaceDetection, FindsNoFaceInPhotosWithoutOne) {
  // Real photo content with no face in it: the shirt and background below a
  // subject's chin, and the cluttered room beside lisa.
  const cv::Mat subject = loadPhoto("webmorphR.stim/inst/neutral_front/001_03.jpg");
  const cv::Mat below_chin = subject(cv::Rect(0, 1080, 1350, 270)).clone();
  EXPECT_EQ(analyzeMat(below_chin).faces.size(), 0u);

  const cv::Mat room = loadPhoto("webmorphR.stim/inst/lisa/lisa2.jpg");
  const std::vector<cv::Point2f> pupils = readTemPoints("webmorphR.stim/inst/lisa/lisa2.tem");
  // The strip of room right of her face: from 1.5 inter-pupil distances past her
  // image-right pupil to the edge (her face is in the left part of the photo).
  const float pupil_distance = pupils[1].x - pupils[0].x;
  const int strip_start = static_cast<int>(pupils[1].x + 1.5f * pupil_distance);
  ASSERT_LT(strip_start, room.cols - 64);
  EXPECT_EQ(analyzeMat(room(cv::Rect(strip_start, 0, room.cols - strip_start, room.rows)).clone()).faces.size(), 0u);

  // A flat wall and sensor noise.
  cv::Mat wall(480, 640, CV_8UC3, cv::Scalar(240, 240, 240));
  EXPECT_EQ(analyzeMat(wall).faces.size(), 0u);
  cv::Mat noise(480, 640, CV_8UC3);
  cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
  EXPECT_EQ(analyzeMat(noise).faces.size(), 0u);
}

TEST(FaceDetection, CountsTwoPeopleSideBySide) {
  // Two real subjects in one frame, as when a friend stands beside the student.
  cv::Mat first = loadPhoto("webmorphR.stim/inst/neutral_front/001_03.jpg");
  cv::Mat second = loadPhoto("webmorphR.stim/inst/neutral_front/006_03.jpg");
  cv::Mat both;
  cv::hconcat(first, second, both);
  const FaceAnalysis analysis = analyzeMat(both);
  ASSERT_EQ(analysis.faces.size(), 2u);
  // One face on each half, each with its own mesh.
  const float a = analysis.faces[0].key_points.nose_tip.x, b = analysis.faces[1].key_points.nose_tip.x;
  EXPECT_LT(std::min(a, b), first.cols);
  EXPECT_GT(std::max(a, b), first.cols);
}

}  // namespace
}  // namespace gradphoto::test
