// Checks a photo against a profile: face analysis, person/background segmentation,
// crop to the profile's output size (scale and crop only), every rule, and the
// output JPEG when the photo passes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "gradphoto/face_analyzer.h"
#include "gradphoto/profile.h"
#include "gradphoto/report.h"

namespace gradphoto {

struct PhotoInput {
  ImageView image;
  // The original file's bytes when available (metadata evidence such as editing
  // software tags); may be empty.
  const std::uint8_t* file_bytes = nullptr;
  std::size_t file_size = 0;
};

// Runs tasks 0..count-1, each exactly once, possibly at the same time on several
// threads, and returns when all have ended.
using ParallelTasks = std::function<void(int count, const std::function<void(int task)>& run)>;

struct CheckerOptions {
  // When set, the rules and the output JPEG run as parallel tasks through it: one
  // photo checked sooner on a phone's several cores (the wasm build with threads
  // passes its worker pool, the command line OpenCV's when it checks one photo at a
  // time). The report is the same either way. The face analysis before them stays on
  // the calling thread: its network layers are too short to share.
  ParallelTasks parallel_tasks;
};

class PhotoChecker {
 public:
  // The analyzer must outlive the checker.
  PhotoChecker(FaceAnalyzer& analyzer, Profile profile, CheckerOptions options = {});
  ~PhotoChecker();

  PhotoReport check(const PhotoInput& input);
  const Profile& profile() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gradphoto
