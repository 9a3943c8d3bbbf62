// Which files a batch run checks, and where each one's output goes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gradphoto::cli {

// Files named on the command line as they are; folders recursed for photo
// extensions (.jpg .jpeg .png, any case), sorted. Missing paths are returned too,
// so they are reported rather than silently dropped.
std::vector<std::string> collectPhotos(const std::vector<std::string>& paths);

// DIR/<name>-<16 hex digits>.jpg, the digits a 64-bit hash of the source's absolute
// path, its bytes and the profile: two photos with the same name in different
// folders, or a photo replaced in place between two runs, never share an output
// name, and a second run rewrites only the same photo's output (the same bytes).
std::string outputPathFor(const std::string& out_dir, const std::string& source,
                          const std::vector<std::uint8_t>& source_bytes, const std::string& profile_id);

// Writes through a temporary file renamed into place, so a run that is stopped, or
// the same photo listed twice, never leaves a half-written JPEG behind.
bool writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace gradphoto::cli
