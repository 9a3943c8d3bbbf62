#include "memory_guard.h"

#include <emscripten/heap.h>
#include <malloc.h>

#include <string>

namespace gradphoto::wasm {

std::size_t heapBytesInUse() { return mallinfo().uordblks; }
std::size_t heapBytesMax() { return emscripten_get_heap_max(); }

Error checkMemoryFor(std::size_t input_bytes, long long pixels) {
  const double needed = static_cast<double>(input_bytes) + pixels * kWorkingBytesPerPixel + kFixedWorkingBytes;
  const double available = static_cast<double>(heapBytesMax()) - static_cast<double>(heapBytesInUse());
  if (needed <= available) return {};
  const std::string need_mb = std::to_string(static_cast<long long>(needed / (1024 * 1024)));
  const std::string have_mb = std::to_string(static_cast<long long>(available / (1024 * 1024)));
  const std::string megapixels = std::to_string(pixels / 1000000);
  return {ErrorCode::kOutOfMemory,
          "照片太大（" + megapixels + " 百万像素），检测需要约 " + need_mb + " MB 内存，超出了网页中可用的 " + have_mb +
              " MB。请用手机相机直接拍摄的照片（不要用全景图或拼接图），或缩小后再试。",
          "The photo is too large (" + megapixels + " megapixels): checking it needs about " + need_mb +
              " MB of memory, more than the " + have_mb +
              " MB available in the page. Use a photo straight from the phone's camera (not a panorama or a "
              "collage), or resize it."};
}

}  // namespace gradphoto::wasm
