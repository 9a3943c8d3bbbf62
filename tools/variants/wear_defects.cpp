// What the student wears on the head: a cap, earrings.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "defects.h"

namespace gradphoto::variants {
namespace {

double smoothstep(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

}  // namespace

// A knitted beanie (head.covering) in `colour_bgr`: a dome 0.62 face widths
// either side of the face centre, from 4% of the face width above the top of
// the hair (it is pulled over it) down to 0.05 face widths below the forehead's
// top (mesh 10), its cuff dipping 0.1 face widths toward the ears. Knit:
// vertical ribs (period 2.5% of the face width) and a turned-up cuff 0.12 face
// widths deep with finer ribs; lit like the head (brighter on top and in the
// middle, darker toward its sides).
cv::Mat beanie(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, cv::Vec3f colour_bgr,
               Random& random) {
  const double fw = face.face_width, centre = (face.face_left.x + face.face_right.x) / 2.0;
  const double brim = face.mesh[kForeheadTop].y + 0.05 * fw, half = 0.62 * fw;
  int hair_top = cvRound(brim);
  for (int y = 0; y < hair_top; ++y)
    for (int x = cvRound(centre - 0.3 * fw); x < centre + 0.3 * fw && hair_top == cvRound(brim); ++x)
      if (x >= 0 && x < bgr.cols && bg.alpha.at<float>(y, x) < 0.5f) hair_top = y;
  const double height = std::max(0.55 * fw, brim - hair_top + 0.04 * fw);
  const auto cuff_edge = [&](double across) { return brim + 0.1 * fw * std::min(1.0, across * across); };
  cv::Mat alpha = cv::Mat::zeros(bgr.size(), CV_32F);
  for (int y = std::max(0, cvFloor(brim - height - 2)); y < std::min(bgr.rows, cvCeil(brim + 0.12 * fw)); ++y)
    for (int x = std::max(0, cvFloor(centre - half - 2)); x < std::min(bgr.cols, cvCeil(centre + half + 2)); ++x) {
      const double across = (x - centre) / half, up = std::max(0.0, (brim - y) / height);
      // Distance inside the dome's outline and above the cuff's edge, in pixels: a 1.5-pixel soft edge.
      const double dome = (1 - std::hypot(across, up)) * std::min(half, height);
      const double inside = std::min(dome, cuff_edge(across) - y);
      alpha.at<float>(y, x) = static_cast<float>(std::clamp(inside / 1.5 + 0.5, 0.0, 1.0));
    }
  cv::Mat cap = alpha > 0;
  const cv::Rect box = cv::boundingRect(cap);
  const double top = box.y, rib = 0.025 * fw, cuff = 0.12 * fw;
  cv::Mat out;
  bgr.convertTo(out, CV_32FC3);
  for (int y = box.y; y < box.y + box.height; ++y)
    for (int x = box.x; x < box.x + box.width; ++x) {
      const float a = alpha.at<float>(y, x);
      if (a <= 0) continue;
      const double across = (x - centre) / half;
      const double edge = cuff_edge(across);
      const bool in_cuff = y > edge - cuff;
      // Light from the front and above: the dome darkens toward its sides and top edge.
      const double dome = 0.5 + 0.5 * std::sqrt(std::max(0.0, 1 - across * across)) *
                                    (0.75 + 0.25 * smoothstep((y - top) / (0.3 * fw)));
      const double ribs = std::cos(2 * CV_PI * (x - centre) / (in_cuff ? 0.6 * rib : rib));
      const bool fold = in_cuff && y < edge - cuff + 0.02 * fw;  // the cuff's turned-over edge, in shade
      const double knit = 1 + 0.08 * ribs + random.uniform(-0.04, 0.04) - (fold ? 0.15 : 0);
      const cv::Vec3f shade = colour_bgr * static_cast<float>(dome * knit);
      cv::Vec3f& p = out.at<cv::Vec3f>(y, x);
      p += (shade - p) * a;
    }
  out.convertTo(out, CV_8UC3);
  return out;
}


namespace {

// The ear lobe below the face's widest point on one side (mesh 234 or 454): the
// lowest part of the ear, found as skin-coloured person pixels 0.02-0.2 face
// widths outside that point and 0.05-0.4 face widths below it (an ear hangs
// from about the eyes' height to the nose's base or lower). False when hair or
// the photo's edge hides it.
bool earLobe(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, int side, cv::Point2f& lobe) {
  const double fw = face.face_width;
  const cv::Point2f widest = face.mesh[side == 0 ? 234 : 454];
  const double outward = side == 0 ? -1 : 1;
  const cv::Mat lab = toLab(bgr);
  cv::Mat cheek = cv::Mat::zeros(bgr.size(), CV_8U);
  cv::circle(cheek, face.mesh[side == 0 ? 50 : 280], std::max(2, cvRound(0.05 * fw)), cv::Scalar(255), cv::FILLED);
  const cv::Vec3f skin = medianOf(samplesIn(lab, cheek, 1));
  cv::Mat oval = meshHull(bgr.size(), face, kFaceOval);
  cv::dilate(oval, oval, disk(std::max(1, cvRound(0.01 * fw))));
  std::vector<int> row_count, row_sum;
  const int y0 = cvRound(widest.y + 0.05 * fw), y1 = cvRound(widest.y + 0.4 * fw);
  for (int y = y0; y < y1; ++y) {
    int count = 0, sum = 0;
    for (double d = 0.02 * fw; d < 0.2 * fw; d += 1) {
      const int x = cvRound(widest.x + outward * d);
      if (x < 0 || y < 0 || x >= bgr.cols || y >= bgr.rows) continue;
      if (oval.at<uchar>(y, x) || bg.alpha.at<float>(y, x) > 0.5f) continue;
      const cv::Vec3f p = lab.at<cv::Vec3f>(y, x);
      if (cv::norm(p - skin) < 18 && p[0] > 0.7f * skin[0]) {
        ++count;
        sum += x;
      }
    }
    row_count.push_back(count);
    row_sum.push_back(sum);
  }
  // The lobe: the last row of the ear's run downward (rows with 3 ear pixels
  // or more), after at least 0.1 face widths of ear.
  int run = 0, last = -1;
  for (size_t i = 0; i < row_count.size(); ++i) {
    if (row_count[i] >= 3) {
      if (++run >= 0.1 * fw) last = static_cast<int>(i);
    } else if (last >= 0) {
      break;
    } else {
      run = 0;
    }
  }
  if (last < 0) return false;
  const int at = std::max(0, last - cvRound(0.04 * fw));
  if (row_count[at] == 0) return false;
  lobe = cv::Point2f(static_cast<float>(row_sum[at]) / row_count[at], static_cast<float>(y0 + at));
  return true;
}

// A stud earring at `lobe` (accessories.jewellery): a ball 5% of the face width
// across (about 7 mm) with a soft shadow on the lobe below it, lit from the
// front and above. `kind` kMetal: polished silver, which mirrors its
// surroundings: the bright studio above (a softbox's near-white reflection up
// and to the side, over about a third of the ball), the darker room below. kPearl:
// creamy white, shaded toward its lower rim, with a soft highlight.
void drawStud(cv::Mat& image, cv::Point2f lobe, double face_width, StudKind kind) {
  const double r = 0.025 * face_width;
  cv::Mat f;
  image.convertTo(f, CV_32FC3);
  const int reach = cvCeil(2 * r);
  const cv::Vec3f white(252, 253, 253);
  for (int y = cvFloor(lobe.y) - reach; y <= cvCeil(lobe.y) + reach; ++y)
    for (int x = cvFloor(lobe.x) - reach; x <= cvCeil(lobe.x) + reach; ++x) {
      if (x < 0 || y < 0 || x >= image.cols || y >= image.rows) continue;
      cv::Vec3f& p = f.at<cv::Vec3f>(y, x);
      // The shadow: a soft disc under the ball, offset down by half its radius.
      const double ds = std::hypot(x - lobe.x, y - lobe.y - 0.5 * r) / r;
      p *= static_cast<float>(1 - 0.3 * std::clamp(1.4 - ds, 0.0, 1.0));
      const double u = (x - lobe.x) / r, v = (y - lobe.y) / r, d = std::hypot(u, v);
      if (d > 1.1) continue;
      cv::Vec3f ball;
      if (kind == StudKind::kMetal) {
        const double environment = 0.75 - 0.35 * v;  // the bright studio above, the room below
        const double softbox = std::clamp((0.5 - std::hypot(u + 0.25, v + 0.3)) / 0.12, 0.0, 1.0);
        const cv::Vec3f metal = cv::Vec3f(178, 176, 172) * static_cast<float>(std::clamp(environment, 0.3, 1.0));
        ball = metal + (white - metal) * static_cast<float>(0.97 * softbox);
      } else {
        const double z = std::sqrt(std::max(0.0, 1 - d * d));
        const double light = std::clamp(0.7 + 0.3 * (0.7 * z - 0.4 * v - 0.2 * u), 0.45, 1.0);
        const double spot = std::exp(-(std::pow(u + 0.3, 2) + std::pow(v + 0.35, 2)) / 0.08);
        const cv::Vec3f lit = cv::Vec3f(226, 234, 240) * static_cast<float>(light);
        ball = lit + (white - lit) * static_cast<float>(spot);
      }
      const float a = static_cast<float>(std::clamp((1.1 - d) / 0.2, 0.0, 1.0));
      p += (ball - p) * a;
    }
  f.convertTo(image, CV_8UC3);
}

}  // namespace

// Studs in every visible ear lobe; false (nothing to wear them on) when hair
// hides both ears.
bool earStuds(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, StudKind kind, cv::Mat& out) {
  out = bgr.clone();
  int worn = 0;
  for (int side = 0; side < 2; ++side) {
    cv::Point2f lobe;
    if (!earLobe(bgr, face, bg, side, lobe)) continue;
    drawStud(out, lobe, face.face_width, kind);
    ++worn;
  }
  return worn > 0;
}

}  // namespace gradphoto::variants
