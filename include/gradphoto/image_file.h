// Decoding photo files for the native tools (command line, tests, benchmarks).
// The browser decodes with its own codecs and hands the core RGBA pixels instead.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gradphoto/error.h"
#include "gradphoto/image_view.h"

namespace gradphoto {

struct DecodedImage {
  std::vector<std::uint8_t> pixels;  // tightly packed
  int width = 0;
  int height = 0;
  PixelFormat format = PixelFormat::kBgr;
  std::vector<std::uint8_t> file_bytes;  // the file as read, for metadata evidence

  ImageView view() const {
    return {pixels.data(), pixels.size(), width, height, 0, format};
  }
};

// Decodes JPEG or PNG, applying the EXIF orientation; transparency is composited
// over white. Fills error when the file cannot be read or is not a usable photo
// (the message names what it is: HEIC, GIF, text, incomplete, too large, ...).
bool decodeImageFile(const std::string& path, DecodedImage& image, Error& error);

// The same for bytes already in memory; name is only used in messages.
bool decodeImageBytes(std::vector<std::uint8_t> bytes, const std::string& name, DecodedImage& image, Error& error);

}  // namespace gradphoto
