// gradphoto: the native command line over the same C++ core the browser runs.
#include <cstdlib>
#include <iostream>
#include <string>

#include "commands.h"

namespace {

const char* kUsage =
    "usage: gradphoto COMMAND ...\n"
    "  analyze [--json] [--models DIR] FILE...\n"
    "      face, landmarks and head pose of each photo\n"
    "  check [--profile FILE|NAME] [--json|--csv] [--out DIR] [--jobs N] [--models DIR] PATH...\n"
    "      every rule of the profile (default chsi-graduate) for each photo; folders are recursed\n"
    "Run 'gradphoto COMMAND --help' for a command's options.\n";

}  // namespace

namespace gradphoto::cli {

std::string defaultModelsDir() {
  if (const char* env = std::getenv("GRADPHOTO_MODELS_DIR"); env != nullptr && *env != '\0') return env;
#ifdef GRADPHOTO_DEFAULT_MODELS_DIR
  return GRADPHOTO_DEFAULT_MODELS_DIR;
#else
  return "models";
#endif
}

std::string profilePath(const std::string& name_or_path) {
  const bool ends_in_json =
      name_or_path.size() > 5 && name_or_path.compare(name_or_path.size() - 5, 5, ".json") == 0;
  if (name_or_path.find('/') != std::string::npos || ends_in_json) {
    return name_or_path;
  }
  std::string dir;
  if (const char* env = std::getenv("GRADPHOTO_PROFILES_DIR"); env != nullptr && *env != '\0') dir = env;
#ifdef GRADPHOTO_DEFAULT_PROFILES_DIR
  if (dir.empty()) dir = GRADPHOTO_DEFAULT_PROFILES_DIR;
#endif
  if (dir.empty()) dir = "profiles";
  return dir + "/" + name_or_path + ".json";
}

}  // namespace gradphoto::cli

int main(int argc, char** argv) {
  const std::string command = argc >= 2 ? argv[1] : "";
  if (command == "analyze") return gradphoto::cli::runAnalyze(argc - 2, argv + 2);
  if (command == "check") return gradphoto::cli::runCheck(argc - 2, argv + 2);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return gradphoto::cli::kExitOk;
  }
  std::cerr << kUsage;
  return gradphoto::cli::kExitUsageOrIo;
}
