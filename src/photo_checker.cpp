// The photo check, top to bottom:
//   face analysis -> (exactly one face) segmentation on a small copy -> crown ->
//   crop plan -> output-sized crop and masks -> every check the profile lists ->
//   verdict -> output JPEG when the crop is feasible and nothing fails.
#include "gradphoto/photo_checker.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "checks/check.h"
#include "gradphoto/jpeg_writer.h"
#include "crop/crop_planner.h"
#include "image/transparency.h"
#include "image/working_image.h"
#include "segmentation/person_mask.h"

namespace gradphoto {
namespace {

// Segmentation needs the outline, not detail: a copy this size is enough and
// keeps the 48-megapixel case cheap.
constexpr int kSegmentationMaxSide = 512;

Point2 toWorking(const WorkingImage& working, Point2 p) {
  const float offset = (working.factor - 1) * 0.5f;
  return {(p.x - offset) / working.factor, (p.y - offset) / working.factor};
}

Face faceInWorking(const WorkingImage& working, const Face& face) {
  Face small = face;
  const Point2 top_left = toWorking(working, {face.box.x, face.box.y});
  small.box = {top_left.x, top_left.y, face.box.width / working.factor, face.box.height / working.factor};
  KeyPoints& k = small.key_points;
  for (Point2* p : {&k.eye_left, &k.eye_right, &k.nose_tip, &k.mouth_left, &k.mouth_right, &k.upper_lip,
                    &k.lower_lip, &k.chin, &k.face_left, &k.face_right}) {
    *p = toWorking(working, *p);
  }
  small.mesh.clear();  // segmentation does not use it
  return small;
}

Face faceInOutput(const CheckContext& context, const Face& face) {
  Face out = face;
  const float s = static_cast<float>(context.crop.scale);
  const Point2 top_left = context.toOutput({face.box.x, face.box.y});
  out.box = {top_left.x, top_left.y, face.box.width * s, face.box.height * s};
  for (MeshPoint& p : out.mesh) {
    const Point2 q = context.toOutput({p.x, p.y});
    p = {q.x, q.y, p.z * s};
  }
  KeyPoints& k = out.key_points;
  for (Point2* p : {&k.eye_left, &k.eye_right, &k.nose_tip, &k.mouth_left, &k.mouth_right, &k.upper_lip,
                    &k.lower_lip, &k.chin, &k.face_left, &k.face_right}) {
    *p = context.toOutput(*p);
  }
  return out;
}

void prepareFaceContext(const PhotoInput& input, const WorkingImage& analysis_copy, const Profile& profile,
                        CheckContext& context) {
  const Face& face = *context.face;
  const WorkingImage small = shrinkWorkingImage(analysis_copy, input.image, kSegmentationMaxSide);
  context.segmentation = segmentPerson(small.rgb, faceInWorking(small, face));

  const KeyPoints& k = face.key_points;
  HeadGeometry& head = context.head;
  head.eye_y = (k.eye_left.y + k.eye_right.y) / 2;
  head.centre_x = (k.face_left.x + k.face_right.x) / 2;
  head.face_width = std::hypot(k.face_right.x - k.face_left.x, k.face_right.y - k.face_left.y);
  context.crown_found = context.segmentation.crown_found;
  // Without an outline (busy background) the crop still needs a crown: use the
  // typical crown-to-eye distance (about one face width) and report the crown as
  // not measurable.
  head.crown_y = context.crown_found ? small.toOriginal({0, context.segmentation.crown_y}).y
                                     : head.eye_y - head.face_width;

  const cv::Size output_size(profile.output.width, profile.output.height);
  context.crop = planCrop(head, cropBandsFromProfile(profile), context.photo_size);
  context.output = renderCrop(input.image, context.crop, output_size);
  context.output_lab = toLab(context.output);
  context.crown_out = (head.crown_y - context.crop.top) * context.crop.scale;
  context.face_out = faceInOutput(context, face);

  // Output pixel -> working pixel, for carrying the person mask over.
  const double s = context.crop.scale, f = small.factor, offset = (small.factor - 1) * 0.5;
  const cv::Matx23d output_to_small(1 / (s * f), 0, (context.crop.left - offset) / f,
                                    0, 1 / (s * f), (context.crop.top - offset) / f);
  cv::warpAffine(context.segmentation.mask, context.person, output_to_small, output_size,
                 cv::INTER_NEAREST | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(0));
  const cv::Mat photo_area(small.rgb.size(), CV_8U, cv::Scalar(255));
  cv::warpAffine(photo_area, context.inside, output_to_small, output_size, cv::INTER_NEAREST | cv::WARP_INVERSE_MAP,
                 cv::BORDER_CONSTANT, cv::Scalar(0));
}

int severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::kFail: return 0;
    case Verdict::kWarn: return 1;
    case Verdict::kNotMeasurable: return 2;
    case Verdict::kPass: return 3;
  }
  return 3;
}

