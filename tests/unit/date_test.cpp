#include "contrascreen/date.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using contrascreen::Date;

Date ymd(int y, int m, int d) {
  const std::optional<Date> date = Date::from_ymd(y, m, d);
  REQUIRE(date.has_value());
  return *date;
}

Date iso(std::string_view text) {
  const std::optional<Date> date = Date::parse_iso(text);
  REQUIRE_MESSAGE(date.has_value(), text);
  return *date;
}

std::string iso_or_none(const std::optional<Date>& date) {
  return date ? date->to_iso() : std::string("none");
}

// A tiny deterministic generator so the property tests are reproducible.
struct Lcg {
  std::uint64_t state = 0x9e3779b97f4a7c15u;
  std::int64_t next(std::int64_t low, std::int64_t high) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    const auto span = static_cast<std::uint64_t>(high - low + 1);
    return low + static_cast<std::int64_t>((state >> 33) % span);
  }
};

// Compile-time checks: the calendar arithmetic is usable in constant expressions.
static_assert(Date::from_ymd(1970, 1, 1)->days_since_epoch() == 0);
static_assert(Date::from_ymd(1, 1, 1)->days_since_epoch() == Date::min_days);
static_assert(Date::from_ymd(9999, 12, 31)->days_since_epoch() == Date::max_days);
static_assert(!Date::from_ymd(2026, 2, 29));
static_assert(Date::parse_iso("2024-02-29")->add_months(12) == Date::from_ymd(2025, 2, 28));
static_assert(Date::months_between(*Date::from_ymd(2026, 8, 31), *Date::from_ymd(2027, 2, 28)) == 6);

}  // namespace

