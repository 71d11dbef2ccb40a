// `contrascreen questions --rules RULESET`: the questions a policy needs, in form order,
// with types, allowed values and wording in one language: what a clinic needs to build
// its intake form. Text for people, JSON for form generators.
#include <charconv>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/form.hpp"
#include "contrascreen/ruleset.hpp"
#include "json_text.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec questions_spec() {
  CommandSpec spec;
  spec.name = "questions";
  spec.synopsis = "questions --rules RULESET [--lang L] [--format text|json]";
  spec.summary =
      "Lists the questions the rule set's rules read, in catalogue order with each follow-up\n"
      "question right after the question it follows up: type, allowed values, prompt and help.";
  spec.example =
      "  contrascreen questions --rules rules/clinics/clinic-sv/microneedling.yaml --lang sv\n"
      "  contrascreen questions --rules policy.yaml --format json > form.json\n";
  spec.options.add_options()                                                                 //
      ("rules", po::value<std::string>()->value_name("RULESET"), "the rule set (required)")  //
      ("lang", po::value<std::string>()->value_name("L"),
       "language of prompts and labels (default: the rule set's default language; a language the "
       "catalogue lacks falls back to its first)")  //
      ("format", po::value<std::string>()->value_name("text|json")->default_value("text"), "output format");
  return spec;
}

std::string number_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string text_or_null(std::string_view text) {
  return text.empty() ? "null" : json_string(text);
}

void print_text(const RuleSet& rules, const std::vector<FormQuestion>& form, const FormLanguage& words,
                std::ostream& out) {
  out << rules.id() << " (version " << util::printable(rules.version()) << "): " << form.size()
      << (form.size() == 1 ? " question" : " questions") << ", in " << words.language << "\n";
  for (const FormQuestion& entry : form) {
    const Question* q = entry.question;
    const std::string indent(static_cast<std::size_t>(entry.depth) * 2, ' ');
    out << "\n" << indent << q->id << "  " << to_string(q->type);
    if (q->min && q->max) {
      out << ", " << number_text(*q->min) << " to " << number_text(*q->max);
    } else if (q->min) {
      out << ", at least " << number_text(*q->min);
    } else if (q->max) {
      out << ", at most " << number_text(*q->max);
    }
    if (!q->unit.empty()) out << " " << util::printable(q->unit);
    if (!q->follows.empty()) out << ", follows " << q->follows;
    out << "\n" << indent << "  " << util::printable(words.text(q->prompt)) << "\n";
    if (!q->help.empty()) out << indent << "  help: " << util::printable(words.text(q->help)) << "\n";
    for (const EnumValue& v : q->values)
      out << indent << "  - " << v.value << ": " << util::printable(words.text(v.label)) << "\n";
  }
}

// One question per line: valid JSON that still diffs well. Absent members are null, so
// every question object has the same keys.
void print_json(const RuleSet& rules, const std::vector<FormQuestion>& form, const FormLanguage& words,
                std::ostream& out) {
  out << "{\"ruleset\": {\"id\": " << json_string(rules.id()) << ", \"version\": " << json_string(rules.version())
      << ", \"sha256\": " << json_string(rules.sha256()) << "}, \"language\": " << json_string(words.language)
      << ", \"questions\": [";
  for (std::size_t n = 0; n < form.size(); ++n) {
    const Question& q = *form[n].question;
    out << (n == 0 ? "\n  " : ",\n  ") << "{\"id\": " << json_string(q.id) << ", \"type\": \"" << to_string(q.type)
        << "\", \"prompt\": " << json_string(words.text(q.prompt)) << ", \"help\": " << text_or_null(words.text(q.help))
        << ", \"values\": ";
    if (q.type == QuestionType::enumeration) {
      out << "[";
      for (std::size_t i = 0; i < q.values.size(); ++i) {
        out << (i == 0 ? "" : ", ") << "{\"value\": " << json_string(q.values[i].value)
            << ", \"label\": " << json_string(words.text(q.values[i].label)) << "}";
      }
      out << "]";
    } else {
      out << "null";
    }
    out << ", \"min\": " << (q.min ? number_text(*q.min) : "null")
        << ", \"max\": " << (q.max ? number_text(*q.max) : "null") << ", \"unit\": " << text_or_null(q.unit)
        << ", \"follows\": " << text_or_null(q.follows) << "}";
  }
  out << (form.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace

int run_questions(const Args& args, Io& io) {
  const CommandSpec spec = questions_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  if (vars->count("rules") == 0) return usage_error(spec, "--rules RULESET is required", io);
  const std::string format = (*vars)["format"].as<std::string>();
  if (format != "text" && format != "json")
    return usage_error(spec, "unknown --format '" + format + "': use text or json", io);

  const auto rules = load_rules_option((*vars)["rules"].as<std::string>(), spec.name, io, status);
  if (!rules) return status;
  const std::optional<std::string> lang = form_language_option(*vars, *rules, spec.name, io);
  const FormLanguage words = form_language(*rules, lang ? std::optional<std::string_view>(*lang) : std::nullopt);

  const std::vector<FormQuestion> form = form_questions(*rules);
  if (format == "json") {
    print_json(*rules, form, words, io.out);
  } else {
    print_text(*rules, form, words, io.out);
  }
  return exit_allow;
}

}  // namespace contrascreen::cli
