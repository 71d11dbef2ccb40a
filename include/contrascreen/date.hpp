// A calendar date as rule sets and intakes use it: date of birth, date of the
// last dose, "months since delivery". Kept as a day count so comparisons and
// differences are plain integer operations on the evaluation hot path.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace contrascreen {

/// A day in the proleptic Gregorian calendar, 0001-01-01 .. 9999-12-31, held as
/// a count of days since 1970-01-01. A small trivially copyable value; every
/// member is const and thread-safe. Calendar fields are derived on demand.
class Date {
 public:
  /// Day numbers of the first and last representable dates.
  static constexpr std::int32_t min_days = -719162;  // 0001-01-01
  static constexpr std::int32_t max_days = 2932896;  // 9999-12-31

  /// 1970-01-01; exists so Date can sit in default-constructed aggregates.
  constexpr Date() noexcept = default;

  /// The date year-month-day, or nullopt if it does not exist in the calendar
  /// (2026-02-29, month 13, day 0) or lies outside 0001-01-01 .. 9999-12-31.
  static constexpr std::optional<Date> from_ymd(int year, int month, int day) noexcept;

  /// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits, nothing
  /// before or after); nullopt for any other text or an impossible date.
  static constexpr std::optional<Date> parse_iso(std::string_view text) noexcept;

  /// The date `days_since_epoch` days after 1970-01-01.
  /// Precondition: min_days <= days_since_epoch <= max_days.
  static constexpr Date from_days(std::int32_t days_since_epoch) noexcept;

  /// Like from_days(), but nullopt when the count is out of range.
  static constexpr std::optional<Date> from_days_checked(std::int64_t days_since_epoch) noexcept;

  /// Today's date in UTC, from the system clock.
  static Date today_utc() noexcept;

  /// Days since 1970-01-01 (negative before it).
  [[nodiscard]] constexpr std::int32_t days_since_epoch() const noexcept { return days_; }
  /// 1 .. 9999.
  [[nodiscard]] constexpr int year() const noexcept { return to_civil().year; }
  /// 1 .. 12.
  [[nodiscard]] constexpr int month() const noexcept { return to_civil().month; }
  /// 1 .. 31.
  [[nodiscard]] constexpr int day() const noexcept { return to_civil().day; }

  /// The date as `YYYY-MM-DD`.
  [[nodiscard]] std::string to_iso() const;

  /// Writes the 10 characters `YYYY-MM-DD` to out[0..9]; no terminator is
  /// written and nothing is allocated, for the decision writers' hot path.
  constexpr void write_iso(char out[10]) const noexcept;

  /// The date n days later (earlier when n < 0); nullopt when that leaves the range.
  [[nodiscard]] constexpr std::optional<Date> add_days(std::int64_t n) const noexcept;

  /// The date n calendar months later (earlier when n < 0). The day is clamped
  /// to the end of the target month: 2026-08-31 + 6 months = 2027-02-28.
  /// nullopt when the result leaves the range.
  [[nodiscard]] constexpr std::optional<Date> add_months(std::int64_t n) const noexcept;

  /// Whole calendar months from `from` to `to`: the largest m with
  /// from.add_months(m) <= to, negative when to < from. O(1).
  static constexpr std::int64_t months_between(Date from, Date to) noexcept;

  /// to - from, in days.
  static constexpr std::int64_t days_between(Date from, Date to) noexcept {
    return std::int64_t{to.days_} - std::int64_t{from.days_};
  }

  friend constexpr bool operator==(Date, Date) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(Date, Date) noexcept = default;

