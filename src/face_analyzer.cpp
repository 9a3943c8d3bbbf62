// The face analysis pipeline, top to bottom:
//   validate -> working copy (RGB, downscaled) -> detect -> mesh (two passes:
//   detector region, then mesh region) -> key points -> head pose -> original pixels.
#include "gradphoto/face_analyzer.h"

#include <algorithm>
#include <chrono>

#include <opencv2/core.hpp>

#include "face/blazeface.h"
#include "face/canonical_face.h"
#include "face/face_mesh.h"
#include "face/head_pose.h"
#include "face/key_points.h"
#include "image/working_image.h"

namespace gradphoto {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void mapToOriginal(const WorkingImage& working, Face& face) {
  if (working.factor == 1) return;
  const float f = static_cast<float>(working.factor);
  const Point2 top_left = working.toOriginal({face.box.x, face.box.y});
  face.box = {top_left.x, top_left.y, face.box.width * f, face.box.height * f};
  for (MeshPoint& p : face.mesh) {
    const Point2 q = working.toOriginal({p.x, p.y});
    p = {q.x, q.y, p.z * f};
  }
}

// A face that fills the whole photo (a tight crop, a cut-down 1-inch photo) gives
// the detector no context and it misses it; the same photo with a border around
// it is found. Tried only when the plain pass finds nothing.
std::vector<FaceDetection> detectWithBorder(BlazeFaceDetector& detector, const cv::Mat& rgb) {
  const int border = std::max(rgb.cols, rgb.rows) / 4;
  cv::Mat padded;
  cv::copyMakeBorder(rgb, padded, border, border, border, border, cv::BORDER_CONSTANT, cv::Scalar::all(0));
  std::vector<FaceDetection> detections = detector.detect(padded);
  for (FaceDetection& d : detections) {
    d.box.x -= border;
    d.box.y -= border;
    for (Point2& p : d.keypoints) {
      p.x -= border;
      p.y -= border;
    }
  }
  return detections;
}

// The inverse of WorkingImage::toOriginal, for carrying a face into a new working copy.
MeshPoint toWorking(const WorkingImage& working, const MeshPoint& p) {
  const float offset = (working.factor - 1) * 0.5f;
  const float f = static_cast<float>(working.factor);
  return {(p.x - offset) / f, (p.y - offset) / f, p.z / f};
}

Point2 meshCentre(const std::vector<MeshPoint>& mesh) {
  Point2 c;
  for (const MeshPoint& p : mesh) {
    c.x += p.x;
    c.y += p.y;
  }
  return {c.x / mesh.size(), c.y / mesh.size()};
}

float meshWidth(const std::vector<MeshPoint>& mesh) {
  const auto [low, high] = std::minmax_element(mesh.begin(), mesh.end(),
                                               [](const MeshPoint& a, const MeshPoint& b) { return a.x < b.x; });
  return high->x - low->x;
}

// MediaPipe's min_tracking_confidence default: below it the face is taken as lost.
constexpr float kMinTrackingPresence = 0.5f;

}  // namespace

struct FaceAnalyzer::Impl {
  AnalyzerOptions options;
  std::unique_ptr<BlazeFaceDetector> detector;
  std::unique_ptr<FaceMeshModel> mesh;
  CanonicalFace canonical;

  Face landmarkFace(const cv::Mat& rgb, const FaceDetection& detection, bool refine) {
    Face face;
    face.box = detection.box;
    face.score = detection.score;
    // First pass from the detector's coarse region, second from the mesh's own
    // extent: MediaPipe's tracking loop, run twice on one still photo. Live frames
    // skip the second: the next frame's pass starts from this one's mesh anyway.
    MeshResult first = mesh->run(rgb, regionFromDetection(detection));
    if (first.points.empty()) return face;
    if (!refine) {
      face.mesh = std::move(first.points);
      face.landmark_score = first.presence;
      return face;
    }
    MeshResult second = mesh->run(rgb, regionFromMesh(first.points));
    MeshResult& best = second.points.empty() ? first : second;
    face.mesh = std::move(best.points);
    face.landmark_score = best.presence;
    return face;
  }

