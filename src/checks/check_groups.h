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

// colour_checks.cpp
CheckResult checkColour(const CheckContext&, const CheckLimits&);

// pose_checks.cpp
CheckResult checkRoll(const CheckContext&, const CheckLimits&);
CheckResult checkYaw(const CheckContext&, const CheckLimits&);
CheckResult checkPitch(const CheckContext&, const CheckLimits&);

// background_checks.cpp
CheckResult checkBackgroundColour(const CheckContext&, const CheckLimits&);
CheckResult checkBackgroundUniform(const CheckContext&, const CheckLimits&);
CheckResult checkClothingContrast(const CheckContext&, const CheckLimits&);
CheckResult checkClothingPattern(const CheckContext&, const CheckLimits&);

// face_region_checks.cpp (measures in face_region_measures.cpp)
CheckResult checkEyesOpen(const CheckContext&, const CheckLimits&);
CheckResult checkEyesGaze(const CheckContext&, const CheckLimits&);
CheckResult checkMouthClosed(const CheckContext&, const CheckLimits&);
CheckResult checkRedEye(const CheckContext&, const CheckLimits&);
CheckResult checkGlassesGlare(const CheckContext&, const CheckLimits&);
CheckResult checkHairCovering(const CheckContext&, const CheckLimits&);
CheckResult checkEarsVisible(const CheckContext&, const CheckLimits&);

// body_checks.cpp
CheckResult checkShouldersLevel(const CheckContext&, const CheckLimits&);
CheckResult checkBodySquare(const CheckContext&, const CheckLimits&);
CheckResult checkHeadCovering(const CheckContext&, const CheckLimits&);
CheckResult checkJewellery(const CheckContext&, const CheckLimits&);

// image_quality_checks.cpp (measures in image_quality_measures.cpp)
CheckResult checkSharpness(const CheckContext&, const CheckLimits&);
CheckResult checkExposure(const CheckContext&, const CheckLimits&);
CheckResult checkLightEvenness(const CheckContext&, const CheckLimits&);
CheckResult checkHighlights(const CheckContext&, const CheckLimits&);

// authenticity_checks.cpp (measures in image_quality_measures.cpp)
CheckResult checkRetouch(const CheckContext&, const CheckLimits&);
CheckResult checkRecapture(const CheckContext&, const CheckLimits&);

}  // namespace gradphoto
