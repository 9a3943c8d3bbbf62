#include "report_json.h"

#include <cmath>

#include "analysis_json.h"

namespace gradphoto::cli {
namespace {

nlohmann::ordered_json numberOrNull(double value, int decimals = 3) {
  if (std::isnan(value)) return nullptr;
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

nlohmann::ordered_json limitsToJson(const CheckLimits& limits) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (!std::isnan(limits.min_fail)) j["min_fail"] = limits.min_fail;
  if (!std::isnan(limits.min_warn)) j["min_warn"] = limits.min_warn;
  if (!std::isnan(limits.max_warn)) j["max_warn"] = limits.max_warn;
  if (!std::isnan(limits.max_fail)) j["max_fail"] = limits.max_fail;
  j["unit"] = limits.unit;
  return j;
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string overallVerdict(const PhotoReport& report) {
  return report.error ? "error" : verdictName(report.verdict);
}

}  // namespace

nlohmann::ordered_json checkToJson(const CheckResult& check) {
  return {{"id", check.id},
          {"verdict", verdictName(check.verdict)},
          {"value", numberOrNull(check.value)},
          {"limit", limitsToJson(check.limits)},
          {"message_zh", check.message_zh},
          {"message_en", check.message_en}};
}

nlohmann::ordered_json reportToJson(const std::string& file, const PhotoReport& report, const std::string& output) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["verdict"] = overallVerdict(report);
  auto& checks = j["checks"] = nlohmann::ordered_json::array();
  for (const CheckResult& check : report.checks) checks.push_back(checkToJson(check));
  j["output"] = output.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(output);
  j["crop"] = {{"feasible", report.crop.feasible},
               {"left", report.crop.left},
               {"top", report.crop.top},
               {"scale", report.crop.scale},
               {"reason_zh", report.crop.reason_zh},
               {"reason_en", report.crop.reason_en}};
  if (!report.jpeg.empty()) {
    j["jpeg"] = {{"bytes", report.jpeg.size()}, {"quality", report.jpeg_quality},
                 {"in_size_band", report.jpeg_in_size_band}};
  }
  j["timings_ms"] = {{"analysis", std::round(report.timings.analysis_ms * 100) / 100},
                     {"crop", std::round(report.timings.crop_ms * 100) / 100},
                     {"checks", std::round(report.timings.checks_ms * 100) / 100},
                     {"jpeg", std::round(report.timings.jpeg_ms * 100) / 100},
                     {"total", std::round(report.timings.total_ms * 100) / 100}};
  j["error"] = errorToJson(report.error);
  return j;
}

std::string csvHeader() { return "file,verdict,failed,warned,not_measurable,output,error_en"; }

std::string reportToCsv(const std::string& file, const PhotoReport& report, const std::string& output) {
  std::string failed, warned, unmeasured;
  for (const CheckResult& check : report.checks) {
    std::string* list = check.verdict == Verdict::kFail ? &failed
                        : check.verdict == Verdict::kWarn ? &warned
                        : check.verdict == Verdict::kNotMeasurable ? &unmeasured : nullptr;
    if (list) *list += (list->empty() ? "" : " ") + check.id;
  }
  return csvField(file) + "," + overallVerdict(report) + "," + csvField(failed) + "," + csvField(warned) + "," +
         csvField(unmeasured) + "," + csvField(output) + "," + csvField(report.error.message_en);
}

}  // namespace gradphoto::cli
