// Positions for the problems found after an intake was read: check_answers
// (answer_checks.hpp) sees answers by slot, and the readers keep no position per answer
// (the batch path stays allocation-free), so the rare intake with impossible answers is
// looked at again to find where each answer at fault is written.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "contrascreen/answer_checks.hpp"
#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"

namespace contrascreen::io {

/// What the text an intake was read from is.
enum class IntakeText : std::uint8_t {
  json,        ///< a JSON intake (a file, or one line of JSON Lines)
  yaml,        ///< a YAML intake file
  csv_record,  ///< one CSV record: its cells are not told apart here
};

/// Appends the diagnostic of each of `problems` to `out`, positioned in `text` (named `name`,
/// starting on line `first_line`): at the answer at fault in JSON and YAML, at the start of
/// the record for CSV, and there too when the answer cannot be found.
void append_positioned(const std::vector<ImpossibleAnswer>& problems, const Catalogue& catalogue, std::string_view text,
                       IntakeText kind, std::string_view name, std::uint32_t first_line, std::vector<Diagnostic>& out);

}  // namespace contrascreen::io
