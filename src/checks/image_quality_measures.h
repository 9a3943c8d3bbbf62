// The measures behind image_quality_checks.cpp and authenticity_checks.cpp:
// sharpness, exposure, lighting and the evidence of retouching or of a photo of
// a screen. Kept apart from the checks' wording so that tests and calibration
// can read the raw numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

#include "checks/check_context.h"

namespace gradphoto::image_quality {

// Regions of the output crop cut out by Face Mesh points (CV_8U, 255 = in),
// all limited to pixels that came from the photo.
struct FaceMasks {
  cv::Mat oval;      // the face oval, pulled in from its edge (no hair, no background)
  cv::Mat skin;      // the oval without eyes, brows and lips
  cv::Mat eyes;      // both eye openings with a margin for the lashes
  cv::Mat cheek_left, cheek_right;  // image-left and image-right upper cheeks
  double face_width = 0;            // output pixels, cheek to cheek
};
// Made once per photo and shared (CheckContext::shared): read only.
const FaceMasks& faceMasks(const CheckContext& context);

struct Sharpness {
  bool measured = false;
  // Fine detail over coarse detail in the face oval (Lab L): RMS of L minus its
  // Gaussian blur at sigma 1 px over RMS of the sigma-1 blur minus the sigma-4 blur.
  // Both bands scale with the face's contrast, so the ratio does not depend on
  // skin tone or lighting; blur removes the fine band first.
  double detail_ratio = 0;
  // JPEG damage: mean luminance step across the photo's 8x8 block edges over the
  // mean step inside blocks, on the face in the photo's own pixels (1 = no blocks;
  // NaN when the photo is not available).
  double blockiness = 0;
  double value = 0;  // detail_ratio, discounted by blockiness beyond a camera JPEG's
};
Sharpness sharpness(const CheckContext& context);

struct Exposure {
  bool measured = false;
  // The face's lit parts, L* 0..100: the brighter of the skin's 90th percentile and
  // the eye whites (97th percentile inside the eye opening). Skin tone changes the
  // skin's median by 45 L* between the webmorph subjects but these much less.
  double highlight_l = 0;
  double skin_median_l = 0;
  double clipped_share = 0;  // skin pixels with L* > 97 or < 3
};
Exposure exposure(const CheckContext& context);

struct Evenness {
  bool measured = false;
  double darker_l = 0, brighter_l = 0;  // median L* of the two upper cheeks
  bool left_darker = false;             // the image-left cheek is the darker one
  double ratio() const { return darker_l / brighter_l; }
};
Evenness evenness(const CheckContext& context);

// Share (0..1) of the face skin that is specular: much brighter than the skin's
// median and nearly colourless. NaN when too little skin is visible.
double specularShare(const CheckContext& context);

struct SkinTexture {
  bool measured = false;
  // Median absolute fine detail (L minus its blur) on the cheeks over the RMS of
  // the same detail in the eye openings: a beauty filter flattens the skin and
  // leaves the eyes sharp; a blurred or noisy photo changes both alike.
  double ratio = 0;
};
SkinTexture skinTexture(const CheckContext& context);

struct ScreenGrid {
  bool measured = false;
  // The strongest isolated peak of the high-passed luminance spectrum around the
  // face, in the photo's own pixels, over the median power at the same frequency;
  // in dB. Off-axis only, and not on the JPEG 8/16-pixel block lattice.
  double peak_db = 0;
  double period_px = 0;  // of that peak, photo pixels
};
ScreenGrid screenGrid(const CheckContext& context);

// The EXIF Software tag (0x0131) of IFD0, or XMP's CreatorTool, of a JPEG file;
// empty when there is none or the file is not a JPEG. Bounds-checked: any
// length or offset outside the file ends the search.
std::string jpegSoftwareTag(const std::uint8_t* bytes, std::size_t size);

// The editing or beauty app named in a Software tag (as shown to the student),
// or empty when the tag names none (a camera's firmware, the phone's OS).
std::string editingSoftware(const std::string& software_tag);

}  // namespace gradphoto::image_quality
