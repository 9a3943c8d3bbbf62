// Google Benchmark of FaceAnalyzer::analyze on the two sizes issue #2 sets targets
// for: a 640x480 camera frame and a 4000x3000 photo, RGBA as the browser gives them.
// The frames are raw RGBA files that tools/bench.sh makes from a real test photo
// with ffmpeg, so the Node harness (bench/wasm-bench.mjs) times the same pixels.
// Decode is excluded. tools/bench.sh runs this with repetitions and writes medians.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "gradphoto/face_analyzer.h"
#include "gradphoto/photo_checker.h"

namespace {

gradphoto::FaceAnalyzer& analyzer() {
  static std::unique_ptr<gradphoto::FaceAnalyzer> instance = [] {
    gradphoto::ModelBytes models;
    gradphoto::Error error = gradphoto::loadModelBytes(GRADPHOTO_BENCH_MODELS_DIR, models);
    auto created = error ? nullptr : gradphoto::FaceAnalyzer::create(models, error);
    if (!created) {
      std::fprintf(stderr, "cannot load models: %s\n", error.message_en.c_str());
      std::exit(2);
    }
    return created;
  }();
  return *instance;
}

std::vector<std::uint8_t> readFrame(int width, int height) {
  const char* dir = std::getenv("GRADPHOTO_BENCH_FRAMES_DIR");
  const std::string path = std::string(dir ? dir : ".") + "/frame-" + std::to_string(width) + "x" +
                           std::to_string(height) + ".rgba";
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> pixels((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (pixels.size() != static_cast<size_t>(width) * height * 4) {
    std::fprintf(stderr, "%s: missing or not %dx%d RGBA (run tools/bench.sh)\n", path.c_str(), width, height);
    std::exit(2);
  }
  return pixels;
}

void analyzeFrame(benchmark::State& state, int width, int height) {
  const std::vector<std::uint8_t> frame = readFrame(width, height);
  const gradphoto::ImageView view{frame.data(), frame.size(), width, height, 0, gradphoto::PixelFormat::kRgba};
  if (analyzer().analyze(view).faces.size() != 1) {
    state.SkipWithError("the benchmark frame should hold exactly one face");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer().analyze(view));
  }
}

// The full check: analysis, segmentation, crop, every rule, the JPEG.
void BM_CheckPhoto4000x3000(benchmark::State& state) {
  const std::vector<std::uint8_t> frame = readFrame(4000, 3000);
  std::ifstream in(std::string(GRADPHOTO_BENCH_PROFILES_DIR) + "/chsi-graduate.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  gradphoto::Profile profile;
  if (gradphoto::parseProfile(text, profile)) {
    state.SkipWithError("cannot read profiles/chsi-graduate.json");
    return;
  }
  gradphoto::PhotoChecker checker(analyzer(), profile);
  const gradphoto::PhotoInput input{{frame.data(), frame.size(), 4000, 3000, 0, gradphoto::PixelFormat::kRgba}};
  if (checker.check(input).jpeg.empty()) {
    state.SkipWithError("the benchmark photo should pass and give a JPEG");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(checker.check(input));
  }
}

void BM_AnalyzeCameraFrame640x480(benchmark::State& state) { analyzeFrame(state, 640, 480); }
void BM_AnalyzePhoto4000x3000(benchmark::State& state) { analyzeFrame(state, 4000, 3000); }

BENCHMARK(BM_AnalyzeCameraFrame640x480)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_AnalyzePhoto4000x3000)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_CheckPhoto4000x3000)->Unit(benchmark::kMillisecond)->MinTime(0.5);

}  // namespace

BENCHMARK_MAIN();