  // refine: two landmark passes (photos); one for a live frame, which the next frame refines.
  FaceAnalysis analyze(const ImageView& image, WorkingImage& working_copy, bool refine) {
    const auto start = Clock::now();
    FaceAnalysis analysis;
    analysis.width = image.width;
    analysis.height = image.height;
    analysis.error = validateImage(image);
    if (analysis.error) return analysis;

    try {
      auto step = Clock::now();
      const WorkingImage working = makeWorkingImage(image, options.working_max_side);
      analysis.timings.prepare_ms = millisecondsSince(step);

      step = Clock::now();
      std::vector<FaceDetection> detections = detector->detect(working.rgb);
      if (detections.empty()) detections = detectWithBorder(*detector, working.rgb);
      analysis.timings.detect_ms = millisecondsSince(step);

      step = Clock::now();
      for (size_t i = 0; i < detections.size(); ++i) {
        Face face;
        if (static_cast<int>(i) < options.max_landmarked_faces) {
          face = landmarkFace(working.rgb, detections[i], refine);
        } else {
          face.box = detections[i].box;
          face.score = detections[i].score;
        }
        mapToOriginal(working, face);
        if (!face.mesh.empty()) {
          face.key_points = keyPointsFromMesh(face.mesh);
          face.pose = estimateHeadPose(canonical, face.mesh, face.key_points);
        }
        analysis.faces.push_back(std::move(face));
      }
      analysis.timings.landmarks_ms = millisecondsSince(step);
      working_copy = working;
    } catch (const std::exception& e) {
      // Native builds report OpenCV's exceptions here; the wasm build is compiled
      // without exception support, so it validates before calling OpenCV instead.
      analysis.faces.clear();
      analysis.error = {ErrorCode::kInternal, "分析照片时发生内部错误。",
                        std::string("Internal error while analysing the photo: ") + e.what()};
    }
    analysis.timings.total_ms = millisecondsSince(start);
    return analysis;
  }

  // One landmark pass on the region of the face followed from the previous frame;
  // no faces when it is lost (the caller then runs the detector).
  FaceAnalysis follow(const ImageView& image, const FaceTrack& state) {
    const auto start = Clock::now();
    FaceAnalysis analysis;
    analysis.width = image.width;
    analysis.height = image.height;
    const WorkingImage working = makeWorkingImage(image, options.working_max_side);
    analysis.timings.prepare_ms = millisecondsSince(start);
    const auto step = Clock::now();
    std::vector<MeshPoint> previous;
    previous.reserve(state.face.mesh.size());
    for (const MeshPoint& p : state.face.mesh) previous.push_back(toWorking(working, p));
    MeshResult result = mesh->run(working.rgb, regionFromMesh(previous));
    if (result.points.empty() || result.presence < kMinTrackingPresence) return analysis;
    Face face;
    face.score = state.face.score;
    face.landmark_score = result.presence;
    face.mesh = std::move(result.points);
    mapToOriginal(working, face);
    const Point2 before = meshCentre(state.face.mesh), now = meshCentre(face.mesh);
    const float scale = meshWidth(face.mesh) / std::max(1e-3f, meshWidth(state.face.mesh));
    const Box& last = state.face.box;
    face.box = {now.x + (last.x - before.x) * scale, now.y + (last.y - before.y) * scale, last.width * scale,
                last.height * scale};
    face.key_points = keyPointsFromMesh(face.mesh);
    face.pose = estimateHeadPose(canonical, face.mesh, face.key_points);
    analysis.faces.push_back(std::move(face));
    analysis.timings.landmarks_ms = millisecondsSince(step);
    analysis.timings.total_ms = millisecondsSince(start);
    return analysis;
  }
};

FaceAnalyzer::FaceAnalyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FaceAnalyzer::~FaceAnalyzer() = default;

std::unique_ptr<FaceAnalyzer> FaceAnalyzer::create(const ModelBytes& models, Error& error,
                                                   AnalyzerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->detector = BlazeFaceDetector::create(models.face_detector, error);
  if (!impl->detector) return nullptr;
  impl->mesh = FaceMeshModel::create(models.face_landmarks, error);
  if (!impl->mesh) return nullptr;
  if (!parseCanonicalFace(models.face_geometry, impl->canonical, error)) return nullptr;
  return std::unique_ptr<FaceAnalyzer>(new FaceAnalyzer(std::move(impl)));
}

FaceAnalysis FaceAnalyzer::analyze(const ImageView& image) {
  WorkingImage unused;
  return analyze(image, unused);
}

FaceAnalysis FaceAnalyzer::analyze(const ImageView& image, WorkingImage& working_copy) {
  return impl_->analyze(image, working_copy, true);
}

FaceAnalysis FaceAnalyzer::track(const ImageView& frame, FaceTrack& state) {
  const bool same_size = state.width == frame.width && state.height == frame.height;
  if (state.following && same_size && state.frames_since_detection + 1 < kRedetectEvery && !validateImage(frame)) {
    try {
      FaceAnalysis followed = impl_->follow(frame, state);
      if (followed.faces.size() == 1) {
        state.face = followed.faces[0];
        ++state.frames_since_detection;
        return followed;
      }
    } catch (const std::exception&) {
      // Native builds only (see analyze()): fall through to a full analysis, which reports it.
    }
  }
  WorkingImage unused;
  FaceAnalysis analysis = impl_->analyze(frame, unused, false);
  state = FaceTrack{};
  state.width = frame.width;
  state.height = frame.height;
  if (analysis.faces.size() == 1 && !analysis.faces[0].mesh.empty()) {
    state.following = true;
    state.face = analysis.faces[0];
  }
  return analysis;
}

}  // namespace gradphoto
