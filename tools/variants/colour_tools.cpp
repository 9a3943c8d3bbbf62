#include "colour_tools.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace gradphoto::variants {

cv::Mat toLab(const cv::Mat& bgr8) {
  cv::Mat f, lab;
  bgr8.convertTo(f, CV_32FC3, 1.0 / 255);
  cv::cvtColor(f, lab, cv::COLOR_BGR2Lab);
  return lab;
}

cv::Vec3f medianOf(std::vector<cv::Vec3f> samples) {
  cv::Vec3f m;
  if (samples.empty()) return m;
  for (int c = 0; c < 3; ++c) {
    std::vector<float> channel;
    channel.reserve(samples.size());
    for (const cv::Vec3f& s : samples) channel.push_back(s[c]);
    std::nth_element(channel.begin(), channel.begin() + channel.size() / 2, channel.end());
    m[c] = channel[channel.size() / 2];
  }
  return m;
}

std::vector<cv::Vec3f> samplesIn(const cv::Mat& image3f, const cv::Mat& mask, int step) {
  std::vector<cv::Vec3f> out;
  for (int y = 0; y < image3f.rows; y += step)
    for (int x = 0; x < image3f.cols; x += step)
      if (mask.at<uchar>(y, x)) out.push_back(image3f.at<cv::Vec3f>(y, x));
  return out;
}

cv::Mat distanceTo(const cv::Mat& lab, const cv::Mat& reference_lab) {
  cv::Mat diff = lab - reference_lab, sq, dist;
  cv::multiply(diff, diff, sq);
  cv::transform(sq, dist, cv::Matx13f(1, 1, 1));
  cv::sqrt(dist, dist);
  return dist;
}

cv::Mat connectedToEdges(const cv::Mat& mask, bool top, bool sides, bool bottom) {
  cv::Mat labels;
  const int n = cv::connectedComponents(mask, labels, 4, CV_32S);
  std::vector<uchar> keep(n, 0);
  const int w = mask.cols, h = mask.rows;
  for (int x = 0; x < w; ++x) {
    if (top) keep[labels.at<int>(0, x)] = 1;
    if (bottom) keep[labels.at<int>(h - 1, x)] = 1;
  }
  for (int y = 0; y < h && sides; ++y) {
    keep[labels.at<int>(y, 0)] = 1;
    keep[labels.at<int>(y, w - 1)] = 1;
  }
  keep[0] = 0;  // label 0 is the unset pixels
  cv::Mat out(mask.size(), CV_8U);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) out.at<uchar>(y, x) = keep[labels.at<int>(y, x)] ? 255 : 0;
  return out;
}

cv::Mat labOf(const cv::Mat& model_bgr) {
  cv::Mat model_lab;
  cv::cvtColor(model_bgr * (1.0 / 255), model_lab, cv::COLOR_BGR2Lab);
  return model_lab;
}

cv::Vec3f dominantColour(const std::vector<cv::Vec3f>& samples) {
  cv::Mat data(static_cast<int>(samples.size()), 3, CV_32F, const_cast<cv::Vec3f*>(samples.data()));
  cv::Mat labels, centres;
  cv::theRNG() = cv::RNG(0x636c6f746865ull);  // fixed: the same clusters every run
  cv::kmeans(data, 3, labels, cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 20, 0.1), 3,
             cv::KMEANS_PP_CENTERS, centres);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < labels.rows; ++i) ++counts[labels.at<int>(i)];
  const int largest = static_cast<int>(std::max_element(counts, counts + 3) - counts);
  return {centres.at<float>(largest, 0), centres.at<float>(largest, 1), centres.at<float>(largest, 2)};
}

cv::Mat localTexture(const cv::Mat& lab) {
  cv::Mat l, mean, mean_sq, var;
  cv::extractChannel(lab, l, 0);
  cv::boxFilter(l, mean, CV_32F, {7, 7});
  cv::boxFilter(l.mul(l), mean_sq, CV_32F, {7, 7});
  var = mean_sq - mean.mul(mean);
  cv::max(var, 0.0, var);
  cv::sqrt(var, var);
  return var;
}

cv::Mat disk(int radius) {
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1});
}

}  // namespace gradphoto::variants
