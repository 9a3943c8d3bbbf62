// The measures behind face_region_checks.cpp, on the output crop and the face in
// output pixels. Kept apart from the checks' wording so that tests and
// calibration can read the raw numbers and the regions they come from.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "checks/check_context.h"

namespace gradphoto::face_region {

// Lid gap over eye width, the smaller of the two eyes.
double eyeOpenness(const Face& face);

// Where the iris sits in one eye, in output pixels.
struct Iris {
  bool found = false;
  cv::Point2f centre;
  float radius = 0;
  float eye_width = 0;
  cv::Point2f eye_centre;  // midpoint of the two corners
};
// index 0: image-left eye, 1: image-right eye.
Iris locateIris(const CheckContext& context, int eye);

struct Gaze {
  bool measured = false;
  // Mean horizontal offset of the irises from the eye centres, as a fraction of
  // the eye width; positive toward the image's right.
  double offset = 0;
  double left = 0, right = 0;  // each eye's offset
};
Gaze gazeOffset(const CheckContext& context);

struct MouthOpening {
  bool measured = false;
  double lip_gap = 0;       // inner-lip gap at the centre / mouth width
  double teeth_height = 0;  // teeth-like area / mouth width^2: the teeth band's mean height per mouth width
  double opening() const { return lip_gap > teeth_height ? lip_gap : teeth_height; }
};
MouthOpening mouthOpening(const CheckContext& context);

// Share of strongly red pixels in the iris disc, the larger of the two eyes; NaN
// when the irises cannot be located.
double redEyeShare(const CheckContext& context);

// Share of blown-out, colourless pixels in a lens-sized box around each eye, the
// larger of the two; NaN when the boxes are outside the photo.
double glareShare(const CheckContext& context);

// Share of pixels in a strip just above each brow that are darker than, and
// unlike, the cheek skin (hair over the brows), the larger of the two; NaN when
// the strips are outside the photo.
double hairOverBrowsShare(const CheckContext& context);

struct Ears {
  bool measured = false;
  double left = 0, right = 0;  // share of skin-like person pixels beside each side of the face
};
Ears earSkinShares(const CheckContext& context);

// The regions the measures look at, as polygons in output pixels (for
// calibration pictures and tests).
struct Regions {
  std::vector<std::vector<cv::Point2f>> eyes, inner_lip, glare_boxes, brow_strips, ear_boxes, cheeks;
};
Regions regions(const CheckContext& context);

}  // namespace gradphoto::face_region
