// The measures behind face_region_checks.cpp, on the output crop and the face in
// output pixels. Kept apart from the checks' wording so that calibration can read
// the raw numbers (and each eye's iris) directly.
#pragma once

#include <opencv2/core.hpp>

#include "checks/check_context.h"

namespace gradphoto::face_region {

// Lid gap over eye width, the smaller of the two eyes; scaled down when no dark
// iris core shows between the lids (see kOpenIrisContrast in the .cpp).
double eyeOpenness(const CheckContext& context);

// Where the iris sits in one eye, in output pixels.
struct Iris {
  bool found = false;
  cv::Point2f centre;
  float radius = 0;
  float eye_width = 0;
  cv::Point2f eye_centre;  // midpoint of the two corners
  double opening_lightness = 0;  // median L of the opening outside the iris disc
  // How much darker the iris core's (pupil and inner iris) median L is, as a
  // fraction of that.
  double contrast = 0;
  // Whether an iris stands out at all (closed lids and unresolved eyes mostly do
  // not): where gaze and red-eye can be measured. The less contrasted eye of each
  // of the 50 open-eyed webmorph photos reaches 0.29 or more.
  static constexpr double kVisibleIrisContrast = 0.15;
  bool visible() const { return found && contrast >= kVisibleIrisContrast; }
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

// How far the mouth shows its inside, as a height per mouth width (61-291): the
// teeth-like pixels inside the inner lip contour plus the dark (cavity) pixels
// inside the outer one, counted over the middle 40% of the mouth and divided by
// that span, i.e. the mean height of visible teeth and cavity per column.
// Face Mesh's own inner-lip gap (13-14) is kept for reference only: it reads up to
// 0.15 on closed full lips (neutral_front 061) and as little as 0.08 on an open
// mouth (Yale subject05 surprised).
struct MouthOpening {
  bool measured = false;
  double lip_gap = 0;  // Face Mesh inner-lip gap at the centre / mouth width
  double teeth_height = 0;
  double cavity_height = 0;
  double opening() const { return teeth_height + cavity_height; }
};
MouthOpening mouthOpening(const CheckContext& context);

// Share of strongly red pixels in the iris disc, the larger of the two eyes; NaN
// when the irises cannot be located.
double redEyeShare(const CheckContext& context);

// Share of blown-out, colourless pixels brighter than the cheek in a lens-sized
// box around each eye, the larger of the two; NaN when the boxes are outside the
// photo.
double glareShare(const CheckContext& context);

// Share of pixels in a forehead strip just above each brow that are much darker
// than the cheek skin (hair over the brows), the larger of the two; NaN when the
// strips are outside the photo.
double hairOverBrowsShare(const CheckContext& context);

struct Ears {
  bool measured = false;
  double left = 0, right = 0;  // share of ear-skin pixels beside each side of the face
};
Ears earSkinShares(const CheckContext& context);

}  // namespace gradphoto::face_region
