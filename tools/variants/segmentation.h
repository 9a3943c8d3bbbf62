// Background and clothing masks for plain-backdrop portrait photos, from colour,
// GrabCut and the face mesh (no segmentation network: the sources have plain
// backdrops). Deterministic: OpenCV's random generator is reseeded before use.
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

// Background = the outline GrabCut finds (seeded with the top corners' colour,
// the face and the chest), refined at full resolution by the colour distance to
// a smooth fit of the backdrop; connected to the image border (or, in the hair,
// enclosed by strands), never inside the face.
Background segmentBackground(const cv::Mat& bgr, const FaceGeometry& face);

struct Clothing {
  cv::Mat alpha;        // CV_32F 0..1
  cv::Vec3f reference_lab;  // CIELAB median of the clothing
  cv::Vec3f backdrop_lab;   // CIELAB median of the backdrop beside the shoulders
  double area_fraction = 0;
};

// Clothing = below the mouth and outside the face, not background, not skin
// (chroma and lightness of the face), close in colour to the dominant colour
// along the bottom edge, connected to the bottom or side edges.
Clothing segmentClothing(const cv::Mat& bgr, const FaceGeometry& face, const Background& background);

}  // namespace gradphoto::variants
