#include "io/csv_list.hpp"

#include "util/text.hpp"

namespace contrascreen::io {

bool is_none_word(std::string_view text) noexcept {
  constexpr std::string_view none = "none";
  if (text.size() != none.size()) return false;
  for (std::size_t i = 0; i < none.size(); ++i)
    if ((text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A') : text[i]) != none[i]) return false;
  return true;
}

CsvList read_csv_list(std::string_view text) noexcept {
  CsvList list;
  if (is_none_word(text)) return list;
  std::size_t base = 0;  // where the items start in `text`
  std::string_view items = text;
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    base = 1;
    items = text.substr(1, text.size() - 2);
    if (util::trim(items).empty()) return list;  // [] or [ ]
  }
  auto fault = [&](CsvListFault kind, std::size_t at) {
    list.fault = kind;
    list.fault_at = base + at;
    return list;
  };
  std::size_t start = 0;
  while (true) {
    const std::size_t separator = items.find(';', start);
    const std::size_t end = separator == std::string_view::npos ? items.size() : separator;
    for (std::size_t i = start; i < end; ++i) {
      if (items[i] == ',') return fault(CsvListFault::comma, i);
      if (items[i] == '[' || items[i] == ']') return fault(CsvListFault::bracket, i);
    }
    const std::string_view item = util::trim(items.substr(start, end - start));
    // The separator that makes the empty item: the one after it, or for the last, the one before.
    if (item.empty()) return fault(CsvListFault::empty_item, end < items.size() ? end : start - 1);
    if (is_none_word(item)) return fault(CsvListFault::none_item, static_cast<std::size_t>(item.data() - items.data()));
    if (separator == std::string_view::npos) break;
    start = separator + 1;
  }
  list.items = items;
  return list;
}

std::string csv_list_fault_message(const Question& question, const CsvList& list, std::string_view text) {
  std::string what;
  switch (list.fault) {
    case CsvListFault::empty_item:
      what = "an empty item";
      break;
    case CsvListFault::comma:
      what = "a ','";
      break;
    case CsvListFault::bracket:
      what = "a '" + std::string(1, text[list.fault_at]) + "' inside";
      break;
    case CsvListFault::none_item:
      what = "'" + std::string(text.substr(list.fault_at, 4)) + "' as an item";
      break;
    case CsvListFault::none:
      return "'" + question.id + "' is a list";
  }
  return "'" + question.id + "' is a list, found " + what +
         ": items are separated by ';', the whole cell optionally in [ ]; [] or none is no items";
}

}  // namespace contrascreen::io
