// Defects of the framing: a second person, the subject off-centre, too close, too low.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "defects.h"

namespace gradphoto::variants {

// Someone else in the photo (face.count): the companion photo's person, scaled
// so that their face is `scale` times the subject's width (standing a step or
// two behind), stands beside the subject's head with their eyes 0.15 face widths
// lower (a shorter person), behind the subject (only the subject's backdrop is
// covered), so that the subject's shoulder hides their chest. Their photo may
// end above the frame's bottom: below it their clothing goes on as it was at
// that edge (a plain shirt). False when the frame has no room
// beside the head for the whole of the second face.
bool secondPerson(const cv::Mat& bgr, const FaceGeometry& face, const Background& bg, const cv::Mat& other,
                  const FaceGeometry& other_face, const Background& other_bg, double scale, bool on_right,
                  Random& random, cv::Mat& out) {
  const double fw = face.face_width, centre = (face.face_left.x + face.face_right.x) / 2.0;
  const double s = scale * fw / other_face.face_width;
  const double other_half = 0.5 * scale * fw;
  // Their face centre: clear of the subject's head (hair reaches about 0.65
  // face widths from its centre) by a third of their face width.
  const double x = centre + (on_right ? 1 : -1) * (0.65 * fw + other_half * 1.3);
  if (x - other_half * 1.2 < 0 || x + other_half * 1.2 > bgr.cols) return false;

  // The companion photo with their body continued below it.
  const cv::Mat other_person = 1.0 - other_bg.alpha;
  const int band = std::max(1, other.rows / 20);
  std::vector<cv::Vec3f> clothing;
  for (int y = other.rows - band; y < other.rows; ++y)
    for (int x0 = 0; x0 < other.cols; x0 += 2)
      if (other_person.at<float>(y, x0) > 0.5f) clothing.push_back(cv::Vec3f(other.at<cv::Vec3b>(y, x0)));
  const cv::Vec3f shirt = clothing.empty() ? cv::Vec3f(200, 200, 200) : medianOf(clothing);
  // Each column goes on in its bottom row's colour (the shirt's shading
  // continues), skin or backdrop there turning into the shirt's median over 8%
  // of the photo's height (a V-neck closes), smoothed across, with grain.
  cv::Mat last(1, other.cols, CV_32FC3), raw(1, other.cols, CV_32FC3);
  for (int x0 = 0; x0 < other.cols; ++x0) {
    const cv::Vec3f p(other.at<cv::Vec3b>(other.rows - 1, x0));
    raw.at<cv::Vec3f>(x0) = p;
    last.at<cv::Vec3f>(x0) = cv::norm(p - shirt) < 30 ? p : shirt;
  }
  cv::GaussianBlur(last, last, cv::Size(), std::max(1.0, other.cols / 200.0), 0);
  cv::Mat extended(2 * other.rows, other.cols, CV_8UC3), extended_person;
  other.copyTo(extended.rowRange(0, other.rows));
  const double closing = 0.08 * other.rows;  // the V-neck closes over this many rows
  for (int y = other.rows; y < extended.rows; ++y)
    for (int x0 = 0; x0 < other.cols; ++x0) {
      const float t = static_cast<float>(std::min(1.0, (y - other.rows) / closing));
      const cv::Vec3f p = raw.at<cv::Vec3f>(x0) * (1 - t) + last.at<cv::Vec3f>(x0) * t;
      const double g = random.uniform(-2, 2);  // the grain of the photo
      extended.at<cv::Vec3b>(y, x0) = cv::Vec3b(cv::saturate_cast<uchar>(p[0] + g), cv::saturate_cast<uchar>(p[1] + g),
                                                cv::saturate_cast<uchar>(p[2] + g));
    }
  cv::copyMakeBorder(other_person, extended_person, 0, other.rows, 0, 0, cv::BORDER_REPLICATE);

  const cv::Point2f other_eyes = other_face.eyeCentre(), eyes = face.eyeCentre();
  const double other_centre = (other_face.face_left.x + other_face.face_right.x) / 2.0;
  const cv::Mat to_photo = (cv::Mat_<double>(2, 3) << s, 0, x - s * other_centre, 0, s,
                            eyes.y + 0.15 * fw - s * other_eyes.y);
  cv::Mat moved, moved_alpha;
  cv::warpAffine(extended, moved, to_photo, bgr.size(), cv::INTER_AREA, cv::BORDER_REPLICATE);
  // Beyond the companion photo's sides there is no person.
  cv::warpAffine(extended_person, moved_alpha, to_photo, bgr.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(0));
  // Behind the subject: only where the subject's backdrop shows.
  const cv::Mat weight = moved_alpha.mul(bg.alpha);
  cv::Mat f, m, w3;
  bgr.convertTo(f, CV_32FC3);
  moved.convertTo(m, CV_32FC3);
  cv::merge(std::vector<cv::Mat>{weight, weight, weight}, w3);
  cv::Mat(f + (m - f).mul(w3)).convertTo(out, CV_8UC3);
  return true;
}

// The subject at the photo's side (face.position): the photo is cut so that
// the face's centre is `from_edge` face widths from one side (0.6: the cheek
// just inside, the ear and hair on that side cut), the rest kept. A 480x640 cut
// with the face at the spec's size needs 0.8 face widths or more on each side.
cv::Mat offCentre(const cv::Mat& bgr, const FaceGeometry& face, double from_edge, bool near_left) {
  const double centre = (face.face_left.x + face.face_right.x) / 2.0, d = from_edge * face.face_width;
  const int left = near_left ? std::max(0, cvRound(centre - d)) : 0;
  const int right = near_left ? bgr.cols : std::min(bgr.cols, cvRound(centre + d));
  return bgr(cv::Rect(left, 0, right - left, bgr.rows)).clone();
}

// Shoulders out of the frame (geometry.eye_line): the photo ends `below_eyes`
// face widths under the eye line (1.0: just under the chin) and has backdrop
// above the head instead, `headroom_rows` more rows of it (the backdrop's top
// row, as its smooth fit has it, with its grain), as when the phone is held
// too high. A spec crop puts the eyes 200-300 of 640 rows from the top and
// needs the 340-440 rows under them, about 1.1 face widths or more.
cv::Mat shouldersCut(const cv::Mat& bgr, const Background& bg, const FaceGeometry& face, double below_eyes,
                     int headroom_rows, Random& random) {
  const int bottom = std::min(bgr.rows, cvRound(face.eyeCentre().y + below_eyes * face.face_width));
  cv::Mat out(headroom_rows + bottom, bgr.cols, CV_8UC3);
  bgr.rowRange(0, bottom).copyTo(out.rowRange(headroom_rows, out.rows));
  cv::Mat f;
  bgr.convertTo(f, CV_32FC3);
  cv::Scalar mean, sd;
  cv::meanStdDev(f - bg.model, mean, sd, bg.hard);
  for (int y = 0; y < headroom_rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const cv::Vec3f top = bg.model.at<cv::Vec3f>(0, x);
      const double g = random.uniform(-1.7, 1.7);  // flat noise of unit variance
      cv::Vec3b& p = out.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) p[c] = cv::saturate_cast<uchar>(top[c] + g * sd[c]);
    }
  return out;
}

// Too close to the camera (geometry.face_width): a close-up cut to 1.6 x 2.3
// face widths around the face (from 1.2 face widths above the eyes), like a
// selfie at arm's length. A 480x640 cut with the face at the spec's size needs
// 2 x 2.67 face widths.
cv::Mat tightFraming(const cv::Mat& bgr, const FaceGeometry& face) {
  const double fw = face.face_width, centre = (face.face_left.x + face.face_right.x) / 2.0;
  const cv::Rect close_up(cvRound(centre - 0.8 * fw), cvRound(face.eyeCentre().y - 1.2 * fw), cvRound(1.6 * fw),
                          cvRound(2.3 * fw));
  const cv::Rect window = close_up & cv::Rect(0, 0, bgr.cols, bgr.rows);
  return bgr(window).clone();
}

}  // namespace gradphoto::variants
