// Erosion and dilation of a 0/255 mask by OpenCV's elliptic structuring element of a
// given radius (getStructuringElement(MORPH_ELLIPSE, 2r+1 x 2r+1)), with exactly
// cv::erode's and cv::dilate's results: a region of a larger image reads the pixels
// beyond its edges, and outside the image nothing erodes (or dilates). OpenCV takes the
// minimum over every pixel of the disc (about 3r^2 of them); for a mask each disc row
// asks one question, "are the 2h+1 pixels around here in this row all set?", and the
// answers for h = 0..r are each two shifted ANDs of the one before: about 3r whole-mask
// ANDs in all. A mask holding any value other than 0 and 255 is left to OpenCV
// (tests/unit/mask_morphology_test.cpp compares both).
#pragma once

#include <opencv2/core.hpp>

namespace gradphoto {

// OpenCV's elliptic structuring element of this radius (2r+1 x 2r+1): the disc below.
cv::Mat discElement(int radius);

void erodeMaskByDisc(const cv::Mat& src, cv::Mat& dst, int radius);
void dilateMaskByDisc(const cv::Mat& src, cv::Mat& dst, int radius);

}  // namespace gradphoto
