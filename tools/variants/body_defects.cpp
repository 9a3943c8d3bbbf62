// Defects of the body below the head: clothing and posture.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "defects.h"

namespace gradphoto::variants {

// "黑边": clothing dyed the backdrop's colour. In CIELAB the clothing's median
// lightness moves to the backdrop's beside the shoulders, and every
// pixel moves by the same amount, so folds, shading and weave keep their
// lightness steps and the garment still looks like cloth; its hue becomes the
// backdrop's (a* and b* replaced: a white T-shirt's bluish shadows would
// otherwise turn its highlights cream).
cv::Mat clothingLikeBackground(const cv::Mat& bgr, const Clothing& clothing) {
  const float lightness_shift = clothing.backdrop_lab[0] - clothing.reference_lab[0];
  cv::Mat lab = toLab(bgr);
  lab.forEach<cv::Vec3f>([&](cv::Vec3f& p, const int* at) {
    const float a = clothing.alpha.at<float>(at[0], at[1]);
    const cv::Vec3f dyed(p[0] + lightness_shift, clothing.backdrop_lab[1], clothing.backdrop_lab[2]);
    p += (dyed - p) * a;
  });
  cv::Mat back, out;
  cv::cvtColor(lab, back, cv::COLOR_Lab2BGR);
  back.convertTo(out, CV_8UC3, 255.0);  // rounds and clips
  return out;
}


// Breton stripes (clothing.pattern): the clothing becomes navy with off-white
// horizontal stripes, each half of a period of `period_face_widths` face
// widths; its folds and shading stay (each pixel's lightness step from the
// garment's median, scaled to the new colour's lightness, as a lighter or
// darker dye under the same light).
cv::Mat stripedClothing(const cv::Mat& bgr, const Clothing& clothing, const FaceGeometry& face,
                        double period_face_widths) {
  const cv::Vec3f navy(22, 8, -30), white(92, 0, 2);
  const double period = period_face_widths * face.face_width;
  const float reference = clothing.reference_lab[0];
  cv::Mat lab = toLab(bgr);
  lab.forEach<cv::Vec3f>([&](cv::Vec3f& p, const int* at) {
    const float a = clothing.alpha.at<float>(at[0], at[1]);
    if (a <= 0) return;
    const bool stripe = std::fmod(at[0], period) < period / 2;
    const cv::Vec3f dye = stripe ? white : navy;
    const float shade = (p[0] - reference) * (dye[0] + 16) / (reference + 16);
    p += (cv::Vec3f(dye[0] + shade, dye[1], dye[2]) - p) * a;
  });
  cv::Mat back, out;
  cv::cvtColor(lab, back, cv::COLOR_Lab2BGR);
  back.convertTo(out, CV_8UC3, 255.0);
  return out;
}

namespace {

double smoothstep(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

// The person (the backdrop matte's complement) moved by the maps, laid over the
// backdrop with the person removed (backdropPlate): what the photo would show
// had the person stood so. Beyond the photo's sides there is no person; below
// its bottom the body goes on as its last row (the clothing continues).
cv::Mat movePerson(const cv::Mat& bgr, const Background& bg, cv::Mat map_x, cv::Mat map_y, Random& random) {
  cv::Mat unmoved(bgr.size(), CV_8U);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      float& sy = map_y.at<float>(y, x);
      unmoved.at<uchar>(y, x) = std::abs(map_x.at<float>(y, x) - x) + std::abs(sy - y) < 0.01f;
      sy = std::min(sy, static_cast<float>(bgr.rows - 1));
    }
  cv::Mat moved, person = 1.0 - bg.alpha, moved_person;
  cv::remap(bgr, moved, map_x, map_y, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
  cv::remap(person, moved_person, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::Mat plate = backdropPlate(bgr, bg, random), out;
  plate.convertTo(plate, CV_32FC3);
  moved.convertTo(moved, CV_32FC3);
  cv::Mat a3;
  cv::merge(std::vector<cv::Mat>{moved_person, moved_person, moved_person}, a3);
  cv::Mat(plate + (moved - plate).mul(a3)).convertTo(out, CV_8UC3);
  bgr.copyTo(out, unmoved);  // where nothing moves (the head), the photo as it was
  return out;
}

}  // namespace

// The backdrop without the person: on the backdrop (its hard mask, eroded by
// 3 pixels and feathered: the soft matte counts a white T-shirt's edge as
// partly backdrop, which would leave a ghost of the shoulders), the photo;
// behind the person, the backdrop's smooth fit plus grain of the backdrop's own
// strength (measured on the backdrop's difference from its fit).
cv::Mat backdropPlate(const cv::Mat& bgr, const Background& bg, Random& random) {
  cv::Mat f;
  bgr.convertTo(f, CV_32FC3);
  const cv::Mat residual = f - bg.model;
  cv::Scalar mean, sd;
  cv::meanStdDev(residual, mean, sd, bg.hard);
  cv::Mat backdrop;
  cv::erode(bg.hard, backdrop, disk(3));
  backdrop.convertTo(backdrop, CV_32F, 1.0 / 255);
  cv::GaussianBlur(backdrop, backdrop, cv::Size(), 1.5);
  cv::Mat plate(bgr.size(), CV_32FC3);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const float a = backdrop.at<float>(y, x);
      cv::Vec3f grain;
      const double g = random.uniform(-1.7, 1.7);  // a flat noise of unit variance
      for (int c = 0; c < 3; ++c) grain[c] = static_cast<float>(g * sd[c]);
      plate.at<cv::Vec3f>(y, x) = a * f.at<cv::Vec3f>(y, x) + (1 - a) * (bg.model.at<cv::Vec3f>(y, x) + grain);
    }
  cv::Mat out;
  plate.convertTo(out, CV_8UC3);
  return out;
}

double shoulderLean(const FaceGeometry& face, const Background& bg) {
  const double fw = face.face_width, centre = (face.face_left.x + face.face_right.x) / 2.0;
  double sum = 0;
  for (const int side : {-1, 1}) {
    std::vector<cv::Point2f> points;
    for (double d = 0.65 * fw; d <= 1.0 * fw; d += 1) {
      const int x = cvRound(centre + side * d);
      if (x < 0 || x >= bg.alpha.cols) continue;
      for (int y = std::max(0, cvRound(face.chin.y)); y < bg.alpha.rows; ++y)
        if (bg.alpha.at<float>(y, x) < 0.5f) {
          points.emplace_back(static_cast<float>(x), static_cast<float>(y));
          break;
        }
    }
    if (points.size() < 8) return 0;
    cv::Vec4f line;
    cv::fitLine(points, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    // fitLine's direction may point either way along the line: folded to -90..90.
    sum += std::remainder(std::atan2(line[1], line[0]) * 180 / CV_PI, 180.0);
  }
  return sum / 2;
}

// One shoulder lower (shoulders.level): the body below the neck turns by
// `degrees` about the base of the neck (0.35 face widths under the chin), as
// when a student leans to one side or sits crooked; the head stays upright (the
// turn fades in over the neck, from the chin to 0.5 face widths below it).
// Positive degrees lower the shoulder on the image's right.
cv::Mat shoulderTilt(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, double degrees,
                     Random& random) {
  const double fw = face.face_width;
  const cv::Point2d pivot((face.face_left.x + face.face_right.x) / 2.0, face.chin.y + 0.35 * fw);
  cv::Mat map_x(bgr.size(), CV_32F), map_y(bgr.size(), CV_32F);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      // The source of each pixel: turned back by the angle this row turns by.
      const double angle = -degrees * CV_PI / 180 * smoothstep((y - face.chin.y) / (0.5 * fw));
      const double dx = x - pivot.x, dy = y - pivot.y;
      map_x.at<float>(y, x) = static_cast<float>(pivot.x + dx * std::cos(angle) - dy * std::sin(angle));
      map_y.at<float>(y, x) = static_cast<float>(pivot.y + dx * std::sin(angle) + dy * std::cos(angle));
    }
  return movePerson(bgr, bg, map_x, map_y, random);
}

// The body turned away on one side (body.square): below the neck, the far side
// of the body (beyond 0.25 face widths off the face centre, about the neck's
// edge) is narrowed to `squeeze` of its width toward the neck, as the far
// shoulder recedes when the torso turns while the face stays to the camera; the
// head stays (the squeeze fades in from the chin to 0.3 face widths below it).
// far_on_right: the image's right side recedes.
cv::Mat bodyTurned(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, double squeeze,
                   bool far_on_right, Random& random) {
  const double fw = face.face_width, centre = (face.face_left.x + face.face_right.x) / 2.0;
  const double neck = 0.25 * fw, side = far_on_right ? 1 : -1;
  cv::Mat map_x(bgr.size(), CV_32F), map_y(bgr.size(), CV_32F);
  for (int y = 0; y < bgr.rows; ++y) {
    const double amount = smoothstep((y - face.chin.y) / (0.3 * fw));
    const double scale = 1 + amount * (1 / squeeze - 1);  // source distance per destination distance
    for (int x = 0; x < bgr.cols; ++x) {
      const double off = (x - centre) * side;
      map_x.at<float>(y, x) = static_cast<float>(off <= neck ? x : centre + side * (neck + (off - neck) * scale));
      map_y.at<float>(y, x) = static_cast<float>(y);
    }
  }
  return movePerson(bgr, bg, map_x, map_y, random);
}

}  // namespace gradphoto::variants
