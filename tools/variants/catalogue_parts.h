// The catalogue in parts, one per kind of defect; catalogue.cpp puts them together.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "catalogue.h"

namespace gradphoto::variants {

using MakeVariant = std::function<bool(SourceInputs&, VariantOutput&)>;
// Adds one variant: file suffix, kind, parameters, expected check id, how to make it.
using AddVariant = std::function<void(const std::string& suffix, const std::string& variant,
                                      const std::string& parameter, const std::string& expected, MakeVariant make)>;

// A seed for one source and one stream of random choices (the same every run).
std::uint64_t seedFor(const std::string& stem, std::uint64_t stream);

// Marks the output not called for, with the reason; returns false for make().
bool notApplicable(SourceInputs& in, VariantOutput& out, const std::string& why);

void addFaceVariants(const SourcePhoto& source, const AddVariant& add);     // catalogue_face.cpp
void addBodyVariants(const SourcePhoto& source, const AddVariant& add);     // catalogue_body.cpp
void addFramingVariants(const SourcePhoto& source, const AddVariant& add);  // catalogue_framing.cpp

}  // namespace gradphoto::variants
