#include "spec_crop.h"

#include <algorithm>

namespace gradphoto::variants {

SpecCrop specCrop(const FaceGeometry& face) {
  SpecCrop crop;
  crop.scale = kSpecFaceWidth / face.face_width;
  const cv::Point2f eyes = face.eyeCentre();
  const double centre_x = (face.face_left.x + face.face_right.x) / 2.0;
  crop.window = {centre_x - kOutputWidth / 2 / crop.scale, eyes.y - kSpecEyeLine / crop.scale,
                 kOutputWidth / crop.scale, kOutputHeight / crop.scale};
  return crop;
}

bool showsShoulders(const SpecCrop& crop, cv::Size photo) {
  const cv::Rect2d& w = crop.window;
  return w.x >= 0 && w.x + w.width <= photo.width && w.y + 0.95 * w.height <= photo.height;
}

double clothingBandCover(const SpecCrop& crop, const cv::Mat& mask) {
  int covered = 0, total = 0;
  for (const double side : {-1.0, 1.0}) {
    const double x0 = kOutputWidth / 2 + side * 0.45 * kSpecFaceWidth;
    const double x1 = kOutputWidth / 2 + side * 1.05 * kSpecFaceWidth;
    for (double y = kOutputHeight * 0.85; y < kOutputHeight; y += 2)
      for (double x = std::min(x0, x1); x < std::max(x0, x1); x += 2) {
        ++total;
        const cv::Point p = crop.toPhoto(x, y);
        if (p.x >= 0 && p.y >= 0 && p.x < mask.cols && p.y < mask.rows && mask.at<uchar>(p)) ++covered;
      }
  }
  return total ? static_cast<double>(covered) / total : 0;
}

}  // namespace gradphoto::variants
