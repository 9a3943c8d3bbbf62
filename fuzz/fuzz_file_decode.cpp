// libFuzzer target: inspection and decoding alone, without the check, so the file
// parsers (ours and OpenCV's via imdecode) get thousands of inputs a second rather
// than the tens the full check allows (fuzz_photo_file.cpp).
#include <cstdint>
#include <vector>

#include "gradphoto/file_inspection.h"
#include "gradphoto/image_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const gradphoto::FileInspection info = gradphoto::inspectImageFile(data, size);
  // As in fuzz_photo_file.cpp: large declared sizes would only measure the allocator.
  if (info.error || static_cast<long long>(info.width) * info.height > 4LL * 1000 * 1000) return 0;
  gradphoto::DecodedImage image;
  gradphoto::Error error;
  if (gradphoto::decodeImageBytes(std::vector<std::uint8_t>(data, data + size), "fuzz", image, error)) {
    // The decoded pixels must match the size the header declared (EXIF may swap it).
    const bool same = (image.width == info.width && image.height == info.height) ||
                      (image.width == info.height && image.height == info.width);
    if (!same || image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3) __builtin_trap();
  }
  return 0;
}
