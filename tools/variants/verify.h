// --verify: checks a generated directory against its labels.csv.
#pragma once

#include <string>

#include "gradphoto/face_analyzer.h"

namespace gradphoto::variants {

// Every listed file decodes; every defect differs from its source's original
// (pixels or size); rotated photos' roll differs from the original's by the
// labelled angle. Prints a line per problem and a summary per variant kind.
bool verifyLabels(const std::string& out_dir, FaceAnalyzer& analyzer);

}  // namespace gradphoto::variants
