// std::hypot(a, b) < limit, for per-pixel masks: hypot costs tens of nanoseconds
// (more in wasm), which over a 480x640 crop's pixels added milliseconds to a check.
// The sum of squares, in double, decides every pixel clear of the limit; the few
// within 1e-5 of it (hypot's and the squares' rounding are both far below that) are
// decided by the very expression the measure used before, so every mask stays
// bit for bit what std::hypot gave.
#pragma once

#include <cmath>

namespace gradphoto {

template <typename T>
bool hypotBelow(T a, T b, double limit) {
  const double squares = static_cast<double>(a) * a + static_cast<double>(b) * b;
  const double limit_squared = limit * limit;
  constexpr double kUndecided = 1e-5;
  if (squares < limit_squared * (1 - kUndecided)) return true;
  if (squares > limit_squared * (1 + kUndecided)) return false;
  return std::hypot(a, b) < limit;  // also NaN: false, as before
}

// std::hypot(a, b) >= limit, the same way (NaN: false, as std::hypot gives).
template <typename T>
bool hypotAtLeast(T a, T b, double limit) {
  const double squares = static_cast<double>(a) * a + static_cast<double>(b) * b;
  const double limit_squared = limit * limit;
  constexpr double kUndecided = 1e-5;
  if (squares > limit_squared * (1 + kUndecided)) return true;
  if (squares < limit_squared * (1 - kUndecided)) return false;
  return std::hypot(a, b) >= limit;
}

}  // namespace gradphoto
