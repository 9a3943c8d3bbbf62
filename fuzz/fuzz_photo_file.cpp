// libFuzzer target: any bytes as a photo file, through the path a student's file
// takes — inspection, decoding (OpenCV's imdecode, as the command line does) and the
// full check — under AddressSanitizer and UndefinedBehaviorSanitizer.
//   bash tools/fuzz.sh SECONDS     (builds build/fuzz, seeds from the bad-input corpus)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "gradphoto/file_inspection.h"
#include "gradphoto/image_file.h"
#include "gradphoto/photo_checker.h"

namespace {

// Decoding is tried only up to a megapixel: a 30-byte header may declare 200
// megapixels, and allocating them on every such input would measure the machine's
// memory, not the code (the size limits themselves are inspection's, fuzzed here
// too); and a larger check under the sanitizers takes seconds, starving the fuzzer.
constexpr long long kMaxDecodedPixels = 1000LL * 1000;

gradphoto::PhotoChecker& checker() {
  static std::unique_ptr<gradphoto::FaceAnalyzer> analyzer;
  static std::unique_ptr<gradphoto::PhotoChecker> instance = [] {
    const char* models_dir = std::getenv("GRADPHOTO_MODELS_DIR");
    gradphoto::ModelBytes models;
    gradphoto::Error error = gradphoto::loadModelBytes(models_dir ? models_dir : GRADPHOTO_FUZZ_MODELS_DIR, models);
    if (!error) analyzer = gradphoto::FaceAnalyzer::create(models, error);
    std::ifstream in(GRADPHOTO_FUZZ_PROFILE);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    gradphoto::Profile profile;
    if (!error) error = gradphoto::parseProfile(text, profile);
    if (error) {
      std::fprintf(stderr, "fuzz setup: %s\n", error.message_en.c_str());
      std::abort();
    }
    return std::make_unique<gradphoto::PhotoChecker>(*analyzer, std::move(profile));
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gradphoto::PhotoChecker& photo_checker = checker();
  const gradphoto::FileInspection info = gradphoto::inspectImageFile(data, size);
  if (info.error || static_cast<long long>(info.width) * info.height > kMaxDecodedPixels) return 0;
  gradphoto::DecodedImage image;
  gradphoto::Error error;
  if (!gradphoto::decodeImageBytes(std::vector<std::uint8_t>(data, data + size), "fuzz", image, error)) return 0;
  // EXIF orientation can swap the sides; the decoded size is what the checker sees.
  if (static_cast<long long>(image.width) * image.height > kMaxDecodedPixels) return 0;
  photo_checker.check({image.view(), image.file_bytes.data(), image.file_bytes.size()});
  return 0;
}
