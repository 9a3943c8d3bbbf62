// Turns a caller's ImageView into the RGB working copy the networks see, downscaled
// early so that a 48-megapixel photo costs no more than a camera frame afterwards.
#pragma once

#include <opencv2/core.hpp>

#include "gradphoto/face_analysis.h"
#include "gradphoto/image_view.h"

namespace gradphoto {

struct WorkingImage {
  cv::Mat rgb;     // CV_8UC3, owned
  int factor = 1;  // the original is `factor` times larger in each direction

  // Maps a point in working pixels back to the original photo's pixels.
  Point2 toOriginal(Point2 p) const {
    const float offset = (factor - 1) * 0.5f;  // pixel centres of an area-averaged block
    return {p.x * factor + offset, p.y * factor + offset};
  }
};

// The view must already be validated.
WorkingImage makeWorkingImage(const ImageView& image, int max_side);

// What makeWorkingImage(original, max_side) gives, made from a larger working
// copy of the same original when that gives the same pixels (cheaper: the
// photo check reuses the face analysis's copy instead of reading a 48-megapixel
// photo again), else from the original.
WorkingImage shrinkWorkingImage(const WorkingImage& larger, const ImageView& original, int max_side);

}  // namespace gradphoto
