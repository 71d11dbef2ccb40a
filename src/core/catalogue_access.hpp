// The library's own access to what the catalogue loader precomputes for checking answers
// (Catalogue::answer_checks_); the public Catalogue API does not offer it, as it is a
// detail of how check_answers (answer_checks.hpp) stays cheap.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "contrascreen/catalogue.hpp"

namespace contrascreen::detail {

/// Friend of Catalogue: the one way to its answer checks from inside the library.
struct CatalogueAccess {
  /// (question, followed question) for every question with `follows` or `past`, in catalogue
  /// order; the followed question is the question itself when it follows none.
  static const std::vector<std::pair<std::uint32_t, std::uint32_t>>& answer_checks(const Catalogue& c) noexcept {
    return c.answer_checks_;
  }
};

}  // namespace contrascreen::detail
