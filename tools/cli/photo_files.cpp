#include "photo_files.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace gradphoto::cli {
namespace {

namespace fs = std::filesystem;

bool hasPhotoExtension(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".jpg" || extension == ".jpeg" || extension == ".png";
}

// FNV-1a, 64 bits: stable across runs and platforms, unlike std::hash; 32 bits
// would give two of a school's 1,000 photos the same name about once in 10,000 runs.
struct Fnv1a {
  std::uint64_t hash = 14695981039346656037ull;
  void add(const unsigned char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 1099511628211ull;
  }
  void add(const std::string& text) {
    add(reinterpret_cast<const unsigned char*>(text.data()), text.size() + 1);  // with its NUL: fields stay apart
  }
};

}  // namespace

std::vector<std::string> collectPhotos(const std::vector<std::string>& paths) {
  std::vector<std::string> photos;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      photos.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
      if (it->is_regular_file(error) && hasPhotoExtension(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    photos.insert(photos.end(), found.begin(), found.end());
  }
  return photos;
}

std::string outputPathFor(const std::string& out_dir, const std::string& source,
                          const std::vector<std::uint8_t>& source_bytes, const std::string& profile_id) {
  std::error_code error;
  // The path as given, made absolute (links are not resolved: two links are two photos).
  const fs::path absolute = fs::absolute(source, error).lexically_normal();
  Fnv1a fnv;
  fnv.add(absolute.string());
  fnv.add(profile_id);
  fnv.add(source_bytes.data(), source_bytes.size());
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv.hash));
  return (fs::path(out_dir) / (fs::path(source).stem().string() + "-" + hash + ".jpg")).string();
}

bool writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  static std::atomic<unsigned> counter{0};
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      out.close();
      std::remove(temporary.c_str());
      return false;
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) std::remove(temporary.c_str());
  return !error;
}

}  // namespace gradphoto::cli
