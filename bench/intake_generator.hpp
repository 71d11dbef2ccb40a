// A deterministic generator of realistic microneedling intakes for benchmarks: about
// 70% clean patients, the rest spread over the contraindications, with medication lists
// (some in odd case or with spaces) and some missing answers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "contrascreen/contrascreen.hpp"

namespace bench {

/// `count` intakes, the same for the same seed, with ids "B-<n>" and no date.
std::vector<contrascreen::Intake> generate_intakes(const std::shared_ptr<const contrascreen::Catalogue>& catalogue,
                                                   std::size_t count, contrascreen::Date today, std::uint64_t seed);

/// One intake into `out` (cleared first): intake number `n` of the sequence for `seed`.
void generate_intake(contrascreen::Intake& out, std::uint64_t n, contrascreen::Date today, std::uint64_t seed);

}  // namespace bench
