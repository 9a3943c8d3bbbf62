// pose.roll, pose.yaw, pose.pitch: the head upright and facing the camera.
#include <cmath>

#include "checks/check.h"
#include "checks/check_groups.h"

namespace gradphoto {
namespace {

std::string degrees(double value) { return formatNumber(value, 1) + "°"; }

CheckResult poseResult(const char* id, double angle, const CheckLimits& limits, const Bilingual& good,
                       const Bilingual& bad) {
  // Limits are on the size of the angle; the advice says which way to turn.
  return measuredResult(id, std::abs(angle), limits, {good, bad, bad});
}

}  // namespace

CheckResult checkRoll(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("pose.roll", limits, kNeedsOneFace);
  const double roll = context.face->pose.roll;
  const bool leans_right = roll > 0;  // toward the image's right = the student's left
  return poseResult("pose.roll", roll, limits, {"头部端正（倾斜 " + degrees(std::abs(roll)) + "）。", "Head level (tilted " + degrees(std::abs(roll)) + ")."},
                    {std::string("头部向") + (leans_right ? "左肩" : "右肩") + "倾斜 " + degrees(std::abs(roll)) +
                         "：请摆正头部，两眼保持水平。",
                     "Head tilted " + degrees(std::abs(roll)) + " toward your " + (leans_right ? "left" : "right") +
                         " shoulder: straighten it so your eyes are level."});
}

CheckResult checkYaw(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("pose.yaw", limits, kNeedsOneFace);
  const double yaw = context.face->pose.yaw;
  const bool turned_right = yaw > 0;  // toward the image's right = the student's left
  return poseResult("pose.yaw", yaw, limits, {"正对镜头（转动 " + degrees(std::abs(yaw)) + "）。", "Facing the camera (turned " + degrees(std::abs(yaw)) + ")."},
                    {std::string("脸向") + (turned_right ? "左" : "右") + "转了 " + degrees(std::abs(yaw)) + "：请正对镜头。",
                     "Face turned " + degrees(std::abs(yaw)) + " to your " + (turned_right ? "left" : "right") +
                         ": face the camera squarely."});
}

CheckResult checkPitch(const CheckContext& context, const CheckLimits& limits) {
  if (context.face == nullptr) return notMeasurableResult("pose.pitch", limits, kNeedsOneFace);
  const double pitch = context.face->pose.pitch;
  const bool raised = pitch > 0;
  return poseResult("pose.pitch", pitch, limits, {"头部不仰不低（" + degrees(std::abs(pitch)) + "）。", "Head neither raised nor lowered (" + degrees(std::abs(pitch)) + ")."},
                    {std::string(raised ? "抬头" : "低头") + " " + degrees(std::abs(pitch)) + "：请平视镜头，下巴放平。",
                     std::string(raised ? "Chin raised " : "Head lowered ") + degrees(std::abs(pitch)) +
                         ": look straight into the lens with your chin level."});
}

}  // namespace gradphoto
