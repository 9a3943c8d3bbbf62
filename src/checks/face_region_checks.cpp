// eyes.open, eyes.gaze, mouth.closed, eyes.redeye, glasses.glare, hair.covering,
// ears.visible: what the eyes, mouth, brows and ears show. Each measure looks at
// a region of the output crop cut out by Face Mesh points; region sizes are given
// as fractions of the eye width (or face width), so the numbers do not depend on
// the profile's output size.
#include <algorithm>
#include <cmath>
#include <string>

#include "checks/check.h"
#include "checks/check_groups.h"
#include "checks/face_region_measures.h"

namespace gradphoto {
namespace {

std::string percent(double share) { return formatNumber(100 * share, 1) + "%"; }

const Bilingual kEyesNotFound{"看不清虹膜（眼睛闭着、在照片中太小或被反光遮住），无法检查此项。",
                              "The irises cannot be made out (eyes closed, too small in the photo, or hidden by "
                              "glare), so this cannot be checked."};

}  // namespace

CheckResult checkEyesOpen(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("eyes.open", limits, kNeedsOneFace);
  const double openness = face_region::eyeOpenness(context);
  return measuredResult(
      "eyes.open", openness, limits,
      {{"双眼睁开（较小一只眼的睁开度 " + formatNumber(openness, 2) + "）。",
        "Both eyes open (openness of the smaller eye " + formatNumber(openness, 2) + ")."},
       {"眼睛没有完全睁开（睁开度 " + formatNumber(openness, 2) + "）：请自然睁大双眼重拍，不要眯眼或眨眼。",
        "Eyes not fully open (openness " + formatNumber(openness, 2) +
            "): retake with both eyes naturally open, not squinting or blinking."},
       {"", ""}});
}

CheckResult checkEyesGaze(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("eyes.gaze", limits, kNeedsOneFace);
  const face_region::Gaze gaze = face_region::gazeOffset(context);
  if (!gaze.measured) return notMeasurableResult("eyes.gaze", limits, kEyesNotFound);
  const double offset = std::abs(gaze.offset);
  // Image-right on a non-mirrored photo is the student's left.
  const bool to_students_left = gaze.offset > 0;
  return measuredResult(
      "eyes.gaze", offset, limits,
      {{"视线朝向镜头（瞳孔偏离眼睛中心 " + percent(offset) + " 眼宽）。",
        "Looking into the lens (pupils " + percent(offset) + " of the eye width off centre)."},
       {"", ""},
       {std::string("视线可能偏向") + (to_students_left ? "左" : "右") + "侧（瞳孔偏离眼睛中心 " + percent(offset) +
            " 眼宽）：请直视镜头；如确已直视镜头，请人工确认。",
        std::string("You may be looking to your ") + (to_students_left ? "left" : "right") + " (pupils " +
            percent(offset) + " of the eye width off centre): look straight into the lens; if you did, please check by eye."}});
}

CheckResult checkMouthClosed(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("mouth.closed", limits, kNeedsOneFace);
  const face_region::MouthOpening mouth = face_region::mouthOpening(context);
  if (!mouth.measured) {
    return notMeasurableResult("mouth.closed", limits,
                               {"嘴部不在照片内，无法检查此项。", "The mouth is outside the photo, so this cannot be checked."});
  }
  const double value = mouth.opening();
  const bool teeth = mouth.teeth_height >= mouth.cavity_height;
  return measuredResult(
      "mouth.closed", value, limits,
      {{"嘴唇自然闭合。", "Lips naturally closed."},
       {"", ""},
       {teeth ? "照片中露出牙齿（约 " + percent(value) + " 嘴宽高）：请自然闭上嘴唇，不要露齿微笑。"
              : "嘴巴张开（开口约 " + percent(value) + " 嘴宽高）：请自然闭上嘴唇重拍。",
        teeth ? "Teeth showing (about " + percent(value) +
                    " of the mouth width high): close your lips naturally, no toothy smile."
              : "Mouth open (about " + percent(value) + " of the mouth width high): retake with your lips naturally closed."}});
}

CheckResult checkRedEye(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("eyes.redeye", limits, kNeedsOneFace);
  const double share = face_region::redEyeShare(context);
  if (std::isnan(share)) return notMeasurableResult("eyes.redeye", limits, kEyesNotFound);
  return measuredResult(
      "eyes.redeye", share, limits,
      {{"没有红眼。", "No red-eye."},
       {"", ""},
       {"瞳孔发红（红眼，瞳孔区域 " + percent(share) + " 为红色）：请关闭闪光灯或开启防红眼功能后重拍，不要用修图去除。",
        "Red-eye (" + percent(share) + " of the pupil area is red): retake without flash or with red-eye reduction; do not retouch it."}});
}

CheckResult checkGlassesGlare(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("glasses.glare", limits, kNeedsOneFace);
  const double share = face_region::glareShare(context);
  if (std::isnan(share)) {
    return notMeasurableResult("glasses.glare", limits,
                               {"眼部不在照片内，无法检查此项。", "The eyes are outside the photo, so this cannot be checked."});
  }
  return measuredResult(
      "glasses.glare", share, limits,
      {{"眼部没有明显反光。", "No glare around the eyes."},
       {"", ""},
       {"眼部可能有反光（眼周 " + percent(share) + " 为高光）：如戴眼镜，请调整角度或灯光避免镜片反光，或摘下眼镜；请人工确认。",
        "There may be glare around the eyes (" + percent(share) +
            " of the eye area is blown-out highlight): if you wear glasses, tilt them or move the light so the lenses do "
            "not reflect, or take them off; please check by eye."}});
}

CheckResult checkHairCovering(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("hair.covering", limits, kNeedsOneFace);
  const double share = face_region::hairOverBrowsShare(context);
  if (std::isnan(share)) {
    return notMeasurableResult("hair.covering", limits,
                               {"眉毛上方不在照片内，无法检查此项。",
                                "The forehead above the brows is outside the photo, so this cannot be checked."});
  }
  return measuredResult(
      "hair.covering", share, limits,
      {{"眉毛和眼睛没有被头发遮挡。", "Eyebrows and eyes not covered by hair."},
       {"", ""},
       {"头发可能遮住了眉毛或眼睛（眉毛上方 " + percent(share) + " 像头发一样暗）：请把刘海梳到眉毛以上或别到耳后；请人工确认。",
        "Hair may cover your eyebrows or eyes (" + percent(share) +
            " of the forehead just above the brows is as dark as hair): comb your fringe above the brows or behind your "
            "ears; please check by eye."}});
}

CheckResult checkEarsVisible(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("ears.visible", limits, kNeedsOneFace);
  const face_region::Ears ears = face_region::earSkinShares(context);
  if (!ears.measured) {
    return notMeasurableResult("ears.visible", limits,
                               {"耳朵位置不在照片内，无法检查此项。", "The ears are outside the photo, so this cannot be checked."});
  }
  const double share = std::min(ears.left, ears.right);
  // Image-left is the student's right ear on a non-mirrored photo.
  const bool right_ear = ears.left <= ears.right;
  return measuredResult(
      "ears.visible", share, limits,
      {{"双耳可见。", "Both ears visible."},
       {std::string("可能看不到") + (right_ear ? "右" : "左") + "耳（耳朵区域仅 " + percent(share) +
            " 像皮肤）：请把头发别到耳后，露出双耳；请人工确认。",
        std::string("Your ") + (right_ear ? "right" : "left") + " ear may not be visible (only " + percent(share) +
            " of the ear area looks like skin): tuck your hair behind your ears; please check by eye."},
       {"", ""}});
}

}  // namespace gradphoto
