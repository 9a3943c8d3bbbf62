// A photo profile: every number a rule uses (output size, bands, limits, allowed
// background colours), loaded from JSON with the source of each number beside it.
// No rule number lives in code: a second profile (居民身份证) proves it.
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gradphoto/error.h"

namespace gradphoto {

inline constexpr double kNoLimit = std::numeric_limits<double>::quiet_NaN();

// Limits of one check's measured value. A value below min_fail or above max_fail
// fails; below min_warn or above max_warn warns. Absent limits are NaN.
struct CheckLimits {
  double min_fail = kNoLimit;
  double min_warn = kNoLimit;
  double max_warn = kNoLimit;
  double max_fail = kNoLimit;
  std::string unit;
  std::string source;  // where the numbers come from
};

struct BackgroundColour {
  std::string name;
  std::array<int, 3> rgb{};  // sRGB
};

struct OutputSpec {
  int width = 0;
  int height = 0;
  int dpi = 0;
  int jpeg_quality_min = 0;
  int file_size_min_bytes = 0;
  int file_size_max_bytes = 0;
};

struct Profile {
  std::string id;
  std::string name_zh;
  std::string name_en;
  OutputSpec output;
  std::vector<BackgroundColour> background_colours;
  std::map<std::string, CheckLimits> checks;  // by check id; a check runs only if listed

  const CheckLimits* limits(const std::string& check_id) const {
    const auto it = checks.find(check_id);
    return it == checks.end() ? nullptr : &it->second;
  }
};

// Parses a profile. On error, the message names the offending field
// (e.g. "checks.pose.roll.max_fail: expected a number").
Error parseProfile(std::string_view json_text, Profile& profile);

// Every check id the checker knows, in report order.
const std::vector<std::string>& knownCheckIds();

}  // namespace gradphoto
