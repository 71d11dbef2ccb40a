// The full JSON intake reader: simdjson On-Demand over any text, every problem reported
// with its position (intake_json.cpp, the only file that includes simdjson). The public
// JsonIntakeReader tries the fast path (intake_json_flat.hpp) first and comes here for
// everything else; tests and the fuzzer use it directly as the reference.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen::io {

class FullJsonReader {
 public:
  explicit FullJsonReader(std::shared_ptr<const Catalogue> catalogue);
  ~FullJsonReader();
  FullJsonReader(FullJsonReader&&) noexcept;
  FullJsonReader& operator=(FullJsonReader&&) noexcept;

  /// JsonIntakeReader::parse without the fast path: `out` is cleared first.
  bool parse(std::string_view json, Intake& out, std::vector<Diagnostic>& diagnostics, std::string_view name,
             std::uint32_t first_line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Where the answer to `question` is written in the JSON intake `json` (without the byte
/// order mark the reader skips), which a reader has read without errors: the byte offset and
/// length of its value, or nullopt when the intake does not answer it. For problems found
/// after reading (answer_positions.hpp).
std::optional<std::pair<std::uint32_t, std::uint32_t>> json_answer_span(std::string_view json,
                                                                        std::string_view question);

}  // namespace contrascreen::io
