#include "gradphoto/error.h"

namespace gradphoto {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNone: return "none";
    case ErrorCode::kInvalidImage: return "invalid_image";
    case ErrorCode::kImageTooSmall: return "image_too_small";
    case ErrorCode::kImageTooLarge: return "image_too_large";
    case ErrorCode::kUnreadableFile: return "unreadable_file";
    case ErrorCode::kUnsupportedFormat: return "unsupported_format";
    case ErrorCode::kOutOfMemory: return "out_of_memory";
    case ErrorCode::kModelError: return "model_error";
    case ErrorCode::kInvalidProfile: return "invalid_profile";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace gradphoto
