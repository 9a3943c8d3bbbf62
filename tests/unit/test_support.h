// Shared helpers for the native tests: where the models and photos are, one
// analyzer for the whole run, and readers for the photos' landmark labels.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "gradphoto/face_analyzer.h"
#include "gradphoto/profile.h"
#include "gradphoto/image_file.h"

namespace gradphoto::test {

std::string testdataPath(const std::string& relative);  // under ../shared/testdata
gradphoto::FaceAnalyzer& sharedAnalyzer();               // models loaded once

// profiles/NAME.json of this checkout; fails the current test when it is malformed.
Profile loadProfile(const std::string& name);

// Decodes a test photo as BGR; fails the current test when it cannot.
cv::Mat loadPhoto(const std::string& relative);
FaceAnalysis analyzeMat(const cv::Mat& bgr);
FaceAnalysis analyzePhoto(const std::string& relative);

// webmorph .tem file: first line N, then N lines "x<TAB>y".
std::vector<cv::Point2f> readTemPoints(const std::string& relative);
// iBUG .pts file (68 points between braces).
std::vector<cv::Point2f> readPtsPoints(const std::string& relative);

// Uniform random bytes from a fixed seed: the same image in every run.
cv::Mat randomPixels(int rows, int cols, int type, std::uint64_t seed);

// All files in a testdata folder with one of the given extensions, sorted.
std::vector<std::string> listPhotos(const std::string& folder, const std::string& extension = ".jpg");

}  // namespace gradphoto::test
