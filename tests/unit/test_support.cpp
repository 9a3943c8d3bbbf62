#include "test_support.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

namespace gradphoto::test {

std::string testdataPath(const std::string& relative) {
  static const std::string root = [] {
    const char* dir = std::getenv("GRADPHOTO_TESTDATA_DIR");
    if (dir == nullptr || *dir == '\0') {
      ADD_FAILURE() << "GRADPHOTO_TESTDATA_DIR is not set (ctest sets it to ../shared/testdata)";
      return std::string("../shared/testdata");
    }
    return std::string(dir);
  }();
  return root + "/" + relative;
}

gradphoto::FaceAnalyzer& sharedAnalyzer() {
  static std::unique_ptr<gradphoto::FaceAnalyzer> analyzer = [] {
    ModelBytes models;
    Error error = loadModelBytes(GRADPHOTO_TEST_MODELS_DIR, models);
    if (!error) {
      auto created = FaceAnalyzer::create(models, error);
      if (created) return created;
    }
    ADD_FAILURE() << "cannot create the analyzer: " << error.message_en;
    std::abort();
  }();
  return *analyzer;
}

Profile loadProfile(const std::string& name) {
  std::ifstream in(std::string(GRADPHOTO_TEST_PROFILES_DIR) + "/" + name + ".json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Profile profile;
  const Error error = parseProfile(text, profile);
  EXPECT_FALSE(error) << error.message_en;
  return profile;
}

cv::Mat loadPhoto(const std::string& relative) {
  cv::Mat image = cv::imread(testdataPath(relative), cv::IMREAD_COLOR);
  EXPECT_FALSE(image.empty()) << "cannot read " << testdataPath(relative);
  return image;
}

FaceAnalysis analyzeMat(const cv::Mat& bgr) {
  cv::Mat packed = bgr.isContinuous() ? bgr : bgr.clone();
  const ImageView view{packed.data, packed.total() * packed.elemSize(), packed.cols, packed.rows, 0,
                       packed.channels() == 1 ? PixelFormat::kGrey : PixelFormat::kBgr};
  return sharedAnalyzer().analyze(view);
}

FaceAnalysis analyzePhoto(const std::string& relative) { return analyzeMat(loadPhoto(relative)); }

std::vector<cv::Point2f> readTemPoints(const std::string& relative) {
  std::ifstream in(testdataPath(relative));
  int count = 0;
  in >> count;
  std::vector<cv::Point2f> points;
  for (int i = 0; i < count && in; ++i) {
    float x, y;
    in >> x >> y;
    points.emplace_back(x, y);
  }
  return points;
}

std::vector<cv::Point2f> readPtsPoints(const std::string& relative) {
  std::ifstream in(testdataPath(relative));
  std::string line;
  while (std::getline(in, line) && line.find('{') == std::string::npos) {
  }
  std::vector<cv::Point2f> points;
  while (std::getline(in, line) && line.find('}') == std::string::npos) {
    std::istringstream fields(line);
    float x, y;
    if (fields >> x >> y) points.emplace_back(x, y);
  }
  return points;
}

std::vector<std::string> listPhotos(const std::string& folder, const std::string& extension) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(testdataPath(folder))) {
    if (entry.path().extension() == extension) files.push_back(folder + "/" + entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

cv::Mat randomPixels(int rows, int cols, int type, std::uint64_t seed) {
  cv::Mat image(rows, cols, type);
  cv::theRNG().state = seed;
  cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(256));
  return image;
}

}  // namespace gradphoto::test
