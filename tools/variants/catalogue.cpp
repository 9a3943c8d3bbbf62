#include "catalogue.h"

#include "catalogue_parts.h"

#include "defects.h"
#include "spec_crop.h"

namespace gradphoto::variants {
namespace {

constexpr std::uint64_t kSeed = 0x6772616470686f74ull;  // "gradphot": fixed, outputs are reproducible

std::string rgbText(cv::Vec3f bgr) {
  return std::to_string(static_cast<int>(bgr[2])) + ":" + std::to_string(static_cast<int>(bgr[1])) + ":" +
         std::to_string(static_cast<int>(bgr[0]));
}

}  // namespace

std::uint64_t seedFor(const std::string& stem, std::uint64_t stream) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : stem) h = (h ^ c) * 1099511628211ull;
  return h ^ kSeed ^ (stream * 0x9E3779B97F4A7C15ull);
}

bool notApplicable(SourceInputs& in, VariantOutput& out, const std::string& why) {
  in.why = why;
  out.not_applicable = true;
  return false;
}

std::vector<Variant> catalogue(const SourcePhoto& src) {
  std::vector<Variant> list;
  const std::string base = src.prefix + "_" + src.stem + "_";
  const AddVariant add = [&](const std::string& suffix, const std::string& variant, const std::string& parameter,
                             const std::string& expected, MakeVariant make) {
    list.push_back({base + suffix + ".jpg", variant, parameter, expected, std::move(make)});
  };
  // Pure image transforms need only the pixels.
  const auto image = [](std::function<cv::Mat(const cv::Mat&)> f) {
    return [f](SourceInputs& in, VariantOutput& out) {
      if (in.bgr().empty()) return false;
      out.image = f(in.bgr());
      return true;
    };
  };

  add("original", "original", "copy", src.backdrop_allowed ? "none" : "background.colour",
      [path = src.path](SourceInputs& in, VariantOutput& out) {
        if (!readFileBytes(path, out.bytes)) in.why = "cannot read " + path;
        return !out.bytes.empty();
      });

  for (int roll : {10, -10}) {
    add(roll > 0 ? "rotated_plus10" : "rotated_minus10", "rotated", roll > 0 ? "roll=+10" : "roll=-10",
        "pose.roll", [roll](SourceInputs& in, VariantOutput& out) {
          if (!in.face()) return false;
          out.image = rotateInPlane(in.bgr(), in.face()->eyeCentre(), roll);
          return true;
        });
  }
  for (int sigma : {3, 6})
    add("blur_s" + std::to_string(sigma), "blur", "sigma=" + std::to_string(sigma) + ";at_width=1350",
        "image.sharpness", image([sigma](const cv::Mat& m) { return gaussianBlur(m, sigma); }));

  // Quality 8: 8x8 blocks and ringing visible at arm's length; the file itself is
  // that bad (written as encoded, not re-encoded at 95).
  add("jpeg_q8", "jpeg_damage", "quality=8", "image.sharpness", [](SourceInputs& in, VariantOutput& out) {
    if (in.bgr().empty()) return false;
    out.bytes = jpegBytes(in.bgr(), 8);
    return true;
  });

  for (const auto& [gain, suffix] : {std::pair{0.35, "g035"}, std::pair{0.2, "g020"}})
    add("underexposed_" + std::string(suffix), "underexposed", "linear_gain=" + cv::format("%.2f", gain),
        "image.exposure", image([gain = gain](const cv::Mat& m) { return exposure(m, gain); }));
  for (const auto& [gain, suffix] : {std::pair{1.8, "g180"}, std::pair{2.6, "g260"}})
    add("overexposed_" + std::string(suffix), "overexposed", "linear_gain=" + cv::format("%.2f", gain),
        "image.exposure", image([gain = gain](const cv::Mat& m) { return exposure(m, gain); }));

  struct Side {
    bool right;
    double floor;
  };
  for (const Side side : {Side{true, 0.35}, Side{false, 0.35}, Side{true, 0.55}}) {
    const std::string dir = side.right ? "right" : "left";
    add("one_sided_light_" + dir + cv::format("%03d", cvRound(side.floor * 100)), "one_sided_light",
        "dark_side=" + dir + ";floor=" + cv::format("%.2f", side.floor), "light.evenness",
        [side](SourceInputs& in, VariantOutput& out) {
          if (!in.background()) return false;
          out.image = oneSidedLight(in.bgr(), *in.face(), *in.background(), side.floor, side.right);
          return true;
        });
  }

  Random plan_random(seedFor(src.stem, 1));
  const int spot_count = 2 + static_cast<int>(plan_random.next() % 3);
  add("specular_spots", "specular_spots", "count=" + std::to_string(spot_count), "light.highlights",
      [spot_count, seed = seedFor(src.stem, 2)](SourceInputs& in, VariantOutput& out) {
        if (!in.face()) return false;
        Random random(seed);
        out.image = specularSpots(in.bgr(), *in.face(), spot_count, random);
        return true;
      });

  struct Colour {
    const char* name;
    cv::Vec3f bgr;
    bool allowed;
  };
  // Pink and green: saturated colours no collector accepts. Light blue is CHSI's
  // reference (100,197,255): the same recolouring, but a passing background.
  for (const Colour& c : {Colour{"pink", {160, 120, 230}, false}, Colour{"green", {80, 200, 80}, false},
                         Colour{"lightblue", {255, 197, 100}, true}}) {
    add(std::string("background_") + c.name, "background_recoloured",
        std::string("colour=") + c.name + ";rgb=" + rgbText(c.bgr), c.allowed ? "none" : "background.colour",
        [c](SourceInputs& in, VariantOutput& out) {
          if (!in.background()) return false;
          out.image = recolourBackground(in.bgr(), *in.background(), c.bgr);
          return true;
        });
  }
  for (const bool vertical : {true, false}) {
    const std::string dir = vertical ? "vertical" : "horizontal";
    add("background_gradient_" + dir, "background_gradient", "direction=" + dir + ";floor=0.50",
        "background.uniform", [vertical](SourceInputs& in, VariantOutput& out) {
          if (!in.background()) return false;
          out.image = backgroundGradient(in.bgr(), *in.background(), vertical, 0.5);
          return true;
        });
  }
  const bool shadow_right = plan_random.next() % 2 == 0;
  // Strength 0.45: the shadow's core is about half as bright as the backdrop.
  add("background_shadow", "background_shadow",
      std::string("side=") + (shadow_right ? "right" : "left") + ";strength=0.45", "background.uniform",
      [shadow_right](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        out.image = backgroundShadow(in.bgr(), *in.face(), *in.background(), shadow_right, 0.45);
        return true;
      });

  struct Smoothing {
    const char* name;
    int passes;
    double sigma_colour;
  };
  for (const Smoothing s : {Smoothing{"strong", 4, 40}, Smoothing{"moderate", 2, 25}}) {
    add(std::string("skin_smoothed_") + s.name, "skin_smoothed",
        "passes=" + std::to_string(s.passes) + ";sigma_colour=" + cv::format("%.0f", s.sigma_colour),
        "retouch.suspected", [s](SourceInputs& in, VariantOutput& out) {
          if (!in.face()) return false;
          out.image = smoothSkin(in.bgr(), *in.face(), s.passes, s.sigma_colour);
          return true;
        });
  }

  struct Grid {
    double period, angle;
  };
  for (const Grid g : {Grid{3.5, 5}, Grid{5, 12}}) {
    const double phase = plan_random.uniform(0, 2 * CV_PI);
    add("moire_p" + cv::format("%02d", cvRound(g.period * 10)), "moire",
        cv::format("period=%.1f;angle=%.0f;amplitude=12;contrast=0.85", g.period, g.angle), "recapture.suspected",
        image([g, phase](const cv::Mat& m) { return moire(m, g.period, g.angle, 12, 0.85, phase); }));
  }

  if (!src.smiling_path.empty()) {
    const std::string from = src.smiling_path.substr(src.smiling_path.find_last_of('/') + 1);
    add("mouth_swap", "mouth_swap", "from=" + from + ";teeth=visible", "mouth.closed",
        [](SourceInputs& in, VariantOutput& out) {
          if (!in.face() || !in.smileFace()) return false;
          // Only smiles that show teeth make a clear mouth.closed failure: 9 of
          // the 20 webmorph smiles show 0.013-0.115, the others (lips together,
          // or teeth in shadow) under 0.004.
          const double teeth = teethArea(in.smile(), *in.smileFace());
          if (teeth < 0.01) {
            in.why = cv::format("the smile shows no teeth (%.3f of the mouth width squared)", teeth);
            out.not_applicable = true;
            return false;
          }
          out.image = mouthSwap(in.bgr(), *in.face(), in.smile(), *in.smileFace());
          return true;
        });
  }

  // Only where the spec crop shows clothing beside the neck: the tightly framed
  // canada photos end above it (0-4% of that band is clothing, and their
  // originals' clothing.contrast is not measurable either); 113's wide neckline
  // leaves 23%, the other sources 65-100%.
  add("clothing_like_background", "clothing_like_background", "hue=backdrop;lightness=backdrop_median",
      "clothing.contrast", [](SourceInputs& in, VariantOutput& out) {
        if (!in.clothing()) return false;
        if (clothingBandCover(specCrop(*in.face()), in.clothing()->alpha > 0.5) < kMinClothingInCrop)
          return notApplicable(in, out, "the spec crop shows almost no clothing");
        out.image = clothingLikeBackground(in.bgr(), *in.clothing());
        return true;
      });

  // 300 px wide: under the 480x640 the CHSI output needs, about a 1-inch print scan.
  add("low_resolution_w300", "low_resolution", "width=300", "image.resolution",
      image([](const cv::Mat& m) { return lowResolution(m, 300); }));

  addFaceVariants(src, add);
  addBodyVariants(src, add);
  addFramingVariants(src, add);
  return list;
}

}  // namespace gradphoto::variants
