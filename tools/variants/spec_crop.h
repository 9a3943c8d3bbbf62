// The crop a CHSI checker cuts from a photo, in the photo's pixels: what the
// student would upload. Variants whose defect lies outside it cannot show.
#pragma once

#include <opencv2/core.hpp>

#include "mesh_regions.h"

namespace gradphoto::variants {

// The middle of the spec's bands (profiles/chsi-graduate.json, from
// ../shared/spec/chsi-graduate-photo.md): output 480x640, face 180-300 px wide,
// eye line 200-300 px from the top, head centred.
inline constexpr double kOutputWidth = 480, kOutputHeight = 640;
inline constexpr double kSpecFaceWidth = 240, kSpecEyeLine = 250;

struct SpecCrop {
  double scale = 0;  // output pixels per photo pixel
  cv::Rect2d window;  // photo pixels; may reach outside the photo
  // Photo position of an output position.
  cv::Point2d toPhoto(double x_out, double y_out) const {
    return {window.x + x_out / scale, window.y + y_out / scale};
  }
};

SpecCrop specCrop(const FaceGeometry& face);

// Whether the photo holds the crop's lower part, where the shoulders are (up to
// 5% of the crop's height may be missing at the bottom).
bool showsShoulders(const SpecCrop& crop, cv::Size photo);

// Share (0..1) of the crop's clothing band that `mask` (CV_8U, photo pixels)
// covers: the bottom 15% of the output, 0.45-1.05 face widths either side of the
// face centre, where a head-and-shoulders crop shows the clothing beside the neck.
double clothingBandCover(const SpecCrop& crop, const cv::Mat& mask);
// A clothing defect needs clothing in the crop: a tenth of that band at least
// (the checker measures each side from about a tenth of it).
inline constexpr double kMinClothingInCrop = 0.1;

}  // namespace gradphoto::variants
