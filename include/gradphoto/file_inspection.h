// What a file handed in as a photo really is, from its bytes alone and before any
// decoder sees it: students pick screenshots, HEIC, GIFs, half-downloaded files and
// web pages saved as .jpg. The command line and the page (which decodes with the
// browser) ask the same question here, so both refuse the same files with the same
// specific message, and a 400-megapixel file is refused before it is decoded.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gradphoto/error.h"

namespace gradphoto {

enum class FileKind { kEmpty, kJpeg, kPng, kGif, kHeic, kAvif, kVideo, kWebp, kBmp, kTiff, kPdf, kHtml, kText, kUnknown };

// Stable machine-readable name ("jpeg", "heic", ...).
const char* fileKindName(FileKind kind);

struct FileInspection {
  FileKind kind = FileKind::kUnknown;
  int width = 0;   // from the header; 0 when the header does not say
  int height = 0;
  int channels = 0;         // JPEG components (1 grey, 3 colour, 4 CMYK); PNG channels
  bool has_alpha = false;   // PNG with an alpha channel or a transparency chunk
  int orientation = 1;      // EXIF orientation 1..8 (JPEG); the decoders apply it
  int frames = 0;           // GIF frames
  // Set when the file cannot be checked as a photo: the message says why and what
  // to do, in Chinese and English.
  Error error;
};

// Never reads outside [data, data + size); safe on any bytes.
FileInspection inspectImageFile(const std::uint8_t* data, std::size_t size);

}  // namespace gradphoto
