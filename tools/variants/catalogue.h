// What is generated from each source photo: file name, label, and how to make it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "source_inputs.h"

namespace gradphoto::variants {

// Bump when any output would change: outputs of another version are regenerated.
inline constexpr const char* kGeneratorVersion = "gradphoto_variants 4";

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

}  // namespace gradphoto::variants
