// Everything a check may look at, measured once per photo. Pixel checks work on
// the output-sized crop (the exact pixels the student would upload), so their
// numbers do not depend on the camera's resolution.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <opencv2/core.hpp>

#include "crop/crop_planner.h"
#include "gradphoto/face_analysis.h"
#include "gradphoto/image_view.h"
#include "gradphoto/profile.h"
#include "gradphoto/report.h"
#include "segmentation/person_mask.h"

namespace gradphoto {

struct CheckContext {
  const Profile* profile = nullptr;
  const FaceAnalysis* analysis = nullptr;
  const Face* face = nullptr;   // the one face, in photo pixels; null unless exactly one
  cv::Size photo_size;

  // Below: only when face != null.
  Face face_out;                // the face in output pixels
  HeadGeometry head;            // photo pixels
  CropResult crop;
  cv::Mat output;               // CV_8UC3 RGB, profile output size
  cv::Mat output_lab;           // CV_32FC3 Lab of output
  cv::Mat person;               // CV_8U, 255 = person, output pixels
  cv::Mat inside;               // CV_8U, 255 = came from the photo (not padding)
  PersonSegmentation segmentation;  // mask in working pixels; colours and spread
  bool crown_found = false;
  double crown_out = 0;         // crown height in output pixels

  // The photo as given, before the crop: for evidence that lives on the camera's own
  // pixel grid (JPEG 8x8 blocks, a screen's moire), which the downscaled crop blurs.
  ImageView photo;

  const std::uint8_t* file_bytes = nullptr;  // original file, when known
  std::size_t file_size = 0;

  // A region or measure several checks share (the backdrop mask, the face
  // masks, the Lab planes, ...): made by `make` on first use and kept for the
  // rest of this photo's checks. Before, each check rebuilt its own, and the
  // checks stage took 4x as long. Mutable: the context is const to the checks,
  // and the memo changes only what is computed, never what a check sees.
  // Checks may run on several threads at once (CheckerOptions::parallel_tasks): each
  // value is made exactly once, by the first thread to ask, while the others wait
  // for it. A make() may ask for other values, never (directly or not) for its own,
  // so the waits cannot form a cycle.
  template <typename T, typename Make>
  const T& shared(const std::string& key, Make&& make) const {
    std::shared_ptr<MemoEntry> entry;
    {
      const std::lock_guard<std::mutex> hold(memo_lock_);
      std::shared_ptr<MemoEntry>& slot = memo_[key];
      if (!slot) slot = std::make_shared<MemoEntry>();
      entry = slot;
    }
    std::call_once(entry->made, [&] { entry->value = T(make()); });
    const T* value = std::any_cast<T>(&entry->value);
    if (value == nullptr) throw std::logic_error("CheckContext::shared: \"" + key + "\" holds another type");
    return *value;
  }

  // Output-pixel position of a photo-pixel point.
  Point2 toOutput(Point2 p) const {
    return {static_cast<float>((p.x - crop.left) * crop.scale), static_cast<float>((p.y - crop.top) * crop.scale)};
  }

 private:
  struct MemoEntry {
    std::once_flag made;
    std::any value;
  };
  mutable std::mutex memo_lock_;
  mutable std::map<std::string, std::shared_ptr<MemoEntry>> memo_;
};

}  // namespace gradphoto
