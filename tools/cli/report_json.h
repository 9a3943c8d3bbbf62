// A photo report as JSON (one object per photo) and as a CSV row.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "gradphoto/report.h"

namespace gradphoto::cli {

nlohmann::ordered_json reportToJson(const std::string& file, const PhotoReport& report, const std::string& output);
nlohmann::ordered_json checkToJson(const CheckResult& check);

std::string csvHeader();
std::string reportToCsv(const std::string& file, const PhotoReport& report, const std::string& output);

}  // namespace gradphoto::cli
