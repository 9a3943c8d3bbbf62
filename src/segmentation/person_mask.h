// Person vs background, for a studio-style portrait on a near-uniform background:
// the background colour is estimated from the photo's top and side margins, and
// the background is every pixel close to that colour and connected to the border.
// Also finds the crown (top of the hair) and the shoulder line from the mask.
#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "gradphoto/face_analysis.h"

namespace gradphoto {

struct PersonSegmentation {
  cv::Mat mask;               // CV_8U, 255 = person; same size as the image given
  cv::Vec3f background_lab;   // CIE Lab (L 0..100)
  cv::Vec3f background_rgb;   // 0..255
  float background_spread = 0;    // robust spread of the margin samples, in delta-E
  float margin_background_fraction = 0;  // share of margin samples that are background
  float threshold = 0;        // delta-E separating person from background
  bool crown_found = false;
  float crown_y = 0;          // top of the head, in the image's pixels
  bool crown_touches_top = false;
};

// rgb: CV_8UC3; face: in the same image's pixels.
PersonSegmentation segmentPerson(const cv::Mat& rgb, const Face& face);

// Lab image (float, L 0..100) and per-pixel delta-E to a colour; shared with checks.
// toLab's L takes one of 256 values (lab8Lightness()[0..255], increasing) and its a and
// b are whole numbers from -128 to 127.
cv::Mat toLab(const cv::Mat& rgb);
const std::array<float, 256>& lab8Lightness();
cv::Mat deltaE(const cv::Mat& lab, const cv::Vec3f& colour);

}  // namespace gradphoto
