// Checks a photo against a profile: face analysis, person/background segmentation,
// crop to the profile's output size (scale and crop only), every rule, and the
// output JPEG when the photo passes.
#pragma once

#include <cstdint>
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

struct CheckerOptions {
  // Run the rules and the output JPEG as parallel tasks on OpenCV's thread pool
  // (cv::parallel_for_): one photo checked sooner on a phone's several cores. The
  // report is the same either way. Off where photos are already checked in parallel
  // (the command line's --jobs), and in a wasm build without threads.
  bool use_thread_pool = false;
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
