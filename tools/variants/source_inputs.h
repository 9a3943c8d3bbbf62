// A source photo and, computed on first use, what the variants need from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "gradphoto/face_analyzer.h"
#include "mesh_regions.h"
#include "segmentation.h"

namespace gradphoto::variants {

struct SourcePhoto {
  std::string path;          // as found under --testdata
  std::string relative;      // relative to --testdata (the CSV's source column)
  std::string stem;          // "001_03"
  std::string prefix;        // "nf" (neutral_front) or "ca" (canada)
  std::string smiling_path;  // the same subject smiling, or empty
  std::string companion_path;  // another subject's photo, for a second person in the frame
  // The canada set's lilac backdrop is none of the allowed colours (light blue,
  // white, light grey): its untouched copy is a background.colour failure.
  bool backdrop_allowed = true;
};

// The pupil centres labelled in a webmorph .tem file (points 0 and 1), in photo
// pixels: where red-eye shows and what a gaze shift moves.
struct Pupils {
  cv::Point2f left, right;  // image-left, image-right
};

// A source's pixels and analysis, computed on first use only (a source whose
// outputs all exist is never decoded).
class SourceInputs {
 public:
  SourceInputs(const SourcePhoto& source, FaceAnalyzer& analyzer) : source_(source), analyzer_(analyzer) {}
  const cv::Mat& bgr();  // empty when unreadable
  const FaceGeometry* face();
  const Background* background();
  const Clothing* clothing();
  const cv::Mat& smile();
  const FaceGeometry* smileFace();
  const Pupils* pupils();  // from the .tem beside the photo
  // The companion photo, its face and its backdrop matte.
  const cv::Mat& companion();
  const FaceGeometry* companionFace();
  const Background* companionBackground();
  std::string why;  // reason for the last nullptr

 private:
  const SourcePhoto& source_;
  FaceAnalyzer& analyzer_;
  std::optional<cv::Mat> bgr_, smile_, companion_;
  std::optional<std::optional<FaceGeometry>> face_, smile_face_, companion_face_;
  std::optional<std::optional<Pupils>> pupils_;
  std::optional<Background> background_, companion_background_;
  std::optional<std::optional<Clothing>> clothing_;
};

bool readFileBytes(const std::string& path, std::vector<std::uint8_t>& bytes);
// Decodes a JPEG or PNG file to BGR (EXIF orientation applied); false with why.
bool decodeToMat(const std::string& path, cv::Mat& out, std::string& why);

}  // namespace gradphoto::variants
