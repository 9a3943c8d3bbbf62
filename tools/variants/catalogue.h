// What is generated from each source photo: file name, label, and how to make it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "gradphoto/face_analyzer.h"
#include "mesh_regions.h"
#include "segmentation.h"

namespace gradphoto::variants {

// Bump when any output would change: outputs of another version are regenerated.
inline constexpr const char* kGeneratorVersion = "gradphoto_variants 1";

struct SourcePhoto {
  std::string path;          // as found under --testdata
  std::string relative;      // relative to --testdata (the CSV's source column)
  std::string stem;          // "001_03"
  std::string prefix;        // "nf" (neutral_front) or "ca" (canada)
  std::string smiling_path;  // the same subject smiling, or empty
  // The canada set's lilac backdrop is none of the allowed colours (light blue,
  // white, light grey): its untouched copy is a background.colour failure.
  bool backdrop_allowed = true;
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
  std::string why;  // reason for the last nullptr

 private:
  const SourcePhoto& source_;
  FaceAnalyzer& analyzer_;
  std::optional<cv::Mat> bgr_, smile_;
  std::optional<std::optional<FaceGeometry>> face_, smile_face_;
  std::optional<Background> background_;
  std::optional<std::optional<Clothing>> clothing_;
};

struct VariantOutput {
  cv::Mat image;                    // written as JPEG quality 95 (or PNG when the name ends .png)
  std::vector<std::uint8_t> bytes;  // written as is when not empty
  bool not_applicable = false;      // set (with make() returning false) when the source does not call for it
};

struct Variant {
  std::string file;  // name inside --out
  std::string variant;
  std::string parameter;  // key=value pairs separated by ';'
  std::string expected_defect;
  // Fills the output; false (with inputs.why) when it cannot be made, or with
  // out.not_applicable when this source does not call for it.
  std::function<bool(SourceInputs& inputs, VariantOutput& out)> make;
};

std::vector<Variant> catalogue(const SourcePhoto& source);

bool readFileBytes(const std::string& path, std::vector<std::uint8_t>& bytes);

}  // namespace gradphoto::variants
