// Shared measurements of background_checks.cpp and body_checks.cpp: where the
// face, the backdrop and the clothing are in the output crop, and colour
// statistics in CIE Lab (L 0..100). Spreads and contrasts use delta-E 1976 (the
// Euclidean distance the person mask uses); a colour's match to a reference uses
// CIEDE2000.
#pragma once

#include <array>
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check_context.h"

namespace gradphoto::background_body {

// The face in output pixels: the frame every region below is sized by.
struct FaceFrame {
  double centre_x = 0;  // midway between the widest cheek points
  double width = 0;     // cheek to cheek
  double eye_y = 0;
  double chin_y = 0;
};
FaceFrame faceFrame(const CheckContext& context);

// The face (hull of the mesh) grown by `margin` face widths, in output pixels.
// This and the regions below are made once per photo (CheckContext::shared):
// clone before changing them.
const cv::Mat& faceZone(const CheckContext& context, double margin);

// Output pixels that came from the photo, are not the person, and are not in the
// face (pale skin can come close to a light backdrop's colour).
const cv::Mat& backgroundMask(const CheckContext& context);

// Per-channel median of the Lab pixels under the mask (8-bit, any non-zero).
// False when the mask is empty.
bool medianLab(const cv::Mat& lab, const cv::Mat& mask, cv::Vec3f& median, int* count = nullptr);

cv::Vec3f labOfRgb(const std::array<int, 3>& rgb);
cv::Vec3f rgbOfLab(const cv::Vec3f& lab);  // 0..255
double deltaE76(const cv::Vec3f& a, const cv::Vec3f& b);
// CIEDE2000 (CIE 142-2001) with kL = kC = kH = 1.
double deltaE2000(const cv::Vec3f& lab1, const cv::Vec3f& lab2);

// The backdrop's median colour, from backgroundMask above the chin (below it,
// light clothing close to the backdrop can pass for backdrop in the person mask).
struct Backdrop {
  cv::Vec3f lab;
  int pixels = 0;
};
// False when too little backdrop shows to trust its colour.
bool measureBackdrop(const CheckContext& context, Backdrop& backdrop);

// Where clothing is in a head-and-shoulders crop: the bottom band of the output
// beside the neck, inside the photo. Geometric, not from the person mask, so that
// clothing the colour of the backdrop (which the person mask loses) is measured.
const cv::Mat& clothingZone(const CheckContext& context);

// The body's top outline below the chin, per output column: scanning down from
// the chin's row where the column shows backdrop (measureBackdrop's colour), the
// first row whose colour steps away from the backdrop just above it, for three
// rows running.
inline constexpr int kOutlineNotBackdrop = -2;  // the column starts on hair, neck or body
inline constexpr int kOutlineNoBody = -1;       // backdrop down to the bottom (or the photo's end)
const std::vector<int>& bodyOutline(const CheckContext& context);

// A straight line y = intercept + slope * x through one side's outline points
// (Theil-Sen: the median of the pairwise slopes, robust to stray hair).
struct OutlineLine {
  bool found = false;
  double slope = 0, intercept = 0;
  int points = 0;
  double spread = 0;  // median distance of the points from the line, in output pixels
};
// Fits the outline's columns from `inner` to `outer` face widths off the face
// centre on one side (-1 image-left, +1 image-right); found when at least
// `min_share` of those columns have an outline point (and at least 8).
OutlineLine fitOutline(const std::vector<int>& outline, const FaceFrame& face, int side, double inner, double outer,
                       double min_share);

// Median colour of the two cheeks (mesh 50 and 280, discs of 5% of the face
// width). False without a face mesh.
bool skinColour(const CheckContext& context, cv::Vec3f& skin);

// A colour like the skin's: within 10 of its a*b* (hue and saturation) and 30 of
// its L* (skin in shade or lit is darker or lighter, not of another hue).
bool skinLikeColour(const cv::Vec3f& lab, const cv::Vec3f& skin);

// The pixels of that colour. Only pixels inside `area` are looked at (the rest stay 0).
cv::Mat skinLike(const CheckContext& context, const cv::Vec3f& skin, const cv::Rect& area);

// The fraction-th value (0..1) of the values (copied, so the input is kept).
double percentile(std::vector<float> values, double fraction);

}  // namespace gradphoto::background_body
