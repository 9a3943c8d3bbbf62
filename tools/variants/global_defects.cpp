// Defects of the whole photo: rotation, blur, compression, exposure, recapture, size.
#include <array>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "defects.h"

namespace gradphoto::variants {

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double Random::uniform(double low, double high) {
  return low + (high - low) * static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
}

// Rotates about the eye centre so the face stays where it was; the corners the
// rotation uncovers repeat the edge pixels (plain background, as a phone's
// straighten tool would leave it) instead of showing black wedges.
cv::Mat rotateInPlane(const cv::Mat& bgr, cv::Point2f centre, double roll_deg) {
  // OpenCV's positive angle turns the picture counter-clockwise on screen, which
  // leans the head toward the image's left: the opposite of positive roll.
  const cv::Mat m = cv::getRotationMatrix2D(centre, -roll_deg, 1.0);
  cv::Mat out;
  cv::warpAffine(bgr, out, m, bgr.size(), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
  return out;
}

// Sigma is given for a 1350-pixel-wide photo (the sources' width, inter-pupil
// distance about 200 px) and scaled with the width, so the same defect results
// at any size. Sigma 3 already erases eyelashes and skin texture; 6 blurs the
// eyes' outline.
cv::Mat gaussianBlur(const cv::Mat& bgr, double sigma_at_1350) {
  cv::Mat out;
  cv::GaussianBlur(bgr, out, cv::Size(), sigma_at_1350 * bgr.cols / 1350.0);
  return out;
}

std::vector<std::uint8_t> jpegBytes(const cv::Mat& bgr, int quality) {
  std::vector<std::uint8_t> bytes;
  cv::imencode(".jpg", bgr, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
  return bytes;
}

// Exposure is a gain on linear light (decode sRGB, multiply, encode, clip), as a
// camera's exposure setting is: gain 0.35 is -1.5 EV, 0.2 is -2.3 EV, 1.8 is
// +0.85 EV (the grey backdrop clips to white), 2.6 is +1.4 EV (skin clips too).
cv::Mat exposure(const cv::Mat& bgr, double linear_gain) {
  const auto to_linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  const auto to_srgb = [](double v) { return v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1 / 2.4) - 0.055; };
  cv::Mat lut(1, 256, CV_8U);
  for (int i = 0; i < 256; ++i) {
    const double v = std::min(1.0, to_linear(i / 255.0) * linear_gain);
    lut.at<uchar>(i) = cv::saturate_cast<uchar>(to_srgb(v) * 255.0);
  }
  cv::Mat out;
  cv::LUT(bgr, lut, out);
  return out;
}

// A photo of a screen or print: the display's pixel grid beats with the camera's
// sensor, leaving a fine grid (period 3-5 px at 1350 wide, tilted a few degrees
// because the phone is never square to the screen) with colour fringes (the
// screen's red, green and blue subpixels sit side by side, so each channel's
// grid is shifted by a third of a period), and the screen's glare lifts the
// blacks (contrast 0.85 around mid-grey).
cv::Mat moire(const cv::Mat& bgr, double period_px, double angle_deg, double amplitude, double contrast,
              double phase) {
  const double k = 2 * CV_PI / period_px;
  const double c = std::cos(angle_deg * CV_PI / 180), s = std::sin(angle_deg * CV_PI / 180);
  cv::Mat out(bgr.size(), CV_8UC3);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const double u = x * c + y * s, v = -x * s + y * c;
      const double across = std::sin(k * v + phase);
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      cv::Vec3b& o = out.at<cv::Vec3b>(y, x);
      for (int ch = 0; ch < 3; ++ch) {
        const double grid = 0.5 * (std::sin(k * u + phase + ch * 2 * CV_PI / 3) + across);
        o[ch] = cv::saturate_cast<uchar>(128 + contrast * (p[ch] - 128) + amplitude * grid);
      }
    }
  return out;
}

// Area averaging, as a phone's "reduce size" does: the result is genuinely small,
// not an upscaled copy, so the resolution check sees the real pixel count.
cv::Mat lowResolution(const cv::Mat& bgr, int width) {
  cv::Mat out;
  const int height = cvRound(static_cast<double>(bgr.rows) * width / bgr.cols);
  cv::resize(bgr, out, {width, height}, 0, 0, cv::INTER_AREA);
  return out;
}

}  // namespace gradphoto::variants
