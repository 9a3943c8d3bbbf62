// Colour and mask helpers shared by the background matte and the clothing mask.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace gradphoto::variants {

cv::Mat toLab(const cv::Mat& bgr8);           // CV_32FC3 CIELAB (L 0..100)
cv::Mat labOf(const cv::Mat& bgr_float);      // CIELAB of a CV_32FC3 BGR image in 0..255
cv::Vec3f medianOf(std::vector<cv::Vec3f> samples);  // per channel
// Centre of the largest of three k-means clusters: the garment's colour when
// trim, a collar or a necklace share the bottom edge with it. Deterministic.
cv::Vec3f dominantColour(const std::vector<cv::Vec3f>& samples);
std::vector<cv::Vec3f> samplesIn(const cv::Mat& image3f, const cv::Mat& mask, int step);
cv::Mat distanceTo(const cv::Mat& lab, const cv::Mat& reference_lab);  // Delta E 76, CV_32F
// Keeps the components of mask that touch the chosen image edges.
cv::Mat connectedToEdges(const cv::Mat& mask, bool top, bool sides, bool bottom);
// Local standard deviation of lightness over 7x7 pixels: towelling, knit and
// hair are textured, a backdrop is smooth (only sensor noise and JPEG).
cv::Mat localTexture(const cv::Mat& lab);
cv::Mat disk(int radius);  // elliptical structuring element

}  // namespace gradphoto::variants
