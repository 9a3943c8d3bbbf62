#include "verify.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "gradphoto/image_file.h"
#include "mesh_regions.h"

namespace gradphoto::variants {
namespace {

struct Row {
  std::string file, source, variant, parameter, expected_defect;
};

// A defect must change at least 0.1% of the pixels by more than 10 levels: above
// what re-encoding at quality 95 does (none such), below the smallest defect
// (two highlight spots on the face, about 1% of a 1350x1350 photo).
constexpr double kChangedLevel = 10;
constexpr double kMinChangedFraction = 0.001;
constexpr double kRollTolerance = 3;  // degrees

bool decode(const std::string& path, cv::Mat& out) {
  DecodedImage image;
  Error error;
  if (!decodeImageFile(path, image, error)) return false;
  out = cv::Mat(image.height, image.width, CV_8UC3, image.pixels.data()).clone();
  return true;
}

struct Summary {
  int count = 0, failed = 0;
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
    if (!decode(out_dir + "/" + row.file, image)) {
      fail("missing or does not decode");
      continue;
    }
    if (row.variant == "original") continue;
    if (!original_of.count(row.source)) {
      fail("no original listed for " + row.source);
      continue;
    }
    cv::Mat& original = originals[row.source];
    if (original.empty() && !decode(out_dir + "/" + original_of[row.source], original)) {
      fail("its original does not decode");
      continue;
    }
    if (image.size() != original.size()) {  // low_resolution: the size is the defect
      s.min_changed = 0;
      continue;
    }
    cv::Mat diff;
    cv::absdiff(image, original, diff);
    cv::Mat channels[3];
    cv::split(diff, channels);
    const cv::Mat largest = cv::max(cv::max(channels[0], channels[1]), channels[2]);
    const double changed = cv::countNonZero(largest > kChangedLevel) / static_cast<double>(image.total());
    const double mad = cv::mean(largest)[0];
    s.min_changed = std::min(s.min_changed, changed);
    s.min_mad = std::min(s.min_mad, mad);
    if (changed < kMinChangedFraction)
      fail(cv::format("differs from its original in only %.4f%% of pixels", 100 * changed));

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
  std::printf("%-26s %5s %7s %13s %9s\n", "variant", "files", "failed", "min changed", "min MAD");
  for (const auto& [variant, s] : summary) {
    if (variant == "original")
      std::printf("%-26s %5d %7d\n", variant.c_str(), s.count, s.failed);
    else
      std::printf("%-26s %5d %7d %12.2f%% %9.2f\n", variant.c_str(), s.count, s.failed, 100 * s.min_changed,
                  s.min_mad > 1e8 ? 0.0 : s.min_mad);
  }
  std::printf("%s: %zu files checked\n", ok ? "ok" : "FAILED", rows.size());
  return ok;
}

}  // namespace gradphoto::variants
