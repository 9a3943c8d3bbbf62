// gradphoto check [--profile FILE|NAME] [--json|--csv] [--out DIR] [--jobs N] [--models DIR] PATH...
// Checks every photo on all cores, prints one report line per photo in input
// order, writes compliant JPEGs to --out, and never stops on a bad file.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>  // cv::parallel_for_

#include "commands.h"
#include "gradphoto/image_file.h"
#include "gradphoto/photo_checker.h"
#include "photo_files.h"
#include "report_json.h"

namespace gradphoto::cli {
namespace {

const char* kUsage =
    "usage: gradphoto check [--profile FILE|NAME] [--json|--csv] [--out DIR] [--jobs N] [--models DIR] PATH...\n"
    "  Checks each photo against every rule of the profile. PATH may be files or folders\n"
    "  (recursed for .jpg, .jpeg, .png).\n"
    "  --profile  a profile file, or the name of one in profiles/ (default chsi-graduate;\n"
    "             also id-card)\n"
    "  --json     one JSON report per photo, one per line\n"
    "  --csv      one CSV row per photo, with a header\n"
    "  --out DIR  write each compliant 480x640 JPEG there (name-<hash>.jpg)\n"
    "  --jobs N   photos checked at once (default: all cores)\n"
    "exit status: 0 all photos pass (warnings allowed), 1 some fail, 2 usage or I/O error\n"
    "             (an unreadable photo counts as an I/O error; all photos are still checked)\n";

enum class Format { kText, kJson, kCsv };

struct CheckOptions {
  std::string profile = "chsi-graduate";
  Format format = Format::kText;
  std::string out_dir;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string models_dir = defaultModelsDir();
  std::vector<std::string> paths;
};

bool parseArgs(int argc, char** argv, CheckOptions& options) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--json") options.format = Format::kJson;
    else if (arg == "--csv") options.format = Format::kCsv;
    else if (arg == "--profile" && has_value) options.profile = argv[++i];
    else if (arg == "--out" && has_value) options.out_dir = argv[++i];
    else if (arg == "--models" && has_value) options.models_dir = argv[++i];
    else if (arg == "--jobs" && has_value) options.jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    else if (arg == "--help" || arg == "-h") return false;
    else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "gradphoto: unknown option " << arg << "\n";
      return false;
    } else options.paths.push_back(arg);
  }
  return !options.paths.empty();
}

bool readText(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

struct PhotoOutcome {
  std::string line;  // what to print (without newline)
  bool failed = false;
  bool io_error = false;
  Verdict verdict = Verdict::kNotMeasurable;
  bool done = false;
};

class Worker {
 public:
  Worker(const ModelBytes& models, const Profile& profile, CheckerOptions checker_options, Error& error) {
    analyzer_ = FaceAnalyzer::create(models, error);
    if (analyzer_) checker_ = std::make_unique<PhotoChecker>(*analyzer_, profile, checker_options);
  }
  bool ok() const { return checker_ != nullptr; }

  PhotoOutcome run(const std::string& file, const CheckOptions& options) {
    PhotoOutcome outcome;
    DecodedImage image;
    PhotoReport report;
    Error read_error;
    std::string output;
    if (!decodeImageFile(file, image, read_error)) {
      report.error = read_error;
      outcome.io_error = true;
    } else {
      report = checker_->check({image.view(), image.file_bytes.data(), image.file_bytes.size()});
      outcome.io_error = static_cast<bool>(report.error);
      if (!report.jpeg.empty() && !options.out_dir.empty()) {
        output = outputPathFor(options.out_dir, file, image.file_bytes, checker_->profile().id);
        if (!writeFileAtomically(output, report.jpeg)) {
          outcome.io_error = true;
          report.error = {ErrorCode::kUnreadableFile, "无法写入输出文件：" + output, "Cannot write the output file: " + output};
          output.clear();
        }
      }
    }
    outcome.verdict = report.verdict;
    outcome.failed = !report.error && report.verdict == Verdict::kFail;
    switch (options.format) {
      case Format::kJson: outcome.line = reportToJson(file, report, output).dump(); break;
      case Format::kCsv: outcome.line = reportToCsv(file, report, output); break;
      case Format::kText: outcome.line = textLine(file, report, output); break;
    }
    return outcome;
  }

 private:
  static std::string textLine(const std::string& file, const PhotoReport& report, const std::string& output) {
    if (report.error) return file + ": ERROR " + report.error.message_zh + " / " + report.error.message_en;
    std::string line = file + ": " + verdictName(report.verdict);
    for (const CheckResult& check : report.checks) {
      if (check.verdict == Verdict::kFail || check.verdict == Verdict::kWarn) {
        line += "\n  " + std::string(verdictName(check.verdict)) + " " + check.id + ": " + check.message_zh + " / " +
                check.message_en;
      }
    }
    if (!output.empty()) line += "\n  -> " + output;
    return line;
  }

  std::unique_ptr<FaceAnalyzer> analyzer_;
  std::unique_ptr<PhotoChecker> checker_;
};

void drawProgress(size_t done, size_t total) {
  constexpr int kWidth = 30;
  const int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
  std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(),
               done, total);
  if (done == total) std::fprintf(stderr, "\n");
}

}  // namespace

