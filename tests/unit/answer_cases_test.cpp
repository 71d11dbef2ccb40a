// What an answer may be, through every C++ front end: each case of
// tests/data/answers/cases.yaml is read as a JSON intake (fast path, full reader and the
// public reader that chooses between them), a YAML intake, a CSV record and through the typed
// Intake setters, and each must store the same value or refuse it with the same code.
// bindings/python/tests/test_answer_cases.py runs the same cases through Python.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "answer_cases.hpp"
#include "contrascreen/intake_reader.hpp"
#include "expected_diagnostics.hpp"
#include "io/intake_json_flat.hpp"
#include "io/intake_json_full.hpp"

namespace {

using namespace contrascreen;
using testing::AnswerCase;
using testing::JsonValue;

std::shared_ptr<const Catalogue> answers_catalogue() {
  static const auto catalogue = [] {
    auto loaded = Catalogue::load_file(testing::data_dir() / "answers" / "questions.yaml");
    REQUIRE_MESSAGE(loaded.catalogue, testing::describe(loaded.diagnostics));
    return loaded.catalogue;
  }();
  return catalogue;
}

// What a front end made of a case: the answer it stored, or its diagnostics.
struct Outcome {
  bool accepted = false;
  std::vector<Diagnostic> diagnostics;
  std::optional<AnswerValue> stored;  // accepted: the answer (nullopt: unanswered)
  bool positioned = true;             // diagnostics must say where (not so for the setters)
};

Outcome read_back(bool accepted, const Intake& intake, const std::string& question, std::vector<Diagnostic> found) {
  Outcome out;
  out.accepted = accepted;
  out.diagnostics = std::move(found);
  if (accepted && intake.catalogue().find(question) != nullptr) out.stored = intake.get(question);
  return out;
}

std::string describe(const AnswerValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const double* d = std::get_if<double>(&value)) return std::to_string(*d);
  if (const std::string* s = std::get_if<std::string>(&value)) return "\"" + s->substr(0, 60) + "\"";
  if (const Date* date = std::get_if<Date>(&value)) return date->to_iso();
  std::string out = "[";
  for (const auto& item : std::get<std::vector<std::string>>(value)) out += "\"" + item.substr(0, 60) + "\" ";
  return out + "]";
}

bool same(const JsonValue& expected, const AnswerValue& actual) {
  using K = JsonValue::Kind;
  if (const bool* b = std::get_if<bool>(&actual)) return expected.kind == K::boolean && expected.boolean == *b;
  if (const double* d = std::get_if<double>(&actual)) return expected.kind == K::number && expected.number == *d;
  if (const std::string* s = std::get_if<std::string>(&actual))
    return expected.kind == K::string && expected.text == *s;
  if (const Date* date = std::get_if<Date>(&actual))
    return expected.kind == K::string && expected.text == date->to_iso();
  const auto& items = std::get<std::vector<std::string>>(actual);
  if (!expected.is_string_list() || expected.items.size() != items.size()) return false;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (expected.items[i].text != items[i]) return false;
  return true;
}

// Every case is checked whatever happened to the ones before it: no REQUIRE from here on.
void check(const AnswerCase& c, const std::string& front_end, const Outcome& out) {
  INFO("front end: " << front_end);
  INFO(testing::describe(out.diagnostics));
  if (c.stores) {
    CHECK(out.accepted);
    CHECK(out.diagnostics.empty());
    if (!out.accepted) return;
    if (*c.stores == "unanswered") {
      CHECK_FALSE(out.stored.has_value());
    } else if (out.stored) {
      INFO("stored: " << describe(*out.stored));
      CHECK(same(testing::parse_json_value(*c.stores), *out.stored));
    } else {
      FAIL_CHECK("nothing stored");
    }
    return;
  }
  CHECK_FALSE(out.accepted);
  CHECK_FALSE(out.diagnostics.empty());
  for (const Diagnostic& d : out.diagnostics) {
    CHECK(d.code == *c.refuses);
    if (c.message) CHECK_MESSAGE(d.message.find(*c.message) != std::string::npos, d.message);
    if (out.positioned) CHECK(d.where.line > 0);  // a typo is an error with a position
  }
}

// A case that gives a front end nothing to read is a mistake in the data file.
bool has_input(bool given, const char* what) {
  if (!given) FAIL_CHECK(what);
  return given;
}

// ---- the front ends -----------------------------------------------------------

void run_json(const AnswerCase& c) {
  if (!has_input(c.value.has_value(), "no JSON input: give `value`, or skip json with a reason")) return;
  const auto catalogue = answers_catalogue();
  const std::string text = "{\"answers\": {\"" + c.question + "\": " + *c.value + "}}";
  static io::FullJsonReader full(catalogue);
  static io::FlatJsonReader flat(*catalogue);
  static JsonIntakeReader reader(catalogue);
  Intake reference(catalogue), fast(catalogue), public_result(catalogue);
  std::vector<Diagnostic> diagnostics, public_diagnostics;
  const bool ok = full.parse(text, reference, diagnostics, "case.json", 1);
  check(c, "json (full reader)", read_back(ok, reference, c.question, diagnostics));

  // The fast path never decides an error, and reads what it can as the full reader does.
  const bool fast_ok = flat.read(text, fast);
  INFO("fast path: " << (fast_ok ? "read it" : "declined"));
  if (c.refuses || c.fast_path_declines) {
    CHECK_FALSE(fast_ok);
  } else {
    CHECK(fast_ok);
    CHECK(fast == reference);
  }
  CHECK(reader.parse(text, public_result, public_diagnostics, "case.json", 1) == ok);
  CHECK(public_diagnostics.size() == diagnostics.size());
  if (ok) CHECK(public_result == reference);
}

