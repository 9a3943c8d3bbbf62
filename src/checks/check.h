// One check = a measure on the photo, compared with the profile's limits for its
// id, with a message that tells the student what to change. The verdict logic is
// shared (judge); each check only measures and words its advice.
#pragma once

#include <string>
#include <vector>

#include "checks/check_context.h"
#include "gradphoto/report.h"

namespace gradphoto {

struct Bilingual {
  std::string zh;
  std::string en;
};

// What to say when the value is within limits, too low, or too high.
struct CheckText {
  Bilingual ok;
  Bilingual too_low;
  Bilingual too_high;
};

Verdict judge(double value, const CheckLimits& limits);

CheckResult measuredResult(const std::string& id, double value, const CheckLimits& limits, const CheckText& text);
CheckResult notMeasurableResult(const std::string& id, const CheckLimits& limits, const Bilingual& reason);

// "%.1f" without locale surprises.
std::string formatNumber(double value, int decimals = 1);

using CheckFunction = CheckResult (*)(const CheckContext&, const CheckLimits&);

struct CheckDefinition {
  const char* id;
  CheckFunction run;
};

// Every check, in report order. The ids are knownCheckIds().
const std::vector<CheckDefinition>& allChecks();

}  // namespace gradphoto
