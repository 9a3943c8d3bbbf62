// A caller's pixels (RGBA, BGR, grey or RGB) as the CV_8UC3 RGB the networks and the
// output JPEG take.
#pragma once

#include <opencv2/core.hpp>

#include "gradphoto/image_view.h"

namespace gradphoto {

// `pixels` has channelCount(format) channels of 8 bits. RGB comes back as the same Mat
// (not a copy); every other format as a new one.
cv::Mat toRgb(const cv::Mat& pixels, PixelFormat format);

}  // namespace gradphoto
