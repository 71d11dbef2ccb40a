// The question-id index behind Catalogue::find: built once by the catalogue loader
// (src/ruleset/catalogue_loader.cpp), probed by find (src/core/catalogue.cpp), with the one
// hash function both must agree on.
#pragma once

#include <cstdint>
#include <vector>

#include "contrascreen/catalogue.hpp"

namespace contrascreen::detail {

/// An open-addressing table of question indices + 1 (0 = empty), its size a power of two
/// at least twice the number of questions (and at least 8), as Catalogue::find expects.
std::vector<std::uint32_t> build_question_index(const std::vector<Question>& questions);

}  // namespace contrascreen::detail
