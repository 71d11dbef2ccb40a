// The library's own access to what the catalogue loader precomputes for checking answers
// (Catalogue::answer_checks_), a detail of how check_answers (answer_checks.hpp) stays
// cheap, and to the text it was loaded from, which ruleset_sources sends on; the public
// Catalogue API offers neither.
#pragma once

#include <cstdint>
#include <string>
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
  /// The name and the text the catalogue was loaded from.
  static const std::string& source_name(const Catalogue& c) noexcept { return c.source_name_; }
  static const std::string& source_text(const Catalogue& c) noexcept { return c.source_text_; }
};

}  // namespace contrascreen::detail
