// The output crop's L*, a* and b* as separate CV_32F planes, split once per
// photo and shared by the checks that read one channel (lightness for texture,
// exposure and jewellery; a* b* for chroma).
#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "checks/check_context.h"

namespace gradphoto {

// Shared: read only (clone before changing).
const std::array<cv::Mat, 3>& labPlanes(const CheckContext& context);

}  // namespace gradphoto
