// Defects of the body below the head: clothing, posture, jewellery.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "defects.h"

namespace gradphoto::variants {

// "黑边": clothing dyed the backdrop's colour. In CIELAB the clothing's median
// lightness moves to the backdrop's beside the shoulders, and every
// pixel moves by the same amount, so folds, shading and weave keep their
// lightness steps and the garment still looks like cloth; its hue becomes the
// backdrop's (a* and b* replaced: a white T-shirt's bluish shadows would
// otherwise turn its highlights cream).
cv::Mat clothingLikeBackground(const cv::Mat& bgr, const Clothing& clothing) {
  const float lightness_shift = clothing.backdrop_lab[0] - clothing.reference_lab[0];
  cv::Mat lab = toLab(bgr);
  lab.forEach<cv::Vec3f>([&](cv::Vec3f& p, const int* at) {
    const float a = clothing.alpha.at<float>(at[0], at[1]);
    const cv::Vec3f dyed(p[0] + lightness_shift, clothing.backdrop_lab[1], clothing.backdrop_lab[2]);
    p += (dyed - p) * a;
  });
  cv::Mat back, out;
  cv::cvtColor(lab, back, cv::COLOR_Lab2BGR);
  back.convertTo(out, CV_8UC3, 255.0);  // rounds and clips
  return out;
}

}  // namespace gradphoto::variants
