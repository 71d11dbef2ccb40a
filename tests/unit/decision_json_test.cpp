#include "contrascreen/decision.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "ruleset/decision_json.hpp"

namespace {

using contrascreen::Advice;
using contrascreen::Date;
using contrascreen::Decision;
using contrascreen::Reason;
using contrascreen::Verdict;
using namespace std::string_literals;

Date date(std::string_view iso) {
  return *Date::parse_iso(iso);
}

Decision allowed() {
  Decision d;
  d.ruleset = {"clinic-sv/microneedling", "2026.11", "ab12"};
  d.date = date("2026-11-21");
  d.language = "en";
  return d;
}

Decision refused() {
  Decision d = allowed();
  d.id = "P-0017";
  d.decision = Verdict::refuse;
  d.reasons.push_back(Reason{"anticoagulants",
                             Verdict::refuse,
                             false,
                             "Blood thinners: no microneedling.",
                             {"anticoagulant_therapy", "medications"},
                             std::nullopt,
                             "",
                             {}});
  d.reasons.push_back(Reason{"isotretinoin",
                             Verdict::refuse,
                             false,
                             "Wait 6 months after isotretinoin.",
                             {"oral_retinoids", "oral_retinoids_stopped_on"},
                             date("2027-03-01"),
                             "",
                             {}});
  d.reasons.push_back(
      Reason{"age_check", Verdict::refer, true, "Age unknown.", {"age"}, std::nullopt, "division by zero", {"age"}});
  d.unanswered = {"age"};
  d.advice.push_back(Advice{"sun", "Avoid the sun for a week."});
  d.advice.push_back(Advice{"spf", "Use SPF 50."});
  d.until = date("2027-03-01");
  d.language = "sv";
  return d;
}

Decision escaped() {
  Decision d = allowed();
  d.id = "tab\there \"quoted\" back\\slash";
  d.decision = Verdict::refer;
  d.reasons.push_back(
      Reason{"r", Verdict::refer, false, "line\nbreak, bell\x07, nul\0 end"s + " – Öl ✓", {}, std::nullopt, "", {}});
  d.advice.push_back(Advice{"a", "\x1f\r\b\f/"});
  return d;
}

struct Golden {
  const char* name;
  Decision decision;
  std::string_view json;
};

// clang-format off
const std::vector<Golden> goldens = {
    {"allow, no id", allowed(),
     R"({"id":null,"decision":"allow","reasons":[],"unanswered":[],"advice":[],)"
     R"("ruleset":{"id":"clinic-sv/microneedling","version":"2026.11","sha256":"ab12"},)"
     R"("date":"2026-11-21","until":null,"language":"en"})"},
    {"refuse with reasons, advice and until", refused(),
     R"({"id":"P-0017","decision":"refuse","reasons":[)"
     R"({"rule":"anticoagulants","decision":"refuse","status":"fired","message":"Blood thinners: no microneedling.",)"
     R"("questions":["anticoagulant_therapy","medications"],"until":null},)"
     R"({"rule":"isotretinoin","decision":"refuse","status":"fired","message":"Wait 6 months after isotretinoin.",)"
     R"("questions":["oral_retinoids","oral_retinoids_stopped_on"],"until":"2027-03-01"},)"
     R"({"rule":"age_check","decision":"refer","status":"undecided","message":"Age unknown.",)"
     R"("questions":["age"],"until":null,"error":"division by zero"}],)"
     R"("unanswered":["age"],"advice":["Avoid the sun for a week.","Use SPF 50."],)"
     R"("ruleset":{"id":"clinic-sv/microneedling","version":"2026.11","sha256":"ab12"},)"
     R"("date":"2026-11-21","until":"2027-03-01","language":"sv"})"},
    {"escaping", escaped(),
     R"({"id":"tab\there \"quoted\" back\\slash","decision":"refer","reasons":[)"
     R"({"rule":"r","decision":"refer","status":"fired","message":"line\nbreak, bell\u0007, nul\u0000 end – Öl ✓",)"
     R"("questions":[],"until":null}],"unanswered":[],"advice":["\u001f\r\b\f/"],)"
     R"("ruleset":{"id":"clinic-sv/microneedling","version":"2026.11","sha256":"ab12"},)"
     R"("date":"2026-11-21","until":null,"language":"en"})"},
};
// clang-format on

}  // namespace

TEST_CASE("decision json: golden output") {
  for (const auto& golden : goldens) {
    CAPTURE(golden.name);
    const std::string json = contrascreen::to_json(golden.decision);
    CHECK(json == golden.json);
    CHECK(json.find('\n') == std::string::npos);
  }
}

TEST_CASE("decision json: verdict and action names") {
  for (const auto verdict : {Verdict::allow, Verdict::refer, Verdict::refuse})
    CHECK(contrascreen::parse_verdict(contrascreen::to_string(verdict)) == verdict);
  CHECK_FALSE(contrascreen::parse_verdict("Refuse"));
  CHECK_FALSE(contrascreen::parse_verdict(""));
  CHECK(std::string_view(contrascreen::to_string(contrascreen::RuleAction::inform)) == "inform");
  CHECK(std::string_view(contrascreen::to_string(contrascreen::RuleAction::refuse)) == "refuse");
}

TEST_CASE("json writer: numbers and dates") {
  std::string out;
  contrascreen::json::append_number(out, 0.1);
  out += ',';
  contrascreen::json::append_number(out, 130);
  out += ',';
  contrascreen::json::append_number(out, std::numeric_limits<double>::infinity());
  out += ',';
  contrascreen::json::append_optional_date(out, date("0001-01-01"));
  CHECK(out == R"(0.1,130,null,"0001-01-01")");
}
