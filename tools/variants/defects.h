// The defect transformations. Each takes the BGR source (CV_8UC3) and returns a new
// image; each one's parameters are explained where it is defined.
#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "mesh_regions.h"
#include "segmentation.h"
#include "source_inputs.h"

namespace gradphoto::variants {

// Deterministic random numbers (SplitMix64): the same on every platform and
// standard library, unlike std::uniform_*_distribution.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform(double low, double high);  // [low, high)
 private:
  std::uint64_t state_;
};

// --- the whole photo (global_defects.cpp) ---
// roll_deg uses the analyzer's convention: positive leans the head toward the image's right.
cv::Mat rotateInPlane(const cv::Mat& bgr, cv::Point2f centre, double roll_deg);
cv::Mat gaussianBlur(const cv::Mat& bgr, double sigma_at_1350);
std::vector<std::uint8_t> jpegBytes(const cv::Mat& bgr, int quality);
cv::Mat exposure(const cv::Mat& bgr, double linear_gain);
cv::Mat moire(const cv::Mat& bgr, double period_px, double angle_deg, double amplitude, double contrast,
              double phase);
cv::Mat lowResolution(const cv::Mat& bgr, int width);

// --- regions from the mesh and the background matte (region_defects.cpp) ---
cv::Mat oneSidedLight(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, double floor,
                      bool dark_on_right);
cv::Mat specularSpots(const cv::Mat& bgr, const FaceGeometry& face, int count, Random& random);
cv::Mat recolourBackground(const cv::Mat& bgr, const Background& bg, cv::Vec3f target_bgr);
cv::Mat backgroundGradient(const cv::Mat& bgr, const Background& bg, bool vertical, double floor);
cv::Mat backgroundShadow(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, bool to_right,
                         double strength);
cv::Mat smoothSkin(const cv::Mat& bgr, const FaceGeometry& face, int passes, double sigma_colour);
// Pastes the mouth of another photo of the same person (smile_face found in smile).
cv::Mat mouthSwap(const cv::Mat& bgr, const FaceGeometry& face, const cv::Mat& smile,
                  const FaceGeometry& smile_face);

// --- eyes (face_defects.cpp) and hair over the face (hair_defects.cpp) ---
// shift_eye_widths > 0 turns both irises toward the image's right.
cv::Mat gazeAside(const cv::Mat& bgr, const FaceGeometry& face, const Pupils& pupils, double shift_eye_widths);
cv::Mat redEye(const cv::Mat& bgr, const FaceGeometry& face, const Pupils& pupils, double radius_eye_widths);
// side 0: the reflection on the image-left lens.
cv::Mat lensGlare(const cv::Mat& bgr, const FaceGeometry& face, const Pupils& pupils, int side, Random& random);
cv::Mat hairFringe(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, Random& random);
cv::Mat hairOverEars(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, Random& random);

// --- what the student wears (wear_defects.cpp) ---
cv::Mat beanie(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, cv::Vec3f colour_bgr,
               Random& random);
enum class StudKind { kMetal, kPearl };
// False (out untouched) when hair hides both ear lobes.
bool earStuds(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, StudKind kind, cv::Mat& out);

// --- the framing (framing_defects.cpp) ---
// False when the frame has no room beside the head on that side.
bool secondPerson(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, const cv::Mat& other,
                  const FaceGeometry& other_face, const Background& other_bg, double scale, bool on_right,
                  Random& random, cv::Mat& out);
cv::Mat offCentre(const cv::Mat& bgr, const FaceGeometry& face, double from_edge, bool near_left);
cv::Mat shouldersCut(const cv::Mat& bgr, const Background& bg, const FaceGeometry& face, double below_eyes,
                     int headroom_rows, Random& random);
cv::Mat tightFraming(const cv::Mat& bgr, const FaceGeometry& face);

// --- the body below the head (body_defects.cpp) ---
cv::Mat clothingLikeBackground(const cv::Mat& bgr, const Clothing& clothing);
cv::Mat stripedClothing(const cv::Mat& bgr, const Clothing& clothing, const FaceGeometry& face,
                        double period_face_widths);
// The backdrop with the person taken out (its fit and grain behind the person).
cv::Mat backdropPlate(const cv::Mat& bgr, const Background& bg, Random& random);
// The shoulders' own tilt in degrees (positive: the image's right one lower),
// from the mean angle of the person's top outline 0.65-1.0 face widths either
// side of the face centre; 0 when an outline is not found.
double shoulderLean(const FaceGeometry& face, const Background& bg);
// degrees > 0 lowers the shoulder on the image's right.
cv::Mat shoulderTilt(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, double degrees,
                     Random& random);
cv::Mat bodyTurned(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, double squeeze,
                   bool far_on_right, Random& random);

}  // namespace gradphoto::variants
