#include "checks/check.h"

#include <cmath>
#include <cstdio>

namespace gradphoto {

const char* verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass: return "pass";
    case Verdict::kWarn: return "warn";
    case Verdict::kFail: return "fail";
    case Verdict::kNotMeasurable: return "not_measurable";
  }
  return "not_measurable";
}

Verdict judge(double value, const CheckLimits& limits) {
  if (std::isnan(value)) return Verdict::kNotMeasurable;
  // NaN limits compare false, so absent limits never trigger.
  if (value < limits.min_fail || value > limits.max_fail) return Verdict::kFail;
  if (value < limits.min_warn || value > limits.max_warn) return Verdict::kWarn;
  return Verdict::kPass;
}

CheckResult measuredResult(const std::string& id, double value, const CheckLimits& limits, const CheckText& text) {
  CheckResult result;
  result.id = id;
  result.value = value;
  result.limits = limits;
  result.verdict = judge(value, limits);
  const bool low = value < limits.min_fail || value < limits.min_warn;
  const Bilingual& message = result.verdict == Verdict::kPass ? text.ok : low ? text.too_low : text.too_high;
  result.message_zh = message.zh;
  result.message_en = message.en;
  return result;
}

CheckResult notMeasurableResult(const std::string& id, const CheckLimits& limits, const Bilingual& reason) {
  CheckResult result;
  result.id = id;
  result.limits = limits;
  result.verdict = Verdict::kNotMeasurable;
  result.message_zh = reason.zh;
  result.message_en = reason.en;
  return result;
}

std::string formatNumber(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace gradphoto
