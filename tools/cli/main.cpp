// gradphoto: the native command line over the same C++ core the browser runs.
//   gradphoto analyze [--json] [--models DIR] FILE...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "analysis_json.h"
#include "gradphoto/face_analyzer.h"
#include "gradphoto/image_file.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsageOrIo = 2;

const char* kUsage =
    "usage: gradphoto analyze [--json] [--models DIR] FILE...\n"
    "  Finds the face, its 468 landmarks and head pose in each photo.\n"
    "  --json        one JSON object per file, one per line\n"
    "  --models DIR  directory with the face models (default: $GRADPHOTO_MODELS_DIR,\n"
    "                else the directory this build extracted them to)\n"
    "exit status: 0 all files analysed, 2 usage error or a file that cannot be read\n";

struct AnalyzeOptions {
  bool json = false;
  std::string models_dir;
  std::vector<std::string> files;
};

bool parseAnalyzeArgs(int argc, char** argv, AnalyzeOptions& options) {
  if (const char* env = std::getenv("GRADPHOTO_MODELS_DIR")) options.models_dir = env;
#ifdef GRADPHOTO_DEFAULT_MODELS_DIR
  if (options.models_dir.empty()) options.models_dir = GRADPHOTO_DEFAULT_MODELS_DIR;
#endif
  for (int i = 2; i < argc; ++i) {
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

void printText(const std::string& file, const gradphoto::FaceAnalysis& analysis, double decode_ms) {
  std::printf("%s: %dx%d, %zu face(s), %.1f ms (+%.1f ms decode)\n", file.c_str(), analysis.width,
              analysis.height, analysis.faces.size(), analysis.timings.total_ms, decode_ms);
  for (size_t i = 0; i < analysis.faces.size(); ++i) {
    const gradphoto::Face& f = analysis.faces[i];
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

int runAnalyze(const AnalyzeOptions& options) {
  gradphoto::ModelBytes models;
  gradphoto::Error error = gradphoto::loadModelBytes(options.models_dir, models);
  std::unique_ptr<gradphoto::FaceAnalyzer> analyzer;
  if (!error) analyzer = gradphoto::FaceAnalyzer::create(models, error);
  if (!analyzer) {
    std::cerr << "gradphoto: " << error.message_zh << "\n" << "gradphoto: " << error.message_en << "\n";
    return kExitUsageOrIo;
  }
  int status = kExitOk;
  for (const std::string& file : options.files) {
    const auto start = std::chrono::steady_clock::now();
    gradphoto::DecodedImage image;
    gradphoto::Error read_error;
    if (!gradphoto::decodeImageFile(file, image, read_error)) {
      std::cerr << "gradphoto: " << read_error.message_zh << "\n" << "gradphoto: " << read_error.message_en << "\n";
      if (options.json) {
        nlohmann::ordered_json j = {{"file", file}, {"error", gradphoto::cli::errorToJson(read_error)}};
        std::cout << j.dump() << "\n";
      }
      status = kExitUsageOrIo;
      continue;
    }
    const double decode_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const gradphoto::FaceAnalysis analysis = analyzer->analyze(image.view());
    if (options.json) {
      nlohmann::ordered_json j = {{"file", file}};
      j.update(gradphoto::cli::analysisToJson(analysis));
      j["timings_ms"]["decode"] = std::round(decode_ms * 100) / 100;
      std::cout << j.dump() << "\n";
    } else {
      printText(file, analysis, decode_ms);
    }
    if (analysis.error) status = kExitUsageOrIo;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) != "analyze") {
    std::cerr << kUsage;
    return kExitUsageOrIo;
  }
  AnalyzeOptions options;
  if (!parseAnalyzeArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return kExitUsageOrIo;
  }
  return runAnalyze(options);
}
