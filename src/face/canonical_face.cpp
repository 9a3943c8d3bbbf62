#include "face/canonical_face.h"

#include <cstring>

#include "gradphoto/face_analysis.h"

namespace gradphoto {
namespace {

// Just enough protobuf wire format for this one message; no protobuf runtime is
// linked into the wasm for a 19 KB constant.
class WireReader {
 public:
  WireReader(const std::uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  bool done() const { return p_ >= end_; }
  bool ok() const { return ok_; }

  bool varint(std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const std::uint8_t byte = *p_++;
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return ok_ = false;
  }
  bool fixed32(float& value) {
    if (end_ - p_ < 4) return ok_ = false;
    std::memcpy(&value, p_, 4);
    p_ += 4;
    return true;
  }
  bool bytes(WireReader& sub) {
    std::uint64_t length;
    if (!varint(length) || length > static_cast<std::uint64_t>(end_ - p_)) return ok_ = false;
    sub = WireReader(p_, static_cast<size_t>(length));
    p_ += length;
    return true;
  }
  bool skip(int wire_type) {
    std::uint64_t ignored;
    float ignored_float;
    WireReader ignored_bytes(nullptr, 0);
    switch (wire_type) {
      case 0: return varint(ignored);
      case 1: if (end_ - p_ < 8) return ok_ = false; p_ += 8; return true;
      case 2: return bytes(ignored_bytes);
      case 5: return fixed32(ignored_float);
      default: return ok_ = false;
    }
  }

 private:
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  bool ok_ = true;
};

bool readFloats(WireReader& reader, int wire_type, std::vector<float>& out) {
  float value;
  if (wire_type == 5) {
    if (!reader.fixed32(value)) return false;
    out.push_back(value);
    return true;
  }
  if (wire_type != 2) return false;
  WireReader packed(nullptr, 0);
  if (!reader.bytes(packed)) return false;
  while (!packed.done()) {
    if (!packed.fixed32(value)) return false;
    out.push_back(value);
  }
  return true;
}

bool parseMesh(WireReader reader, std::vector<float>& vertex_buffer) {
  while (!reader.done()) {
    std::uint64_t key;
    if (!reader.varint(key)) return false;
    const int field = static_cast<int>(key >> 3), type = static_cast<int>(key & 7);
    if (field == 3) {
      if (!readFloats(reader, type, vertex_buffer)) return false;
    } else if (!reader.skip(type)) {
      return false;
    }
  }
  return true;
}

bool parseWeightedLandmark(WireReader reader, WeightedLandmark& landmark) {
  landmark = {-1, 0};
  while (!reader.done()) {
    std::uint64_t key;
    if (!reader.varint(key)) return false;
    const int field = static_cast<int>(key >> 3), type = static_cast<int>(key & 7);
    if (field == 1 && type == 0) {
      std::uint64_t id;
      if (!reader.varint(id)) return false;
      landmark.index = static_cast<int>(id);
    } else if (field == 2 && type == 5) {
      if (!reader.fixed32(landmark.weight)) return false;
    } else if (!reader.skip(type)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool parseCanonicalFace(const std::vector<std::uint8_t>& bytes, CanonicalFace& face, Error& error) {
  const Error malformed{ErrorCode::kModelError, "人脸几何数据已损坏。",
                        "The canonical face geometry file is malformed."};
  WireReader reader(bytes.data(), bytes.size());
  std::vector<float> vertex_buffer;
  face = {};
  while (!reader.done()) {
    std::uint64_t key;
    if (!reader.varint(key)) break;
    const int field = static_cast<int>(key >> 3), type = static_cast<int>(key & 7);
    WireReader sub(nullptr, 0);
    if (field == 1 && type == 2) {
      if (!reader.bytes(sub) || !parseMesh(sub, vertex_buffer)) break;
    } else if (field == 2 && type == 2) {
      WeightedLandmark landmark;
      if (!reader.bytes(sub) || !parseWeightedLandmark(sub, landmark)) break;
      if (landmark.index < 0 || landmark.index >= kMeshPointCount) break;
      face.procrustes.push_back(landmark);
    } else if (!reader.skip(type)) {
      break;
    }
  }
  constexpr size_t kFloatsPerVertex = 5;  // x, y, z, u, v
  if (!reader.ok() || !reader.done() || vertex_buffer.size() != kMeshPointCount * kFloatsPerVertex ||
      face.procrustes.size() < 3) {
    error = malformed;
    return false;
  }
  for (int i = 0; i < kMeshPointCount; ++i) {
    const float* v = &vertex_buffer[i * kFloatsPerVertex];
    face.vertices.push_back({v[0], v[1], v[2]});
  }
  return true;
}

}  // namespace gradphoto
