// FaceAnalyzer::track(), the live camera loop: it follows the face it found instead
// of detecting again, lands where a full analysis lands, detects again on schedule,
// and lets go of a face that has left the frame or when there are two.
#include <cmath>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "test_support.h"

namespace gradphoto::test {
namespace {

ImageView viewOf(const cv::Mat& bgr) {
  return {bgr.data, bgr.total() * bgr.elemSize(), bgr.cols, bgr.rows, 0, PixelFormat::kBgr};
}

// A 640x480 webcam frame: the photo scaled to the frame's height, shifted sideways.
cv::Mat webcamFrame(const std::string& photo, int shift) {
  cv::Mat scaled;
  cv::resize(loadPhoto(photo), scaled, cv::Size(480, 480), 0, 0, cv::INTER_AREA);
  cv::Mat frame(480, 640, CV_8UC3, cv::Scalar(210, 209, 205));
  scaled.copyTo(frame(cv::Rect(80 + shift, 0, 480, 480)));
  return frame;
}

float eyeDistance(const KeyPoints& k) { return std::hypot(k.eye_right.x - k.eye_left.x, k.eye_right.y - k.eye_left.y); }

TEST(FaceTracking, FollowsTheFaceAndLandsWhereAFullAnalysisDoes) {
  FaceAnalyzer& analyzer = sharedAnalyzer();
  FaceTrack state;
  // The student moves a little between frames, as in front of a camera.
  for (int frame_index = 0; frame_index < FaceAnalyzer::kRedetectEvery; ++frame_index) {
    const cv::Mat frame = webcamFrame("webmorphR.stim/inst/neutral_front/006_03.jpg", 3 * frame_index);
    const FaceAnalysis tracked = analyzer.track(viewOf(frame), state);
    ASSERT_EQ(tracked.faces.size(), 1u) << "frame " << frame_index;
    EXPECT_TRUE(state.following);
    // The first frame is detected; each later one followed (no detector time).
    EXPECT_EQ(state.frames_since_detection, frame_index);
    if (frame_index > 0) EXPECT_EQ(tracked.timings.detect_ms, 0.0);
    const FaceAnalysis full = analyzer.analyze(viewOf(frame));
    ASSERT_EQ(full.faces.size(), 1u);
    const KeyPoints& a = tracked.faces[0].key_points;
    const KeyPoints& b = full.faces[0].key_points;
    const float tolerance = 0.03f * eyeDistance(b);
    for (auto [p, q] : {std::pair{a.eye_left, b.eye_left}, std::pair{a.eye_right, b.eye_right},
                        std::pair{a.nose_tip, b.nose_tip}, std::pair{a.chin, b.chin}}) {
      EXPECT_LT(std::hypot(p.x - q.x, p.y - q.y), tolerance) << "frame " << frame_index;
    }
    EXPECT_NEAR(tracked.faces[0].pose.roll, full.faces[0].pose.roll, 1.0f);
    // The box moves with the face.
    EXPECT_NEAR(tracked.faces[0].box.x, full.faces[0].box.x, 0.1f * full.faces[0].box.width);
  }
  // Due for a detection: the next frame runs the detector again.
  analyzer.track(viewOf(webcamFrame("webmorphR.stim/inst/neutral_front/006_03.jpg", 0)), state);
  EXPECT_EQ(state.frames_since_detection, 0);
  EXPECT_TRUE(state.following);
}

TEST(FaceTracking, LetsGoOfAFaceThatLeftAndDetectsAgainOnANewFrameSize) {
  FaceAnalyzer& analyzer = sharedAnalyzer();
  FaceTrack state;
  analyzer.track(viewOf(webcamFrame("webmorphR.stim/inst/neutral_front/001_03.jpg", 0)), state);
  ASSERT_TRUE(state.following);
  const cv::Mat wall(480, 640, CV_8UC3, cv::Scalar(210, 209, 205));
  EXPECT_EQ(analyzer.track(viewOf(wall), state).faces.size(), 0u);
  EXPECT_FALSE(state.following);

  analyzer.track(viewOf(webcamFrame("webmorphR.stim/inst/neutral_front/001_03.jpg", 0)), state);
  ASSERT_TRUE(state.following);
  cv::Mat larger;
  cv::resize(webcamFrame("webmorphR.stim/inst/neutral_front/001_03.jpg", 0), larger, cv::Size(960, 720));
  const FaceAnalysis resized = analyzer.track(viewOf(larger), state);
  ASSERT_EQ(resized.faces.size(), 1u);
  EXPECT_EQ(state.width, 960);
  EXPECT_EQ(state.frames_since_detection, 0);
}

TEST(FaceTracking, TwoPeopleAreCountedNotFollowed) {
  FaceAnalyzer& analyzer = sharedAnalyzer();
  cv::Mat both;
  cv::hconcat(webcamFrame("webmorphR.stim/inst/neutral_front/001_03.jpg", 0),
              webcamFrame("webmorphR.stim/inst/neutral_front/006_03.jpg", 0), both);
  FaceTrack state;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(analyzer.track(viewOf(both), state).faces.size(), 2u) << "frame " << i;
    EXPECT_FALSE(state.following);
  }
}

}  // namespace
}  // namespace gradphoto::test
