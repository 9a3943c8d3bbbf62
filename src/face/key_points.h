// Named points taken from the 468-point Face Mesh.
#pragma once

#include <vector>

#include "gradphoto/face_analysis.h"

namespace gradphoto {

KeyPoints keyPointsFromMesh(const std::vector<MeshPoint>& mesh);

}  // namespace gradphoto
