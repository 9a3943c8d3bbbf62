#include "image/srgb_to_lab.h"

#include <climits>  // softfloat.hpp uses UCHAR_MAX and friends without including it

#include <opencv2/core/softfloat.hpp>

namespace gradphoto {
namespace {

// OpenCV 4.10 modules/imgproc/src/color_lab.cpp: sRGB2XYZ_D65 (0.412453 0.357580
// 0.180423 / 0.212671 0.715160 0.072169 / 0.019334 0.119193 0.950227) and the D65
// white point, as the exact doubles it stores.
constexpr std::uint64_t kSrgbToXyz[9] = {0x3fda65a14488c60d, 0x3fd6e297396d0918, 0x3fc71819d2391d58,
                                         0x3fcb38cda6e75ff6, 0x3fe6e297396d0918, 0x3fb279aae6c8f755,
                                         0x3f93cc4ac6cdaf4b, 0x3fbe836eb4e98138, 0x3fee68427418d691};
constexpr std::uint64_t kD65[3] = {0x3fee6a22b3892ee8, 0x3ff0000000000000, 0x3ff16b8950763a19};

Lab8Tables buildTables() {
  using cv::softdouble;
  using cv::softfloat;
  Lab8Tables t{};
  // sRGB's transfer function: linear below 0.04045, the 2.4 power above.
  const softdouble threshold = softdouble(809) / softdouble(20000), low_scale = softdouble(323) / softdouble(25),
                   power = softdouble(12) / softdouble(5), shift = softdouble(11) / softdouble(200);
  const softfloat f255(255), int_scale(255 * 8);
  for (int i = 0; i < 256; ++i) {
    const softdouble x = softfloat(i) / f255;
    const softfloat linear = x <= threshold ? x / low_scale : cv::pow((x + shift) / (softdouble::one() + shift), power);
    t.gamma[i] = static_cast<std::uint16_t>(cvRound(int_scale * linear));
  }
  // Lab's f(t): the cube root above (6/29)^3, the linear segment below.
  const softfloat lthresh = softfloat(216) / softfloat(24389), lscale = softfloat(841) / softfloat(108),
                  lbias = softfloat(16) / softfloat(116);
  const softfloat cbrt_scale = softfloat::one() / (f255 * softfloat(8)), lab_scale(1 << 15);
  for (int i = 0; i < static_cast<int>(t.cbrt.size()); ++i) {
    const softfloat x = cbrt_scale * softfloat(i);
    t.cbrt[i] = static_cast<std::uint16_t>(cvRound(lab_scale * (x < lthresh ? cv::mulAdd(x, lscale, lbias) : cv::cbrt(x))));
  }
  const softdouble xyz_scale(1 << 12);
  for (int i = 0; i < 9; ++i) {
    t.rgb_to_xyz[i] = cvRound(xyz_scale * softdouble::fromRaw(kSrgbToXyz[i]) / softdouble::fromRaw(kD65[i / 3]));
  }
  return t;
}

}  // namespace

const Lab8Tables& lab8Tables() {
  static const Lab8Tables tables = buildTables();
  return tables;
}

}  // namespace gradphoto