// OpenCV builds its Lab conversion tables on first use without a lock; two
// checkers starting on two threads (the command line's workers) could read a
// half-built table and measure colours wrongly. Building them here, behind a
// function-local static (one thread builds, the others wait), removes the race.
// Called by the first check(), not by the constructor: loading a profile then costs
// nothing, so the page's live guidance (which needs the profile, not the tables)
// starts about 0.2 s sooner in wasm.
void buildColourTablesOnce() {
  static const bool built = [] {
    cv::Mat rgb(1, 1, CV_8UC3, cv::Scalar(128, 128, 128)), lab, rgb_float, lab_float, back;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
    rgb.convertTo(rgb_float, CV_32FC3, 1.0 / 255.0);
    cv::cvtColor(rgb_float, lab_float, cv::COLOR_RGB2Lab);
    cv::cvtColor(lab_float, back, cv::COLOR_Lab2RGB);
    cv::cvtColor(lab, back, cv::COLOR_Lab2RGB);
    return true;
  }();
  (void)built;
}

void encodeOutputJpeg(const cv::Mat& output, const OutputSpec& spec, PhotoReport& report) {
  SizedJpeg jpeg = encodeJpegInSizeBand(output.data, output.cols, output.rows,
                                        {spec.jpeg_quality_min, spec.file_size_min_bytes, spec.file_size_max_bytes,
                                         spec.dpi});
  report.jpeg = std::move(jpeg.bytes);
  report.jpeg_quality = jpeg.quality;
  report.jpeg_in_size_band = jpeg.in_band;
}

// Every rule the profile lists, into report.checks in registry order, with each
// one's time. With parallel_tasks the rules are independent tasks (they share only
// the context's memo, which is made for it), and the output JPEG is one more: it
// needs only the crop, so it is encoded beside the rules, before the verdict is
// known (check() drops it when a rule fails). It goes first, being the longest
// task (about 10 ms in wasm against at most 5 for a rule), so it does not finish last.
void runChecks(const CheckContext& context, const Profile& profile, const ParallelTasks& parallel_tasks,
               PhotoReport& report) {
  const bool in_parallel = static_cast<bool>(parallel_tasks);
  using Clock = std::chrono::steady_clock;
  std::vector<const CheckDefinition*> listed;
  std::vector<const CheckLimits*> limits;
  for (const CheckDefinition& check : allChecks()) {
    if (const CheckLimits* l = profile.limits(check.id)) {
      listed.push_back(&check);
      limits.push_back(l);
    }
  }
  const int jpeg_tasks = in_parallel && context.face != nullptr && context.crop.feasible ? 1 : 0;
  const int tasks = static_cast<int>(listed.size()) + jpeg_tasks;
  std::vector<CheckResult> results(listed.size());
  std::vector<double> task_ms(static_cast<std::size_t>(tasks), 0.0);
  std::vector<std::string> failures(static_cast<std::size_t>(tasks));
  PhotoReport jpeg_report;
  const auto run = [&](int task) {
    const auto start = Clock::now();
    try {
      if (task < jpeg_tasks) {
        encodeOutputJpeg(context.output, profile.output, jpeg_report);
      } else {
        const std::size_t i = static_cast<std::size_t>(task - jpeg_tasks);
        results[i] = listed[i]->run(context, *limits[i]);
      }
    } catch (const std::exception& e) {
      failures[static_cast<std::size_t>(task)] = e.what();
    }
    task_ms[static_cast<std::size_t>(task)] = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };
  if (in_parallel) {
    parallel_tasks(tasks, run);
  } else {
    for (int task = 0; task < tasks; ++task) run(task);
  }
  for (const std::string& failure : failures) {
    if (!failure.empty()) throw std::runtime_error(failure);
  }
  if (jpeg_tasks > 0) {
    report.jpeg = std::move(jpeg_report.jpeg);
    report.jpeg_quality = jpeg_report.jpeg_quality;
    report.jpeg_in_size_band = jpeg_report.jpeg_in_size_band;
    report.timings.jpeg_ms = task_ms[0];
  }
  for (std::size_t i = 0; i < listed.size(); ++i) {
    report.checks.push_back(std::move(results[i]));
    report.timings.check_ms.emplace_back(listed[i]->id, task_ms[i + static_cast<std::size_t>(jpeg_tasks)]);
  }
}

}  // namespace

