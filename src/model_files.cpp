#include <fstream>
#include <iterator>

#include "gradphoto/face_analyzer.h"

namespace gradphoto {
namespace {

bool readFile(const std::string& path, std::vector<std::uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !bytes.empty();
}

}  // namespace

Error loadModelBytes(const std::string& directory, ModelBytes& models) {
  const std::pair<const char*, std::vector<std::uint8_t>*> files[] = {
      {kFaceDetectorFile, &models.face_detector},
      {kFaceLandmarksFile, &models.face_landmarks},
      {kFaceGeometryFile, &models.face_geometry},
  };
  for (const auto& [name, bytes] : files) {
    const std::string path = directory + "/" + name;
    if (!readFile(path, *bytes)) {
      return {ErrorCode::kModelError, "找不到模型文件：" + path, "Model file missing or empty: " + path};
    }
  }
  return {};
}

}  // namespace gradphoto
