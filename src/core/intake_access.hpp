// The library's own access to an Intake's slot storage. The evaluator reads answers by
// catalogue index from these slots; the public Intake API offers answers by question id
// only, so that no detail type is part of it.
#pragma once

#include "contrascreen/intake.hpp"

namespace contrascreen::detail {

/// Friend of Intake: the one way into its slots from inside the library.
struct IntakeAccess {
  /// One AnswerSlot per catalogue question, in catalogue order. The pointer is valid until
  /// the intake is modified or destroyed; reading is thread-safe while nobody modifies it.
  static const AnswerSlot* slots(const Intake& intake) noexcept { return intake.slots_.data(); }
};

}  // namespace contrascreen::detail
