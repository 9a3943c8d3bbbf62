// Everything a check may look at, measured once per photo. Pixel checks work on
// the output-sized crop (the exact pixels the student would upload), so their
// numbers do not depend on the camera's resolution.
#pragma once

#include <cstdint>

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

  // Output-pixel position of a photo-pixel point.
  Point2 toOutput(Point2 p) const {
    return {static_cast<float>((p.x - crop.left) * crop.scale), static_cast<float>((p.y - crop.top) * crop.scale)};
  }
};

}  // namespace gradphoto
