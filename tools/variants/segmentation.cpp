#include "segmentation.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gradphoto::variants {
namespace {

// Colour distances are CIELAB Delta E (76). Measured on the webmorph sources: the
// background's noise and JPEG ringing stay under 5, the white T-shirts and towels
// sit 10-25 from the grey or lilac backgrounds, skin and hair 30+.
constexpr float kSeedDistance = 14;   // first pass, against the corners' colour
constexpr float kHardDistance = 8;    // against the fitted background: surely background
constexpr float kSoftStart = 4;       // matte: fully background below this ...
constexpr float kSoftEnd = 18;        // ... fully foreground above this
// Clothing folds and shading vary this much (lightness counted half); blonde hair
// lying on a white collar is about 30 away.
constexpr float kClothingDistance = 22;

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

// Keeps the components of mask that touch the chosen image edges.
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

cv::Mat disk(int radius) {
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1});
}

}  // namespace

namespace {

cv::Mat labOf(const cv::Mat& model_bgr) {
  cv::Mat model_lab;
  cv::cvtColor(model_bgr * (1.0 / 255), model_lab, cv::COLOR_BGR2Lab);
  return model_lab;
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

// Local standard deviation of lightness over 7x7 pixels: towelling, knit and
// hair are textured, a backdrop is smooth (only sensor noise and JPEG).
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

// GrabCut (colour mixtures + graph cut) on a copy about 480 px long, seeded with
// what is certain: background = colour-matching pixels on the top edge and on
// the side edges above the chin; person = the face and a column under the chin
// (neck, chest). White clothing on a light backdrop differs from it by less than
// the backdrop's own vignetting, which a colour threshold alone cannot separate.
cv::Mat grabCutBackground(const cv::Mat& bgr, const FaceGeometry& face, const cv::Mat& colour_match,
                          const cv::Mat& textured) {
  const double scale = std::min(1.0, 480.0 / std::max(bgr.cols, bgr.rows));
  cv::Mat small, match;
  cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::resize(colour_match & ~textured, match, small.size(), 0, 0, cv::INTER_AREA);
  match = match > 127;
  const int w = small.cols, h = small.rows, band = std::max(2, w / 50);
  const float chin_y = face.chin.y * scale, chin_x = face.chin.x * scale, fw = face.face_width * scale;

  cv::Mat mask(small.size(), CV_8U, cv::Scalar(cv::GC_PR_FGD));
  mask.setTo(cv::GC_PR_BGD, match);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool edge = y < band || ((x < band || x >= w - band) && y < chin_y);
      if (edge && match.at<uchar>(y, x)) mask.at<uchar>(y, x) = cv::GC_BGD;
      const bool chest = y > chin_y + 0.3f * fw && std::abs(x - chin_x) < 0.3f * fw;
      const bool bottom = y >= h - band && std::abs(x - chin_x) < 0.8f * fw;
      if (chest || bottom) mask.at<uchar>(y, x) = cv::GC_FGD;
    }
  cv::Mat face_small;
  cv::resize(meshHull(bgr.size(), face, kFaceOval), face_small, small.size(), 0, 0, cv::INTER_NEAREST);
  mask.setTo(cv::GC_FGD, face_small);

  cv::Mat bgd_model, fgd_model;
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
  cv::Mat face_guard = meshHull(bgr.size(), face, kFaceOval);
  cv::dilate(face_guard, face_guard, disk(std::max(2, cvRound(face.face_width * 0.05f))));

  cv::Mat corners = cv::Mat::zeros(bgr.size(), CV_8U);
  corners(cv::Rect(0, 0, patch, patch)).setTo(255);
  corners(cv::Rect(w - patch, 0, patch, patch)).setTo(255);
  const cv::Vec3f corner_lab = medianOf(samplesIn(lab, corners, 1));
  cv::Mat bgr_f;
  bgr.convertTo(bgr_f, CV_32FC3);
  bg.reference = medianOf(samplesIn(bgr_f, corners, 1));

  // First colour model from above the chin only, where no clothing can be.
  cv::Mat seed = distanceTo(lab, cv::Mat(bgr.size(), CV_32FC3, cv::Scalar(corner_lab))) < kSeedDistance;
  seed.setTo(0, face_guard);
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
  const cv::Mat cut = grabCutBackground(bgr, face, dist < kHardDistance, textured);
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
  dist = above_hair_line(matteDistance(lab, model_lab), dist);
  cv::Mat hard = inner | (band & (dist < kHardDistance));
  hard.setTo(0, face_guard);
  cv::Mat hair_gaps = hard & band;
  hair_gaps.rowRange(hair_rows, bgr.rows).setTo(0);
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

Clothing segmentClothing(const cv::Mat& bgr, const FaceGeometry& face, const Background& background) {
  Clothing clothing;
  const int w = bgr.cols, h = bgr.rows;
  clothing.alpha = cv::Mat::zeros(bgr.size(), CV_32F);

  // Skin chroma (Cr, Cb) statistics from the face: neck and chest share them.
  cv::Mat ycrcb;
  cv::cvtColor(bgr, ycrcb, cv::COLOR_BGR2YCrCb);
  const cv::Mat skin_face = skinAlpha(bgr.size(), face) > 0.9;
  cv::Mat chroma_samples;
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      if (skin_face.at<uchar>(y, x)) {
        const cv::Vec3b p = ycrcb.at<cv::Vec3b>(y, x);
        chroma_samples.push_back(cv::Mat(cv::Matx12f(p[1], p[2])));
      }
  if (chroma_samples.rows < 100) return clothing;
  cv::Mat cov, mean;
  cv::calcCovarMatrix(chroma_samples, cov, mean, cv::COVAR_NORMAL | cv::COVAR_ROWS | cv::COVAR_SCALE, CV_64F);
  cov += cv::Mat::eye(2, 2, CV_64F) * 4.0;  // JPEG chroma is coarse: never trust a tiny spread
  const cv::Mat icov = cov.inv();
  const double mcr = mean.at<double>(0), mcb = mean.at<double>(1);
  const double a = icov.at<double>(0, 0), b = icov.at<double>(0, 1), d = icov.at<double>(1, 1);

  // Clothing is below the mouth (collars and shoulders rise beside the neck) and
  // outside the face.
  cv::Mat face_area = meshHull(bgr.size(), face, kFaceOval);
  cv::dilate(face_area, face_area, disk(std::max(2, cvRound(face.face_width * 0.05f))));
  const float below_mouth = std::max(face.mouth_left.y, face.mouth_right.y);
  cv::Mat candidate = cv::Mat::zeros(bgr.size(), CV_8U);
  for (int y = std::clamp(cvFloor(below_mouth), 0, h); y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (background.hard.at<uchar>(y, x) || face_area.at<uchar>(y, x)) continue;
      const cv::Vec3b p = ycrcb.at<cv::Vec3b>(y, x);
      const double u = p[1] - mcr, v = p[2] - mcb;
      const double mahalanobis2 = a * u * u + 2 * b * u * v + d * v * v;
      if (mahalanobis2 > 16) candidate.at<uchar>(y, x) = 255;  // beyond 4 sigma: not skin
    }

  // Reference colour: the non-skin foreground along the bottom eighth of the photo.
  const cv::Mat lab = toLab(bgr);
  cv::Mat bottom_band = cv::Mat::zeros(bgr.size(), CV_8U);
  bottom_band.rowRange(h - h / 8, h).setTo(255);
  const std::vector<cv::Vec3f> ref_samples = samplesIn(lab, candidate & bottom_band, 2);
  if (ref_samples.size() < 200) return clothing;
  const cv::Vec3f ref_lab = medianOf(ref_samples);

  // Lightness counts half: folds and shading change it more than the fabric's colour.
  cv::Mat diff = lab - cv::Scalar(ref_lab), sq, dist;
  cv::multiply(diff, diff, sq);
  cv::transform(sq, dist, cv::Matx13f(0.25f, 1, 1));
  cv::sqrt(dist, dist);
  cv::Mat hard = (dist < kClothingDistance) & candidate;
  cv::morphologyEx(hard, hard, cv::MORPH_OPEN, disk(std::max(1, w / 400)));
  hard = connectedToEdges(hard, false, true, true);
  cv::morphologyEx(hard, hard, cv::MORPH_CLOSE, disk(std::max(2, w / 200)));
  hard &= ~background.hard;
  clothing.area_fraction = cv::countNonZero(hard) / static_cast<double>(w * h);

  cv::Mat bgr_f;
  bgr.convertTo(bgr_f, CV_32FC3);
  clothing.reference = medianOf(samplesIn(bgr_f, hard, 2));
  // The backdrop beside the clothing, from the clothing's top to the bottom edge
  // (the fitted model is not trusted this far below where the backdrop is seen).
  const cv::Rect box = cv::boundingRect(hard);
  cv::Mat beside = background.hard.clone();
  beside.rowRange(0, std::max(0, box.y - h / 10)).setTo(0);
  std::vector<cv::Vec3f> backdrop = samplesIn(bgr_f, beside, 2);
  clothing.backdrop_nearby = backdrop.size() > 200 ? medianOf(backdrop) : background.reference;
  hard.convertTo(clothing.alpha, CV_32F, 1.0 / 255);
  cv::GaussianBlur(clothing.alpha, clothing.alpha, cv::Size(), std::max(1.0, w / 900.0));
  // Never more clothing than the background matte leaves: no rim where they meet.
  const cv::Mat not_background = 1.0 - background.alpha;
  clothing.alpha = cv::min(clothing.alpha, not_background);
  return clothing;
}

}  // namespace gradphoto::variants
