// `contrascreen questionnaire --rules RULESET --format fhir [--lang L] [--base-url U] [-o FILE]`:
// the rule set's intake form as a FHIR R4 Questionnaire (contrascreen/fhir_questionnaire.hpp,
// written by the library; this file only reads the options and writes the document).
// Exit 0, 64 usage error (a bad --format or --base-url included), 65 the rule set does not
// load, 66 it does not exist, 74 the document could not be written.
#include <optional>
#include <ostream>
#include <string>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/fhir_questionnaire.hpp"
#include "contrascreen/form.hpp"
#include "options.hpp"
#include "output_file.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec questionnaire_spec() {
  CommandSpec spec;
  spec.name = "questionnaire";
  spec.synopsis = "questionnaire --rules RULESET --format fhir [--lang L] [--base-url U] [-o FILE]";
  spec.summary =
      "Writes the rule set's intake form as a FHIR R4 Questionnaire (JSON): the questions its rules\n"
      "read in form order, follow-ups under their question with enableWhen, the other languages as\n"
      "translations, and the rule set's sha256. A response to it screens as an intake (docs/fhir.md).";
  spec.example =
      "  contrascreen questionnaire --rules rules/clinics/clinic-nl/microneedling.yaml --format fhir\n"
      "  contrascreen questionnaire --rules policy.yaml --format fhir --lang en \\\n"
      "      --base-url https://forms.example.org/fhir -o questionnaire.json\n";
  spec.options.add_options()                                                                 //
      ("rules", po::value<std::string>()->value_name("RULESET"), "the rule set (required)")  //
      ("format", po::value<std::string>()->value_name("fhir"), "document format (required): fhir")  //
      ("lang", po::value<std::string>()->value_name("L"),
       "language of prompts and labels (default: the rule set's default language; a language the "
       "catalogue lacks falls back to its first); the others become translation extensions")  //
      ("base-url", po::value<std::string>()->value_name("U")->default_value(std::string(fhir_default_base_url)),
       "base of the canonical URLs: U/Questionnaire/ID and the code systems U/CodeSystem/...; an "
       "absolute URI without a trailing '/'")  //
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the Questionnaire to FILE (default: standard output)");
  return spec;
}

}  // namespace

int run_questionnaire(const Args& args, Io& io) {
  const CommandSpec spec = questionnaire_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  if (vars->count("rules") == 0) return usage_error(spec, "--rules RULESET is required", io);
  // Required rather than defaulted, so that another format can be added without changing
  // what a command line that names none writes.
  if (vars->count("format") == 0) return usage_error(spec, "--format fhir is required", io);
  const std::string format = (*vars)["format"].as<std::string>();
  if (format != "fhir") return usage_error(spec, "unknown --format '" + util::printable(format) + "': use fhir", io);
  QuestionnaireOptions options;
  options.base_url = (*vars)["base-url"].as<std::string>();
  if (const std::string problem = questionnaire_base_url_problem(options.base_url); !problem.empty())
    return usage_error(spec, "--base-url '" + util::printable(options.base_url) + "': " + problem, io);

  const auto rules = load_rules_option((*vars)["rules"].as<std::string>(), spec.name, io, status);
  if (!rules) return status;
  options.language = form_language_option(*vars, *rules, spec.name, io);
  return write_document(spec.name, *vars, to_fhir_questionnaire(*rules, options), io);
}

}  // namespace contrascreen::cli
