// Embind bindings: the only place Emscripten meets the core. The page's Worker
// calls loadModels() and loadProfile() once, then analyzeLive(image) per camera
// frame and check(image) per photo (analyze(image): one photo, no tracking). Results
// cross as plain JS objects; images cross once as a byte copy.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <memory>
#include <string>
#include <functional>
#include <thread>
#include <vector>

#include "gradphoto/face_analyzer.h"
#include "gradphoto/file_inspection.h"
#include "gradphoto/photo_checker.h"
#include "js_values.h"
#include "memory_guard.h"
#ifdef GRADPHOTO_WASM_THREADS
#include "worker_pool.h"
#endif

using emscripten::val;
using gradphoto::wasm::copyBytes;
using gradphoto::wasm::errorToJs;

namespace {

std::unique_ptr<gradphoto::FaceAnalyzer> g_analyzer;
std::unique_ptr<gradphoto::PhotoChecker> g_checker;
// Live guidance follows one face from camera frame to camera frame (FaceAnalyzer::track).
gradphoto::FaceTrack g_live_track;

const gradphoto::Error kModelsNotLoaded{gradphoto::ErrorCode::kModelError, "模型尚未加载。",
                                        "The models are not loaded yet."};

gradphoto::PixelFormat formatFromJs(const val& image) {
  const val format = image["format"];
  if (format.isUndefined()) return gradphoto::PixelFormat::kRgba;  // ImageData
  const std::string name = format.as<std::string>();
  if (name == "rgb") return gradphoto::PixelFormat::kRgb;
  if (name == "grey") return gradphoto::PixelFormat::kGrey;
  return gradphoto::PixelFormat::kRgba;
}

int intField(const val& object, const char* name) {
  const val v = object[name];
  return v.isNumber() ? v.as<int>() : 0;
}

std::size_t byteLength(const val& array) {
  return array.isUndefined() || array.isNull() ? 0 : array["length"].as<std::size_t>();
}

// Refuses, before anything is copied in, an image whose pixels and working copies
// would not fit in the module's memory.
gradphoto::Error memoryCheckFor(const val& image) {
  const long long pixels = static_cast<long long>(intField(image, "width")) * intField(image, "height");
  return gradphoto::wasm::checkMemoryFor(byteLength(image["data"]) + byteLength(image["file"]), pixels);
}

gradphoto::ImageView viewOf(const val& image, const gradphoto::wasm::PixelBuffer& pixels) {
  return {pixels.data.get(), pixels.size, intField(image, "width"), intField(image, "height"), intField(image, "stride"),
          formatFromJs(image)};
}

#ifdef GRADPHOTO_WASM_THREADS
// The rules and the output JPEG of a check run on one thread per Web Worker (the cores
// beyond the first, at most 3) plus the calling thread. The pool, and with it those
// Workers, is made by startThreads(), which the page's worker calls once the student has
// the first live guidance: live guidance never needs it, and loading a Worker's copy of
// the module during the start competed with it for the device's cores.
gradphoto::wasm::WorkerPool& workerPool() {
  static gradphoto::wasm::WorkerPool* pool = [] {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return new gradphoto::wasm::WorkerPool(std::max(1, std::min(3, cores - 1)) + 1);  // lives as long as the module
  }();
  return *pool;
}
// A check that comes before startThreads() makes the pool itself; its Workers only start
// once the calling thread yields, so that one check runs its tasks on the calling thread.
gradphoto::ParallelTasks parallelTasks() {
  return [](int count, const std::function<void(int)>& task) { workerPool().run(count, task); };
}
// Makes the threads if they are not made yet; true once all of them are running.
bool startThreads() { return workerPool().allRunning(); }
#else
gradphoto::ParallelTasks parallelTasks() { return {}; }
bool startThreads() { return true; }
#endif

// Returns null when the models loaded, else an error object.
val loadModels(val detector, val landmarks, val geometry) {
  gradphoto::ModelBytes models{copyBytes(detector), copyBytes(landmarks), copyBytes(geometry)};
  gradphoto::Error error;
  g_checker.reset();
  g_live_track = {};
  g_analyzer = gradphoto::FaceAnalyzer::create(models, error);
  return errorToJs(error);
}

// Profile JSON text (profiles/*.json). Returns null when loaded, else an error
// object naming the malformed field. Needs loadModels() first.
val loadProfile(std::string json) {
  if (!g_analyzer) return errorToJs(kModelsNotLoaded);
  gradphoto::Profile profile;
  if (const gradphoto::Error error = gradphoto::parseProfile(json, profile)) return errorToJs(error);
  gradphoto::CheckerOptions options;
  options.parallel_tasks = parallelTasks();
  g_checker = std::make_unique<gradphoto::PhotoChecker>(*g_analyzer, std::move(profile), options);
  return val::null();
}

// image: ImageData or {data, width, height, stride?, format?: 'rgba'|'rgb'|'grey'}.
val analyze(val image) {
  if (!g_analyzer) {
    val result = val::object();
    result.set("error", errorToJs(kModelsNotLoaded));
    return result;
  }
  if (const gradphoto::Error error = memoryCheckFor(image)) {
    val result = val::object();
    result.set("error", errorToJs(error));
    result.set("face_count", 0);
    result.set("faces", val::array());
    return result;
  }
  const gradphoto::wasm::PixelBuffer pixels = gradphoto::wasm::copyPixels(image["data"]);
  return gradphoto::wasm::analysisToJs(g_analyzer->analyze(viewOf(image, pixels)));
}

// A live camera frame, as for analyze(): the face found in the previous frame is
// followed (one landmark pass instead of detection and two passes).
val analyzeLive(val image) {
  if (!g_analyzer) {
    val result = val::object();
    result.set("error", errorToJs(kModelsNotLoaded));
    return result;
  }
  const gradphoto::wasm::PixelBuffer pixels = gradphoto::wasm::copyPixels(image["data"]);
  return gradphoto::wasm::analysisToJs(g_analyzer->track(viewOf(image, pixels), g_live_track));
}

// image as for analyze(), plus optional `file`: the original file's bytes
// (Uint8Array), the evidence for metadata checks such as editing software.
val check(val image) {
  if (!g_checker) {
    val result = val::object();
    result.set("verdict", std::string("error"));
    result.set("error", errorToJs({gradphoto::ErrorCode::kInvalidProfile, "检查规则尚未加载。",
                                   "The profile is not loaded yet."}));
    return result;
  }
  if (const gradphoto::Error error = memoryCheckFor(image)) {
    val result = val::object();
    result.set("verdict", std::string("error"));
    result.set("error", errorToJs(error));
    return result;
  }
  // RGBA photos (ImageData) cross as RGB, composited over white on the way: a
  // quarter less wasm memory for the photo, which is most of the peak for a
  // 48-megapixel one, and no second pass for transparency.
  gradphoto::ImageView view;
  gradphoto::wasm::PixelBuffer pixels;
  const int width = intField(image, "width"), height = intField(image, "height");
  if (formatFromJs(image) == gradphoto::PixelFormat::kRgba) {
    pixels = gradphoto::wasm::copyRgbaAsRgb(image["data"], width, height, intField(image, "stride"));
    if (pixels.data) view = {pixels.data.get(), pixels.size, width, height, 0, gradphoto::PixelFormat::kRgb};
  }
  if (!pixels.data) {
    pixels = gradphoto::wasm::copyPixels(image["data"]);
    view = viewOf(image, pixels);
  }
  const std::vector<std::uint8_t> file = copyBytes(image["file"]);
  const gradphoto::PhotoReport report =
      g_checker->check({view, file.empty() ? nullptr : file.data(), file.size()});
  return gradphoto::wasm::reportToJs(report);
}

// What a file is, from its bytes (Uint8Array), before the browser decodes it:
// {kind, width, height, channels, has_alpha, orientation, frames, error}. The page
// refuses what the command line refuses, with the same message.
val inspectFile(val bytes) {
  const std::vector<std::uint8_t> data = copyBytes(bytes);
  const gradphoto::FileInspection info = gradphoto::inspectImageFile(data.data(), data.size());
  val result = val::object();
  result.set("kind", std::string(gradphoto::fileKindName(info.kind)));
  result.set("width", info.width);
  result.set("height", info.height);
  result.set("channels", info.channels);
  result.set("has_alpha", info.has_alpha);
  result.set("orientation", info.orientation);
  result.set("frames", info.frames);
  result.set("error", errorToJs(info.error));
  return result;
}

// {in_use, max}: bytes malloc has handed out, and the most the module may grow to.
val memory() {
  val result = val::object();
  result.set("in_use", static_cast<double>(gradphoto::wasm::heapBytesInUse()));
  result.set("max", static_cast<double>(gradphoto::wasm::heapBytesMax()));
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(gradphoto) {
  emscripten::function("loadModels", &loadModels);
  emscripten::function("startThreads", &startThreads);
  emscripten::function("loadProfile", &loadProfile);
  emscripten::function("analyze", &analyze);
  emscripten::function("analyzeLive", &analyzeLive);
  emscripten::function("check", &check);
  emscripten::function("inspectFile", &inspectFile);
  emscripten::function("memory", &memory);
}
