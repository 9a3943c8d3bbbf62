// gradphoto analyze [--json] [--models DIR] FILE...
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "analysis_json.h"
#include "commands.h"
#include "gradphoto/face_analyzer.h"
#include "gradphoto/image_file.h"

namespace gradphoto::cli {
namespace {

const char* kUsage =
    "usage: gradphoto analyze [--json] [--models DIR] FILE...\n"
    "  Finds the face, its 468 landmarks and head pose in each photo.\n"
    "  --json        one JSON object per file, one per line\n"
    "  --models DIR  directory with the face models (default: $GRADPHOTO_MODELS_DIR,\n"
    "                else the directory this build extracted them to)\n"
    "exit status: 0 all files analysed, 2 usage error or a file that cannot be read\n";

struct AnalyzeOptions {
  bool json = false;
  std::string models_dir = defaultModelsDir();
  std::vector<std::string> files;
};

bool parseArgs(int argc, char** argv, AnalyzeOptions& options) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      options.json = true;
    } else if (arg == "--models" && i + 1 < argc) {
      options.models_dir = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      return false;
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      std::cerr << "gradphoto: unknown option " << arg << "\n";
      return false;
    } else {
      options.files.push_back(arg);
    }
  }
  return !options.files.empty();
}

void printText(const std::string& file, const FaceAnalysis& analysis, double decode_ms) {
  std::printf("%s: %dx%d, %zu face(s), %.1f ms (+%.1f ms decode)\n", file.c_str(), analysis.width,
              analysis.height, analysis.faces.size(), analysis.timings.total_ms, decode_ms);
  for (size_t i = 0; i < analysis.faces.size(); ++i) {
    const Face& f = analysis.faces[i];
    std::printf("  face %zu: box %.0f,%.0f %.0fx%.0f score %.2f", i + 1, f.box.x, f.box.y, f.box.width,
                f.box.height, f.score);
    if (!f.mesh.empty()) {
      std::printf("  eyes (%.1f,%.1f) (%.1f,%.1f)  yaw %.1f pitch %.1f roll %.1f", f.key_points.eye_left.x,
                  f.key_points.eye_left.y, f.key_points.eye_right.x, f.key_points.eye_right.y, f.pose.yaw,
                  f.pose.pitch, f.pose.roll);
    }
    std::printf("\n");
  }
}

}  // namespace

int runAnalyze(int argc, char** argv) {
  AnalyzeOptions options;
  if (!parseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return kExitUsageOrIo;
  }
  ModelBytes models;
  Error error = loadModelBytes(options.models_dir, models);
  std::unique_ptr<FaceAnalyzer> analyzer;
  if (!error) analyzer = FaceAnalyzer::create(models, error);
  if (!analyzer) {
    std::cerr << "gradphoto: " << error.message_zh << "\n" << "gradphoto: " << error.message_en << "\n";
    return kExitUsageOrIo;
  }
  int status = kExitOk;
  for (const std::string& file : options.files) {
    const auto start = std::chrono::steady_clock::now();
    DecodedImage image;
    Error read_error;
    if (!decodeImageFile(file, image, read_error)) {
      std::cerr << "gradphoto: " << read_error.message_zh << "\n" << "gradphoto: " << read_error.message_en << "\n";
      if (options.json) {
        nlohmann::ordered_json j = {{"file", file}, {"error", errorToJson(read_error)}};
        std::cout << j.dump() << "\n";
      }
      status = kExitUsageOrIo;
      continue;
    }
    const double decode_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const FaceAnalysis analysis = analyzer->analyze(image.view());
    if (options.json) {
      nlohmann::ordered_json j = {{"file", file}};
      j.update(analysisToJson(analysis));
      j["timings_ms"]["decode"] = std::round(decode_ms * 100) / 100;
      std::cout << j.dump() << "\n";
    } else {
      printText(file, analysis, decode_ms);
    }
    if (analysis.error) status = kExitUsageOrIo;
  }
  return status;
}

}  // namespace gradphoto::cli
