// The check functions, one group per file (face_geometry_checks.cpp, ...), listed
// in report order by registry.cpp.
#pragma once

#include "checks/check.h"

namespace gradphoto {

extern const Bilingual kNeedsOneFace;

// face_geometry_checks.cpp
CheckResult checkFaceCount(const CheckContext&, const CheckLimits&);
CheckResult checkFacePosition(const CheckContext&, const CheckLimits&);
CheckResult checkCrown(const CheckContext&, const CheckLimits&);
CheckResult checkEyeLine(const CheckContext&, const CheckLimits&);
CheckResult checkFaceWidth(const CheckContext&, const CheckLimits&);
CheckResult checkResolution(const CheckContext&, const CheckLimits&);

// pose_checks.cpp
CheckResult checkRoll(const CheckContext&, const CheckLimits&);
CheckResult checkYaw(const CheckContext&, const CheckLimits&);
CheckResult checkPitch(const CheckContext&, const CheckLimits&);

}  // namespace gradphoto
