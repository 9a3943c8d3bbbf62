#include "source_inputs.h"

#include <fstream>
#include <iterator>

#include "gradphoto/image_file.h"

namespace gradphoto::variants {

bool decodeToMat(const std::string& path, cv::Mat& out, std::string& why) {
  DecodedImage image;
  Error error;
  if (!decodeImageFile(path, image, error)) {
    why = error.message_en;
    return false;
  }
  out = cv::Mat(image.height, image.width, CV_8UC3, image.pixels.data()).clone();
  return true;
}

bool readFileBytes(const std::string& path, std::vector<std::uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

const cv::Mat& SourceInputs::bgr() {
  if (!bgr_) {
    bgr_.emplace();
    if (!decodeToMat(source_.path, *bgr_, why)) bgr_->release();
  }
  return *bgr_;
}

const FaceGeometry* SourceInputs::face() {
  if (!face_) {
    face_.emplace();
    FaceGeometry geometry;
    if (!bgr().empty() && analyzeFace(analyzer_, bgr(), geometry, why)) face_->emplace(std::move(geometry));
  }
  if (!*face_) why = "no face found in " + source_.relative;
  return *face_ ? &**face_ : nullptr;
}

const Background* SourceInputs::background() {
  if (!face()) return nullptr;
  if (!background_) background_ = segmentBackground(bgr(), *face());
  return &*background_;
}

const Clothing* SourceInputs::clothing() {
  if (!background()) return nullptr;
  if (!clothing_) {
    clothing_.emplace();
    Clothing c = segmentClothing(bgr(), *face(), *background());
    // Under 0.5% of the photo is not a usable clothing region (the tightest
    // source crop, canada 049f, shows 1.2%).
    if (c.area_fraction >= 0.005) clothing_->emplace(std::move(c));
  }
  if (!*clothing_) why = "no clothing region found in " + source_.relative;
  return *clothing_ ? &**clothing_ : nullptr;
}

const cv::Mat& SourceInputs::smile() {
  if (!smile_) {
    smile_.emplace();
    if (source_.smiling_path.empty() || !decodeToMat(source_.smiling_path, *smile_, why)) smile_->release();
  }
  return *smile_;
}

const FaceGeometry* SourceInputs::smileFace() {
  if (!smile_face_) {
    smile_face_.emplace();
    FaceGeometry geometry;
    if (!smile().empty() && analyzeFace(analyzer_, smile(), geometry, why)) smile_face_->emplace(std::move(geometry));
  }
  if (!*smile_face_) why = "no smiling photo with a face for " + source_.relative;
  return *smile_face_ ? &**smile_face_ : nullptr;
}

const Pupils* SourceInputs::pupils() {
  if (!pupils_) {
    pupils_.emplace();
    const std::string tem = source_.path.substr(0, source_.path.find_last_of('.')) + ".tem";
    std::ifstream in(tem);
    int count = 0;
    Pupils p;
    if (in >> count >> p.left.x >> p.left.y >> p.right.x >> p.right.y && count >= 2) pupils_->emplace(p);
  }
  if (!*pupils_) why = "no pupil labels beside " + source_.relative;
  return *pupils_ ? &**pupils_ : nullptr;
}

const cv::Mat& SourceInputs::companion() {
  if (!companion_) {
    companion_.emplace();
    if (source_.companion_path.empty() || !decodeToMat(source_.companion_path, *companion_, why)) companion_->release();
  }
  return *companion_;
}

const FaceGeometry* SourceInputs::companionFace() {
  if (!companion_face_) {
    companion_face_.emplace();
    FaceGeometry geometry;
    if (!companion().empty() && analyzeFace(analyzer_, companion(), geometry, why))
      companion_face_->emplace(std::move(geometry));
  }
  if (!*companion_face_) why = "no companion photo with a face for " + source_.relative;
  return *companion_face_ ? &**companion_face_ : nullptr;
}

const Background* SourceInputs::companionBackground() {
  if (!companionFace()) return nullptr;
  if (!companion_background_) companion_background_ = segmentBackground(companion(), *companionFace());
  return &*companion_background_;
}

}  // namespace gradphoto::variants
