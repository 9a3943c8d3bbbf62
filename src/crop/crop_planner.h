// Crop to spec: choose one uniform scale and a window so that, in the output, the
// crown, the eye line and the face width fall inside the profile's bands and the
// face is centred. Only scaling and cutting: never rotation, warping or retouching.
#pragma once

#include <opencv2/core.hpp>

#include "gradphoto/image_view.h"
#include "gradphoto/profile.h"
#include "gradphoto/report.h"

namespace gradphoto {

struct HeadGeometry {  // in photo pixels
  float crown_y = 0;
  float eye_y = 0;      // eye line: mean height of the two eye centres
  float centre_x = 0;   // horizontal centre of the face
  float face_width = 0;  // cheek to cheek
};

// The bands, in output pixels (NaN ends are open), taken from the profile's
// geometry.crown, geometry.eye_line, geometry.face_width and face.position limits.
struct CropBands {
  double crown_min, crown_max;
  double eye_min, eye_max;
  double width_min, width_max;
  double centre_tolerance;  // largest horizontal offset of the face centre allowed
  int out_width, out_height;
};

CropBands cropBandsFromProfile(const Profile& profile);

// Feasible when one scale and window meet every band inside the photo. When not,
// the result still holds the scale and window closest to spec (for measuring and
// for showing the student), with the reason.
CropResult planCrop(const HeadGeometry& head, const CropBands& bands, cv::Size photo);

// Cuts and scales the window to the output size as RGB (CV_8UC3). Parts of the
// window outside the photo (only for an infeasible crop) come out black.
cv::Mat renderCrop(const ImageView& photo, const CropResult& crop, cv::Size output);

}  // namespace gradphoto
