// The fast path of JSON intake reading. Almost every record of a batch has one shape: an
// object with "id", "date" and "answers", answers that are literals, plain strings or
// lists of plain strings, no escapes, every value valid. FlatJsonReader reads exactly that
// subset in one pass over the text, without copying it, and gives up at the first byte
// outside it; the full reader (simdjson On-Demand, intake_json.cpp) then reads the record
// from the start and reports what is wrong with it. So the fast path never decides what
// is an error, and never accepts what the full reader would reject or read differently:
// both hand their tokens to accept_answer (answer_acceptance.hpp), and fuzz_intake_json
// compares the two on every input the fast path accepts.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/intake.hpp"
#include "io/answer_marks.hpp"

namespace contrascreen::io {

class FlatJsonReader {
 public:
  explicit FlatJsonReader(const Catalogue& catalogue);

  /// Reads `json` (no byte order mark) into `intake`, which must be clear. True when the
  /// whole text was read; false when it is outside the subset, leaving `intake` partly
  /// filled: clear it and read the text with the full reader.
  bool read(std::string_view json, Intake& intake);

 private:
  class Cursor;
  bool read_answers(Cursor& in, Intake& intake);
  bool read_answer(Cursor& in, const Question& q, Intake& intake);
  bool read_list(Cursor& in, const Question& q, Intake& intake);

  const Catalogue& catalogue_;
  std::vector<const Question*> key_cache_;  // 1 + slot (0: none) -> the question that followed it last time
  // Enum questions, by slot: the value index answered last time, no_value, or never_in_place
  // when a declared value would need escaping in JSON.
  static constexpr std::uint32_t no_value = 0xFFFFFFFE, never_in_place = 0xFFFFFFFF;
  std::vector<std::uint32_t> last_value_;
  AnswerMarks answered_;
};

}  // namespace contrascreen::io
