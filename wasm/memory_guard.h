// The module's memory has a maximum (-sMAXIMUM_MEMORY): past it malloc fails and
// the module aborts, losing everything in it. A photo that cannot fit is refused
// before its pixels are copied in, as an out_of_memory error object.
#pragma once

#include <cstddef>

#include "gradphoto/error.h"

namespace gradphoto::wasm {

// Bytes a check (or analysis) of `pixels` pixels needs beyond its input copies,
// measured by tests/wasm/memory.test.mjs.
inline constexpr double kWorkingBytesPerPixel = 1.2;
inline constexpr double kFixedWorkingBytes = 48.0 * 1024 * 1024;

// An out_of_memory error when copying `input_bytes` in and working on `pixels`
// pixels would pass the module's maximum memory; an empty Error otherwise.
Error checkMemoryFor(std::size_t input_bytes, long long pixels);

// Bytes in use by malloc and the maximum the module may grow to.
std::size_t heapBytesInUse();
std::size_t heapBytesMax();

}  // namespace gradphoto::wasm
