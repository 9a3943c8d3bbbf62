// The 采集码 step's passes from camera/screenshot pixels to the luminance ZXing-C++
// reads (web/qr-read.js): luminance, and the luminance at half width and height. zxing-wasm's own readBarcodes does this in a JS loop, about
// 2.5 ns a pixel (7 ms for a 1080x2340 screenshot, more than its decode of a small
// code); 16 pixels a step in wasm SIMD it is about 0.5 ns. A standalone module of a
// few hundred bytes with no imports: no Emscripten runtime, loaded by the QR worker only.
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

extern "C" {

extern unsigned char __heap_base;

// Where `bytes` bytes may be written (the same place every call: the worker reads one
// image at a time), growing the memory when needed; null when it cannot grow.
__attribute__((export_name("reserve"))) uint8_t* reserve(size_t bytes) {
  const size_t base = (reinterpret_cast<uintptr_t>(&__heap_base) + 15) & ~size_t{15};
  const size_t have = __builtin_wasm_memory_size(0) * 65536;
  if (base + bytes > have && __builtin_wasm_memory_grow(0, (base + bytes - have + 65535) / 65536) == SIZE_MAX)
    return nullptr;
  return reinterpret_cast<uint8_t*>(base);
}

// luminance = (w0*c0 + w1*c1 + w2*c2 + 512) >> 10 for 4-byte pixels c0 c1 c2 alpha; alpha is
// ignored, as zxing-wasm does. The caller orders the weights for RGBA or BGRA (Rec. 601:
// 306, 601, 117 for R, G, B, zxing-wasm's own). The sums fit the i16 x i16 -> i32 dot.
struct Weights {
  Weights(int w0, int w1, int w2) : w0(w0), w1(w1), w2(w2), lanes(wasm_i16x8_make(w0, w1, w2, 0, w0, w1, w2, 0)) {}
  int of(const uint8_t* p) const { return (w0 * p[0] + w1 * p[1] + w2 * p[2] + 512) >> 10; }
  // The luminance of the 4 pixels at p, as 32-bit lanes.
  v128_t ofFour(const uint8_t* p) const {
    const v128_t bytes = wasm_v128_load(p);
    // [c0*w0 + c1*w1, c2*w2] per pixel, then the two halves of each pixel added.
    const v128_t low = wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(bytes), lanes);
    const v128_t high = wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(bytes), lanes);
    const v128_t sums = wasm_i32x4_add(wasm_i32x4_shuffle(low, high, 0, 2, 4, 6), wasm_i32x4_shuffle(low, high, 1, 3, 5, 7));
    return wasm_u32x4_shr(wasm_i32x4_add(sums, wasm_i32x4_splat(512)), 10);
  }
  int w0, w1, w2;
  v128_t lanes;
};

__attribute__((export_name("luminance"))) void luminance(const uint8_t* pixels, uint8_t* out, size_t count,
                                                        int w0, int w1, int w2) {
  const Weights weights(w0, w1, w2);
  auto fourPixels = [&](const uint8_t* p) { return weights.ofFour(p); };
  size_t i = 0;
  for (; i + 16 <= count; i += 16, pixels += 64) {
    wasm_v128_store(out + i, wasm_u8x16_narrow_i16x8(wasm_u16x8_narrow_i32x4(fourPixels(pixels), fourPixels(pixels + 16)),
                                                     wasm_u16x8_narrow_i32x4(fourPixels(pixels + 32), fourPixels(pixels + 48))));
  }
  for (; i < count; ++i, pixels += 4) out[i] = static_cast<uint8_t>(weights.of(pixels));
}

// The luminance at half width and height: each 2x2 block's four luminances averaged,
// rounded half up, (a + b + c + d + 2) >> 2 (an odd last column or row is left out),
// without writing the full-size luminance. The 采集码 reader's first pass reads this
// quarter-size image: a code on a screen or a phone photo has modules several pixels
// wide, and ZXing's time goes with pixels; a phone screenshot's full luminance (2.5
// million bytes written, then read again) is made only if that pass finds nothing.
__attribute__((export_name("halfLuminance"))) void halfLuminance(const uint8_t* pixels, uint8_t* out, size_t width,
                                                                size_t height, int w0, int w1, int w2) {
  const Weights weights(w0, w1, w2);
  const size_t out_width = width / 2, out_height = height / 2, row_bytes = 4 * width;
  const v128_t two = wasm_i32x4_splat(2);
  // Four blocks from 8 pixels of each row: luminance, the rows added, pairs added across.
  auto fourBlocks = [&](const uint8_t* top, const uint8_t* bottom) {
    const v128_t left = wasm_i32x4_add(weights.ofFour(top), weights.ofFour(bottom));
    const v128_t right = wasm_i32x4_add(weights.ofFour(top + 16), weights.ofFour(bottom + 16));
    const v128_t sums = wasm_i32x4_add(wasm_i32x4_shuffle(left, right, 0, 2, 4, 6), wasm_i32x4_shuffle(left, right, 1, 3, 5, 7));
    return wasm_u32x4_shr(wasm_i32x4_add(sums, two), 2);
  };
  for (size_t y = 0; y < out_height; ++y) {
    const uint8_t* top = pixels + 2 * y * row_bytes;
    const uint8_t* bottom = top + row_bytes;
    uint8_t* row = out + y * out_width;
    size_t x = 0;
    for (; x + 16 <= out_width; x += 16) {
      const uint8_t* t = top + 8 * x;
      const uint8_t* b = bottom + 8 * x;
      wasm_v128_store(row + x, wasm_u8x16_narrow_i16x8(
                                   wasm_u16x8_narrow_i32x4(fourBlocks(t, b), fourBlocks(t + 32, b + 32)),
                                   wasm_u16x8_narrow_i32x4(fourBlocks(t + 64, b + 64), fourBlocks(t + 96, b + 96))));
    }
#pragma clang loop vectorize(disable) unroll(disable)
    for (; x < out_width; ++x) {
      const uint8_t* t = top + 8 * x;
      const uint8_t* b = bottom + 8 * x;
      row[x] = static_cast<uint8_t>((weights.of(t) + weights.of(t + 4) + weights.of(b) + weights.of(b + 4) + 2) >> 2);
    }
  }
}

}  // extern "C"
