// The backdrop's matte: where the backdrop is, and how much of it each hair-edge
// pixel shows.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "colour_tools.h"
#include "segmentation.h"

namespace gradphoto::variants {
namespace {

// Colour distances are CIELAB Delta E (76). Measured on the webmorph sources: the
// backdrop's noise and JPEG ringing stay under 5, the white T-shirts sit 4-10
// from the grey backdrop (hence GrabCut below), skin and hair 30 and more.
constexpr float kSeedDistance = 14;  // first pass, against the corners' colour
constexpr float kHardDistance = 8;   // against the fitted backdrop: surely backdrop
constexpr float kSoftStart = 4;      // matte: fully backdrop below this ...
constexpr float kSoftEnd = 18;       // ... fully foreground above this

// Least-squares quadratic surface per channel over the masked pixels: follows the
// studio backdrops' vignetting and light fall-off, and extends behind the person.
cv::Mat fitSmooth(const cv::Mat& bgr8, const cv::Mat& mask) {
  const int w = bgr8.cols, h = bgr8.rows;
  const int step = std::max(1, std::max(w, h) / 300);
  const auto basis = [&](int x, int y, float* b) {
    const float u = 2.0f * x / w - 1, v = 2.0f * y / h - 1;
    b[0] = 1; b[1] = u; b[2] = v; b[3] = u * u; b[4] = u * v; b[5] = v * v;
  };
  cv::Mat ata = cv::Mat::zeros(6, 6, CV_64F), atb = cv::Mat::zeros(6, 3, CV_64F);
  float b[6];
  for (int y = 0; y < h; y += step)
    for (int x = 0; x < w; x += step) {
      if (!mask.at<uchar>(y, x)) continue;
      basis(x, y, b);
      const cv::Vec3b p = bgr8.at<cv::Vec3b>(y, x);
      for (int i = 0; i < 6; ++i) {
        for (int j = 0; j < 6; ++j) ata.at<double>(i, j) += b[i] * b[j];
        for (int c = 0; c < 3; ++c) atb.at<double>(i, c) += b[i] * p[c];
      }
    }
  cv::Mat coef;
  cv::solve(ata, atb, coef, cv::DECOMP_SVD);
  cv::Mat model(bgr8.size(), CV_32FC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      basis(x, y, b);
      cv::Vec3f& m = model.at<cv::Vec3f>(y, x);
      for (int c = 0; c < 3; ++c) {
        double s = 0;
        for (int i = 0; i < 6; ++i) s += b[i] * coef.at<double>(i, c);
        m[c] = static_cast<float>(std::clamp(s, 0.0, 255.0));
      }
    }
  return model;
}

// Distance to the fitted backdrop for the hair's matte, counting a third of any
// excess lightness: the sources were sharpened, leaving a light halo of a few
// pixels around hair that belongs to the backdrop and must be recoloured with it.
cv::Mat matteDistance(const cv::Mat& lab, const cv::Mat& model_lab) {
  cv::Mat diff = lab - model_lab;
  diff.forEach<cv::Vec3f>([](cv::Vec3f& d, const int*) {
    if (d[0] > 0) d[0] *= 1.0f / 3;
  });
  cv::Mat sq, dist;
  cv::multiply(diff, diff, sq);
  cv::transform(sq, dist, cv::Matx13f(1, 1, 1));
  cv::sqrt(dist, dist);
  return dist;
}

// GrabCut (colour mixtures + graph cut) on a copy about 480 px long, seeded with
// what is certain: background = colour-matching pixels on the top edge and on
// the side edges above the chin; person = the face and a column under the chin
// (neck, chest). White clothing on a light backdrop differs from it by less than
// the backdrop's own vignetting, which a colour threshold alone cannot separate.
cv::Mat grabCutBackground(const cv::Mat& bgr, const cv::Mat& model, const FaceGeometry& face,
                          const cv::Mat& distance, const cv::Mat& textured) {
  const double scale = std::min(1.0, 480.0 / std::max(bgr.cols, bgr.rows));
  cv::Mat small, match;
  // Deviations lighter than the fitted backdrop amplified fourfold: a white
  // T-shirt on a light grey backdrop (webmorph: about 5 Delta E apart, against
  // sensor noise under 1) becomes as distinct as any other clothing. Darker
  // deviations are left alone: the fit is least sure in the bottom corners, where
  // vignetting darkens the backdrop.
  cv::Mat deviation = cv::Mat_<cv::Vec3f>(bgr) - model;
  deviation.forEach<cv::Vec3f>([](cv::Vec3f& d, const int*) {
    if (d[0] + d[1] + d[2] > 0) d *= 4.0f;
  });
  cv::Mat amplified;
  cv::Mat(model + deviation).convertTo(amplified, CV_8UC3);
  cv::resize(amplified, small, cv::Size(), scale, scale, cv::INTER_AREA);
  // Probably backdrop: close to the fit (within 8 above the chin; below it, where
  // light clothing is, within 3 only), and smooth.
  cv::Mat likely = distance < kHardDistance;
  const int chin_row = std::clamp(cvRound(face.chin.y), 0, bgr.rows);
  cv::Mat(distance.rowRange(chin_row, bgr.rows) < 3).copyTo(likely.rowRange(chin_row, bgr.rows));
  cv::resize(likely & ~textured, match, small.size(), 0, 0, cv::INTER_AREA);
  match = match > 127;
  const int w = small.cols, h = small.rows, band = std::max(2, w / 50);
  const float chin_y = face.chin.y * scale, chin_x = face.chin.x * scale, fw = face.face_width * scale;

  cv::Mat mask(small.size(), CV_8U, cv::Scalar(cv::GC_PR_FGD));
  mask.setTo(cv::GC_PR_BGD, match);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool edge = y < band || ((x < band || x >= w - band) && y < chin_y);
      if (edge && match.at<uchar>(y, x)) mask.at<uchar>(y, x) = cv::GC_BGD;
      // The neck is about half a face wide: a column a third of a face wide is surely person.
      const bool chest = y > chin_y + 0.3f * fw && std::abs(x - chin_x) < 0.16f * fw;
      const bool bottom = y >= h - 2 * band && std::abs(x - chin_x) < 1.0f * fw;
      if (chest || bottom) mask.at<uchar>(y, x) = cv::GC_FGD;
    }
  cv::Mat face_small;
  cv::resize(meshHull(bgr.size(), face, kFaceOval), face_small, small.size(), 0, 0, cv::INTER_AREA);
  cv::erode(face_small > 127, face_small, disk(std::max(1, cvRound(0.02f * fw))));
  mask.setTo(cv::GC_FGD, face_small);

