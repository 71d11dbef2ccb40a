// YAML intakes with yaml-cpp. The rules match the JSON reader's: YAML's own typing
// decides what an answer is, so a quoted "yes" or "17" is a string, never a boolean
// or a number, and only plain scalars can be booleans, numbers or null.
#include "ruleset/yaml_intake.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "contrascreen/answer_acceptance.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/intake_diagnostics.hpp"
#include "core/intake_messages.hpp"
#include "util/decimal_text.hpp"
#include "yaml/yaml_reader.hpp"

namespace contrascreen::detail {
namespace {

enum class Kind : std::uint8_t { null, boolean, number, string, list, mapping };

struct Classified {
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  bool underflow = false;  // a non-zero number too close to zero for a double
};

const char* found_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "a boolean";
    case Kind::number:
      return "a number";
    case Kind::string:
      return "a string";
    case Kind::list:
      return "a list";
    case Kind::mapping:
      return "a mapping";
  }
  return "a value";
}

bool equals_ascii_nocase(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

// YAML 1.2 core schema numbers: [-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?, .inf, .nan.
std::optional<util::DecimalNumber> yaml_number(std::string_view s) noexcept {
  std::string_view body = s;
  const bool negative = !body.empty() && body.front() == '-';
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) body.remove_prefix(1);
  for (const char* inf : {".inf", ".Inf", ".INF"})
    if (body == inf)
      return util::DecimalNumber{negative ? -std::numeric_limits<double>::infinity()
                                        : std::numeric_limits<double>::infinity()};
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return util::DecimalNumber{std::numeric_limits<double>::quiet_NaN()};
  std::size_t i = 0, digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.')
    for (++i; i < body.size() && body[i] >= '0' && body[i] <= '9'; ++i) ++digits;
  if (digits == 0) return std::nullopt;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    if (++i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    const std::size_t exponent = i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i;
    if (i == exponent) return std::nullopt;
  }
  if (i != body.size()) return std::nullopt;
  auto number = util::read_decimal(body);  // 1e999 is infinity, 1e-999 an underflow
  if (number && negative) number->value = -number->value;
  return number;
}

Classified classify(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return {};
  if (node.IsSequence()) return {Kind::list};
  if (node.IsMap()) return {Kind::mapping};
  if (!yaml::is_plain(node)) return {Kind::string};
  const std::string& text = node.Scalar();
  for (const char* word : {"true", "yes"})
    if (equals_ascii_nocase(text, word)) return {Kind::boolean, true};
  for (const char* word : {"false", "no"})
    if (equals_ascii_nocase(text, word)) return {Kind::boolean, false};
  if (const auto number = yaml_number(text)) return {Kind::number, false, number->value, number->underflow};
  return {Kind::string};
}

class YamlIntakeReader {
 public:
  YamlIntakeReader(DiagnosticSink sink, Intake& intake)
      : sink_(sink), intake_(intake), catalogue_(intake.catalogue()), seen_(catalogue_.size(), false) {}

  void read(const std::optional<YAML::Node>& root) {
    if (!root || !root->IsMap()) {
      const Kind kind = root ? classify(*root).kind : Kind::null;
      sink_.error(codes::intake_not_a_mapping, std::string("an intake must be a mapping, found ") + found_name(kind),
                  root ? yaml::offset_of(*root) : 0, 1);
      return;
    }
    bool have_id = false, have_date = false, have_answers = false;
    for (const auto& entry : *root) {
      top_level_keys_.push_back(yaml::offset_of(entry.first));
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("(a ") +
                                                                                    found_name(classify(entry.first).kind) + ")";
      // A repeated key is reported by the YAML layer (kept as intake.duplicate_key); the first wins.
      if (key == "id") {
        if (!std::exchange(have_id, true)) read_id(entry.second);
      } else if (key == "date") {
        if (!std::exchange(have_date, true)) read_date(entry.second);
      } else if (key == "answers") {
        if (!std::exchange(have_answers, true)) read_answers(entry.second);
      } else {  // never ignored: "Date" or answers given flat would otherwise be lost
        sink_.error(codes::intake_unknown_key, unknown_intake_key_diagnostic(key).message,
                    yaml::offset_of(entry.first), 1);
      }
    }
    if (!have_answers) sink_.error(codes::intake_missing_answers, missing_answers_diagnostic().message, yaml::offset_of(*root), 1);
  }

  const std::vector<std::uint32_t>& top_level_keys() const noexcept { return top_level_keys_; }

  void read_id(const YAML::Node& node) {
    const Kind kind = classify(node).kind;
    if (kind == Kind::null) return;
    if (node.IsScalar())
      intake_.set_id(node.Scalar());
    else
      error(codes::intake_invalid_id, std::string("'id' must be a string, a number or null, found ") + found_name(kind),
            node);
  }

  void read_date(const YAML::Node& node) {
    const Kind kind = classify(node).kind;
    if (kind == Kind::null) return;
    const auto date = node.IsScalar() ? Date::parse_iso(node.Scalar()) : std::nullopt;
    if (date)
      intake_.set_date(*date);
    else if (node.IsScalar())
      error(codes::intake_invalid_date, "'date' must be a real calendar date written YYYY-MM-DD", node);
    else
      error(codes::intake_invalid_date, std::string("'date' must be a date written YYYY-MM-DD, found ") + found_name(kind),
            node);
  }

