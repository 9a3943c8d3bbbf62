// Which files a batch run checks, and where each one's output goes.
#pragma once

#include <string>
#include <vector>

namespace gradphoto::cli {

// Files named on the command line as they are; folders recursed for photo
// extensions (.jpg .jpeg .png, any case), sorted. Missing paths are returned too,
// so they are reported rather than silently dropped.
std::vector<std::string> collectPhotos(const std::vector<std::string>& paths);

// DIR/<name>-<8 hex digits of the source's absolute path>.jpg: two photos with the
// same name in different folders never overwrite each other, and a second run
// overwrites only the same photo's earlier output.
std::string outputPathFor(const std::string& out_dir, const std::string& source);

}  // namespace gradphoto::cli
