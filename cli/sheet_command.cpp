// `contrascreen sheet --rules RULESET [--base BASE] [--lang L] [--format html|markdown]
// [--date D] [-o FILE]`: the policy sheet a clinician signs (contrascreen/sheet.hpp, written by
// the library; this file only reads the options and writes the document).
// Exit 0, 64 usage error, 65 a rule set does not load, 66 a named file does not exist,
// 74 the document could not be written.
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/form.hpp"
#include "contrascreen/sheet.hpp"
#include "options.hpp"
#include "output_file.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec sheet_spec() {
  CommandSpec spec;
  spec.name = "sheet";
  spec.synopsis = "sheet --rules RULESET [--base BASE] [--lang L] [--format html|markdown] [--date D] [-o FILE]";
  spec.summary =
      "Writes the policy sheet a clinician reviews and signs: every rule's condition and end date in\n"
      "plain words, its messages, source sentence and tests, and with --base whether it is inherited,\n"
      "overridden, new or disabled; then the questions of the form, the value sets and test coverage.";
  spec.example =
      "  contrascreen sheet --rules rules/clinics/clinic-nl/microneedling.yaml \\\n"
      "      --base rules/common/microneedling.yaml -o clinic-nl.html\n"
      "  contrascreen sheet --rules policy.yaml --format markdown --date 2026-11-21 > sheet.md\n";
  spec.options.add_options()                                                                  //
      ("rules", po::value<std::string>()->value_name("RULESET"), "the rule set (required)")   //
      ("base", po::value<std::string>()->value_name("BASE"), "the rule set to compare with")  //
      ("lang", po::value<std::string>()->value_name("L"),
       "language of the sheet, its prompts and labels (default: the rule set's default language)")                 //
      ("format", po::value<std::string>()->value_name("html|markdown")->default_value("html"), "document format")  //
      ("date", po::value<std::string>()->value_name("D"),
       "the date the sheet says it was generated on, YYYY-MM-DD (default: SOURCE_DATE_EPOCH if set, else today)")  //
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the document to FILE (default: standard output)");
  return spec;
}

// SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970-01-01 UTC.
std::optional<Date> source_date_epoch(const char* text) {
  std::int64_t seconds = 0;
  const char* end = text + std::char_traits<char>::length(text);
  const auto result = std::from_chars(text, end, seconds);
  if (result.ec != std::errc() || result.ptr != end || seconds < 0) return std::nullopt;
  return Date::from_days_checked(seconds / 86400);
}

}  // namespace

int run_sheet(const Args& args, Io& io) {
  const CommandSpec spec = sheet_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  if (vars->count("rules") == 0) return usage_error(spec, "--rules RULESET is required", io);
  const auto format = sheet_format((*vars)["format"].as<std::string>());
  if (!format)
    return usage_error(
        spec, "unknown --format '" + util::printable((*vars)["format"].as<std::string>()) + "': use html or markdown",
        io);
  SheetOptions options;
  options.format = *format;
  if (vars->count("date") != 0) {
    const auto date = parse_date_option((*vars)["date"].as<std::string>());
    if (!date)
      return usage_error(
          spec, "--date must be YYYY-MM-DD or today, not '" + util::printable((*vars)["date"].as<std::string>()) + "'",
          io);
    options.generated = *date;
  } else if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    const auto date = source_date_epoch(epoch);
    if (!date)
      return usage_error(spec, "SOURCE_DATE_EPOCH must be a number of seconds, not '" + util::printable(epoch) + "'",
                         io);
    options.generated = *date;
  } else {
    options.generated = Date::today_utc();
  }

  const auto rules = load_rules_option((*vars)["rules"].as<std::string>(), spec.name, io, status);
  if (!rules) return status;
  std::optional<RuleSet> base;
  if (vars->count("base") != 0) {
    base = load_rules_option((*vars)["base"].as<std::string>(), spec.name, io, status);
    if (!base) return status;
    options.base = &*base;
  }
  options.language = form_language_option(*vars, *rules, spec.name, io);
  return write_document(spec.name, *vars, write_sheet(*rules, options), io);
}

}  // namespace contrascreen::cli
