#include "service/authored_order.hpp"

#include "contrascreen/date.hpp"

namespace contrascreen::service {
namespace {

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t micros_per_hour = 3600 * micros_per_second;
constexpr std::int64_t micros_per_day = 24 * micros_per_hour;

// The two digits at `at` of `text` as a number, or -1.
int two_digits(std::string_view text, std::size_t at) noexcept {
  if (at + 2 > text.size()) return -1;
  const char high = text[at];
  const char low = text[at + 1];
  if (high < '0' || high > '9' || low < '0' || low > '9') return -1;
  return (high - '0') * 10 + (low - '0');
}

}  // namespace

std::optional<AuthoredSpan> authored_span(std::string_view authored) noexcept {
  const std::optional<Date> day = Date::parse_iso(authored.substr(0, 10));
  if (!day) return std::nullopt;
  const std::int64_t midnight = std::int64_t{day->days_since_epoch()} * micros_per_day;
  if (authored.size() == 10)  // a day, in a time zone between UTC-12:00 and UTC+14:00
    return AuthoredSpan{midnight - 14 * micros_per_hour, midnight + micros_per_day + 12 * micros_per_hour};
  // hh:mm:ss after the T: FHIR's dateTime has seconds whenever it has a time.
  if (authored.size() < 20 || authored[10] != 'T' || authored[13] != ':' || authored[16] != ':') return std::nullopt;
  const int hour = two_digits(authored, 11);
  const int minute = two_digits(authored, 14);
  const int second = two_digits(authored, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return std::nullopt;
  std::int64_t at = midnight + (std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second) * micros_per_second;
  std::size_t i = 19;
  if (authored[i] == '.') {  // a fraction: its first six digits count, the rest are finer than a microsecond
    std::int64_t scale = micros_per_second / 10;
    const std::size_t start = ++i;
    for (; i < authored.size() && authored[i] >= '0' && authored[i] <= '9'; ++i, scale /= 10)
      at += (authored[i] - '0') * scale;
    if (i == start) return std::nullopt;
  }
  const std::string_view zone = authored.substr(i);
  if (zone != "Z") {
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
    const int zone_hours = two_digits(zone, 1);
    const int zone_minutes = two_digits(zone, 4);
    if (zone_hours < 0 || zone_minutes < 0 || zone_minutes > 59 || zone_hours * 60 + zone_minutes > 14 * 60)
      return std::nullopt;
    const std::int64_t offset = (std::int64_t{zone_hours} * 60 + zone_minutes) * 60 * micros_per_second;
    at -= zone[0] == '+' ? offset : -offset;  // local time minus its offset is UTC
  }
  return AuthoredSpan{at, at + 1};
}

Latest latest_authored(std::span<const AuthoredSpan> spans) noexcept {
  Latest result;
  for (std::size_t i = 1; i < spans.size(); ++i)
    if (spans[i].from > spans[result.index].from) result.index = i;
  for (std::size_t i = 0; i < spans.size(); ++i)
    if (i != result.index && spans[i].to > spans[result.index].from) {
      result.rival = i;
      break;
    }
  return result;
}

}  // namespace contrascreen::service
