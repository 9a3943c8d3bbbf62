// image.sharpness, image.exposure, light.evenness, light.highlights: whether the
// face is sharp, well exposed and evenly lit, without shine. Each looks at the
// face in the output crop (measures in image_quality_measures.cpp).
#include <cmath>

#include "checks/check.h"
#include "checks/check_groups.h"
#include "checks/image_quality_measures.h"

namespace gradphoto {
namespace {

const Bilingual kFaceTooSmall{"脸部可见区域太小或不在照片内，无法检查此项。",
                              "Too little of the face is visible in the photo to check this."};

std::string percent(double share) { return formatNumber(100 * share, 1) + "%"; }

}  // namespace

CheckResult checkSharpness(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("image.sharpness", limits, kNeedsOneFace);
  const image_quality::Sharpness s = image_quality::sharpness(context);
  if (!s.measured) return notMeasurableResult("image.sharpness", limits, kFaceTooSmall);
  const std::string value = formatNumber(s.value, 2);
  // Block edges well beyond a camera JPEG's: the photo was compressed too hard.
  const bool compressed = s.value < s.detail_ratio;
  Bilingual low;
  if (compressed) {
    low = {"照片压缩过度，脸部出现方块和细节丢失（清晰度 " + value + "，压缩块边缘强度 " +
               formatNumber(s.blockiness, 1) + "）：请上传相机原图，不要用截图或经聊天软件压缩过的图片。",
           "The photo is compressed so hard that the face shows blocks and lost detail (sharpness " + value +
               ", block-edge strength " + formatNumber(s.blockiness, 1) +
               "): upload the camera's original, not a screenshot or a copy compressed by a chat app."};
  } else {
    low = {"照片不够清晰（清晰度 " + value + "）：可能对焦不准、手抖或照片被放大过。请在光线充足处重拍，"
               "拍照时保持手机稳定、对焦在脸上，并上传相机原图。",
           "The photo is not sharp (sharpness " + value + "): out of focus, shaken or enlarged. Retake in good "
               "light, hold the phone still, focus on the face and upload the camera's original."};
  }
  return measuredResult("image.sharpness", s.value, limits,
                        {{"照片清晰（清晰度 " + value + "）。", "The photo is sharp (sharpness " + value + ")."},
                         low,
                         {"", ""}});
}

CheckResult checkExposure(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("image.exposure", limits, kNeedsOneFace);
  const image_quality::Exposure e = image_quality::exposure(context);
  if (!e.measured) return notMeasurableResult("image.exposure", limits, kFaceTooSmall);
  const std::string value = formatNumber(e.highlight_l, 0);
  return measuredResult(
      "image.exposure", e.highlight_l, limits,
      {{"脸部曝光正常（亮部亮度 L* " + value + "）。", "The face is well exposed (lit parts at L* " + value + ")."},
       {"脸部太暗（亮部亮度 L* " + value + "）：请面向光源或在正面补光后重拍，不要背对窗户或灯光。",
        "The face is too dark (lit parts at L* " + value +
            "): retake facing the light or with light from the front, not with a window or lamp behind you."},
       {"脸部过亮、发白（亮部亮度 L* " + value + "，" + percent(e.clipped_share) +
            " 的皮肤已过曝）：请减弱灯光、关闭闪光灯或降低曝光后重拍。",
        "The face is overexposed and washed out (lit parts at L* " + value + ", " + percent(e.clipped_share) +
            " of the skin blown out): retake with softer light, without flash or with lower exposure."}});
}

CheckResult checkLightEvenness(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("light.evenness", limits, kNeedsOneFace);
  const image_quality::Evenness e = image_quality::evenness(context);
  if (!e.measured) return notMeasurableResult("light.evenness", limits, kFaceTooSmall);
  const double ratio = e.ratio();
  const std::string darker = percent(1 - ratio);
  // The image-left cheek is the student's right one on a non-mirrored photo.
  const std::string side_zh = e.left_darker ? "右脸（照片左侧）" : "左脸（照片右侧）";
  const std::string side_en = e.left_darker ? "right cheek (image left)" : "left cheek (image right)";
  return measuredResult(
      "light.evenness", ratio, limits,
      {{"脸部光线均匀（两侧脸颊亮度比 " + formatNumber(ratio, 2) + "）。",
        "The face is evenly lit (cheek brightness ratio " + formatNumber(ratio, 2) + ")."},
       {"脸部光线不均匀（阴阳脸）：你的" + side_zh + "比另一侧暗 " + darker +
            "。请让光线从正面均匀照射（例如面向窗户），或在暗的一侧补光后重拍。",
        "Uneven light on the face: your " + side_en + " is " + darker +
            " darker than the other. Retake with even light from the front (face a window) or add light on the "
            "dark side."},
       {"", ""}});
}

CheckResult checkHighlights(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("light.highlights", limits, kNeedsOneFace);
  const double share = image_quality::specularShare(context);
  if (std::isnan(share)) return notMeasurableResult("light.highlights", limits, kFaceTooSmall);
  const double value = 100 * share;  // the profile's limits are in percent of the face skin
  return measuredResult(
      "light.highlights", value, limits,
      {{"脸上没有明显反光（反光面积 " + formatNumber(value, 1) + "%）。",
        "No noticeable shine on the face (" + formatNumber(value, 1) + "% of the skin)."},
       {"", ""},
       {"脸上有油光或反光（额头、鼻梁等处，占皮肤 " + formatNumber(value, 1) +
            "%）：请擦去汗水和油光（可用吸油纸），避免闪光灯或强光直射后重拍。",
        "Shine on the face (forehead, nose bridge..., " + formatNumber(value, 1) +
            "% of the skin): blot sweat and oil (blotting paper helps) and retake without flash or harsh direct "
            "light."}});
}

}  // namespace gradphoto
