#include "verify.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "mesh_regions.h"
#include "source_inputs.h"

namespace gradphoto::variants {
namespace {

struct Row {
  std::string file, source, variant, parameter, expected_defect;
};

// A defect must change at least 1% of the pixels by more than 3 levels, or 0.1%
// by more than 10, or 150 pixels by more than 40 (a small, strong defect: red
// pupils change 316-1323 pixels so, a stud in one ear 226-296). Re-encoding a
// source at quality 95 changes at most 0.1% by more than 3 and none by more
// than 10 (measured on all 26 sources); the smallest defects are earrings, red
// pupils, two highlight spots (0.4% by more than 10) and moderate skin
// smoothing (texture of a few levels over the face).
constexpr double kSmallChange = 3, kMinSmallChangeFraction = 0.01;
constexpr double kLargeChange = 10, kMinLargeChangeFraction = 0.001;
constexpr double kStrongChange = 40;
constexpr int kMinStrongChangePixels = 150;
constexpr double kRollTolerance = 3;  // degrees

struct Summary {
  int count = 0, failed = 0;
  bool resized = false;
  double min_changed = 1, min_mad = 1e9;
};

}  // namespace

bool verifyLabels(const std::string& out_dir, FaceAnalyzer& analyzer) {
  std::ifstream csv(out_dir + "/labels.csv");
  std::string line;
  if (!std::getline(csv, line) || line != "file,source,variant,parameter,expected_defect") {
    std::printf("FAIL: %s/labels.csv is missing or has another header\n", out_dir.c_str());
    return false;
  }
  std::vector<Row> rows;
  std::map<std::string, std::string> original_of;  // source -> original file
  while (std::getline(csv, line)) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
    if (fields.size() != 5) {
      std::printf("FAIL: malformed line: %s\n", line.c_str());
      return false;
    }
    rows.push_back({fields[0], fields[1], fields[2], fields[3], fields[4]});
    if (fields[2] == "original") original_of[fields[1]] = fields[0];
  }

  bool ok = true;
  std::map<std::string, Summary> summary;
  std::map<std::string, cv::Mat> originals;
  std::map<std::string, float> original_roll;
  for (const Row& row : rows) {
    Summary& s = summary[row.variant];
    ++s.count;
    const auto fail = [&](const std::string& why) {
      std::printf("FAIL: %s: %s\n", row.file.c_str(), why.c_str());
      ++s.failed;
      ok = false;
    };
    cv::Mat image;
    std::string why_not;
    if (!decodeToMat(out_dir + "/" + row.file, image, why_not)) {
      fail("missing or does not decode");
      continue;
    }
    if (row.variant == "original") continue;
    if (!original_of.count(row.source)) {
      fail("no original listed for " + row.source);
      continue;
    }
    cv::Mat& original = originals[row.source];
    if (original.empty() && !decodeToMat(out_dir + "/" + original_of[row.source], original, why_not)) {
      fail("its original does not decode");
      continue;
    }
    if (image.size() != original.size()) {  // low_resolution: the size is the defect
      s.resized = true;
      continue;
    }
    cv::Mat diff;
    cv::absdiff(image, original, diff);
    cv::Mat channels[3];
    cv::split(diff, channels);
    const cv::Mat largest = cv::max(cv::max(channels[0], channels[1]), channels[2]);
    const double total = static_cast<double>(image.total());
    const double small_change = cv::countNonZero(largest > kSmallChange) / total;
    const double large_change = cv::countNonZero(largest > kLargeChange) / total;
    const int strong_change = cv::countNonZero(largest > kStrongChange);
    const double mad = cv::mean(largest)[0];
    s.min_changed = std::min(s.min_changed, small_change);
    s.min_mad = std::min(s.min_mad, mad);
    if (small_change < kMinSmallChangeFraction && large_change < kMinLargeChangeFraction &&
        strong_change < kMinStrongChangePixels)
      fail(cv::format("barely differs from its original: %.3f%% of pixels by more than %.0f levels, %.3f%% by "
                      "more than %.0f, %d pixels by more than %.0f",
                      100 * small_change, kSmallChange, 100 * large_change, kLargeChange, strong_change, kStrongChange));

    if (row.variant == "rotated") {
      const double expected = std::stod(row.parameter.substr(row.parameter.find('=') + 1));
      FaceGeometry face;
      std::string why;
      if (!original_roll.count(row.source)) {
        if (!analyzeFace(analyzer, original, face, why)) {
          fail("no face in the original: " + why);
          continue;
        }
        original_roll[row.source] = face.roll_deg;
      }
      if (!analyzeFace(analyzer, image, face, why)) {
        fail("no face: " + why);
        continue;
      }
      const double delta = face.roll_deg - original_roll[row.source];
      if (std::abs(delta - expected) > kRollTolerance)
        fail(cv::format("roll changed by %.1f degrees, labelled %+.0f", delta, expected));
    }
  }
  std::printf("%-26s %5s %7s %13s %9s\n", "variant", "files", "failed", "min >3 lvls", "min MAD");
  for (const auto& [variant, s] : summary) {
    if (variant == "original")
      std::printf("%-26s %5d %7d\n", variant.c_str(), s.count, s.failed);
    else if (s.resized)
      std::printf("%-26s %5d %7d %13s\n", variant.c_str(), s.count, s.failed, "(resized)");
    else
      std::printf("%-26s %5d %7d %12.2f%% %9.2f\n", variant.c_str(), s.count, s.failed, 100 * s.min_changed,
                  s.min_mad > 1e8 ? 0.0 : s.min_mad);
  }
  std::printf("%s: %zu files checked\n", ok ? "ok" : "FAILED", rows.size());
  return ok;
}

}  // namespace gradphoto::variants