int runCheck(int argc, char** argv) {
  CheckOptions options;
  if (!parseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return kExitUsageOrIo;
  }
  std::string profile_text;
  Profile profile;
  const std::string profile_file = profilePath(options.profile);
  if (!readText(profile_file, profile_text)) {
    std::cerr << "gradphoto: 无法读取配置文件 " << profile_file << "\ngradphoto: cannot read the profile " << profile_file << "\n";
    return kExitUsageOrIo;
  }
  if (const Error error = parseProfile(profile_text, profile)) {
    std::cerr << "gradphoto: " << profile_file << ": " << error.message_zh << "\ngradphoto: " << profile_file << ": "
              << error.message_en << "\n";
    return kExitUsageOrIo;
  }
  ModelBytes models;
  if (const Error error = loadModelBytes(options.models_dir, models)) {
    std::cerr << "gradphoto: " << error.message_zh << "\ngradphoto: " << error.message_en << "\n";
    return kExitUsageOrIo;
  }
  if (!options.out_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.out_dir, error);
    if (error) {
      std::cerr << "gradphoto: 无法创建输出目录 " << options.out_dir << "\ngradphoto: cannot create " << options.out_dir << "\n";
      return kExitUsageOrIo;
    }
  }

  const std::vector<std::string> files = collectPhotos(options.paths);
  const unsigned jobs = std::min<unsigned>(options.jobs, std::max<size_t>(1, files.size()));
  // Each job runs one photo at a time; OpenCV's own threads would only compete.
  // One job (one photo, or --jobs 1) spreads each photo's rules over the cores instead.
  if (jobs > 1) cv::setNumThreads(1);
  CheckerOptions checker_options;
  if (jobs == 1 && cv::getNumThreads() > 1) {
    checker_options.parallel_tasks = [](int count, const std::function<void(int)>& run) {
      cv::parallel_for_(cv::Range(0, count), [&](const cv::Range& range) {
        for (int task = range.start; task < range.end; ++task) run(task);
      }, count);  // one stripe a task: a thread done early takes the next
    };
  }

  std::vector<PhotoOutcome> outcomes(files.size());
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<size_t> next{0};
  // Workers are built here, one after another: OpenCV's TFLite importer fills its
  // operator table on first use and is not safe to run from two threads at once.
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned j = 0; j < jobs; ++j) {
    Error error;
    workers.push_back(std::make_unique<Worker>(models, profile, checker_options, error));
    if (!workers.back()->ok()) {
      std::cerr << "gradphoto: " << error.message_zh << "\ngradphoto: " << error.message_en << "\n";
      return kExitUsageOrIo;
    }
  }
  auto work = [&](Worker& worker) {
    for (size_t i = next++; i < files.size(); i = next++) {
      PhotoOutcome outcome = worker.run(files[i], options);
      std::lock_guard<std::mutex> lock(mutex);
      outcomes[i] = std::move(outcome);
      outcomes[i].done = true;
      finished.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (auto& worker : workers) threads.emplace_back(work, std::ref(*worker));

  const bool progress = isatty(STDERR_FILENO) && !files.empty();
  if (options.format == Format::kCsv) std::cout << csvHeader() << "\n";
  size_t printed = 0, passed = 0, warned = 0, failed = 0, errors = 0;
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (printed < files.size()) {
      finished.wait(lock, [&] { return outcomes[printed].done; });
      while (printed < files.size() && outcomes[printed].done) {
        const PhotoOutcome& o = outcomes[printed];
        if (progress) std::fprintf(stderr, "\r\033[K");
        std::cout << o.line << "\n" << std::flush;
        errors += o.io_error;
        failed += o.failed;
        passed += !o.io_error && !o.failed && o.verdict == Verdict::kPass;
        warned += !o.io_error && !o.failed && o.verdict == Verdict::kWarn;
        ++printed;
        if (progress) drawProgress(printed, files.size());
      }
    }
  }
  for (std::thread& t : threads) t.join();

  std::cerr << "gradphoto: " << files.size() << " photos: " << passed << " pass, " << warned << " warn, " << failed
            << " fail, " << errors << " unreadable\n";
  if (errors > 0) return kExitUsageOrIo;
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace gradphoto::cli
