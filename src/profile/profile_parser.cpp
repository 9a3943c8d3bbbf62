// Profile JSON -> Profile. Parsed without exceptions (the wasm build has none):
// every field is type-checked before it is read, and the first problem is
// reported with the field's path so a school IT person can fix their file.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "gradphoto/profile.h"

namespace gradphoto {
namespace {

using Json = nlohmann::json;

class FieldError {
 public:
  bool failed() const { return failed_; }
  void set(const std::string& path, const std::string& problem_en, const std::string& problem_zh) {
    if (failed_) return;  // keep the first problem
    failed_ = true;
    path_ = path.empty() ? "(top level)" : path;
    en_ = problem_en;
    zh_ = problem_zh;
  }
  Error toError() const {
    return {ErrorCode::kInvalidProfile, "配置文件字段 " + path_ + " 有误：" + zh_,
            "Profile field " + path_ + ": " + en_};
  }

 private:
  bool failed_ = false;
  std::string path_, en_, zh_;
};

std::string join(const std::string& path, const char* name) { return path.empty() ? name : path + "." + name; }

const Json* member(const Json& object, const char* name, const std::string& path, FieldError& error,
                   bool required = true) {
  if (!object.is_object()) {
    error.set(path, "expected an object", "应为对象");
    return nullptr;
  }
  const auto it = object.find(name);
  if (it == object.end()) {
    if (required) error.set(join(path, name), "missing", "缺失");
    return nullptr;
  }
  return &*it;
}

std::string readString(const Json& object, const char* name, const std::string& path, FieldError& error,
                       bool required = true) {
  const Json* value = member(object, name, path, error, required);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    error.set(join(path, name), "expected a string", "应为字符串");
    return {};
  }
  return value->get<std::string>();
}

double readNumber(const Json& object, const char* name, const std::string& path, FieldError& error,
                  bool required = true) {
  const Json* value = member(object, name, path, error, required);
  if (value == nullptr) return kNoLimit;
  if (!value->is_number()) {
    error.set(join(path, name), "expected a number", "应为数字");
    return kNoLimit;
  }
  return value->get<double>();
}

int readPositiveInt(const Json& object, const char* name, const std::string& path, FieldError& error) {
  const double value = readNumber(object, name, path, error);
  if (!error.failed() && (!(value >= 1) || value != static_cast<int>(value))) {
    error.set(join(path, name), "expected a positive whole number", "应为正整数");
    return 0;
  }
  return static_cast<int>(value);
}

void readOutput(const Json& root, Profile& profile, FieldError& error) {
  const Json* output = member(root, "output", "", error);
  if (output == nullptr) return;
  OutputSpec& o = profile.output;
  o.width = readPositiveInt(*output, "width", "output", error);
  o.height = readPositiveInt(*output, "height", "output", error);
  o.dpi = readPositiveInt(*output, "dpi", "output", error);
  o.jpeg_quality_min = readPositiveInt(*output, "jpeg_quality_min", "output", error);
  if (!error.failed() && o.jpeg_quality_min > 100) {
    error.set("output.jpeg_quality_min", "must be at most 100", "不能大于 100");
  }
  const Json* size = member(*output, "file_size_kb", "output", error);
  if (size == nullptr) return;
  const double min_kb = readNumber(*size, "min", "output.file_size_kb", error);
  const double max_kb = readNumber(*size, "max", "output.file_size_kb", error);
  if (!error.failed() && !(min_kb >= 0 && max_kb > min_kb)) {
    error.set("output.file_size_kb", "needs 0 <= min < max", "需要 0 <= min < max");
  }
  o.file_size_min_bytes = static_cast<int>(min_kb * 1024);
  o.file_size_max_bytes = static_cast<int>(max_kb * 1024);
}

void readBackgroundColours(const Json& root, Profile& profile, FieldError& error) {
  const Json* colours = member(root, "background_colours", "", error);
  if (colours == nullptr) return;
  if (!colours->is_array() || colours->empty()) {
    error.set("background_colours", "expected a non-empty list", "应为非空列表");
    return;
  }
  for (size_t i = 0; i < colours->size(); ++i) {
    const std::string path = "background_colours[" + std::to_string(i) + "]";
    const Json& entry = (*colours)[i];
    BackgroundColour colour;
    colour.name = readString(entry, "name", path, error);
    const Json* rgb = member(entry, "rgb", path, error);
    if (rgb == nullptr) return;
    if (!rgb->is_array() || rgb->size() != 3 ||
        !std::all_of(rgb->begin(), rgb->end(), [](const Json& c) { return c.is_number_integer() && c >= 0 && c <= 255; })) {
      error.set(path + ".rgb", "expected three whole numbers 0..255", "应为三个 0..255 的整数");
      return;
    }
    for (int c = 0; c < 3; ++c) colour.rgb[c] = (*rgb)[c].get<int>();
    profile.background_colours.push_back(colour);
  }
}

void readChecks(const Json& root, Profile& profile, FieldError& error) {
  const Json* checks = member(root, "checks", "", error);
  if (checks == nullptr) return;
  if (!checks->is_object()) {
    error.set("checks", "expected an object keyed by check id", "应为以检查项为键的对象");
    return;
  }
  const std::vector<std::string>& known = knownCheckIds();
  for (const auto& [id, entry] : checks->items()) {
    const std::string path = "checks." + id;
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      error.set(path, "unknown check id", "未知的检查项");
      return;
    }
    CheckLimits limits;
    limits.min_fail = readNumber(entry, "min_fail", path, error, false);
    limits.min_warn = readNumber(entry, "min_warn", path, error, false);
    limits.max_warn = readNumber(entry, "max_warn", path, error, false);
    limits.max_fail = readNumber(entry, "max_fail", path, error, false);
    limits.unit = readString(entry, "unit", path, error);
    limits.source = readString(entry, "source", path, error);
    if (error.failed()) return;
    if (std::isnan(limits.min_fail) && std::isnan(limits.min_warn) && std::isnan(limits.max_warn) &&
        std::isnan(limits.max_fail)) {
      error.set(path, "needs at least one of min_fail, min_warn, max_warn, max_fail",
                "至少需要 min_fail、min_warn、max_warn、max_fail 之一");
      return;
    }
    if ((!std::isnan(limits.min_fail) && !std::isnan(limits.max_fail) && limits.min_fail > limits.max_fail) ||
        (!std::isnan(limits.min_warn) && !std::isnan(limits.min_fail) && limits.min_warn < limits.min_fail) ||
        (!std::isnan(limits.max_warn) && !std::isnan(limits.max_fail) && limits.max_warn > limits.max_fail)) {
      error.set(path, "limits are out of order (need min_fail <= min_warn, max_warn <= max_fail)",
                "限值顺序不对（需要 min_fail <= min_warn，max_warn <= max_fail）");
      return;
    }
    profile.checks[id] = limits;
  }
}

}  // namespace

Error parseProfile(std::string_view json_text, Profile& profile) {
  profile = {};
  const Json root = Json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return {ErrorCode::kInvalidProfile, "配置文件不是有效的 JSON。", "The profile is not valid JSON."};
  }
  FieldError error;
  profile.id = readString(root, "id", "", error);
  profile.name_zh = readString(root, "name_zh", "", error);
  profile.name_en = readString(root, "name_en", "", error);
  readOutput(root, profile, error);
  readBackgroundColours(root, profile, error);
  readChecks(root, profile, error);
  if (error.failed()) {
    const Error e = error.toError();
    profile = {};
    return e;
  }
  return {};
}

}  // namespace gradphoto
