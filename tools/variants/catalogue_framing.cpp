// Variants of the framing: a second person, the subject off-centre, too close, too low.
#include "catalogue_parts.h"

namespace gradphoto::variants {

void addFramingVariants(const SourcePhoto&, const AddVariant&) {}

}  // namespace gradphoto::variants
