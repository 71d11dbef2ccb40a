// The CDS Hooks request reading of `contrascreen serve` without a socket: which instants a
// FHIR `authored` may name (time zones, fractions, a date alone), which response of several
// is the latest beyond doubt, and the resource handed to the FHIR reader at the line and
// column it has in the body. The routes themselves are tests/service/route_cases.json's.
#include "service/authored_order.hpp"
#include "service/cds_request.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace contrascreen::service;

constexpr std::int64_t second = 1'000'000;
constexpr std::int64_t hour = 3600 * second;
// 2026-11-20T00:00:00Z in microseconds since 1970-01-01T00:00:00Z (20,777 days).
constexpr std::int64_t nov20 = std::int64_t{20777} * 24 * hour;

struct SpanCase {
  std::string_view authored;
  std::optional<std::int64_t> from;  // nullopt: no span
  std::int64_t to = 0;
};

const SpanCase span_cases[] = {
    {"2026-11-20T08:00:00Z", nov20 + 8 * hour, nov20 + 8 * hour + 1},
    {"2026-11-20T09:00:00+01:00", nov20 + 8 * hour, nov20 + 8 * hour + 1},
    {"2026-11-20T07:30:00-00:30", nov20 + 8 * hour, nov20 + 8 * hour + 1},
    {"2026-11-20T00:30:00+14:00", nov20 - 13 * hour - 1800 * second, nov20 - 13 * hour - 1800 * second + 1},
    {"2026-11-20T08:00:00.5Z", nov20 + 8 * hour + second / 2, nov20 + 8 * hour + second / 2 + 1},
    {"2026-11-20T08:00:00.1234567Z", nov20 + 8 * hour + 123456, nov20 + 8 * hour + 123457},
    {"2026-11-20T23:59:60Z", nov20 + 24 * hour, nov20 + 24 * hour + 1},  // a leap second
    // A date alone: its day in any time zone, UTC+14:00 (earliest) to UTC-12:00 (latest).
    {"2026-11-20", nov20 - 14 * hour, nov20 + 36 * hour},
    {"2026-11", std::nullopt},
    {"2026", std::nullopt},
    {"2026-02-30", std::nullopt},
    {"2026-11-20T08:00Z", std::nullopt},    // FHIR's time has seconds
    {"2026-11-20T08:00:00", std::nullopt},  // and a time zone
    {"2026-11-20 08:00:00Z", std::nullopt},
    {"2026-11-20T24:00:00Z", std::nullopt},
    {"2026-11-20T08:60:00Z", std::nullopt},
    {"2026-11-20T08:00:00.Z", std::nullopt},
    {"2026-11-20T08:00:00+14:01", std::nullopt},
    {"2026-11-20T08:00:00+0100", std::nullopt},
    {"2026-11-20T08:00:00Zjunk", std::nullopt},
    {"", std::nullopt},
};

std::vector<AuthoredSpan> spans_of(std::initializer_list<std::string_view> values) {
  std::vector<AuthoredSpan> spans;
  for (const std::string_view value : values) spans.push_back(authored_span(value).value());
  return spans;
}

}  // namespace

TEST_CASE("authored_span: the instants a FHIR authored value may name") {
  for (const SpanCase& c : span_cases) {
    CAPTURE(c.authored);
    const std::optional<AuthoredSpan> span = authored_span(c.authored);
    REQUIRE(span.has_value() == c.from.has_value());
    if (!span) continue;
    CHECK(span->from == *c.from);
    CHECK(span->to == c.to);
  }
}

