#include "photo_files.h"

#include <algorithm>
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

// FNV-1a: stable across runs and platforms, unlike std::hash.
std::uint32_t fnv1a(const std::string& text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
  return hash;
}

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

std::string outputPathFor(const std::string& out_dir, const std::string& source) {
  std::error_code error;
  // The path as given, made absolute (links are not resolved: two links are two photos).
  const fs::path absolute = fs::absolute(source, error).lexically_normal();
  char hash[9];
  std::snprintf(hash, sizeof hash, "%08x", fnv1a(absolute.string()));
  return (fs::path(out_dir) / (fs::path(source).stem().string() + "-" + hash + ".jpg")).string();
}

}  // namespace gradphoto::cli
