// Which of several QuestionnaireResponses is the latest, by `authored`: a CDS Hooks prefetch
// may hold a Bundle of them, and the service screens the latest one, but only when it is
// later than every other beyond doubt (docs/service.md). Screening an older form by mistake
// could allow what the newer one refuses, so a tie is an error, never a guess.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace contrascreen::service {

/// The instants an `authored` value may name, in microseconds since 1970-01-01T00:00:00Z,
/// half-open: [from, to).
struct AuthoredSpan {
  std::int64_t from = 0;
  std::int64_t to = 0;
};

/// The span of a FHIR `authored` value. A dateTime with seconds and a time zone
/// (2026-11-21T09:30:00+01:00, 2026-11-21T08:30:00.25Z) names one instant (its microsecond);
/// a date alone (2026-11-21) names its whole day in any time zone, UTC-12:00 to UTC+14:00.
/// nullopt for anything else: a partial date (2026-11), a time without seconds or zone, a
/// day that does not exist. Pure.
std::optional<AuthoredSpan> authored_span(std::string_view authored) noexcept;

/// What latest_authored found.
struct Latest {
  std::size_t index = 0;               ///< the span with the latest start
  std::optional<std::size_t> rival{};  ///< another span that may be as late: no latest then
};

/// Of `spans` (at least one), the one that starts latest, and when another may end after it
/// starts (their instants overlap or coincide), that other one as `rival`. Pure.
Latest latest_authored(std::span<const AuthoredSpan> spans) noexcept;

}  // namespace contrascreen::service