  /// Number of days in `month` (1..12) of `year`.
  static constexpr int days_in_month(int year, int month) noexcept;
  /// Whether `year` is a Gregorian leap year.
  static constexpr bool is_leap_year(int year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

 private:
  struct Civil {
    int year;
    int month;
    int day;
  };

  constexpr explicit Date(std::int32_t days) noexcept : days_(days) {}

  static constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept;
  [[nodiscard]] constexpr Civil to_civil() const noexcept;

  std::int32_t days_ = 0;
};

// ---- inline definitions -----------------------------------------------------
// The calendar arithmetic is constexpr so rule constants can be checked at
// compile time and the evaluator's date comparisons inline.

constexpr int Date::days_in_month(int year, int month) noexcept {
  constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

// Howard Hinnant's days_from_civil. Counting years from March puts the leap day
// last, so the day of the year follows from the month by one linear formula;
// whole 400-year eras (146097 days) handle the century rules.
constexpr std::int64_t Date::days_from_civil(std::int64_t year, int month, int day) noexcept {
  const std::int64_t march_year = month <= 2 ? year - 1 : year;
  const std::int64_t era = (march_year >= 0 ? march_year : march_year - 399) / 400;
  const std::int64_t year_of_era = march_year - era * 400;                                                // [0, 399]
  const std::int64_t month_from_march = month > 2 ? month - 3 : month + 9;                                // [0, 11]
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;                            // [0, 365]
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;  // 719468: 0000-03-01 to 1970-01-01
}

// Howard Hinnant's civil_from_days: the inverse of the above.
constexpr Date::Civil Date::to_civil() const noexcept {
  const std::int64_t shifted = std::int64_t{days_} + 719468;
  const std::int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const std::int64_t day_of_era = shifted - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const auto month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const auto year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return Civil{year, month, day};
}

constexpr std::optional<Date> Date::from_ymd(int year, int month, int day) noexcept {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date(static_cast<std::int32_t>(days_from_civil(year, month, day)));
}

constexpr std::optional<Date> Date::parse_iso(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  int field = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) {
      ++field;
      continue;
    }
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    fields[field] = fields[field] * 10 + (c - '0');
  }
  return from_ymd(fields[0], fields[1], fields[2]);
}

constexpr Date Date::from_days(std::int32_t days_since_epoch) noexcept {
  return Date(days_since_epoch);
}

constexpr std::optional<Date> Date::from_days_checked(std::int64_t days_since_epoch) noexcept {
  if (days_since_epoch < min_days || days_since_epoch > max_days) return std::nullopt;
  return Date(static_cast<std::int32_t>(days_since_epoch));
}

constexpr void Date::write_iso(char out[10]) const noexcept {
  const Civil c = to_civil();
  out[0] = static_cast<char>('0' + c.year / 1000);
  out[1] = static_cast<char>('0' + c.year / 100 % 10);
  out[2] = static_cast<char>('0' + c.year / 10 % 10);
  out[3] = static_cast<char>('0' + c.year % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + c.month / 10);
  out[6] = static_cast<char>('0' + c.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + c.day / 10);
  out[9] = static_cast<char>('0' + c.day % 10);
}

constexpr std::optional<Date> Date::add_days(std::int64_t n) const noexcept {
  // Compare n against the remaining headroom rather than adding first, so even
  // n near INT64_MAX cannot overflow.
  if (n > std::int64_t{max_days} - days_ || n < std::int64_t{min_days} - days_) return std::nullopt;
  return Date(static_cast<std::int32_t>(days_ + n));
}

constexpr std::optional<Date> Date::add_months(std::int64_t n) const noexcept {
  constexpr std::int64_t first_month = 1 * 12;         // January of year 1
  constexpr std::int64_t last_month = 9999 * 12 + 11;  // December of year 9999
  const Civil c = to_civil();
  const std::int64_t current = std::int64_t{c.year} * 12 + (c.month - 1);
  // Same overflow-proof headroom check as add_days.
  if (n > last_month - current || n < first_month - current) return std::nullopt;
  const std::int64_t target = current + n;
  const auto year = static_cast<int>(target / 12);
  const auto month = static_cast<int>(target % 12) + 1;
  const int last_day = days_in_month(year, month);
  const int day = c.day < last_day ? c.day : last_day;
  return Date(static_cast<std::int32_t>(days_from_civil(year, month, day)));
}

constexpr std::int64_t Date::months_between(Date from, Date to) noexcept {
  // from.add_months(m) lands in the month m months on, so the only candidate
  // landing in to's month is the plain month difference. It qualifies when its
  // clamped day is not past to's day; otherwise the month before does, since
  // that lands in an earlier month (add_months is strictly increasing in m).
  const Civil f = from.to_civil();
  const Civil t = to.to_civil();
  const std::int64_t months = (std::int64_t{t.year} * 12 + t.month) - (std::int64_t{f.year} * 12 + f.month);
  const int last_day = days_in_month(t.year, t.month);
  const int landed_day = f.day < last_day ? f.day : last_day;
  return landed_day <= t.day ? months : months - 1;
}

}  // namespace contrascreen
