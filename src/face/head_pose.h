// Head pose from the mesh: yaw and pitch from a weighted Procrustes fit of the
// canonical face to the mesh's 3D points; roll from the eye line, which is the
// "pupil-line angle" collectors check.
#pragma once

#include <vector>

#include "face/canonical_face.h"
#include "gradphoto/face_analysis.h"

namespace gradphoto {

HeadPose estimateHeadPose(const CanonicalFace& canonical, const std::vector<MeshPoint>& mesh,
                          const KeyPoints& key_points);

}  // namespace gradphoto
