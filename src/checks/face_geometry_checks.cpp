// face.count, face.position, geometry.crown, geometry.eye_line, geometry.face_width,
// image.resolution: where the head sits in the output crop, and whether the photo
// has the pixels for it.
#include <cmath>

#include "checks/check.h"
#include "checks/check_groups.h"

namespace gradphoto {
namespace {

std::string px(double value) { return formatNumber(value, 1) + " px"; }

}  // namespace

const Bilingual kNeedsOneFace{"需要照片中恰好有一张人脸才能检查此项。",
                              "This needs exactly one face in the photo."};

CheckResult checkFaceCount(const CheckContext& context, const CheckLimits& limits) {
  const double count = static_cast<double>(context.analysis->faces.size());
  return measuredResult("face.count", count, limits,
                        {{"照片中有一张人脸。", "One face in the photo."},
                         {"没有找到人脸：请正对镜头，露出完整面部，光线充足。",
                          "No face found: face the camera with your whole face visible and well lit."},
                         {"照片中有 " + formatNumber(count, 0) + " 张人脸：只能有你一个人，背景里不能有其他人。",
                          formatNumber(count, 0) + " faces found: only you may be in the photo, nobody in the background."}});
}

CheckResult checkFacePosition(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("face.position", limits, kNeedsOneFace);
  const KeyPoints& k = context.face_out.key_points;
  const double centre = (k.face_left.x + k.face_right.x) / 2;
  const double offset = std::abs(centre - context.profile->output.width / 2.0);
  const std::string shift = centre < context.profile->output.width / 2.0 ? "左" : "右";
  return measuredResult(
      "face.position", offset, limits,
      {{"头部水平居中（偏移 " + px(offset) + "）。", "Head centred (off by " + px(offset) + ")."},
       {"", ""},
       {"头部偏" + shift + " " + px(offset) + "，无法居中：请站在画面正中重拍。",
        "Head is " + px(offset) + " off centre and cannot be centred: retake standing in the middle."}});
}

CheckResult checkCrown(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("geometry.crown", limits, kNeedsOneFace);
  if (!context.crown_found) {
    return notMeasurableResult("geometry.crown", limits,
                               {"背景不够单一，无法找到头顶位置：请在纯色背景前拍摄。",
                                "The top of the head cannot be found against this background: use a plain background."});
  }
  if (context.segmentation.crown_touches_top) {
    CheckResult result = measuredResult("geometry.crown", context.crown_out, limits, {});
    result.verdict = Verdict::kFail;
    result.message_zh = "头顶被照片上边缘切掉：请重拍，头顶上方要留出空间。";
    result.message_en = "The top of the head is cut off by the photo's top edge: retake with space above your head.";
    return result;
  }
  const double crown = context.crown_out;
  return measuredResult("geometry.crown", crown, limits,
                        {{"头顶距上边缘 " + px(crown) + "，符合要求。", "Crown " + px(crown) + " below the top edge: fine."},
                         {"头顶离上边缘太近（" + px(crown) + "）：" + context.crop.reason_zh,
                          "Crown too close to the top edge (" + px(crown) + "). " + context.crop.reason_en},
                         {"头顶离上边缘太远（" + px(crown) + "）：" + context.crop.reason_zh,
                          "Crown too far below the top edge (" + px(crown) + "). " + context.crop.reason_en}});
}

CheckResult checkEyeLine(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("geometry.eye_line", limits, kNeedsOneFace);
  const KeyPoints& k = context.face_out.key_points;
  const double eyes = (k.eye_left.y + k.eye_right.y) / 2;
  return measuredResult("geometry.eye_line", eyes, limits,
                        {{"眼睛距上边缘 " + px(eyes) + "，符合要求。", "Eye line " + px(eyes) + " from the top: fine."},
                         {"眼睛位置太高（" + px(eyes) + "）：" + context.crop.reason_zh,
                          "Eye line too high (" + px(eyes) + "). " + context.crop.reason_en},
                         {"眼睛位置太低（" + px(eyes) + "）：" + context.crop.reason_zh,
                          "Eye line too low (" + px(eyes) + "). " + context.crop.reason_en}});
}

CheckResult checkFaceWidth(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("geometry.face_width", limits, kNeedsOneFace);
  const KeyPoints& k = context.face_out.key_points;
  const double width = std::hypot(k.face_right.x - k.face_left.x, k.face_right.y - k.face_left.y);
  return measuredResult("geometry.face_width", width, limits,
                        {{"脸宽 " + px(width) + "，符合要求。", "Face width " + px(width) + ": fine."},
                         {"脸在照片中太小（" + px(width) + "）：" + context.crop.reason_zh,
                          "Face too small in the photo (" + px(width) + "). " + context.crop.reason_en},
                         {"脸在照片中太大（" + px(width) + "）：" + context.crop.reason_zh,
                          "Face too large in the photo (" + px(width) + "). " + context.crop.reason_en}});
}

CheckResult checkResolution(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("image.resolution", limits, kNeedsOneFace);
  // Photo pixels behind each output pixel: below 1 the output would be enlarged,
  // inventing detail the camera never recorded.
  const double source_per_output = 1.0 / context.crop.scale;
  return measuredResult("image.resolution", source_per_output, limits,
                        {{"照片像素充足（每个输出像素对应 " + formatNumber(source_per_output, 2) + " 个原始像素）。",
                          "Enough pixels (" + formatNumber(source_per_output, 2) + " photo pixels per output pixel)."},
                         {"照片分辨率不足，需要放大 " + formatNumber(1 / source_per_output, 2) +
                              " 倍才能达到规定尺寸：请用相机原图，不要用截图或压缩过的图片。",
                          "Not enough pixels: the photo would need enlarging " + formatNumber(1 / source_per_output, 2) +
                              "x. Use the camera's original, not a screenshot or a compressed copy."},
                         {"", ""}});
}

}  // namespace gradphoto
