#include "gradphoto/image_file.h"

#include <fstream>
#include <iterator>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "gradphoto/file_inspection.h"
#include "image/transparency.h"

namespace gradphoto {
namespace {

// PNG transparency: decoded with its alpha (IMREAD_COLOR would keep whatever colour
// hides under transparent pixels) and composited over white, as the checker does
// with RGBA from the browser.
cv::Mat decodeOverWhite(const std::vector<std::uint8_t>& bytes) {
  cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
  if (decoded.empty()) return decoded;
  if (decoded.depth() == CV_16U) decoded.convertTo(decoded, CV_8U, 1.0 / 257);
  if (decoded.channels() == 1) cv::cvtColor(decoded, decoded, cv::COLOR_GRAY2BGRA);
  if (decoded.channels() == 2) {  // grey + alpha
    std::vector<cv::Mat> planes;
    cv::split(decoded, planes);
    cv::merge(std::vector<cv::Mat>{planes[0], planes[0], planes[0], planes[1]}, decoded);
  }
  if (decoded.channels() == 3) return decoded;
  cv::Mat bgr(decoded.size(), CV_8UC3);
  decoded.forEach<cv::Vec4b>([&](const cv::Vec4b& p, const int* at) {
    bgr.at<cv::Vec3b>(at[0], at[1]) = {overWhite(p[0], p[3]), overWhite(p[1], p[3]), overWhite(p[2], p[3])};
  });
  return bgr;
}

}  // namespace

bool decodeImageBytes(std::vector<std::uint8_t> bytes, const std::string& name, DecodedImage& image, Error& error) {
  // What the file is, first: a HEIC, a GIF, a web page or a cut-short download is
  // named as such, and a huge image is refused before it is decoded.
  const FileInspection info = inspectImageFile(bytes.data(), bytes.size());
  if (info.error) {
    error = info.error;
    error.message_zh += "（" + name + "）";
    error.message_en += " (" + name + ")";
    return false;
  }
  cv::Mat decoded;
  try {
    decoded = info.has_alpha ? decodeOverWhite(bytes) : cv::imdecode(bytes, cv::IMREAD_COLOR);  // applies EXIF orientation
  } catch (const cv::Exception&) {
    decoded.release();
  }
  if (decoded.empty()) {
    error = {ErrorCode::kUnreadableFile, "无法识别为照片（文件已损坏或不是 JPEG/PNG 图片）：" + name,
             "Not a readable photo (damaged, or not a JPEG/PNG image): " + name};
    return false;
  }
  image.width = decoded.cols;
  image.height = decoded.rows;
  image.format = PixelFormat::kBgr;
  image.pixels.assign(decoded.datastart, decoded.dataend);  // imdecode output is continuous
  image.file_bytes = std::move(bytes);
  return true;
}

bool decodeImageFile(const std::string& path, DecodedImage& image, Error& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = {ErrorCode::kUnreadableFile, "无法打开文件：" + path, "Cannot open the file: " + path};
    return false;
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return decodeImageBytes(std::move(bytes), path, image, error);
}

}  // namespace gradphoto
