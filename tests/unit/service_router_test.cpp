// The service's routing and naming, without a socket: which route a target reaches (or 404,
// 405 with every allowed method, 400 for a bad escape), the query as decoded, rule-set ids
// in paths, and the access log's salted hash.
#include "service/access_log.hpp"
#include "service/registry.hpp"
#include "service/router.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace contrascreen::service;

Response answer(const Request&, Exchange&) {
  return Response{};
}

Router sample_router() {
  Router router;
  router.add({http::verb::post, "/v1/screen/{ruleset}", answer});
  router.add({http::verb::get, "/healthz", answer});
  router.add({http::verb::put, "/healthz", answer});
  return router;
}

}  // namespace

TEST_CASE("a target reaches its route, or the status that says why not") {
  const Router router = sample_router();
  struct Row {
    http::verb method;
    const char* target;
    http::status status;
    const char* parameter;
    const char* allow;
  };
  const Row rows[] = {
      {http::verb::post, "/v1/screen/clinic-sv-microneedling", http::status::ok, "clinic-sv-microneedling", ""},
      {http::verb::post, "/v1/screen/clinic-sv%2Fmicroneedling", http::status::ok, "clinic-sv/microneedling", ""},
      {http::verb::post, "/v1/screen/clinic-sv/microneedling", http::status::not_found, "", ""},
      {http::verb::post, "/v1/screen/", http::status::not_found, "", ""},
      {http::verb::post, "/v1/screen", http::status::not_found, "", ""},
      {http::verb::post, "/v1/screen/a%zz", http::status::bad_request, "", ""},
      {http::verb::post, "/v1/screen/a%2", http::status::bad_request, "", ""},
      {http::verb::get, "/v1/screen/x", http::status::method_not_allowed, "", "POST"},
      {http::verb::delete_, "/healthz", http::status::method_not_allowed, "", "GET, PUT"},
      {http::verb::get, "/healthz", http::status::ok, "", ""},
      {http::verb::get, "/healthz/", http::status::not_found, "", ""},
      {http::verb::get, "/HEALTHZ", http::status::not_found, "", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.target);
    const RouteMatch match = router.match(row.method, row.target);
    CHECK(match.status == row.status);
    CHECK((match.route != nullptr) == (row.status == http::status::ok));
    if (row.status == http::status::ok) CHECK(match.parameter == row.parameter);
    CHECK(match.allow == row.allow);
  }
}

TEST_CASE("the query is decoded: %XX, + as a space, empty items skipped, a bad escape is 400") {
  const Router router = sample_router();
  const RouteMatch match = router.match(http::verb::get, "/healthz?lang=sv&&date=2026-11-21&note=a+b%21&flag");
  REQUIRE(match.route != nullptr);
  const Query expected{{"lang", "sv"}, {"date", "2026-11-21"}, {"note", "a b!"}, {"flag", ""}};
  CHECK(match.query == expected);
  CHECK(router.match(http::verb::get, "/healthz?lang=%g1").status == http::status::bad_request);
}

TEST_CASE("a rule set's route id writes '/' as '-'") {
  CHECK(route_id("clinic-sv/microneedling") == "clinic-sv-microneedling");
  CHECK(route_id("a/b/c") == "a-b-c");
  CHECK(route_id("plain") == "plain");
}

TEST_CASE("the log's intake hash: 16 hex digits, the same for one id and salt, another for another salt") {
  const AccessLog log(-1, "salt-one");
  const AccessLog same(-1, "salt-one");
  const AccessLog other(-1, "salt-two");
  const AccessLog random_salt(-1, "");
  const std::string hash = log.hash_id("P-0017");
  CHECK(hash.size() == 16);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(same.hash_id("P-0017") == hash);
  CHECK(log.hash_id("P-0018") != hash);
  CHECK(other.hash_id("P-0017") != hash);
  CHECK(random_salt.hash_id("P-0017") != hash);
  CHECK(hash.find("0017") == std::string::npos);
}