  void read_answers(const YAML::Node& node) {
    // Also the entry point for rule-set test cases, whose answers sit inside a rule file.
    const Kind kind = classify(node).kind;
    if (kind == Kind::null) return;
    if (kind != Kind::mapping) {
      error(codes::intake_not_a_mapping, std::string("'answers' must be a mapping, found ") + found_name(kind), node);
      return;
    }
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        error(codes::intake_unknown_question, "an answer key must be a question id", entry.first);
        continue;
      }
      const std::string& key = entry.first.Scalar();
      const Question* q = catalogue_.find(key);
      if (q == nullptr) {
        error(codes::intake_unknown_question, detail::unknown_question_message(catalogue_, key), entry.first);
      } else if (seen_[q->index]) {
        error(codes::intake_duplicate_answer, "'" + q->id + "' is answered twice", entry.first);
      } else {
        seen_[q->index] = true;
        read_answer(*q, entry.second);
      }
    }
  }

 private:
  // The lexical part: what YAML's own typing makes of the node. A plain scalar keeps its
  // text, so that an enum question takes `no` for its declared value "no".
  static RawAnswer raw_answer(const YAML::Node& node) {
    const Classified value = classify(node);
    RawAnswer answer;
    switch (value.kind) {
      case Kind::null:
        return answer;
      case Kind::boolean:
        answer = RawAnswer::of_bool(value.boolean);
        break;
      case Kind::number:
        answer = RawAnswer::of_number(value.number, value.underflow);
        break;
      case Kind::string:
        return RawAnswer::of_text(node.Scalar());
      case Kind::list:
        return RawAnswer::of_list();
      case Kind::mapping:
        return RawAnswer::of_other(found_name(Kind::mapping));
    }
    answer.text = node.Scalar();
    return answer;
  }

  void read_answer(const Question& q, const YAML::Node& node) {
    const RawAnswer answer = raw_answer(node);
    if (const Refusal refusal = accept_answer(q, answer, intake_); refusal != Refusal::none)
      return error(refusal_code(refusal), refusal_message(q, answer, refusal), node);
    if (answer.kind == RawAnswer::Kind::list) read_list(q, node);
  }

  void read_list(const Question& q, const YAML::Node& node) {
    std::size_t position = 0;
    for (const auto& item : node) {
      ++position;
      const RawAnswer answer = raw_answer(item);
      if (const Refusal refusal = accept_list_item(q, answer, intake_); refusal != Refusal::none)
        error(refusal_code(refusal), refusal_message(q, answer, refusal, position), item);
    }
  }

  void error(std::string_view code, std::string message, const YAML::Node& node) {
    sink_.error(code, std::move(message), yaml::offset_of(node), yaml::source_length(node, sink_.source().text));
  }

  DiagnosticSink sink_;
  Intake& intake_;
  const Catalogue& catalogue_;
  std::vector<bool> seen_;                     // answered slots, to report duplicates
  std::vector<std::uint32_t> top_level_keys_;  // where the YAML layer's duplicate_key is kept
};

// Intakes report in intake.* codes whichever format they came in; the YAML layer's
// duplicate-key check applies to the top level only (answers have their own code, and
// keys the reader ignores are not its business).
void adopt_yaml_diagnostics(std::vector<Diagnostic>& from, const std::vector<std::uint32_t>& top_level_keys,
                            std::vector<Diagnostic>& to) {
  for (auto& d : from) {
    if (d.code == codes::yaml_duplicate_key &&
        std::find(top_level_keys.begin(), top_level_keys.end(), d.where.offset) == top_level_keys.end())
      continue;
    if (d.code.rfind("yaml.", 0) == 0) d.code.replace(0, 4, "intake");
    to.push_back(std::move(d));
  }
}

}  // namespace

IntakeResult parse_yaml_intake(std::string_view text, std::shared_ptr<const Catalogue> catalogue,
                               std::string_view name) {
  IntakeResult result;
  Intake intake(std::move(catalogue));
  const SourceText source{std::string(name), std::string(text)};
  std::vector<Diagnostic> yaml_diagnostics;
  DiagnosticSink yaml_sink(source, yaml_diagnostics);
  const auto root = yaml::parse_document(yaml_sink);
  const bool syntax_error = !root;
  YamlIntakeReader reader(DiagnosticSink(source, result.diagnostics), intake);
  if (!syntax_error) reader.read(root);
  adopt_yaml_diagnostics(yaml_diagnostics, reader.top_level_keys(), result.diagnostics);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.offset < b.where.offset; });
  if (!has_errors(result.diagnostics)) result.intake = std::move(intake);
  return result;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> yaml_answer_span(std::string_view text,
                                                                        std::string_view question) {
  const SourceText source{std::string(), std::string(text)};
  std::vector<Diagnostic> ignored;
  DiagnosticSink sink(source, ignored);
  const auto root = yaml::parse_document(sink);
  if (!root || !root->IsMap()) return std::nullopt;
  const YAML::Node answers = (*root)["answers"];
  if (!answers || !answers.IsMap()) return std::nullopt;
  for (const auto& entry : answers) {
    if (entry.first.IsScalar() && entry.first.Scalar() == question)
      return std::pair{yaml::offset_of(entry.second), yaml::source_length(entry.second, source.text)};
  }
  return std::nullopt;
}

bool bind_yaml_answers(const YAML::Node& answers, Intake& out, DiagnosticSink& sink) {
  const std::size_t before = sink.out().size();
  YamlIntakeReader(sink, out).read_answers(answers);
  return std::none_of(sink.out().begin() + static_cast<std::ptrdiff_t>(before), sink.out().end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace contrascreen::detail
