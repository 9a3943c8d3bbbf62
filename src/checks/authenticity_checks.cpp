// retouch.suspected, recapture.suspected: evidence that the photo was beautified
// or retouched (美颜/PS), or is a photo of a screen or print (翻拍). Both are
// heuristics: they can only warn and ask the student to check.
#include <string>

#include "checks/check.h"
#include "checks/check_groups.h"
#include "checks/image_quality_measures.h"

namespace gradphoto {
namespace {

const Bilingual kFaceTooSmall{"脸部可见区域太小或不在照片内，无法检查此项。",
                              "Too little of the face is visible in the photo to check this."};

}  // namespace

CheckResult checkRetouch(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("retouch.suspected", limits, kNeedsOneFace);
  const image_quality::SkinTexture texture = image_quality::skinTexture(context);
  const std::string app =
      image_quality::editingSoftware(image_quality::jpegSoftwareTag(context.file_bytes, context.file_size));
  if (!texture.measured && app.empty()) return notMeasurableResult("retouch.suspected", limits, kFaceTooSmall);

  const std::string value = formatNumber(texture.ratio, 3);
  CheckResult result = measuredResult(
      "retouch.suspected", texture.measured ? texture.ratio : kNoLimit, limits,
      {{"未发现美颜或修图的迹象（皮肤纹理 " + value + "）。", "No sign of beautification or retouching (skin texture " + value + ")."},
       {"脸部皮肤异常平滑、没有纹理（皮肤纹理 " + value +
            "），可能经过美颜或磨皮。学信网不接受美颜、PS 的照片：请上传未经处理的原图；如确未处理，请人工确认。",
        "The skin looks unnaturally smooth, without texture (skin texture " + value +
            "): the photo may have been beautified. CHSI does not accept beautified or retouched photos: upload "
            "the unedited original; if it is unedited, please check by eye."},
       {"", ""}});
  if (!app.empty()) {
    // The file itself names an editor: not a measured number, so never more than a warning.
    if (result.verdict == Verdict::kPass || result.verdict == Verdict::kNotMeasurable) {
      result.verdict = Verdict::kWarn;
      result.message_zh.clear();
      result.message_en.clear();
    } else {
      result.message_zh += " ";
      result.message_en += " ";
    }
    result.message_zh += "照片文件记录它曾用 " + app +
                         " 处理过，可能经过美颜或修图：请上传相机拍摄的原图；如只是裁剪或调整尺寸，请人工确认。";
    result.message_en += "The file records that it was saved by " + app +
                         ": it may have been beautified or retouched. Upload the camera's original; if you only "
                         "cropped or resized it, please check by eye.";
  }
  return result;
}

CheckResult checkRecapture(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("recapture.suspected", limits, kNeedsOneFace);
  const image_quality::ScreenGrid grid = image_quality::screenGrid(context);
  if (!grid.measured) return notMeasurableResult("recapture.suspected", limits, kFaceTooSmall);
  const std::string value = formatNumber(grid.peak_db, 1) + " dB";
  return measuredResult(
      "recapture.suspected", grid.peak_db, limits,
      {{"未发现翻拍的迹象（最强周期纹理 " + value + "）。", "No sign of a photo of a screen or print (strongest periodic pattern " + value + ")."},
       {"", ""},
       {"照片中有规则的网纹（摩尔纹，强度 " + value + "，周期约 " + formatNumber(grid.period_px, 1) +
            " 像素），可能是翻拍屏幕或打印的照片。请直接拍摄本人，不要翻拍；如确为直接拍摄，请人工确认。",
        "The photo shows a regular grid pattern (moire, " + value + ", period about " +
            formatNumber(grid.period_px, 1) +
            " px): it may be a photo of a screen or a print. Photograph yourself directly; if you did, please check "
            "by eye."}});
}

}  // namespace gradphoto
