#include "contrascreen/intake.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/intake_access.hpp"

namespace {

using contrascreen::AnswerValue;
using contrascreen::Catalogue;
using contrascreen::Date;
using contrascreen::Intake;
using contrascreen::IntakeError;

Date date(std::string_view iso) {
  return *Date::parse_iso(iso);
}

struct BadSet {
  std::string_view name;
  std::function<void(Intake&)> set;
  std::string_view code;
  std::string_view message_part;  // a piece the message must contain
};

// clang-format off
const std::vector<BadSet> bad_sets = {
    {"misspelt question", [](Intake& i) { i.set("pregnat", true); }, "intake.unknown_question", "did you mean 'pregnant'?"},
    {"unknown question, nothing close", [](Intake& i) { i.set("shoe_size", 42); }, "intake.unknown_question", "'shoe_size'"},
    {"unset of an unknown question", [](Intake& i) { i.unset("pregnat"); }, "intake.unknown_question", "pregnat"},
    {"string for a bool", [](Intake& i) { i.set("pregnant", "yes"); }, "intake.wrong_type", "'pregnant' expects true or false"},
    {"number for a bool", [](Intake& i) { i.set("pregnant", 1); }, "intake.wrong_type", "found a number"},
    {"bool for a number", [](Intake& i) { i.set("age", true); }, "intake.wrong_type", "'age' expects a number"},
    {"list for an enum", [](Intake& i) { i.set("acne", {"none"}); }, "intake.wrong_type", "found a list"},
    {"date for a list", [](Intake& i) { i.set("medications", date("2026-01-01")); }, "intake.wrong_type", "a list of strings"},
    {"string for a list", [](Intake& i) { i.set("medications", "warfarin"); }, "intake.wrong_type", "found a string"},
    {"undeclared enum value", [](Intake& i) { i.set("diabetes", "controled"); }, "intake.unknown_enum_value", "did you mean 'controlled'?"},
    {"enum value in the wrong case", [](Intake& i) { i.set("acne", "None"); }, "intake.unknown_enum_value", "scars_only"},
    {"impossible date", [](Intake& i) { i.set("last_microneedling_date", "2026-02-29"); }, "intake.invalid_date", "YYYY-MM-DD"},
    {"date in another format", [](Intake& i) { i.set("last_microneedling_date", "21/11/2026"); }, "intake.invalid_date", "last_microneedling_date"},
    {"number above max", [](Intake& i) { i.set("age", 131); }, "intake.out_of_range", "between 0 and 130"},
    {"number below min", [](Intake& i) { i.set("age", -0.5); }, "intake.out_of_range", "found -0.5"},
    {"NaN", [](Intake& i) { i.set("age", std::nan("")); }, "intake.out_of_range", "finite"},
    {"infinity", [](Intake& i) { i.set("age", std::numeric_limits<double>::infinity()); }, "intake.out_of_range", "finite"},
};
// clang-format on

}  // namespace

TEST_CASE("intake: typed setters reject answers that do not fit the catalogue") {
  Intake intake(Catalogue::builtin());
  for (const auto& bad : bad_sets) {
    CAPTURE(bad.name);
    try {
      bad.set(intake);
      FAIL("no IntakeError");
    } catch (const IntakeError& e) {
      CHECK(e.diagnostic().code == bad.code);
      CHECK(e.diagnostic().message.find(bad.message_part) != std::string::npos);
      CHECK(std::string(e.what()) == e.diagnostic().message);
    }
  }
  CHECK(intake.answer_count() == 0);  // a rejected answer leaves nothing behind
}

TEST_CASE("intake: get() returns what was set") {
  Intake intake(Catalogue::builtin());
  CHECK_FALSE(intake.get("pregnant"));
  CHECK_FALSE(intake.answered("pregnant"));

  intake.set("pregnant", false);
  intake.set("age", 41.5);
  intake.set("sensitive_skin", true);
  intake.set("diabetes", "poorly_controlled");
  intake.set("last_microneedling_date", "2026-03-01");
  intake.set("oral_retinoids_stopped_on", date("2024-02-29"));
  intake.set("medications", {"warfarin", "Ibuprofen 400 mg", ""});

  CHECK(intake.get("pregnant") == AnswerValue(false));
  CHECK(intake.get("sensitive_skin") == AnswerValue(true));
  CHECK(intake.get("age") == AnswerValue(41.5));
  CHECK(intake.get("diabetes") == AnswerValue(std::string("poorly_controlled")));
  CHECK(intake.get("last_microneedling_date") == AnswerValue(date("2026-03-01")));
  CHECK(intake.get("oral_retinoids_stopped_on") == AnswerValue(date("2024-02-29")));
  CHECK(intake.get("medications") == AnswerValue(std::vector<std::string>{"warfarin", "Ibuprofen 400 mg", ""}));
  CHECK(intake.answer_count() == 7);

  // Slots follow catalogue order and hold the typed value.
  const auto& catalogue = intake.catalogue();
  const auto* slots = contrascreen::detail::IntakeAccess::slots(intake);
  CHECK(slots[catalogue.find("diabetes")->index].value.enum_index == 2);
  CHECK(slots[catalogue.find("age")->index].value.number == 41.5);

  // An empty list is an answer; re-setting a list replaces it.
  intake.set("medications", std::vector<std::string>{});
  CHECK(intake.answered("medications"));
  CHECK(intake.get("medications") == AnswerValue(std::vector<std::string>{}));
  intake.set("medications", {"heparin"});
  CHECK(intake.get("medications") == AnswerValue(std::vector<std::string>{"heparin"}));

  intake.unset("age");
  CHECK_FALSE(intake.answered("age"));
  CHECK(intake.answer_count() == 6);
  CHECK_THROWS_AS(intake.get("agee"), IntakeError);
  CHECK_THROWS_AS(intake.answered("agee"), IntakeError);
}

TEST_CASE("intake: copies are independent, lists included") {
  Intake a(Catalogue::builtin());
  a.set("medications", {"warfarin"});
  a.set_id("P-1");
  Intake b = a;
  b.set("medications", {"aspirin", "heparin"});
  b.set_id("P-2");
  CHECK(a.get("medications") == AnswerValue(std::vector<std::string>{"warfarin"}));
  CHECK(b.get("medications") == AnswerValue(std::vector<std::string>{"aspirin", "heparin"}));
  CHECK(*a.id() == "P-1");
  Intake c = std::move(b);
  CHECK(c.get("medications") == AnswerValue(std::vector<std::string>{"aspirin", "heparin"}));
}

TEST_CASE("intake: clear() empties an intake for reuse") {
  Intake intake(Catalogue::builtin());
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    intake.clear();
    CHECK(intake.answer_count() == 0);
    CHECK_FALSE(intake.id());
    CHECK_FALSE(intake.date());
    intake.set_id("P-" + std::to_string(round));
    intake.set_date(date("2026-11-21"));
    intake.set("age", 20 + round);
    intake.set("medications", {"a" + std::to_string(round), "b"});
    CHECK(intake.get("age") == AnswerValue(20.0 + round));
    CHECK(intake.get("medications") == AnswerValue(std::vector<std::string>{"a" + std::to_string(round), "b"}));
    CHECK(intake.list_item(0) == "a" + std::to_string(round));  // the pool starts over
    CHECK(*intake.date() == date("2026-11-21"));
  }
}

TEST_CASE("intake: a null catalogue is a programming error") {
  CHECK_THROWS_AS(Intake(nullptr), std::invalid_argument);
}