TEST_CASE("date: parse_iso") {
  struct Case {
    std::string_view text;
    std::string_view want;  // "none" when it must be rejected
  };
  constexpr Case cases[] = {
      {"2026-01-01", "2026-01-01"}, {"2024-02-29", "2024-02-29"}, {"2000-02-29", "2000-02-29"},
      {"0001-01-01", "0001-01-01"}, {"9999-12-31", "9999-12-31"}, {"1969-12-31", "1969-12-31"},
      {"2026-02-29", "none"},       {"1900-02-29", "none"},       {"2026-13-01", "none"},
      {"2026-00-10", "none"},       {"2026-04-31", "none"},       {"2026-01-00", "none"},
      {"2026-01-32", "none"},       {"0000-01-01", "none"},       {"2026-1-01", "none"},
      {"2026-01-1", "none"},        {" 2026-01-01", "none"},      {"2026-01-01 ", "none"},
      {"2026/01/01", "none"},       {"20260101", "none"},         {"", "none"},
      {"+026-01-01", "none"},       {"2026-0a-01", "none"},       {"2026-01-01T00", "none"},
      {"10000-01-01", "none"},      {"2026--1-01", "none"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(iso_or_none(Date::parse_iso(c.text)) == c.want);
  }
}

TEST_CASE("date: from_ymd and fields") {
  CHECK_FALSE(Date::from_ymd(0, 12, 31));
  CHECK_FALSE(Date::from_ymd(10000, 1, 1));
  CHECK_FALSE(Date::from_ymd(2026, 0, 1));
  CHECK_FALSE(Date::from_ymd(2026, 6, 31));
  const Date d = ymd(2026, 5, 21);
  CHECK(d.year() == 2026);
  CHECK(d.month() == 5);
  CHECK(d.day() == 21);
  CHECK(ymd(1970, 1, 1).days_since_epoch() == 0);
  CHECK(ymd(1969, 12, 31).days_since_epoch() == -1);
  CHECK(ymd(2000, 3, 1).days_since_epoch() == 11017);
  CHECK(Date{} == ymd(1970, 1, 1));
}

TEST_CASE("date: from_days_checked and write_iso") {
  CHECK(iso_or_none(Date::from_days_checked(Date::min_days)) == "0001-01-01");
  CHECK(iso_or_none(Date::from_days_checked(Date::max_days)) == "9999-12-31");
  CHECK_FALSE(Date::from_days_checked(std::int64_t{Date::min_days} - 1));
  CHECK_FALSE(Date::from_days_checked(std::int64_t{Date::max_days} + 1));
  CHECK_FALSE(Date::from_days_checked(INT64_MIN));
  char out[12] = "##########!";
  ymd(987, 6, 5).write_iso(out);
  CHECK(std::string_view(out, 11) == "0987-06-05!");
}

TEST_CASE("date: every day 1970..2100 round-trips and follows a naive calendar") {
  auto naive_length = [](int y, int m) {
    if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
  };
  int y = 1970, m = 1, d = 1;
  int mismatches = 0;
  for (std::int32_t n = 0; n <= ymd(2100, 12, 31).days_since_epoch(); ++n) {
    const Date date = Date::from_days(n);
    if (date.year() != y || date.month() != m || date.day() != d) ++mismatches;
    if (Date::from_ymd(y, m, d) != date || Date::parse_iso(date.to_iso()) != date) ++mismatches;
    if (++d > naive_length(y, m)) {
      d = 1;
      if (++m > 12) m = 1, ++y;
    }
  }
  CHECK(mismatches == 0);
  CHECK(y == 2101);
}

TEST_CASE("date: whole range agrees with std::chrono") {
  namespace ch = std::chrono;
  int mismatches = 0;
  for (std::int32_t n = Date::min_days; n <= Date::max_days; ++n) {
    const Date date = Date::from_days(n);
    const ch::year_month_day want{ch::sys_days{ch::days{n}}};
    if (date.year() != static_cast<int>(want.year()) ||
        date.month() != static_cast<int>(static_cast<unsigned>(want.month())) ||
        date.day() != static_cast<int>(static_cast<unsigned>(want.day()))) {
      ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("date: round trips at the ends of the range") {
  for (std::int32_t n = Date::min_days; n < Date::min_days + 800; ++n) {
    const Date date = Date::from_days(n);
    REQUIRE(Date::parse_iso(date.to_iso()) == date);
  }
  for (std::int32_t n = Date::max_days - 800; n <= Date::max_days; ++n) {
    const Date date = Date::from_days(n);
    REQUIRE(Date::parse_iso(date.to_iso()) == date);
  }
}

TEST_CASE("date: add_days") {
  struct Case {
    std::string_view from;
    std::int64_t days;
    std::string_view want;
  };
  constexpr Case cases[] = {
      {"2026-01-31", 1, "2026-02-01"},       {"2026-02-28", 1, "2026-03-01"},   {"2024-02-28", 1, "2024-02-29"},
      {"2024-02-29", 1, "2024-03-01"},       {"2026-12-31", 1, "2027-01-01"},   {"2027-01-01", -1, "2026-12-31"},
      {"2024-03-01", -1, "2024-02-29"},      {"1900-02-28", 1, "1900-03-01"},   {"2000-02-28", 1, "2000-02-29"},
      {"2026-05-21", 365, "2027-05-21"},     {"2024-01-01", 366, "2025-01-01"}, {"1970-01-01", -1, "1969-12-31"},
      {"2026-05-21", 0, "2026-05-21"},       {"0001-01-01", -1, "none"},        {"9999-12-31", 1, "none"},
      {"0001-01-01", 3652058, "9999-12-31"}, {"0001-01-01", 3652059, "none"},   {"2026-05-21", INT64_MAX, "none"},
      {"2026-05-21", INT64_MIN, "none"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.from);
    CAPTURE(c.days);
    CHECK(iso_or_none(iso(c.from).add_days(c.days)) == c.want);
  }
}

TEST_CASE("date: add_months clamps to the month end") {
  struct Case {
    std::string_view from;
    std::int64_t months;
    std::string_view want;
  };
  constexpr Case cases[] = {
      {"2024-01-31", 1, "2024-02-29"},   {"2026-01-31", 1, "2026-02-28"},      {"2026-08-31", 6, "2027-02-28"},
      {"2026-03-31", -1, "2026-02-28"},  {"2024-03-31", -1, "2024-02-29"},     {"2026-12-31", 2, "2027-02-28"},
      {"2026-12-31", 1, "2027-01-31"},   {"2026-10-31", 1, "2026-11-30"},      {"2024-02-29", 12, "2025-02-28"},
      {"2024-02-29", 48, "2028-02-29"},  {"2026-05-21", 0, "2026-05-21"},      {"2026-05-21", -17, "2024-12-21"},
      {"2026-01-15", -1, "2025-12-15"},  {"2026-05-21", 1200, "2126-05-21"},   {"0001-01-31", 1, "0001-02-28"},
      {"0001-02-15", -1, "0001-01-15"},  {"0001-01-15", -1, "none"},           {"9999-12-01", 1, "none"},
      {"9999-11-30", 1, "9999-12-30"},   {"0001-01-01", 119987, "9999-12-01"}, {"0001-01-01", 119988, "none"},
      {"2026-05-21", INT64_MAX, "none"}, {"2026-05-21", INT64_MIN, "none"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.from);
    CAPTURE(c.months);
    CHECK(iso_or_none(iso(c.from).add_months(c.months)) == c.want);
  }
}

TEST_CASE("date: months_between") {
  struct Case {
    std::string_view from;
    std::string_view to;
    std::int64_t want;
  };
  constexpr Case cases[] = {
      {"2026-05-21", "2026-11-20", 5},      {"2026-05-21", "2026-11-21", 6},       {"2026-08-31", "2027-02-27", 5},
      {"2026-08-31", "2027-02-28", 6},      {"2024-02-29", "2025-02-28", 12},      {"2024-02-29", "2024-02-29", 0},
      {"2024-01-31", "2024-02-29", 1},      {"2024-01-31", "2024-02-28", 0},       {"2026-05-21", "2026-05-20", -1},
      {"2026-05-21", "2026-04-21", -1},     {"2026-05-21", "2026-04-20", -2},      {"2026-03-31", "2026-02-28", -1},
      {"2026-03-31", "2026-02-27", -2},     {"2026-11-21", "2026-05-21", -6},      {"2026-11-20", "2026-05-21", -6},
      {"2027-02-28", "2026-08-31", -6},     {"2026-05-21", "2027-05-21", 12},      {"1990-06-15", "2026-06-14", 431},
      {"0001-01-01", "9999-12-31", 119987}, {"9999-12-31", "0001-01-01", -119988},
  };
  for (const Case& c : cases) {
    CAPTURE(c.from);
    CAPTURE(c.to);
    CHECK(Date::months_between(iso(c.from), iso(c.to)) == c.want);
  }
  CHECK(Date::days_between(iso("2026-05-21"), iso("2027-05-21")) == 365);
  CHECK(Date::days_between(iso("2027-05-21"), iso("2026-05-21")) == -365);
}

TEST_CASE("date: months_between brackets to between add_months(m) and add_months(m + 1)") {
  // Years 2..9998 so both brackets always exist.
  const std::int64_t low = ymd(2, 1, 1).days_since_epoch();
  const std::int64_t high = ymd(9998, 12, 31).days_since_epoch();
  Lcg random;
  int failures = 0;
  auto check_pair = [&](Date from, Date to) {
    const std::int64_t m = Date::months_between(from, to);
    const std::optional<Date> at = from.add_months(m);
    const std::optional<Date> after = from.add_months(m + 1);
    if (!at || !after || !(*at <= to) || !(to < *after)) ++failures;
  };
  for (int i = 0; i < 200'000; ++i) {
    const Date from = Date::from_days(static_cast<std::int32_t>(random.next(low, high)));
    // Half the pairs far apart, half within a few years where month ends matter.
    const std::int64_t to_days =
        i % 2 == 0 ? random.next(low, high) : std::clamp(from.days_since_epoch() + random.next(-1500, 1500), low, high);
    check_pair(from, Date::from_days(static_cast<std::int32_t>(to_days)));
  }
  // Every pair of days in a leap-year window, exhaustively.
  const std::int32_t start = ymd(2023, 11, 1).days_since_epoch();
  const std::int32_t stop = ymd(2024, 4, 30).days_since_epoch();
  for (std::int32_t f = start; f <= stop; ++f) {
    for (std::int32_t t = start; t <= stop; ++t) check_pair(Date::from_days(f), Date::from_days(t));
  }
  CHECK(failures == 0);
}

TEST_CASE("date: comparisons and today_utc") {
  CHECK(iso("2026-05-21") < iso("2026-05-22"));
  CHECK(iso("2026-05-21") == iso("2026-05-21"));
  CHECK(iso("2026-05-21") != iso("2025-05-21"));
  CHECK((iso("2026-05-21") <=> iso("1999-12-31")) == std::strong_ordering::greater);
  const Date today = Date::today_utc();
  CHECK(today >= iso("2024-01-01"));
  CHECK(today <= iso("2200-01-01"));
}
