// Google Benchmark of FaceAnalyzer::analyze on the two sizes issue #2 sets targets
// for: a 640x480 camera frame and a 4000x3000 photo, both RGBA as the browser gives
// them, both made from a real test photo. Decode is excluded. tools/bench.sh runs
// this with repetitions and writes the medians to a JSON file.
#include <benchmark/benchmark.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <memory>

#include "gradphoto/face_analyzer.h"

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

// The subject scaled to the frame's height, centred, the sides filled with the
// photo's own border, as RGBA.
cv::Mat frameOfSize(int width, int height) {
  const cv::Mat photo = cv::imread(std::string(GRADPHOTO_BENCH_TESTDATA_DIR) +
                                   "/webmorphR.stim/inst/neutral_front/001_03.jpg");
  if (photo.empty()) {
    std::fprintf(stderr, "cannot read the benchmark photo\n");
    std::exit(2);
  }
  cv::Mat scaled, framed, rgba;
  cv::resize(photo, scaled, cv::Size(height, height), 0, 0, cv::INTER_AREA);
  const int side = (width - height) / 2;
  cv::copyMakeBorder(scaled, framed, 0, 0, side, width - height - side, cv::BORDER_REPLICATE);
  cv::cvtColor(framed, rgba, cv::COLOR_BGR2RGBA);
  return rgba;
}

void analyzeFrame(benchmark::State& state, int width, int height) {
  const cv::Mat frame = frameOfSize(width, height);
  const gradphoto::ImageView view{frame.data, frame.total() * 4, frame.cols, frame.rows, 0,
                                  gradphoto::PixelFormat::kRgba};
  if (analyzer().analyze(view).faces.size() != 1) {
    state.SkipWithError("the benchmark frame should hold exactly one face");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer().analyze(view));
  }
}

void BM_AnalyzeCameraFrame640x480(benchmark::State& state) { analyzeFrame(state, 640, 480); }
void BM_AnalyzePhoto4000x3000(benchmark::State& state) { analyzeFrame(state, 4000, 3000); }

BENCHMARK(BM_AnalyzeCameraFrame640x480)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_AnalyzePhoto4000x3000)->Unit(benchmark::kMillisecond)->MinTime(0.5);

}  // namespace

BENCHMARK_MAIN();
