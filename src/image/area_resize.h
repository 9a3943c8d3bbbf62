// cv::resize with INTER_AREA, shrinking by factors that are not both whole numbers
// (the crop's last step, 1350x1350 photos cut to 480x640 at about 1.9:1; the face
// detector's 128x128 input), giving OpenCV's very bytes. OpenCV recomputes a source
// row's horizontal sums for every output row it falls in (about 1.5 times a row at the
// crop's factor) and adds them through a scattered table; this computes each row once,
// output pixel by output pixel, with the same weights in the same order: 6 -> 2.5 ms in
// wasm for the crop (tests/unit/area_resize_test.cpp holds it to cv::resize's bytes).
#pragma once

#include <opencv2/core.hpp>

namespace gradphoto {

// cv::resize(src, out, size, 0, 0, INTER_AREA). Only an RGB (CV_8UC3) shrink on both
// axes by factors not both whole takes the path above; the rest is cv::resize's.
cv::Mat areaResize(const cv::Mat& src, cv::Size size);

}  // namespace gradphoto
