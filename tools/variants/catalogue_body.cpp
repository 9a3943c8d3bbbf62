// Variants of what the student wears and how they sit: a cap, earrings, a striped top, posture.
#include <cmath>
#include <tuple>

#include "catalogue_parts.h"
#include "defects.h"
#include "spec_crop.h"

namespace gradphoto::variants {

void addBodyVariants(const SourcePhoto& src, const AddVariant& add) {
  Random plan(seedFor(src.stem, 20));
  struct Colour {
    const char* name;
    cv::Vec3f bgr;
  };
  // Beanie colours seen in shops; not black (on dark hair the checker cannot
  // tell a black cap from hair, a limit its profile states).
  static const Colour kCaps[] = {{"red", {40, 40, 175}}, {"blue", {165, 90, 35}}, {"mustard", {40, 165, 205}},
                                 {"green", {70, 125, 45}}};
  const Colour cap = kCaps[plan.next() % 4];
  add("beanie", "beanie", std::string("colour=") + cap.name, "head.covering",
      [cap, seed = seedFor(src.stem, 21)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        Random random(seed);
        out.image = beanie(in.bgr(), *in.face(), *in.background(), cap.bgr, random);
        return true;
      });

  // Polished silver studs glint; white pearls are about as light as a light
  // backdrop (both kinds are common).
  for (const auto& [suffix, kind, name] : {std::tuple{"ear_studs", StudKind::kMetal, "silver"},
                                           std::tuple{"pearl_studs", StudKind::kPearl, "pearl"}}) {
    add(suffix, suffix, std::string(name) + ";diameter_face_widths=0.05", "accessories.jewellery",
        [kind = kind](SourceInputs& in, VariantOutput& out) {
          if (!in.background()) return false;
          if (!earStuds(in.bgr(), *in.face(), *in.background(), kind, out.image))
            return notApplicable(in, out, "hair hides both ear lobes");
          return true;
        });
  }

  // Where the spec crop shows clothing (see clothing_like_background).
  add("breton_stripes", "breton_stripes", "navy_and_white;period_face_widths=0.12", "clothing.pattern",
      [](SourceInputs& in, VariantOutput& out) {
        if (!in.clothing()) return false;
        if (clothingBandCover(specCrop(*in.face()), in.clothing()->alpha > 0.5) < kMinClothingInCrop)
          return notApplicable(in, out, "the spec crop shows almost no clothing");
        out.image = stripedClothing(in.bgr(), *in.clothing(), *in.face(), 0.12);
        return true;
      });

  // Posture needs the shoulders in the spec crop: the tightly framed canada
  // photos do not show them (their originals' shoulders.level and body.square
  // are mostly not measurable). The shoulder that is already the lower one
  // drops further (the other way, a subject leaning 5 degrees would be
  // straightened to 5), to the side drawn when the shoulders are level.
  const bool lower_right_if_level = plan.next() % 2;
  add("shoulder_lowered", "shoulder_lowered", "degrees=10;side=the_lower_one", "shoulders.level",
      [lower_right_if_level, seed = seedFor(src.stem, 22)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        if (!showsShoulders(specCrop(*in.face()), in.bgr().size()))
          return notApplicable(in, out, "the spec crop of this photo does not show the shoulders");
        const double lean = shoulderLean(*in.face(), *in.background());
        const bool right = std::abs(lean) < 1 ? lower_right_if_level : lean > 0;
        Random random(seed);
        out.image = shoulderTilt(in.bgr(), *in.face(), *in.background(), right ? 10 : -10, random);
        return true;
      });

  const bool far_right = plan.next() % 2;
  add("body_turned", "body_turned", std::string("far_side=") + (far_right ? "right" : "left") + ";squeeze=0.5",
      "body.square", [far_right, seed = seedFor(src.stem, 23)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        if (!showsShoulders(specCrop(*in.face()), in.bgr().size()))
          return notApplicable(in, out, "the spec crop of this photo does not show the shoulders");
        Random random(seed);
        out.image = bodyTurned(in.bgr(), *in.face(), *in.background(), 0.5, far_right, random);
        return true;
      });
}

}  // namespace gradphoto::variants
