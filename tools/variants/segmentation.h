// Background and clothing masks for plain-background portrait photos, from colour
// and the face mesh (no segmentation network: the sources have plain backgrounds).
#pragma once

#include <opencv2/core.hpp>

#include "mesh_regions.h"

namespace gradphoto::variants {

struct Background {
  cv::Mat model;      // CV_32FC3 BGR: smooth fit of the background's colour over the whole frame
  cv::Mat alpha;      // CV_32F 0..1: soft matte, 1 on background, fractional on hair strands
  cv::Mat hard;       // CV_8U 255 on background (connected to the border)
  cv::Vec3f reference;  // BGR median of the top corners
};

// Background = pixels close in colour to a smooth fit of the top corners' colour,
// connected to the image border, never inside the face.
Background segmentBackground(const cv::Mat& bgr, const FaceGeometry& face);

struct Clothing {
  cv::Mat alpha;        // CV_32F 0..1
  cv::Vec3f reference;  // BGR median of the clothing
  cv::Vec3f backdrop_nearby;  // BGR median of the backdrop at the clothing's height
  double area_fraction = 0;
};

// Clothing = below the chin, not background, not skin (chroma of the face), close
// in colour to the clothing seen along the bottom edge, connected to the bottom edge.
Clothing segmentClothing(const cv::Mat& bgr, const FaceGeometry& face, const Background& background);

}  // namespace gradphoto::variants
