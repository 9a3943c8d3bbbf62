// Writing the output photo: a baseline JFIF JPEG with the density the CHSI rules ask for
// and nothing else (no EXIF, no ICC profile, no comments; JFIF implies sRGB).
// The same libjpeg-turbo version is used natively and in wasm, so both write the same bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "gradphoto/error.h"

namespace gradphoto {

struct JpegSettings {
  int quality = 90;  // libjpeg quality factor, 1..100
  int dpi = 300;     // JFIF density in dots per inch, 1..65535
};

// Encodes tightly packed 8-bit RGB (width*height*3 bytes) as a baseline JPEG:
// YCbCr 4:2:0, integer DCT, optimised Huffman tables, one JFIF APP0 marker with the
// density in dots per inch and no other marker segment. Fills out on success; returns an
// Error (and leaves out empty) on bad input or when libjpeg fails. Never throws.
Error encodeJpeg(const std::uint8_t* rgb, int width, int height, const JpegSettings& settings,
                 std::vector<std::uint8_t>& out);

// The file size a collector accepts, and the lowest quality the rules allow.
struct JpegSizeBand {
  int min_quality = 60;
  int min_bytes = 30 * 1024;
  int max_bytes = 60 * 1024;
  int dpi = 300;
};

struct SizedJpeg {
  std::vector<std::uint8_t> bytes;
  int quality = 0;
  bool in_band = false;  // min_bytes <= bytes.size() <= max_bytes
  Error error;           // set (and bytes empty) on bad input; a missed band is not an error
};

// The highest quality >= min_quality whose file is at most max_bytes (binary search; the
// size grows with quality). When even min_quality is over max_bytes, returns that file with
// in_band = false. When quality 100 is still under min_bytes, returns quality 100 with
// in_band = false: the file is never padded to reach a size.
SizedJpeg encodeJpegInSizeBand(const std::uint8_t* rgb, int width, int height, const JpegSizeBand& band);

}  // namespace gradphoto
