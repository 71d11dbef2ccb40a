#include "capi/call_options.hpp"

#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <string>

#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::capi {
namespace {

constexpr std::string_view options_name = "<options>";

void problem(std::vector<Diagnostic>& problems, std::string_view code, std::string message) {
  problems.push_back(make_diagnostic(Severity::error, code, std::move(message), std::string(options_name)));
}

// The options as an object, or nullopt (with a problem) when they are not one. A parser per
// thread: calls on many threads at once never share one, and each reuses its buffers.
std::optional<simdjson::dom::object> options_object(std::string_view json, std::vector<Diagnostic>& problems) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (const auto error = parser.parse(json.data(), json.size()).get(document)) {
    problem(problems, codes::options_invalid,
            std::string("the options are not valid JSON: ") + simdjson::error_message(error));
    return std::nullopt;
  }
  simdjson::dom::object object;
  if (document.get_object().get(object)) {
    problem(problems, codes::options_invalid, "the options must be a JSON object, such as {\"lang\": \"sv\"}");
    return std::nullopt;
  }
  return object;
}

std::string quoted(std::string_view key) { return "'" + printable_text(key) + "'"; }

// A key given twice: which of the values was meant cannot be told.
bool first_time(bool& seen, std::string_view key, std::vector<Diagnostic>& problems) {
  if (seen) {
    problem(problems, codes::options_invalid, "the option " + quoted(key) + " is given twice");
    return false;
  }
  seen = true;
  return true;
}

std::optional<std::string_view> string_value(simdjson::dom::element value, std::string_view key,
                                             std::vector<Diagnostic>& problems) {
  std::string_view text;
  if (value.get_string().get(text)) {
    problem(problems, codes::options_invalid, "the option " + quoted(key) + " must be a string");
    return std::nullopt;
  }
  return text;
}

std::string declared(const std::vector<std::string>& languages) {
  std::string list;
  for (const std::string& language : languages) list += (list.empty() ? "" : ", ") + language;
  return list;
}

}  // namespace

bool read_load_options(const char* json, std::vector<Diagnostic>& problems) {
  if (json == nullptr || *json == '\0') return true;
  const auto object = options_object(json, problems);
  if (!object) return false;
  bool ok = true;
  for (const auto field : *object) {
    problem(problems, codes::options_unknown_key,
            "unknown option " + quoted(field.key) + ": loading a rule set takes no options");
    ok = false;
  }
  return ok;
}

bool read_screen_options(const char* json, const RuleSet& ruleset, BatchOptions& options,
                         std::vector<Diagnostic>& problems) {
  if (json == nullptr || *json == '\0') return true;
  const auto object = options_object(json, problems);
  if (!object) return false;
  const std::size_t before = problems.size();
  bool seen_date = false, seen_lang = false, seen_name = false, seen_explain = false;
  for (const auto field : *object) {
    const std::string_view key = field.key;
    if (key == "date") {
      if (!first_time(seen_date, key, problems)) continue;
      const auto text = string_value(field.value, key, problems);
      if (!text) continue;
      options.screen.date = *text == "today" ? std::optional<Date>(Date::today_utc()) : Date::parse_iso(*text);
      if (!options.screen.date)
        problem(problems, codes::options_invalid,
                "the option 'date' must be a date YYYY-MM-DD or \"today\", not " + quoted(*text));
    } else if (key == "lang") {
      if (!first_time(seen_lang, key, problems)) continue;
      const auto text = string_value(field.value, key, problems);
      if (!text) continue;
      const auto& languages = ruleset.languages();
      if (std::find(languages.begin(), languages.end(), *text) == languages.end())
        problem(problems, codes::options_invalid,
                "the option 'lang' " + quoted(*text) + " is not a language of " + printable_text(ruleset.id()) + " (" +
                    declared(languages) + ")");
      else
        options.screen.language = std::string(*text);
    } else if (key == "name") {
      if (!first_time(seen_name, key, problems)) continue;
      if (const auto text = string_value(field.value, key, problems)) options.name = std::string(*text);
    } else if (key == "explain") {
      if (!first_time(seen_explain, key, problems)) continue;
      bool explain = false;
      if (field.value.get_bool().get(explain))
        problem(problems, codes::options_invalid, "the option 'explain' must be true or false");
      else
        options.explain = explain;
    } else {
      problem(problems, codes::options_unknown_key,
              "unknown option " + quoted(key) + " (options: date, lang, name, explain)");
    }
  }
  return problems.size() == before;
}

}  // namespace contrascreen::capi