TEST_CASE("latest_authored: the latest beyond doubt, or the rival that may be as late") {
  // The latest is in the middle; time zones are compared as instants.
  Latest latest = latest_authored(spans_of({"2026-11-01", "2026-11-20T09:00:00+01:00", "2026-11-20T07:59:59Z"}));
  CHECK(latest.index == 1);
  CHECK_FALSE(latest.rival);
  // One instant written in two time zones: a tie.
  latest = latest_authored(spans_of({"2026-11-20T09:00:00+01:00", "2026-11-20T08:00:00Z"}));
  CHECK(latest.rival);
  // A date alone may end as late as noon UTC the next day.
  latest = latest_authored(spans_of({"2026-11-19", "2026-11-20T11:00:00Z"}));
  CHECK(latest.index == 1);
  CHECK(latest.rival == 0u);
  latest = latest_authored(spans_of({"2026-11-19", "2026-11-20T12:00:00Z"}));
  CHECK(latest.index == 1);
  CHECK_FALSE(latest.rival);
  // One response: it, whatever it is.
  latest = latest_authored(spans_of({"2026-11-19"}));
  CHECK(latest.index == 0);
  CHECK_FALSE(latest.rival);
}

TEST_CASE("read_cds_request: the resource at its line and column in the body, the rest blank") {
  // A non-ASCII text before the resource on its line: one blank per code point keeps the
  // column (counted in code points) the body's.
  const std::string body =
      "{\"hook\": \"appointment-book\", \"hookInstance\": \"é\u00e9\",\n"
      " \"context\": {}, \"prefetch\": {\"intake\": {\"resourceType\": \"QuestionnaireResponse\"}}}";
  const CdsRequest read = read_cds_request(body, "<body>");
  REQUIRE(read.status == http::status::ok);
  const std::string resource = "{\"resourceType\": \"QuestionnaireResponse\"}";
  const std::size_t line_start = body.find('\n') + 1;
  const std::size_t column = body.find("{\"resourceType\"") - line_start;  // ASCII on the second line
  const std::size_t first_line_code_points = line_start - 1 - 2;           // é twice: two bytes each
  CHECK(read.intake == std::string(first_line_code_points, ' ') + "\n" + std::string(column, ' ') + resource);
  CHECK(read.diagnostics.empty());
}

TEST_CASE("read_cds_request: the status and code of each request it refuses") {
  struct Refused {
    std::string_view body;
    http::status status;
    std::string_view code;
  };
  const Refused cases[] = {
      {"[]", http::status::bad_request, "cds.invalid_request"},
      {"{\"hook\": \"appointment-book\", \"hookInstance\": \"\", \"context\": {}}", http::status::bad_request,
       "cds.invalid_request"},
      {"{\"hook\": \"appointment-book\", \"hookInstance\": \"a\", \"context\": []}", http::status::bad_request,
       "cds.invalid_request"},
      {"{\"hook\": \"appointment-book\", \"hook\": \"appointment-book\", \"hookInstance\": \"a\", \"context\": {}}",
       http::status::bad_request, "cds.invalid_request"},
      {"{\"hook\": \"order-sign\", \"hookInstance\": \"a\", \"context\": {}}", http::status::bad_request,
       "cds.wrong_hook"},
      {"{\"hook\": \"appointment-book\", \"hookInstance\": \"a\", \"context\": {}, \"prefetch\": null}",
       http::status::precondition_failed, "cds.missing_prefetch"},
      {"{\"hook\": \"appointment-book\", \"hookInstance\": \"a\", \"context\": {}, \"prefetch\": {\"intake\": 3}}",
       http::status::bad_request, "cds.invalid_request"},
      {"{\"hook\": \"appointment-book\", \"hookInstance\": \"a\", \"context\": {}, \"prefetch\": "
       "{\"intake\": {\"resourceType\": \"Bundle\", \"entry\": [{\"search\": {}}]}}}",
       http::status::unprocessable_entity, "fhir.wrong_resource"},
      {"{\"hook\": \"appointment-book\", \"hookInstance\": \"a\", \"context\": {}, \"prefetch\": "
       "{\"intake\": {\"resourceType\": \"Bundle\", \"entry\": {}}}}",
       http::status::unprocessable_entity, "fhir.invalid_element"},
  };
  for (const Refused& c : cases) {
    CAPTURE(c.body);
    const CdsRequest read = read_cds_request(c.body, "<body>");
    CHECK(read.status == c.status);
    REQUIRE(read.diagnostics.size() == 1);
    CHECK(read.diagnostics.front().code == c.code);
    CHECK(read.diagnostics.front().where.file == "<body>");
  }
}
