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
