#include "options.hpp"

#include <iostream>
#include <sstream>
#include <vector>

#include "util/printable.hpp"
#include "util/text.hpp"

namespace contrascreen::cli {
namespace {

std::string help_text(const CommandSpec& spec) {
  std::ostringstream s;
  s << "usage: contrascreen " << spec.synopsis << "\n\n" << spec.summary << "\n\n" << spec.options << "\n";
  if (!spec.example.empty()) s << "Example:\n" << spec.example << "\n";
  return s.str();
}

}  // namespace

int usage_error(const CommandSpec& spec, const std::string& message, Io& io) {
  // The message quotes what was typed (an option, a --date): printed printable.
  io.err << "contrascreen " << spec.name << ": " << util::printable(message) << "\n"
         << "Try 'contrascreen " << spec.name << " --help'.\n";
  return exit_usage;
}

std::optional<po::variables_map> parse_command(const CommandSpec& spec, const Args& args, Io& io, int& status) {
  po::options_description all(spec.options);
  all.add(spec.hidden);
  all.add_options()("help,h", "show this help and an example");
  po::variables_map vars;
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(spec.positional)
                  .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                  .run(),
              vars);
    if (vars.count("help") != 0U) {
      io.out << help_text(spec);
      status = exit_allow;
      return std::nullopt;
    }
    po::notify(vars);
  } catch (const po::unknown_option& e) {
    // Suggest the closest real option: "--rulez" -> "did you mean '--rules'?".
    std::vector<std::string> names;
    for (const auto& option : spec.options.options()) names.push_back("--" + option->long_name());
    names.emplace_back("--help");
    const auto suggestion = util::closest_match(e.get_option_name(), names);
    std::string message = e.what();
    if (suggestion) message += " (did you mean '" + *suggestion + "'?)";
    status = usage_error(spec, message, io);
    return std::nullopt;
  } catch (const po::error& e) {
    status = usage_error(spec, e.what(), io);
    return std::nullopt;
  }
  return vars;
}

std::optional<Date> parse_date_option(const std::string& text) {
  if (text == "today") return Date::today_utc();
  return Date::parse_iso(text);
}

}  // namespace contrascreen::cli
