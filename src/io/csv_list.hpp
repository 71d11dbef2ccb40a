// The one syntax of a list in a CSV cell (docs/interfaces.md, "Batches"): items separated
// by ';', the whole cell optionally in [ ]; `[]`, `[ ]` and `none` (ASCII, any case) are
// the empty list. Anything else is no list: an empty item (`a;;b`, `;`, `a;`), a ',' (a
// sender's other separator), a bracket that does not enclose the whole cell
// (`ibuprofen;[warfarin]`, `[a]b`, `a]`), or `none` as an item. Such a cell is
// intake.bad_list, never read in part: a list read in part is a drug the rules never see.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contrascreen/catalogue.hpp"
#include "util/text.hpp"

namespace contrascreen::io {

/// Why a cell is no list; `none` when it is one.
enum class CsvListFault : std::uint8_t { none, empty_item, comma, bracket, none_item };

/// A list cell, read: views into the cell's text, nothing allocated.
struct CsvList {
  std::string_view items;  ///< the items separated by ';', brackets removed; "" is the empty list
  CsvListFault fault = CsvListFault::none;
  std::size_t fault_at = 0;  ///< offset in the cell's text of the character at fault
};

/// True for `none` in any ASCII case: the empty list, when it is the whole cell.
bool is_none_word(std::string_view text) noexcept;

/// Reads a list cell's text: unquoted, trimmed, not empty (an empty cell is unanswered).
/// The first fault in reading order is reported. Pure and allocation-free.
CsvList read_csv_list(std::string_view text) noexcept;

/// Calls `take(item)` for each item of a list read without fault, in order, each without
/// the blanks around it (util::trim, as cells are).
template <typename Take>
void for_each_csv_list_item(std::string_view items, Take&& take) {
  while (!items.empty()) {
    const std::size_t separator = items.find(';');
    take(util::trim(items.substr(0, separator)));
    if (separator == std::string_view::npos) break;
    items.remove_prefix(separator + 1);
  }
}

/// The message of intake.bad_list for `question`: what is at fault and how a list is written.
std::string csv_list_fault_message(const Question& question, const CsvList& list, std::string_view text);

}  // namespace contrascreen::io
