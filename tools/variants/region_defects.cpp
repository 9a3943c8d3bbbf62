// Defects of one region: face lighting, highlights, background, skin, mouth.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "defects.h"

namespace gradphoto::variants {
namespace {

cv::Mat toFloat(const cv::Mat& bgr) {
  cv::Mat f;
  bgr.convertTo(f, CV_32FC3);
  return f;
}

cv::Mat toBytes(const cv::Mat& f) {
  cv::Mat out;
  f.convertTo(out, CV_8UC3);  // rounds and clips
  return out;
}

cv::Mat gray3(const cv::Mat& one_channel) {
  cv::Mat three;
  cv::merge(std::vector<cv::Mat>{one_channel, one_channel, one_channel}, three);
  return three;
}

// Multiplies each pixel by 1 - amount * weight (weight CV_32F 0..1).
cv::Mat darken(const cv::Mat& bgr, const cv::Mat& weight, double amount) {
  const cv::Mat factor = 1.0 - weight * amount;
  return toBytes(toFloat(bgr).mul(gray3(factor)));
}

double smoothstep(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

}  // namespace

// 阴阳脸: a key light from one side only. On the head the light falls off
// across the nose line (smoothly over 30% of the face width either side of the
// nose tip, as the face turns away from the lamp) to `floor` of its brightness:
// 0.35 leaves the far cheek in deep shadow, 0.55 is a milder but obvious
// half-shadow. The broader torso turns away more slowly: below the chin the
// transition widens to 1.2 face widths. The backdrop is farther from the lamp
// and is left as it was, so the background checks are not what catches it.
cv::Mat oneSidedLight(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, double floor,
                      bool dark_on_right) {
  const double centre = face.mesh[kNoseTip].x, fw = face.face_width;
  cv::Mat weight(bgr.size(), CV_32F);
  for (int y = 0; y < bgr.rows; ++y) {
    const double below_chin = std::clamp((y - face.chin.y) / (0.5 * fw), 0.0, 1.0);
    const double half_width = 0.3 * fw + below_chin * (1.2 - 0.3) * fw;
    float* row = weight.ptr<float>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      const double t = smoothstep((x - centre + half_width) / (2 * half_width));
      row[x] = static_cast<float>(dark_on_right ? t : 1 - t);
    }
  }
  weight = weight.mul(1.0 - bg.alpha);
  return darken(bgr, weight, 1.0 - floor);
}

// Sweat or flash highlights (出油, 反光) where they really appear: the forehead's
// centre and the ridge of the nose, with at most two more on the forehead's side
// and the nose tip. Each is a soft Gaussian blend toward near-white (peak 90-95%,
// so the centre clips), sized from the face width: the nose-bridge streak is long
// and narrow, the forehead patch round.
cv::Mat specularSpots(const cv::Mat& bgr, const FaceGeometry& face, int count, Random& random) {
  struct Spot {
    cv::Point2f centre;
    cv::Point2f axis;  // unit vector of the long axis
    double sigma_long, sigma_short, peak;
  };
  const float fw = face.face_width;
  const cv::Point2f* m = face.mesh.data();
  cv::Point2f down = m[kNoseTip] - m[kBetweenBrows];
  down *= 1.0f / static_cast<float>(cv::norm(down));
  const cv::Point2f across(-down.y, down.x);
  std::vector<Spot> spots = {
      {(m[kNoseBridge] + m[kNoseBridgeLow]) * 0.5f, down, 0.6 * cv::norm(m[kNoseBridgeLow] - m[kNoseBridge]),
       0.02 * fw, random.uniform(0.88, 0.95)},
      {m[kForeheadMid], across, 0.06 * fw, 0.04 * fw, random.uniform(0.85, 0.92)},
  };
  if (count >= 3) {
    const float side = random.uniform(0, 1) < 0.5 ? -1.0f : 1.0f;
    spots.push_back({(m[kForeheadMid] + m[kForeheadTop]) * 0.5f + across * (side * 0.12f * fw), across,
                     0.035 * fw, 0.025 * fw, random.uniform(0.8, 0.9)});
  }
  if (count >= 4) spots.push_back({m[kNoseTip], across, 0.025 * fw, 0.02 * fw, random.uniform(0.85, 0.93)});

  cv::Mat alpha = cv::Mat::zeros(bgr.size(), CV_32F);
  for (const Spot& spot : spots) {
    const int reach = cvCeil(3 * spot.sigma_long);
    const cv::Rect box = cv::Rect(cvFloor(spot.centre.x) - reach, cvFloor(spot.centre.y) - reach, 2 * reach + 1,
                                  2 * reach + 1) &
                         cv::Rect(0, 0, bgr.cols, bgr.rows);
    for (int y = box.y; y < box.y + box.height; ++y)
      for (int x = box.x; x < box.x + box.width; ++x) {
        const cv::Point2f d(x - spot.centre.x, y - spot.centre.y);
        const double along = d.dot(spot.axis), side = d.cross(spot.axis);
        const double g = spot.peak * std::exp(-0.5 * (along * along / (spot.sigma_long * spot.sigma_long) +
                                                       side * side / (spot.sigma_short * spot.sigma_short)));
        float& a = alpha.at<float>(y, x);
        a = std::max(a, static_cast<float>(g));
      }
  }
  const cv::Mat f = toFloat(bgr);
  const cv::Mat white(bgr.size(), CV_32FC3, cv::Scalar(246, 249, 252));  // slightly warm white
  const cv::Mat a3 = gray3(alpha);
  return toBytes(f + (white - f).mul(a3));
}

// Shifts the background from its fitted colour to the target, keeping its noise
// and grain; hair strands move by their matte fraction, so no grey halo is left.
cv::Mat recolourBackground(const cv::Mat& bgr, const Background& bg, cv::Vec3f target_bgr) {
  const cv::Mat shift = cv::Mat(bgr.size(), CV_32FC3, cv::Scalar(target_bgr)) - bg.model;
  return toBytes(toFloat(bgr) + shift.mul(gray3(bg.alpha)));
}

// A backdrop lit from one end: brightness falls linearly across the whole frame
// to `floor` (0.5: a step a student sees at once; the sources' own vignetting is
// under 0.9).
cv::Mat backgroundGradient(const cv::Mat& bgr, const Background& bg, bool vertical, double floor) {
  cv::Mat ramp(bgr.size(), CV_32F);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x)
      ramp.at<float>(y, x) = static_cast<float>(vertical ? y / (bgr.rows - 1.0) : x / (bgr.cols - 1.0));
  return darken(bgr, ramp.mul(bg.alpha), 1.0 - floor);
}

