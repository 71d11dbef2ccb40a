// The parts of Date that touch the clock or allocate; the calendar arithmetic
// is constexpr and lives in the header.
#include "contrascreen/date.hpp"

#include <chrono>

namespace contrascreen {

Date Date::today_utc() noexcept {
  // system_clock counts Unix time, which ignores leap seconds, so flooring to
  // whole days gives the UTC calendar day directly.
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date(static_cast<std::int32_t>(today.time_since_epoch().count()));
}

std::string Date::to_iso() const {
  std::string text(10, '\0');
  write_iso(text.data());
  return text;
}

}  // namespace contrascreen
