// Variants of the framing: a second person, the subject off-centre, too close, too low.
#include "catalogue_parts.h"
#include "defects.h"
#include "spec_crop.h"

namespace gradphoto::variants {
namespace {

// A crop-planning defect shows only on a photo whose own framing leaves room
// for a spec crop: the tightly framed canada photos fail geometry.face_width
// already, and the checker reports one blocking rule per photo.
bool roomForSpecCrop(SourceInputs& in, VariantOutput& out) {
  const SpecCrop crop = specCrop(*in.face());
  if (crop.window.width <= in.bgr().cols && crop.window.height <= in.bgr().rows) return true;
  return notApplicable(in, out, "the photo is framed too tightly for a spec crop already");
}

}  // namespace

void addFramingVariants(const SourcePhoto& src, const AddVariant& add) {
  Random plan(seedFor(src.stem, 30));
  const bool other_on_right = plan.next() % 2;
  add("second_person", "second_person",
      std::string("face_scale=0.6;side=") + (other_on_right ? "right" : "left") + ";from=companion", "face.count",
      [other_on_right, seed = seedFor(src.stem, 32)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        Random random(seed);
        if (!in.companionBackground()) return notApplicable(in, out, "no companion photo");
        // The other side when the drawn one has no room.
        for (const bool right : {other_on_right, !other_on_right})
          if (secondPerson(in.bgr(), *in.face(), *in.background(), in.companion(), *in.companionFace(),
                           *in.companionBackground(), 0.6, right, random, out.image))
            return true;
        return notApplicable(in, out, "no room beside the head for a second face");
      });

  const bool near_left = plan.next() % 2;
  add("off_centre", "off_centre", std::string("face_centre_from_edge=0.6fw;edge=") + (near_left ? "left" : "right"),
      "face.position", [near_left](SourceInputs& in, VariantOutput& out) {
        if (!in.face()) return false;
        if (!roomForSpecCrop(in, out)) return false;
        out.image = offCentre(in.bgr(), *in.face(), 0.6, near_left);
        // The cut photo must still hold a spec-sized window (else the checker
        // reports it too tight, not off-centre).
        if (out.image.cols < 2.05 * in.face()->face_width) {
          out.image = offCentre(in.bgr(), *in.face(), 0.6, !near_left);
          if (out.image.cols < 2.05 * in.face()->face_width)
            return notApplicable(in, out, "the photo is too narrow to cut the face to its side");
        }
        return true;
      });

  add("shoulders_cut", "shoulders_cut", "photo_ends_below_eyes=1.0fw;headroom_to=2.7fw", "geometry.eye_line",
      [seed = seedFor(src.stem, 31)](SourceInputs& in, VariantOutput& out) {
        if (!in.background()) return false;
        if (!roomForSpecCrop(in, out)) return false;
        const FaceGeometry& face = *in.face();
        // Headroom so the photo stays 2.7 face widths tall (a spec window is 2.67).
        const int kept = cvRound(face.eyeCentre().y + 1.0 * face.face_width);
        const int headroom = std::max(0, cvRound(2.7 * face.face_width) - kept);
        Random random(seed);
        out.image = shouldersCut(in.bgr(), *in.background(), face, 1.0, headroom, random);
        return true;
      });

  add("too_close", "too_close", "window=1.6x2.3fw", "geometry.face_width", [](SourceInputs& in, VariantOutput& out) {
    if (!in.face()) return false;
    if (!roomForSpecCrop(in, out)) return false;
    out.image = tightFraming(in.bgr(), *in.face());
    return true;
  });
}

}  // namespace gradphoto::variants