// The person's own cast shadow on a backdrop that stands too close, from a flash
// off to one side: the person's silhouette moved sideways by 30% of the face
// width and down by 8%, blurred by 10% (a soft light), darkening by `strength`.
cv::Mat backgroundShadow(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, bool to_right,
                         double strength) {
  const cv::Mat person = 1.0 - bg.alpha;
  const double dx = (to_right ? 1 : -1) * 0.3 * face.face_width, dy = 0.08 * face.face_width;
  const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, dy);
  cv::Mat shadow;
  cv::warpAffine(person, shadow, shift, bgr.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::GaussianBlur(shadow, shadow, cv::Size(), 0.1 * face.face_width);
  return darken(bgr, shadow.mul(bg.alpha), strength);
}

// 美颜 skin smoothing: repeated bilateral filtering (edges kept, pores and fine
// lines flattened) over the face's skin only, eyes, brows and lips left sharp.
// The spatial sigma is 1.5% of the face width (about the size of pores and fine
// wrinkles at this scale); sigma_colour 40 over 4 passes is the strong "beauty
// level" of phone apps, 25 over 2 passes a moderate one that still removes texture.
cv::Mat smoothSkin(const cv::Mat& bgr, const FaceGeometry& face, int passes, double sigma_colour) {
  const cv::Mat alpha = skinAlpha(bgr.size(), face);
  cv::Mat mask8;
  alpha.convertTo(mask8, CV_8U, 255);
  const cv::Rect roi = cv::boundingRect(mask8 > 0);
  const double sigma_space = std::max(2.0, 0.015 * face.face_width);
  const int diameter = 2 * cvCeil(1.5 * sigma_space) + 1;
  cv::Mat smooth = bgr(roi).clone(), next;
  for (int i = 0; i < passes; ++i) {
    cv::bilateralFilter(smooth, next, diameter, sigma_colour, sigma_space);
    std::swap(smooth, next);
  }
  cv::Mat out = bgr.clone();
  const cv::Mat f = toFloat(bgr(roi)), s = toFloat(smooth);
  toBytes(f + (s - f).mul(gray3(alpha(roi)))).copyTo(out(roi));
  return out;
}