  cv::Mat bgd_model, fgd_model;
  cv::theRNG() = cv::RNG(0x6772616463757431ull);  // GrabCut's k-means draws from it: same result every run
  cv::grabCut(small, mask, cv::Rect(), bgd_model, fgd_model, 4, cv::GC_INIT_WITH_MASK);
  cv::Mat background = (mask == cv::GC_BGD) | (mask == cv::GC_PR_BGD), full;
  cv::resize(background, full, bgr.size(), 0, 0, cv::INTER_LINEAR);
  return full > 127;
}

}  // namespace

Background segmentBackground(const cv::Mat& bgr, const FaceGeometry& face) {
  Background bg;
  const cv::Mat lab = toLab(bgr);
  const int w = bgr.cols;
  const int patch = std::max(8, w / 16);

  // The face itself is never background, whatever its colour.
  // (For fitting the backdrop, a margin of 5% of the face width around it is
  // kept out as well; for the matte, the face's edge itself must stay free.)
  const cv::Mat face_oval = meshHull(bgr.size(), face, kFaceOval);
  cv::Mat face_guard, fit_guard;
  cv::erode(face_oval, face_guard, disk(std::max(1, cvRound(face.face_width * 0.02f))));
  cv::dilate(face_oval, fit_guard, disk(std::max(2, cvRound(face.face_width * 0.05f))));

  cv::Mat corners = cv::Mat::zeros(bgr.size(), CV_8U);
  corners(cv::Rect(0, 0, patch, patch)).setTo(255);
  corners(cv::Rect(w - patch, 0, patch, patch)).setTo(255);
  const cv::Vec3f corner_lab = medianOf(samplesIn(lab, corners, 1));
  cv::Mat bgr_f;
  bgr.convertTo(bgr_f, CV_32FC3);
  bg.reference = medianOf(samplesIn(bgr_f, corners, 1));

  // First colour model from above the chin only, where no clothing can be.
  cv::Mat seed = distanceTo(lab, cv::Mat(bgr.size(), CV_32FC3, cv::Scalar(corner_lab))) < kSeedDistance;
  seed.setTo(0, fit_guard);
  seed.rowRange(std::clamp(cvRound(face.chin.y), 0, bgr.rows), bgr.rows).setTo(0);
  seed = connectedToEdges(seed, true, true, false);
  bg.model = fitSmooth(bgr, seed);
  cv::Mat dist = distanceTo(lab, labOf(bg.model));

  // The person's outline from GrabCut (on a smaller copy); near it, the colour
  // distance at full resolution decides. Above the mouth (hair) the fringe is
  // wide (2% of the width) and light halos count as backdrop, so backdrop seen
  // through loose strands is recoloured even where strands enclose it; lower
  // down the fringe stays narrow and the distance plain, so light clothing is
  // not pulled in.
  const cv::Mat texture = localTexture(lab);
  // Textured = well above the backdrop's own noise (measured 0.2-0.6 in the corners).
  const cv::Mat textured = texture > std::max(1.5, 3 * cv::mean(texture, corners)[0]);
  cv::Mat cut = grabCutBackground(bgr, bg.model, face, dist, textured);
  // Second round with the fit redone on what GrabCut found: the backdrop beside
  // the shoulders now informs the fit, which was extrapolated there.
  cv::Mat found = cut.clone();
  found.setTo(0, fit_guard);
  bg.model = fitSmooth(bgr, found);
  dist = distanceTo(lab, labOf(bg.model));
  cut = grabCutBackground(bgr, bg.model, face, dist, textured);
  const int edge = std::max(2, w / 250), fringe = std::max(edge, w / 45);
  const int hair_rows =
      std::clamp(cvRound(std::min(face.mouth_left.y, face.mouth_right.y)), 0, bgr.rows);
  const auto above_hair_line = [&](cv::Mat upper, const cv::Mat& lower) {
    lower.rowRange(hair_rows, bgr.rows).copyTo(upper.rowRange(hair_rows, bgr.rows));
    return upper;
  };
  cv::Mat outer_edge, inner_edge, outer, inner;
  cv::dilate(cut, outer_edge, disk(edge));
  cv::erode(cut, inner_edge, disk(edge));
  cv::dilate(cut, outer, disk(fringe));
  cv::erode(cut, inner, disk(fringe));
  outer = above_hair_line(outer, outer_edge);
  inner = above_hair_line(inner, inner_edge);
  const cv::Mat band = outer & ~inner;
  cv::Mat model_lab = labOf(bg.model);
  // Enclosed gaps between strands must match the backdrop plainly and be smooth:
  // a light halo counts only beside backdrop already found, and a shaved
  // scalp's highlight is enclosed, light and grey too, but textured.
  cv::Mat hair_gaps = band & (dist < kHardDistance) & ~textured;
  hair_gaps.rowRange(hair_rows, bgr.rows).setTo(0);
  hair_gaps.setTo(0, face_guard);
  cv::morphologyEx(hair_gaps, hair_gaps, cv::MORPH_OPEN, disk(2));  // no specks of highlight between hairs
  dist = above_hair_line(matteDistance(lab, model_lab), dist);
  cv::Mat hard = inner | (band & (dist < kHardDistance));
  hard.setTo(0, face_guard);
  hard = connectedToEdges(hard, true, true, true) | hair_gaps;

  bg.model = fitSmooth(bgr, hard);  // refit on the whole backdrop, bottom corners included
  model_lab = labOf(bg.model);
  dist = above_hair_line(matteDistance(lab, model_lab), distanceTo(lab, model_lab));
  bg.hard = hard;

  // Soft matte: fractional on hair strands and edges, limited to the band.
  cv::Mat soft = (kSoftEnd - dist) / (kSoftEnd - kSoftStart);
  soft = cv::min(cv::max(soft, 0.0), 1.0);
  cv::Mat near, near_f;
  cv::dilate(hard, near, disk(edge));
  near &= outer;
  near.setTo(0, face_guard);
  near.convertTo(near_f, CV_32F, 1.0 / 255);
  cv::Mat core;
  cv::erode(hard, core, disk(2));
  bg.alpha = soft.mul(near_f);
  bg.alpha.setTo(1.0, core);
  cv::GaussianBlur(bg.alpha, bg.alpha, cv::Size(), 1.0);
  return bg;
}

}  // namespace gradphoto::variants
