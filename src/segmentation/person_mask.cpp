#include "segmentation/person_mask.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "image/srgb_to_lab.h"

namespace gradphoto {
namespace {

// Margins sampled for the background, as a share of the image's size: the studio
// background always shows above the head and beside it in a head-and-shoulders photo.
constexpr float kTopMargin = 0.06f;
constexpr float kSideMargin = 0.06f;
// Person/background separation: a few times the background's own variation, but
// never below a difference a viewer would call "a different colour".
constexpr float kMinThreshold = 10.0f;
constexpr float kSpreadMultiple = 4.0f;
// Hair spreads beyond the detector's face box (which spans brows to chin).
constexpr float kHeadWidthPerFaceBox = 1.7f;
constexpr int kMinMarginSamples = 400;

float median(std::vector<float>& values) {
  if (values.empty()) return 0;
  auto middle = values.begin() + values.size() / 2;
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// Margin pixels: the top band, and the side bands down to the chin, minus a region
// around the face and hair. Tightly framed ID photos leave little margin, so when
// the head covers nearly all of it, the two top corners are used instead.
cv::Mat marginMask(cv::Size size, const Face& face) {
  cv::Mat mask(size, CV_8U, cv::Scalar(0));
  const int top = std::max(1, static_cast<int>(size.height * kTopMargin));
  const int side = std::max(1, static_cast<int>(size.width * kSideMargin));
  const int chin = std::clamp(static_cast<int>(face.key_points.chin.y), top, size.height);
  mask(cv::Rect(0, 0, size.width, top)).setTo(255);
  mask(cv::Rect(0, 0, side, chin)).setTo(255);
  mask(cv::Rect(size.width - side, 0, side, chin)).setTo(255);
  // Keep hair out of the sample: the face box grown to a head with hair on all sides.
  const float cx = face.box.x + face.box.width / 2;
  const float w = face.box.width * kHeadWidthPerFaceBox;
  const cv::Rect head(static_cast<int>(cx - w / 2), static_cast<int>(face.box.y - face.box.height * 1.2f),
                      static_cast<int>(w), static_cast<int>(face.box.height * 2.4f));
  mask(head & cv::Rect(0, 0, size.width, size.height)).setTo(0);
  if (cv::countNonZero(mask) < kMinMarginSamples) {
    const int corner = std::max(2, std::min(size.width, size.height) / 12);
    mask(cv::Rect(0, 0, corner, corner)).setTo(255);
    mask(cv::Rect(size.width - corner, 0, corner, corner)).setTo(255);
  }
  return mask;
}

void findCrown(PersonSegmentation& segmentation, const Face& face) {
  const cv::Mat& mask = segmentation.mask;
  const KeyPoints& k = face.key_points;
  const float centre_x = (k.face_left.x + k.face_right.x) / 2;
  const float face_width = std::hypot(k.face_right.x - k.face_left.x, k.face_right.y - k.face_left.y);
  // The central half of the face's width: the crown, not the shoulders of big hair.
  const int x0 = std::clamp(static_cast<int>(centre_x - face_width / 4), 0, mask.cols - 1);
  const int x1 = std::clamp(static_cast<int>(centre_x + face_width / 4), x0 + 1, mask.cols);
  const int eye_y = std::clamp(static_cast<int>(std::min(k.eye_left.y, k.eye_right.y)), 0, mask.rows);
  std::vector<float> first_rows;
  for (int x = x0; x < x1; ++x) {
    for (int y = 0; y < eye_y; ++y) {
      if (mask.at<std::uint8_t>(y, x)) {
        first_rows.push_back(static_cast<float>(y));
        break;
      }
    }
  }
  // No head outline above the eyes in at least half the columns (also when the
  // face sits at the image's edge and there are hardly any columns).
  if (first_rows.empty() || first_rows.size() * 2 < static_cast<size_t>(x1 - x0)) return;
  // The 20th percentile: the top of the head, not a stray hair.
  std::sort(first_rows.begin(), first_rows.end());
  segmentation.crown_y = first_rows[first_rows.size() / 5];
  segmentation.crown_found = true;
  segmentation.crown_touches_top = segmentation.crown_y <= 0.5f;
}

}  // namespace

// OpenCV's 8-bit Lab (srgbToLab8, bit-identical to cvtColor COLOR_RGB2Lab) rescaled to
// float Lab (L 0..100, a and b centred on 0) the way OpenCV's convertTo, multiply and
// subtract did it: an 8-bit L has 256 values, so a table made by those very
// operations gives the same floats.
const std::array<float, 256>& lab8Lightness() {
  static const std::array<float, 256> lightness = [] {
    cv::Mat all(1, 256, CV_8UC3), scaled;
    for (int v = 0; v < 256; ++v) all.at<cv::Vec3b>(0, v) = cv::Vec3b(static_cast<std::uint8_t>(v), 128, 128);
    all.convertTo(scaled, CV_32FC3);
    cv::multiply(scaled, cv::Scalar(100.0 / 255.0, 1.0, 1.0), scaled);
    cv::subtract(scaled, cv::Scalar(0.0, 128.0, 128.0), scaled);
    std::array<float, 256> table{};
    for (int v = 0; v < 256; ++v) table[v] = scaled.at<cv::Vec3f>(0, v)[0];
    return table;
  }();
  return lightness;
}

cv::Mat toLab(const cv::Mat& rgb) {
  // The 8-bit conversion is table-driven and several times faster than the float
  // one; it is exact to about half a delta-E unit, far below any limit here. One pass
  // from RGB bytes to float Lab.
  CV_Assert(rgb.type() == CV_8UC3);
  const Lab8Tables& tables = lab8Tables();
  const std::array<float, 256>& lightness = lab8Lightness();
  cv::Mat lab(rgb.size(), CV_32FC3);
  for (int y = 0; y < rgb.rows; ++y) {
    const std::uint8_t* in = rgb.ptr<std::uint8_t>(y);
    float* out = lab.ptr<float>(y);
    for (int x = 0; x < 3 * rgb.cols; x += 3) {
      std::uint8_t lab8[3];
      srgbToLab8(tables, in + x, lab8);
      out[x] = lightness[lab8[0]];
      out[x + 1] = static_cast<float>(lab8[1]) - 128.0f;
      out[x + 2] = static_cast<float>(lab8[2]) - 128.0f;
    }
  }
  return lab;
}

cv::Mat deltaE(const cv::Mat& lab, const cv::Vec3f& colour) {
  cv::Mat difference = lab - cv::Scalar(colour[0], colour[1], colour[2]);
  std::vector<cv::Mat> channels;
  cv::split(difference, channels);
  cv::Mat distance;
  cv::magnitude(channels[0], channels[1], distance);
  cv::magnitude(distance, channels[2], distance);
  return distance;
}

PersonSegmentation segmentPerson(const cv::Mat& rgb, const Face& face) {
  PersonSegmentation segmentation;
  const cv::Mat lab = toLab(rgb);
  const cv::Mat margin = marginMask(rgb.size(), face);

  // Per-channel medians of the margin, in Lab (for distances) and in RGB (for
  // reporting), each taken from its own samples.
  std::vector<float> lab_samples[3], rgb_samples[3];
  for (int y = 0; y < lab.rows; ++y) {
    const cv::Vec3f* lab_row = lab.ptr<cv::Vec3f>(y);
    const cv::Vec3b* rgb_row = rgb.ptr<cv::Vec3b>(y);
    const std::uint8_t* in_margin = margin.ptr<std::uint8_t>(y);
    for (int x = 0; x < lab.cols; ++x) {
      if (!in_margin[x]) continue;
      for (int c = 0; c < 3; ++c) {
        lab_samples[c].push_back(lab_row[x][c]);
        rgb_samples[c].push_back(rgb_row[x][c]);
      }
    }
  }
  for (int c = 0; c < 3; ++c) {
    segmentation.background_lab[c] = median(lab_samples[c]);
    segmentation.background_rgb[c] = median(rgb_samples[c]);
  }

  const cv::Mat distance = deltaE(lab, segmentation.background_lab);
  std::vector<float> margin_distances;
  for (int y = 0; y < distance.rows; ++y) {
    for (int x = 0; x < distance.cols; ++x) {
      if (margin.at<std::uint8_t>(y, x)) margin_distances.push_back(distance.at<float>(y, x));
    }
  }
  // Median absolute deviation, scaled to a standard deviation for normal noise.
  segmentation.background_spread = 1.4826f * median(margin_distances);
  segmentation.threshold = std::max(kMinThreshold, kSpreadMultiple * segmentation.background_spread);
  int inside = 0;
  for (float d : margin_distances) inside += d < segmentation.threshold;
  segmentation.margin_background_fraction =
      margin_distances.empty() ? 0.0f : static_cast<float>(inside) / margin_distances.size();

  // Background: close to the background colour and connected to the image border.
  cv::Mat close = distance < segmentation.threshold;
  cv::Mat labels;
  const int count = cv::connectedComponents(close, labels, 4, CV_32S);
  std::vector<bool> touches_border(count, false);
  for (int x = 0; x < labels.cols; ++x) {
    touches_border[labels.at<int>(0, x)] = true;
    touches_border[labels.at<int>(labels.rows - 1, x)] = true;
  }
  for (int y = 0; y < labels.rows; ++y) {
    touches_border[labels.at<int>(y, 0)] = true;
    touches_border[labels.at<int>(y, labels.cols - 1)] = true;
  }
  segmentation.mask.create(rgb.size(), CV_8U);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    const std::uint8_t* is_close = close.ptr<std::uint8_t>(y);
    std::uint8_t* out = segmentation.mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) out[x] = (is_close[x] && touches_border[label[x]]) ? 0 : 255;
  }
  // Remove specks of noise the threshold let through.
  cv::morphologyEx(segmentation.mask, segmentation.mask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  findCrown(segmentation, face);
  return segmentation;
}

}  // namespace gradphoto
