// MediaPipe's canonical 3D face (geometry_pipeline_metadata_landmarks.binarypb from
// the face_mesh npm package): the 468 mesh vertices of an upright, frontal face and
// the weighted landmark subset MediaPipe uses for Procrustes pose fitting.
#pragma once

#include <cstdint>
#include <vector>

#include "gradphoto/error.h"

namespace gradphoto {

struct Vertex3 {
  float x, y, z;  // centimetres; x right, y up, z toward the viewer (as stored)
};

struct WeightedLandmark {
  int index;
  float weight;
};

struct CanonicalFace {
  std::vector<Vertex3> vertices;           // 468
  std::vector<WeightedLandmark> procrustes;  // the landmarks that fix the pose
};

// Parses the protobuf (GeometryPipelineMetadata: canonical_mesh = 1 with
// vertex_buffer = 3 as x,y,z,u,v per vertex; procrustes_landmark_basis = 2 with
// landmark_id = 1, weight = 2). Returns false with an Error on malformed input.
bool parseCanonicalFace(const std::vector<std::uint8_t>& bytes, CanonicalFace& face, Error& error);

}  // namespace gradphoto