struct PhotoChecker::Impl {
  FaceAnalyzer* analyzer;
  Profile profile;
  CheckerOptions options;
};

PhotoChecker::PhotoChecker(FaceAnalyzer& analyzer, Profile profile, CheckerOptions options)
    : impl_(new Impl{&analyzer, std::move(profile), options}) {}
PhotoChecker::~PhotoChecker() = default;
const Profile& PhotoChecker::profile() const { return impl_->profile; }

PhotoReport PhotoChecker::check(const PhotoInput& original) {
  std::vector<std::uint8_t> flattened;
  PhotoInput input = original;
  input.image = flattenOverWhite(original.image, flattened);
  using Clock = std::chrono::steady_clock;
  const auto millisecondsSince = [](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  };
  const auto start = Clock::now();
  buildColourTablesOnce();
  PhotoReport report;
  WorkingImage analysis_copy;
  report.analysis = impl_->analyzer->analyze(input.image, analysis_copy);
  report.timings.analysis_ms = millisecondsSince(start);
  if (report.analysis.error) {
    report.error = report.analysis.error;
    return report;
  }
  CheckContext context;
  context.profile = &impl_->profile;
  context.analysis = &report.analysis;
  context.photo_size = cv::Size(input.image.width, input.image.height);
  context.photo = input.image;
  context.file_bytes = input.file_bytes;
  context.file_size = input.file_size;
  try {
    if (report.analysis.faces.size() == 1 && !report.analysis.faces[0].mesh.empty()) {
      const auto step = Clock::now();
      context.face = &report.analysis.faces[0];
      prepareFaceContext(input, analysis_copy, impl_->profile, context);
      report.crop = context.crop;
      report.timings.crop_ms = millisecondsSince(step);
    }
    const auto step = Clock::now();
    runChecks(context, impl_->profile, impl_->options.parallel_tasks, report);
    report.timings.checks_ms = millisecondsSince(step);
  } catch (const std::exception& e) {
    report.checks.clear();
    report.jpeg.clear();
    report.error = {ErrorCode::kInternal, "检查照片时发生内部错误。",
                    std::string("Internal error while checking the photo: ") + e.what()};
    return report;
  }
  // An infeasible crop fails the rule whose band it could not meet, with the reason.
  if (context.face != nullptr && !context.crop.feasible) {
    for (CheckResult& c : report.checks) {
      if (c.id != context.crop.blocking_check || c.verdict == Verdict::kFail) continue;
      c.verdict = Verdict::kFail;
      c.message_zh = context.crop.reason_zh;
      c.message_en = context.crop.reason_en;
    }
  }
  std::stable_sort(report.checks.begin(), report.checks.end(),
                   [](const CheckResult& a, const CheckResult& b) { return severity(a.verdict) < severity(b.verdict); });
  report.verdict = Verdict::kPass;
  for (const CheckResult& c : report.checks) {
    if (severity(c.verdict) < severity(report.verdict)) report.verdict = c.verdict;
  }
  // No compliant crop means no compliant photo (also when the profile leaves out
  // the check that would carry the reason).
  if (context.face != nullptr && !context.crop.feasible) report.verdict = Verdict::kFail;
  // A rule that could not be measured leaves the photo unproven, not failed.
  if (report.verdict == Verdict::kNotMeasurable) report.verdict = Verdict::kWarn;
  if (report.verdict == Verdict::kFail) {
    // Encoded beside the rules (parallel tasks), before the verdict was known: a photo
    // that fails gets none, as on one thread.
    report.jpeg.clear();
    report.jpeg_quality = 0;
    report.jpeg_in_size_band = false;
    report.timings.jpeg_ms = 0;
  } else if (context.crop.feasible && !impl_->options.parallel_tasks) {
    const auto step = Clock::now();
    encodeOutputJpeg(context.output, impl_->profile.output, report);
    report.timings.jpeg_ms = millisecondsSince(step);
  }
  if (!context.output.empty()) {
    const cv::Mat packed = context.output.isContinuous() ? context.output : context.output.clone();
    report.output_rgb.assign(packed.datastart, packed.dataend);
    report.output_width = packed.cols;
    report.output_height = packed.rows;
  }
  report.timings.total_ms = millisecondsSince(start);
  return report;
}

}  // namespace gradphoto
