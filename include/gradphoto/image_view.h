// A non-owning view of caller-owned pixels. Images cross into the core once, as a
// view over RGBA (browser ImageData), RGB, BGR (OpenCV decoders) or grey bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gradphoto/error.h"

namespace gradphoto {

enum class PixelFormat { kRgba, kRgb, kBgr, kGrey };

int channelCount(PixelFormat format);

struct ImageView {
  const std::uint8_t* data = nullptr;
  std::size_t size_bytes = 0;  // bytes available at data (guards against a wrong stride)
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes per row; 0 means tightly packed
  PixelFormat format = PixelFormat::kRgba;

  int rowBytes() const { return stride != 0 ? stride : width * channelCount(format); }
};

// Checks dimensions, stride and buffer size; returns an empty Error when usable.
Error validateImage(const ImageView& image);

// The size limits alone (too small to find a face, too many pixels), for a host
// that knows the size from a file's header before decoding it.
Error checkImageSize(long long width, long long height);

}  // namespace gradphoto
