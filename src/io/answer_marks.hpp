// Which questions the intake being read has answered already, so that a second answer to
// one is caught. A reader keeps one for all its intakes: starting the next intake is a
// counter increment, not a clear of every slot.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace contrascreen::io {

class AnswerMarks {
 public:
  explicit AnswerMarks(std::size_t slots) : marks_(slots, 0) {}

  /// Forgets the marks of the previous intake.
  void next_intake() noexcept {
    if (++generation_ == 0) {  // wrapped: old marks could collide with the new generation
      std::fill(marks_.begin(), marks_.end(), 0);
      generation_ = 1;
    }
  }

  /// Marks `slot` answered; false when it already was, in this intake.
  bool mark(std::uint32_t slot) noexcept {
    if (marks_[slot] == generation_) return false;
    marks_[slot] = generation_;
    return true;
  }

 private:
  std::vector<std::uint32_t> marks_;  // slot -> the generation that answered it
  std::uint32_t generation_ = 1;      // marks start at 0: nothing is answered
};

}  // namespace contrascreen::io