void run_yaml(const AnswerCase& c) {
  if (!has_input(c.yaml || c.value, "no YAML input: give `value` or `yaml`, or skip yaml with a reason")) return;
  const std::string text = "answers:\n  " + c.question + ": " + (c.yaml ? *c.yaml : *c.value) + "\n";
  IntakeResult result = parse_intake(text, IntakeFormat::yaml, answers_catalogue(), "case.yaml");
  const Intake empty(answers_catalogue());
  check(c, "yaml",
        read_back(result.intake.has_value(), result.intake ? *result.intake : empty, c.question, result.diagnostics));
}

// The cell for `value` as derived (see cases.yaml); nullopt when CSV cannot write it.
std::optional<std::string> csv_cell(const JsonValue& value) {
  auto quoted = [](const std::string& text) {
    std::string cell = "\"";
    for (const char ch : text) cell += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return cell + "\"";
  };
  switch (value.kind) {
    case JsonValue::Kind::null:
      return "";
    case JsonValue::Kind::boolean:
      return value.boolean ? "true" : "false";
    case JsonValue::Kind::number:
      return value.text;
    case JsonValue::Kind::string:
      return quoted(value.text);
    case JsonValue::Kind::list: {
      if (!value.is_string_list()) return std::nullopt;
      if (value.items.empty()) return "[]";
      std::string joined;
      for (const auto& item : value.items) joined += (joined.empty() ? "" : ";") + item.text;
      return quoted(joined);
    }
    case JsonValue::Kind::object:
      break;
  }
  return std::nullopt;
}

void run_csv(const AnswerCase& c) {
  if (!has_input(c.csv || c.value, "no CSV input: give `value` or `csv`, or skip csv with a reason")) return;
  const std::optional<std::string> cell = c.csv ? c.csv : csv_cell(testing::parse_json_value(*c.value));
  if (!has_input(cell.has_value(), "CSV cannot write this answer: give `csv:` or skip csv with a reason")) return;
  CsvIntakeReader reader(answers_catalogue());
  Intake intake(answers_catalogue());
  std::vector<Diagnostic> diagnostics;
  const bool header_ok = reader.parse_header(c.question, diagnostics, "case.csv", 1);
  const bool record_ok = reader.parse_record(*cell, intake, diagnostics, "case.csv", 2);
  check(c, "csv", read_back(header_ok && record_ok, intake, c.question, diagnostics));
}

std::string latin1(const std::string& utf8) {  // code points below 256 only
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      out += utf8[i];
    } else {
      out += static_cast<char>(((byte & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F));
      ++i;
    }
  }
  return out;
}

void run_setters(const AnswerCase& c) {
  Intake intake(answers_catalogue());
  Outcome out;
  out.positioned = false;
  try {
    if (c.date) {
      intake.set(c.question, *Date::parse_iso(*c.date));
    } else {
      if (!has_input(c.value.has_value(),
                     "no input for the setters: give `value` or `date`, or skip cpp with a reason"))
        return;
      const JsonValue value = testing::parse_json_value(*c.value);
      using K = JsonValue::Kind;
      if (!has_input(value.kind != K::object && (value.kind != K::list || value.is_string_list()),
                     "the setters cannot take this answer: skip cpp with a reason"))
        return;
      if (value.kind == K::null) intake.unset(c.question);
      if (value.kind == K::boolean) intake.set(c.question, value.boolean);
      if (value.kind == K::number) intake.set(c.question, value.number);
      if (value.kind == K::string) intake.set(c.question, std::string_view(value.text));
      if (value.kind == K::list) {
        std::vector<std::string> items;
        for (const auto& item : value.items) items.push_back(c.latin1 ? latin1(item.text) : item.text);
        intake.set(c.question, items);
      }
    }
    out.accepted = true;
    out.stored = intake.get(c.question);
  } catch (const IntakeError& e) {
    out.diagnostics.push_back(e.diagnostic());
  }
  check(c, "cpp (Intake setters)", out);
}

}  // namespace

TEST_CASE("answer cases: the data file is complete") {
  const auto cases = testing::load_answer_cases();
  CHECK(cases.size() >= 60);
  std::set<std::string> names, questions;
  std::map<std::string, int> per_front_end;
  for (const AnswerCase& c : cases) {
    CAPTURE(c.name);
    CHECK(names.insert(c.name).second);
    questions.insert(c.question);
    CHECK(c.stores.has_value() != c.refuses.has_value());
    for (const auto& [front_end, why] : c.skip) {
      CHECK(std::count(testing::answer_front_ends.begin(), testing::answer_front_ends.end(), front_end) == 1);
      CHECK_FALSE(why.empty());
    }
    for (const auto& front_end : c.only)
      CHECK(std::count(testing::answer_front_ends.begin(), testing::answer_front_ends.end(), front_end) == 1);
    CHECK(c.only.empty() == c.because.empty());
    for (const auto& front_end : testing::answer_front_ends) per_front_end[front_end] += c.applies_to(front_end);
  }
  for (const Question& q : answers_catalogue()->questions()) CHECK_MESSAGE(questions.count(q.id) == 1, q.id);
  for (const auto& [front_end, count] : per_front_end) CHECK_MESSAGE(count >= 40, front_end);
}

TEST_CASE("answer cases: every front end stores the same value or refuses with the same code") {
  for (const AnswerCase& c : testing::load_answer_cases()) {
    CAPTURE(c.name);
    if (c.applies_to("json")) run_json(c);
    if (c.applies_to("yaml")) run_yaml(c);
    if (c.applies_to("csv")) run_csv(c);
    if (c.applies_to("cpp")) run_setters(c);
  }
}
