// Errors are values in GradPhoto: every entry point returns either a result or an
// Error, never throws across the API and never aborts on bad input.
#pragma once

#include <string>

namespace gradphoto {

enum class ErrorCode {
  kNone = 0,
  kInvalidImage,    // empty buffer, bad dimensions, stride or format
  kImageTooSmall,   // fewer pixels than any check can use
  kImageTooLarge,   // more pixels than the checker accepts
  kUnreadableFile,  // the file could not be opened or decoded as an image
  kUnsupportedFormat,  // a file that is not a JPEG/PNG photo (HEIC, GIF, text, ...)
  kOutOfMemory,     // the photo needs more memory than the checker may use (wasm)
  kModelError,      // a model is missing, corrupt or produced unusable output
  kInvalidProfile,  // a profile file is malformed; the message names the field
  kInternal,        // a bug: reported rather than crashing
};

// Stable machine-readable name for an error code ("invalid_image", ...).
const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kNone;
  std::string message_zh;  // shown to students first
  std::string message_en;

  explicit operator bool() const { return code != ErrorCode::kNone; }
};

}  // namespace gradphoto
