// JSON string literals for the CLI's hand-laid-out JSON (questions, rules), escaped by the
// library's one JSON writer.
#pragma once

#include <string>
#include <string_view>

#include "util/json_writer.hpp"

namespace contrascreen::cli {

/// `text` as a quoted, escaped JSON string.
inline std::string json_string(std::string_view text) {
  std::string out;
  json::append_string(out, text);
  return out;
}

}  // namespace contrascreen::cli
