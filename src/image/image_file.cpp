#include "gradphoto/image_file.h"

#include <fstream>
#include <iterator>

#include <opencv2/imgcodecs.hpp>

#include "image/limits.h"

namespace gradphoto {

bool decodeImageFile(const std::string& path, DecodedImage& image, Error& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = {ErrorCode::kUnreadableFile, "无法打开文件：" + path, "Cannot open the file: " + path};
    return false;
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Error not_an_image{ErrorCode::kUnreadableFile,
                           "无法识别为照片（文件为空、已损坏或不是 JPEG/PNG 图片）：" + path,
                           "Not a readable photo (empty, damaged, or not a JPEG/PNG image): " + path};
  if (bytes.empty()) {
    error = not_an_image;
    return false;
  }
  cv::Mat decoded;
  try {
    decoded = cv::imdecode(bytes, cv::IMREAD_COLOR);  // applies EXIF orientation
  } catch (const cv::Exception&) {
    decoded.release();
  }
  if (decoded.empty()) {
    error = not_an_image;
    return false;
  }
  image.width = decoded.cols;
  image.height = decoded.rows;
  image.format = PixelFormat::kBgr;
  image.pixels.assign(decoded.datastart, decoded.dataend);  // imdecode output is continuous
  image.file_bytes = std::move(bytes);
  return true;
}

}  // namespace gradphoto
