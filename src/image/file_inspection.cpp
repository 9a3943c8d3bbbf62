// Reads just enough of a file to say what it is: signatures, the JPEG marker walk,
// PNG chunks with their CRCs, GIF blocks. Every read is bounds-checked through
// Bytes, because these bytes come straight from a student's phone (and a fuzzer).
#include "gradphoto/file_inspection.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>

#include "gradphoto/image_view.h"

namespace gradphoto {
namespace {

struct Bytes {
  const std::uint8_t* data;
  std::size_t size;

  bool has(std::size_t offset, std::size_t count) const { return offset <= size && count <= size - offset; }
  std::uint8_t u8(std::size_t offset) const { return has(offset, 1) ? data[offset] : 0; }
  std::uint32_t be16(std::size_t o) const { return has(o, 2) ? (data[o] << 8u) | data[o + 1] : 0; }
  std::uint32_t le16(std::size_t o) const { return has(o, 2) ? data[o] | (data[o + 1] << 8u) : 0; }
  std::uint32_t be32(std::size_t o) const {
    return has(o, 4) ? (std::uint32_t{data[o]} << 24) | (data[o + 1] << 16u) | (data[o + 2] << 8u) | data[o + 3] : 0;
  }
  bool startsWith(std::size_t offset, const char* text) const {
    const std::size_t n = std::strlen(text);
    return has(offset, n) && std::memcmp(data + offset, text, n) == 0;
  }
};

Error incomplete() {
  return {ErrorCode::kUnreadableFile, "照片文件不完整（可能没有下载或传输完），请重新获取原图后再试。",
          "The photo file is incomplete (perhaps it was not fully downloaded or copied). Get the original again."};
}

Error damaged() {
  return {ErrorCode::kUnreadableFile, "照片文件已损坏，无法读取，请重新获取原图后再试。",
          "The photo file is damaged and cannot be read. Get the original again."};
}

Error unsupported(const std::string& zh, const std::string& en) {
  return {ErrorCode::kUnsupportedFormat, zh + "请选择 JPEG 或 PNG 格式的照片。", en + " Choose a JPEG or PNG photo."};
}

// EXIF orientation from an APP1 "Exif\0\0" payload (a TIFF header and IFD0).
int exifOrientation(const Bytes& segment) {
  const Bytes tiff{segment.data + 6, segment.size - 6};
  const bool little = tiff.startsWith(0, "II");
  if (!little && !tiff.startsWith(0, "MM")) return 1;
  const auto u16 = [&](std::size_t o) { return little ? tiff.le16(o) : tiff.be16(o); };
  const auto u32 = [&](std::size_t o) {
    return little ? tiff.le16(o) | (tiff.le16(o + 2) << 16u) : tiff.be32(o);
  };
  const std::size_t ifd = u32(4);
  const std::uint32_t entries = u16(ifd);
  for (std::uint32_t i = 0; i < entries && tiff.has(ifd + 2 + 12 * i, 12); ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    if (u16(entry) == 0x0112) {
      const std::uint32_t value = u16(entry + 8);
      return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
    }
  }
  return 1;
}

// Walks the markers to the start of frame and on to the end-of-image marker: a
// file cut short (a half-finished download) has no EOI after its scan data.
void inspectJpeg(const Bytes& b, FileInspection& info) {
  std::size_t pos = 2;
  bool frame = false;
  while (true) {
    if (!b.has(pos, 2)) {
      info.error = incomplete();
      return;
    }
    if (b.u8(pos) != 0xFF) {
      info.error = damaged();
      return;
    }
    const std::uint8_t marker = b.u8(pos + 1);
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xD9) break;  // EOI
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {  // no length
      pos += 2;
      continue;
    }
    const std::uint32_t length = b.be16(pos + 2);
    if (!b.has(pos + 2, 2) || !b.has(pos + 2, length)) {
      info.error = incomplete();
      return;
    }
    if (length < 2) {
      info.error = damaged();
      return;
    }
    const Bytes segment{b.data + pos + 4, length - 2u};
    const bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (start_of_frame && !frame) {
      if (segment.size < 6) {
        info.error = damaged();
        return;
      }
      frame = true;
      info.height = static_cast<int>(segment.be16(1));
      info.width = static_cast<int>(segment.be16(3));
      info.channels = segment.u8(5);
    } else if (marker == 0xE1 && segment.startsWith(0, "Exif") && segment.size > 6 && info.orientation == 1) {
      info.orientation = exifOrientation(segment);
    }
    pos += 2 + length;
    if (marker != 0xDA) continue;
    if (!frame) {
      info.error = damaged();
      return;
    }
    // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart
    // marker; anything else is the next marker.
    while (true) {
      if (!b.has(pos, 2)) {
        info.error = incomplete();
        return;
      }
      if (b.u8(pos) == 0xFF) {
        const std::uint8_t next = b.u8(pos + 1);
        if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) break;
      }
      ++pos;
    }
  }
  if (!frame) info.error = damaged();
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// Chunks in order, each CRC verified (a damaged copy shows up here rather than as a
// half-grey picture), IHDR first, image data before IEND.
void inspectPng(const Bytes& b, FileInspection& info) {
  std::size_t pos = 8;
  bool header = false, data = false;
  while (true) {
    if (!b.has(pos, 8)) {
      info.error = incomplete();
      return;
    }
    const std::uint32_t length = b.be32(pos);
    if (length > 0x7FFFFFFFu) {
      info.error = damaged();
      return;
    }
    if (!b.has(pos + 8, length) || !b.has(pos + 8 + length, 4)) {
      info.error = incomplete();
      return;
    }
    const Bytes chunk{b.data + pos + 8, length};
    if (crc32(b.data + pos + 4, length + 4) != b.be32(pos + 8 + length)) {
      info.error = damaged();
      return;
    }
    const bool is_header = b.startsWith(pos + 4, "IHDR");
    if (header == is_header) {  // IHDR first, and only once
      info.error = damaged();
      return;
    }
    if (is_header) {
      header = true;
      const std::uint32_t width = chunk.be32(0), height = chunk.be32(4);
      if (length != 13 || width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu) {
        info.error = damaged();
        return;
      }
      info.width = static_cast<int>(width);
      info.height = static_cast<int>(height);
      const std::uint8_t colour_type = chunk.u8(9);
      static const int kChannels[7] = {1, 0, 3, 1, 2, 0, 4};
      info.channels = colour_type < 7 ? kChannels[colour_type] : 0;
      info.has_alpha = colour_type == 4 || colour_type == 6;
    } else if (b.startsWith(pos + 4, "tRNS")) {
      info.has_alpha = true;
    } else if (b.startsWith(pos + 4, "IDAT")) {
      data = true;
    } else if (b.startsWith(pos + 4, "IEND")) {
      if (!data) info.error = damaged();
      return;
    }
    pos += 12 + length;
  }
}

// Counts the frames: a GIF is refused either way, but the message says "animation".
void inspectGif(const Bytes& b, FileInspection& info) {
  info.width = static_cast<int>(b.le16(6));
  info.height = static_cast<int>(b.le16(8));
  std::size_t pos = 13;
  const std::uint8_t flags = b.u8(10);
  if (flags & 0x80) pos += 3u << ((flags & 7) + 1);
  const auto skipSubBlocks = [&] {
    while (b.has(pos, 1) && b.u8(pos) != 0) pos += 1 + b.u8(pos);
    ++pos;
  };
  while (b.has(pos, 1) && info.frames < 1000) {
    const std::uint8_t block = b.u8(pos);
    if (block == 0x2C) {  // image descriptor
      ++info.frames;
      const std::uint8_t local = b.u8(pos + 9);
      pos += 10;
      if (local & 0x80) pos += 3u << ((local & 7) + 1);
      pos += 1;  // LZW minimum code size
      skipSubBlocks();
    } else if (block == 0x21) {  // extension
      pos += 2;
      skipSubBlocks();
    } else {
      break;  // trailer or damage: the frames counted so far are enough
    }
  }
}

bool containsCaseless(const Bytes& b, std::size_t limit, const char* needle) {
  const std::size_t n = std::strlen(needle);
  for (std::size_t i = 0; i + n <= std::min(limit, b.size); ++i) {
    std::size_t k = 0;
    while (k < n && std::tolower(b.data[i + k]) == needle[k]) ++k;
    if (k == n) return true;
  }
  return false;
}

// Text has no NUL bytes and few control characters in its first kilobyte.
bool looksLikeText(const Bytes& b) {
  const std::size_t n = std::min<std::size_t>(b.size, 1024);
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t c = b.data[i];
    if (c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return control * 20 < n;
}

void classify(const Bytes& b, FileInspection& info) {
  if (b.size == 0) {
    info.kind = FileKind::kEmpty;
    info.error = {ErrorCode::kUnreadableFile, "文件是空的（0 字节），请重新选择照片。",
                  "The file is empty (0 bytes). Choose the photo again."};
  } else if (b.size >= 2 && b.data[0] == 0xFF && b.data[1] == 0xD8) {  // SOI; a damaged header is still a JPEG
    info.kind = FileKind::kJpeg;
    inspectJpeg(b, info);
  } else if (b.startsWith(0, "\x89PNG\r\n\x1a\n")) {
    info.kind = FileKind::kPng;
    inspectPng(b, info);
  } else if (b.startsWith(0, "GIF87a") || b.startsWith(0, "GIF89a")) {
    info.kind = FileKind::kGif;
    inspectGif(b, info);
    info.error = info.frames > 1 ? unsupported("这是 GIF 动图，不是照片。", "This is a GIF animation, not a photo.")
                                 : unsupported("这是 GIF 图片，不是照片原图。", "This is a GIF image, not an original photo.");
  } else if (b.startsWith(4, "ftyp")) {
    static const char* kHeif[] = {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"};
    bool heif = false;
    for (const char* brand : kHeif) heif = heif || b.startsWith(8, brand);
    if (heif) {
      info.kind = FileKind::kHeic;
      info.error = {ErrorCode::kUnsupportedFormat,
                    "这是 HEIC/HEIF 格式的照片（苹果手机的默认格式），这里无法读取。请在相册中将其导出为 JPEG，"
                    "或在“设置 > 相机 > 格式”中选择“兼容性最佳”后重拍。",
                    "This is a HEIC/HEIF photo (the iPhone's default format), which cannot be read here. Export it "
                    "as JPEG from the album, or set Settings > Camera > Formats to Most Compatible and take it again."};
    } else if (b.startsWith(8, "avif") || b.startsWith(8, "avis")) {
      info.kind = FileKind::kAvif;
      info.error = unsupported("这是 AVIF 格式的图片，这里无法读取。", "This is an AVIF image, which cannot be read here.");
    } else {
      info.kind = FileKind::kVideo;
      info.error = unsupported("这是视频文件（或实况照片的视频部分），不是照片。",
                               "This is a video (or the video part of a Live Photo), not a photo.");
    }
  } else if (b.startsWith(0, "RIFF") && b.startsWith(8, "WEBP")) {
    info.kind = FileKind::kWebp;
    info.error = unsupported("这是 WebP 格式的图片，这里不接受。", "This is a WebP image, which is not accepted here.");
  } else if (b.startsWith(0, "BM")) {
    info.kind = FileKind::kBmp;
    info.error = unsupported("这是 BMP 格式的图片，这里不接受。", "This is a BMP image, which is not accepted here.");
  } else if (b.startsWith(0, "II*") || b.startsWith(0, "MM\0*")) {
    info.kind = FileKind::kTiff;
    info.error = unsupported("这是 TIFF 格式的图片，这里不接受。", "This is a TIFF image, which is not accepted here.");
  } else if (b.startsWith(0, "%PDF")) {
    info.kind = FileKind::kPdf;
    info.error = unsupported("这是 PDF 文档，不是照片。", "This is a PDF document, not a photo.");
  } else if (looksLikeText(b) && (containsCaseless(b, 1024, "<!doctype html") || containsCaseless(b, 1024, "<html"))) {
    info.kind = FileKind::kHtml;
    info.error = unsupported("此文件不是照片，而是一个网页（可能是下载出错时保存的页面）。",
                             "This file is not a photo but a web page (perhaps saved when a download failed).");
  } else if (looksLikeText(b)) {
    info.kind = FileKind::kText;
    info.error = unsupported("此文件不是照片，而是文本文件。", "This file is not a photo: it is a text file.");
  } else {
    info.kind = FileKind::kUnknown;
    info.error = unsupported("此文件不是照片（无法识别的文件格式）。", "This file is not a photo (unknown file format).");
  }
}

}  // namespace

const char* fileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kEmpty: return "empty";
    case FileKind::kJpeg: return "jpeg";
    case FileKind::kPng: return "png";
    case FileKind::kGif: return "gif";
    case FileKind::kHeic: return "heic";
    case FileKind::kAvif: return "avif";
    case FileKind::kVideo: return "video";
    case FileKind::kWebp: return "webp";
    case FileKind::kBmp: return "bmp";
    case FileKind::kTiff: return "tiff";
    case FileKind::kPdf: return "pdf";
    case FileKind::kHtml: return "html";
    case FileKind::kText: return "text";
    case FileKind::kUnknown: return "unknown";
  }
  return "unknown";
}

FileInspection inspectImageFile(const std::uint8_t* data, std::size_t size) {
  FileInspection info;
  const Bytes bytes{data, data == nullptr ? 0 : size};
  classify(bytes, info);
  // The size limits from the header, before anything is decoded.
  if (!info.error && info.width > 0 && info.height > 0) info.error = checkImageSize(info.width, info.height);
  if (!info.error && (info.kind == FileKind::kJpeg || info.kind == FileKind::kPng) &&
      (info.width == 0 || info.height == 0)) {
    info.error = damaged();
  }
  return info;
}

}  // namespace gradphoto
