#include "checks/lab_planes.h"

namespace gradphoto {

const std::array<cv::Mat, 3>& labPlanes(const CheckContext& context) {
  return context.shared<std::array<cv::Mat, 3>>("lab_planes", [&] {
    std::array<cv::Mat, 3> planes;
    if (!context.output_lab.empty()) cv::split(context.output_lab, planes.data());
    return planes;
  });
}

}  // namespace gradphoto
