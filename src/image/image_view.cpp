#include "gradphoto/image_view.h"

#include <string>

#include "image/limits.h"

namespace gradphoto {

int channelCount(PixelFormat format) {
  switch (format) {
    case PixelFormat::kRgba: return 4;
    case PixelFormat::kRgb:
    case PixelFormat::kBgr: return 3;
    case PixelFormat::kGrey: return 1;
  }
  return 0;
}

Error checkImageSize(long long width, long long height) {
  const long long pixels = width * height;
  if (pixels > kMaxImagePixels) {
    return {ErrorCode::kImageTooLarge,
            "图像过大（" + std::to_string(pixels / 1000000) + " 百万像素），最多支持 " +
                std::to_string(kMaxImagePixels / 1000000) + " 百万像素，请使用相机原图或缩小后再试。",
            "The image is too large (" + std::to_string(pixels / 1000000) + " megapixels); at most " +
                std::to_string(kMaxImagePixels / 1000000) + " megapixels are accepted. Resize it and try again."};
  }
  if (width < kMinImageSide || height < kMinImageSide) {
    return {ErrorCode::kImageTooSmall,
            "图像太小（" + std::to_string(width) + "x" + std::to_string(height) +
                "），无法识别人脸，请使用清晰的原始照片。",
            "The image is too small (" + std::to_string(width) + "x" + std::to_string(height) +
                ") to find a face. Use the clear original photo."};
  }
  return {};
}

Error validateImage(const ImageView& image) {
  if (image.data == nullptr || image.size_bytes == 0) {
    return {ErrorCode::kInvalidImage, "图像为空，没有任何像素数据。", "The image is empty: it has no pixel data."};
  }
  if (image.width <= 0 || image.height <= 0) {
    return {ErrorCode::kInvalidImage, "图像尺寸无效（宽或高为零）。", "The image has no width or height."};
  }
  if (channelCount(image.format) == 0) {
    return {ErrorCode::kInvalidImage, "不支持的像素格式。", "Unsupported pixel format."};
  }
  if (Error size = checkImageSize(image.width, image.height)) return size;
  const long long packed_row = static_cast<long long>(image.width) * channelCount(image.format);
  const long long row = image.stride != 0 ? image.stride : packed_row;
  if (row < packed_row) {
    return {ErrorCode::kInvalidImage, "图像行跨度小于一行像素所需的字节数。",
            "The image stride is smaller than one row of pixels."};
  }
  const long long needed = row * (image.height - 1) + packed_row;
  if (static_cast<long long>(image.size_bytes) < needed) {
    return {ErrorCode::kInvalidImage, "图像数据不完整：字节数少于宽、高和跨度所需。",
            "The image data is incomplete: fewer bytes than its width, height and stride need."};
  }
  return {};
}

}  // namespace gradphoto
