// Parsing a subcommand's options with Boost.Program_options, with uniform errors and help.
#pragma once

#include <optional>
#include <string>

#include <boost/program_options.hpp>

#include "command.hpp"
#include "contrascreen/date.hpp"

namespace contrascreen::cli {

namespace po = boost::program_options;

/// A subcommand's interface: its options, positional arguments and help text.
struct CommandSpec {
  std::string name;      ///< e.g. "screen"
  std::string synopsis;  ///< e.g. "screen --rules RULESET [options] INTAKE..."
  std::string summary;   ///< one line
  std::string example;   ///< shown by --help: commands with their effect
  po::options_description options{"Options"};
  po::options_description hidden;  ///< parsed but not listed by --help: the positional arguments
  po::positional_options_description positional;
};

/// Parses `args` against `spec` (adding --help). Returns the variables, or nullopt after
/// printing the help (exit code 0 in `status`) or a usage error (64, with a pointer to
/// --help and a suggestion for a misspelt option).
std::optional<po::variables_map> parse_command(const CommandSpec& spec, const Args& args, Io& io, int& status);

/// Prints "contrascreen <command>: <message>" to stderr and returns exit_usage.
int usage_error(const CommandSpec& spec, const std::string& message, Io& io);

/// Parses --date: YYYY-MM-DD, or "today".
std::optional<Date> parse_date_option(const std::string& text);

}  // namespace contrascreen::cli
