// Variants of what the student wears and how they sit: a cap, earrings, posture.
#include "catalogue_parts.h"

namespace gradphoto::variants {

void addBodyVariants(const SourcePhoto&, const AddVariant&) {}

}  // namespace gradphoto::variants