namespace {

// Least-squares similarity (rotation, uniform scale, translation) mapping from -> to.
cv::Mat similarity(const std::vector<cv::Point2f>& from, const std::vector<cv::Point2f>& to) {
  cv::Point2f cf, ct;
  for (size_t i = 0; i < from.size(); ++i) {
    cf += from[i];
    ct += to[i];
  }
  cf *= 1.0f / from.size();
  ct *= 1.0f / to.size();
  double a = 0, b = 0, norm = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    const cv::Point2f p = from[i] - cf, q = to[i] - ct;
    a += p.x * q.x + p.y * q.y;
    b += p.x * q.y - p.y * q.x;
    norm += p.x * p.x + p.y * p.y;
  }
  a /= norm;
  b /= norm;
  return (cv::Mat_<double>(2, 3) << a, -b, ct.x - (a * cf.x - b * cf.y), b, a, ct.y - (b * cf.x + a * cf.y));
}

}  // namespace

// The smiling photo's mouth, warped onto the neutral face by the least-squares
// similarity of the points that do not move when smiling (eye corners, nose), so
// the smile keeps its true width. The pasted region covers both mouths plus 25%
// of the mouth width, feathered over 8%, and its brightness is matched on a ring
// around it (same session, but the head moves between shots).
cv::Mat mouthSwap(const cv::Mat& bgr, const FaceGeometry& face, const cv::Mat& smile,
                  const FaceGeometry& smile_face) {
  std::vector<cv::Point2f> from, to;
  for (int i : kStablePoints) {
    from.push_back(smile_face.mesh[i]);
    to.push_back(face.mesh[i]);
  }
  const cv::Mat warp = similarity(from, to);
  cv::Mat warped;
  cv::warpAffine(smile, warped, warp, bgr.size(), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
  std::vector<cv::Point2f> smile_lips, lips;
  for (int i : kLipsOuter) {
    lips.push_back(face.mesh[i]);
    smile_lips.push_back(smile_face.mesh[i]);
  }
  cv::transform(smile_lips, smile_lips, warp);
  lips.insert(lips.end(), smile_lips.begin(), smile_lips.end());
  const double mouth_width = cv::norm(face.mouth_right - face.mouth_left);
  cv::Mat mask = hullMask(bgr.size(), lips);
  const int grow = std::max(2, cvRound(0.25 * mouth_width));
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * grow + 1, 2 * grow + 1}));
  cv::Mat ring;
  cv::dilate(mask, ring, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * grow + 1, 2 * grow + 1}));
  ring &= ~mask;
  const cv::Scalar gain_num = cv::mean(bgr, ring), gain_den = cv::mean(warped, ring);
  cv::Mat alpha;
  mask.convertTo(alpha, CV_32F, 1.0 / 255);
  cv::GaussianBlur(alpha, alpha, cv::Size(), std::max(1.0, 0.08 * mouth_width));
  cv::Mat w = toFloat(warped);
  cv::multiply(w, cv::Scalar(gain_num[0] / std::max(1.0, gain_den[0]), gain_num[1] / std::max(1.0, gain_den[1]),
                             gain_num[2] / std::max(1.0, gain_den[2])), w);
  const cv::Mat f = toFloat(bgr);
  return toBytes(f + (w - f).mul(gray3(alpha)));
}

}  // namespace gradphoto::variants
