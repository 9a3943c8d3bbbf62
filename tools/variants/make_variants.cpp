// gradphoto_variants: labelled synthetic defects made from the real test photos,
// for the photo checks' pass/fail tests. Deterministic; idempotent.
//   gradphoto_variants --testdata DIR --out DIR [--models DIR] [--limit N] [--masks]
//   gradphoto_variants --verify --out DIR [--models DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "catalogue.h"
#include "gradphoto/face_analyzer.h"
#include "verify.h"

namespace fs = std::filesystem;
using namespace gradphoto::variants;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitIncomplete = 1;  // some variant could not be made, or --verify found a problem
constexpr int kExitUsageOrIo = 2;

const char* kUsage =
    "usage: gradphoto_variants --testdata DIR --out DIR [--models DIR] [--limit N] [--masks]\n"
    "       gradphoto_variants --verify --out DIR [--models DIR]\n"
    "  Writes defect variants of the webmorph test photos (neutral_front, canada) into\n"
    "  OUT with OUT/labels.csv (file,source,variant,parameter,expected_defect).\n"
    "  Outputs that exist from the same generator version are kept.\n"
    "  --limit N     only the first N photos of each set\n"
    "  --masks       also write the background and clothing mattes to OUT/masks/\n"
    "  --verify      check OUT/labels.csv: every file decodes, every defect differs from\n"
    "                its original, rotated photos have the labelled roll\n"
    "  --models DIR  face models (default: $GRADPHOTO_MODELS_DIR, else this build's)\n"
    "exit status: 0 done, 1 a variant could not be made or verification failed, 2 usage or I/O error\n";

struct Options {
  std::string testdata, out, models;
  int limit = -1;
  bool masks = false;
  bool verify = false;
};

bool parseArgs(int argc, char** argv, Options& o) {
  if (const char* env = std::getenv("GRADPHOTO_MODELS_DIR")) o.models = env;
#ifdef GRADPHOTO_DEFAULT_MODELS_DIR
  if (o.models.empty()) o.models = GRADPHOTO_DEFAULT_MODELS_DIR;
#endif
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--testdata" && has_value) o.testdata = argv[++i];
    else if (arg == "--out" && has_value) o.out = argv[++i];
    else if (arg == "--models" && has_value) o.models = argv[++i];
    else if (arg == "--limit" && has_value) o.limit = std::atoi(argv[++i]);
    else if (arg == "--masks") o.masks = true;
    else if (arg == "--verify") o.verify = true;
    else {
      if (arg != "--help" && arg != "-h") std::cerr << "gradphoto_variants: unknown or incomplete option " << arg << "\n";
      return false;
    }
  }
  if (o.out.empty()) return false;
  return o.verify || (!o.testdata.empty() && o.limit != 0);
}

std::vector<fs::path> jpegsIn(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".jpg") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// neutral_front (with the same subject's smiling_front photo: 001_03 <-> 001_08), then canada.
// Each source's companion (a second person for face.count) is the next
// neutral_front subject, taken from all of them whatever --limit says.
std::vector<SourcePhoto> findSources(const fs::path& testdata, int limit) {
  const fs::path inst = testdata / "webmorphR.stim" / "inst";
  const std::vector<fs::path> smiling = jpegsIn(inst / "smiling_front");
  const std::vector<fs::path> subjects = jpegsIn(inst / "neutral_front");
  int index = 0;
  std::vector<SourcePhoto> sources;
  struct Set {
    const char* folder;
    const char* prefix;
    bool backdrop_allowed;
  };
  for (const Set set : {Set{"neutral_front", "nf", true}, Set{"canada", "ca", false}}) {
    std::vector<fs::path> files = jpegsIn(inst / set.folder);
    if (limit > 0 && static_cast<int>(files.size()) > limit) files.resize(limit);
    for (const fs::path& file : files) {
      SourcePhoto s;
      s.path = file.string();
      s.relative = file.lexically_relative(testdata).generic_string();
      s.stem = file.stem().string();
      s.prefix = set.prefix;
      s.backdrop_allowed = set.backdrop_allowed;
      if (std::string(set.folder) == "neutral_front") {
        const std::string subject = s.stem.substr(0, s.stem.find('_') + 1);
        for (const fs::path& smile : smiling)
          if (smile.filename().string().rfind(subject, 0) == 0) s.smiling_path = smile.string();
      }
      if (subjects.size() > 1) {
        const fs::path& next = subjects[++index % subjects.size()];
        s.companion_path = (next == file ? subjects[++index % subjects.size()] : next).string();
      }
      sources.push_back(std::move(s));
    }
  }
  return sources;
}

