// Variants of the eyes and hair over the face: gaze, red-eye, glare on glasses, a fringe, hair over the ears.
#include "catalogue_parts.h"
#include "defects.h"

namespace gradphoto::variants {

void addFaceVariants(const SourcePhoto& src, const AddVariant& add) {
  Random plan(seedFor(src.stem, 10));
  // Looking aside, to a side drawn per source.
  const double gaze = plan.next() % 2 ? 0.2 : -0.2;
  add("gaze_aside", "gaze_aside", cv::format("shift_eye_widths=%+.2f", gaze), "eyes.gaze",
      [gaze](SourceInputs& in, VariantOutput& out) {
        if (!in.face() || !in.pupils()) return false;
        out.image = gazeAside(in.bgr(), *in.face(), *in.pupils(), gaze);
        return true;
      });

  add("red_eye", "red_eye", "pupil_radius_eye_widths=0.09", "eyes.redeye", [](SourceInputs& in, VariantOutput& out) {
    if (!in.face() || !in.pupils()) return false;
    out.image = redEye(in.bgr(), *in.face(), *in.pupils(), 0.09);
    return true;
  });

  const int glare_side = static_cast<int>(plan.next() % 2);
  add("glasses_glare", "glasses_glare", std::string("lens=") + (glare_side == 0 ? "left" : "right"), "glasses.glare",
      [glare_side, seed = seedFor(src.stem, 11)](SourceInputs& in, VariantOutput& out) {
        if (!in.face() || !in.pupils()) return false;
        Random random(seed);
        out.image = lensGlare(in.bgr(), *in.face(), *in.pupils(), glare_side, random);
        return true;
      });

  add("hair_fringe", "hair_fringe", "down_to=between_brows_and_lids", "hair.covering",
      [seed = seedFor(src.stem, 12)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        Random random(seed);
        out.image = hairFringe(in.bgr(), *in.face(), *in.background(), random);
        return true;
      });

  add("hair_over_ears", "hair_over_ears", "from=above_brows;to=below_mouth", "ears.visible",
      [seed = seedFor(src.stem, 13)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        Random random(seed);
        out.image = hairOverEars(in.bgr(), *in.face(), *in.background(), random);
        return true;
      });
}

}  // namespace gradphoto::variants
