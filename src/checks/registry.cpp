// Every check, in the order the report lists them (before sorting by verdict).
#include "checks/check_groups.h"

namespace gradphoto {

const std::vector<CheckDefinition>& allChecks() {
  static const std::vector<CheckDefinition> checks = {
      {"face.count", checkFaceCount},
      {"face.position", checkFacePosition},
      {"geometry.crown", checkCrown},
      {"geometry.eye_line", checkEyeLine},
      {"geometry.face_width", checkFaceWidth},
      {"pose.roll", checkRoll},
      {"pose.yaw", checkYaw},
      {"pose.pitch", checkPitch},
      {"image.resolution", checkResolution},
      {"image.colour", checkColour},  // colour_checks.cpp
      // image_quality_checks.cpp, authenticity_checks.cpp: sharpness, light, editing, recapture
      {"image.sharpness", checkSharpness},
      {"image.exposure", checkExposure},
      {"light.evenness", checkLightEvenness},
      {"light.highlights", checkHighlights},
      {"retouch.suspected", checkRetouch},
      {"recapture.suspected", checkRecapture},
      // face_region_checks.cpp: eyes, mouth, brows and ears
      {"eyes.open", checkEyesOpen},
      {"eyes.gaze", checkEyesGaze},
      {"eyes.redeye", checkRedEye},
      {"glasses.glare", checkGlassesGlare},
      {"hair.covering", checkHairCovering},
      {"ears.visible", checkEarsVisible},
      {"mouth.closed", checkMouthClosed},
      // background_checks.cpp, body_checks.cpp: backdrop, posture, what is worn
      {"background.colour", checkBackgroundColour},
      {"background.uniform", checkBackgroundUniform},
      {"shoulders.level", checkShouldersLevel},
      {"body.square", checkBodySquare},
      {"clothing.contrast", checkClothingContrast},
      {"clothing.pattern", checkClothingPattern},
      {"head.covering", checkHeadCovering},
      {"accessories.jewellery", checkJewellery},
  };
  return checks;
}

const std::vector<std::string>& knownCheckIds() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const CheckDefinition& check : allChecks()) out.push_back(check.id);
    return out;
  }();
  return ids;
}

}  // namespace gradphoto