// Writes through a temporary name and renames, so an interrupted run never
// leaves a truncated file that a later run would take as done.
bool writeAtomically(const fs::path& target, const VariantOutput& output) {
  std::vector<std::uint8_t> encoded;
  const std::vector<std::uint8_t>* bytes = &output.bytes;
  if (bytes->empty()) {
    const bool png = target.extension() == ".png";
    const std::vector<int> params = png ? std::vector<int>{} : std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 95};
    if (output.image.empty() || !cv::imencode(png ? ".png" : ".jpg", output.image, encoded, params)) return false;
    bytes = &encoded;
  }
  const fs::path temp = target.parent_path() / (".tmp-" + target.filename().string());
  {
    std::ofstream f(temp, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
    if (!f) return false;
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  return !ec;
}

void writeMasks(const fs::path& out, const SourcePhoto& src, SourceInputs& inputs) {
  fs::create_directories(out / "masks");
  const std::string base = (out / "masks" / (src.prefix + "_" + src.stem)).string();
  cv::Mat grey;
  if (const Background* bg = inputs.background()) {
    bg->alpha.convertTo(grey, CV_8U, 255);
    cv::imwrite(base + "_background.png", grey);
  }
  if (const Clothing* c = inputs.clothing()) {
    c->alpha.convertTo(grey, CV_8U, 255);
    cv::imwrite(base + "_clothing.png", grey);
  }
}

int generate(const Options& o, gradphoto::FaceAnalyzer& analyzer) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path out = o.out;
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << "gradphoto_variants: cannot create " << o.out << ": " << ec.message() << "\n";
    return kExitUsageOrIo;
  }
  const std::vector<SourcePhoto> sources = findSources(o.testdata, o.limit);
  if (sources.empty()) {
    std::cerr << "gradphoto_variants: no photos under " << o.testdata << "/webmorphR.stim/inst/{neutral_front,canada}\n";
    return kExitUsageOrIo;
  }
  const fs::path stamp = out / ".generator_version";
  std::string previous;
  std::getline(std::ifstream(stamp) >> std::ws, previous);
  const bool same_version = previous == kGeneratorVersion;
  // Files are replaced atomically, so a run of the same version can stop anywhere;
  // a directory being rewritten for a new version must not pass as the old one.
  if (!same_version) std::ofstream(stamp) << "rewriting\n";
  // Variants a source does not call for (a smile without teeth), so that a rerun
  // need not analyse the source again to find that out.
  const fs::path not_applicable_list = out / ".not_applicable";
  std::set<std::string> not_applicable;
  if (same_version) {
    std::ifstream list(not_applicable_list);
    for (std::string name; std::getline(list, name);) not_applicable.insert(name);
  }

  std::vector<const Variant*> rows;
  std::vector<const SourcePhoto*> row_sources;
  std::vector<std::vector<Variant>> plans;
  plans.reserve(sources.size());
  int written = 0, kept = 0, failed = 0, not_called_for = 0;
  for (const SourcePhoto& src : sources) {
    plans.push_back(catalogue(src));
    SourceInputs inputs(src, analyzer);
    for (const Variant& v : plans.back()) {
      const fs::path target = out / v.file;
      if (not_applicable.count(v.file)) {
        ++not_called_for;
        continue;
      }
      if (same_version && fs::exists(target)) {
        ++kept;
      } else {
        VariantOutput output;
        if (!v.make(inputs, output)) {
          if (output.not_applicable) {
            not_applicable.insert(v.file);
            ++not_called_for;
          } else {
            std::cerr << "gradphoto_variants: could not make " << v.file << ": " << inputs.why << "\n";
            ++failed;
          }
          continue;
        }
        if (!writeAtomically(target, output)) {
          std::cerr << "gradphoto_variants: cannot write " << target << "\n";
          return kExitUsageOrIo;
        }
        ++written;
      }
      rows.push_back(&v);
      row_sources.push_back(&src);
    }
    if (o.masks) writeMasks(out, src, inputs);
  }

  const fs::path labels = out / "labels.csv", temp = out / ".tmp-labels.csv";
  {
    std::ofstream csv(temp);
    csv << "file,source,variant,parameter,expected_defect\n";
    for (size_t i = 0; i < rows.size(); ++i)
      csv << rows[i]->file << "," << row_sources[i]->relative << "," << rows[i]->variant << ","
          << rows[i]->parameter << "," << rows[i]->expected_defect << "\n";
    if (!csv) return kExitUsageOrIo;
  }
  fs::rename(temp, labels);
  {
    std::ofstream list(not_applicable_list);
    for (const std::string& name : not_applicable) list << name << "\n";
  }
  std::ofstream(stamp) << kGeneratorVersion << "\n";
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%zu sources, %zu variants listed in %s: %d written, %d kept, %d not called for, %d could not be made "
      "(%.1f s)\n",
      sources.size(), rows.size(), labels.string().c_str(), written, kept, not_called_for, failed, seconds);
  return failed ? kExitIncomplete : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parseArgs(argc, argv, o)) {
    std::cerr << kUsage;
    return kExitUsageOrIo;
  }
  gradphoto::ModelBytes models;
  gradphoto::Error error = gradphoto::loadModelBytes(o.models, models);
  std::unique_ptr<gradphoto::FaceAnalyzer> analyzer;
  if (!error) analyzer = gradphoto::FaceAnalyzer::create(models, error);
  if (!analyzer) {
    std::cerr << "gradphoto_variants: " << error.message_en << "\n";
    return kExitUsageOrIo;
  }
  if (o.verify) return verifyLabels(o.out, *analyzer) ? kExitOk : kExitIncomplete;
  return generate(o, *analyzer);
}
