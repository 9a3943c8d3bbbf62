// The gradphoto subcommands. Each takes the arguments after its name and returns
// the process exit status.
#pragma once

#include <string>

namespace gradphoto::cli {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsageOrIo = 2;

int runAnalyze(int argc, char** argv);
int runCheck(int argc, char** argv);

// --models DIR, else $GRADPHOTO_MODELS_DIR, else where this build extracted them.
std::string defaultModelsDir();
// --profile NAME resolves to profiles/NAME.json in $GRADPHOTO_PROFILES_DIR, else in
// the repository this build came from; anything with a '/' or ".json" is a path.
std::string profilePath(const std::string& name_or_path);

}  // namespace gradphoto::cli
