// contrascreen log verify FILE: checks a decision log's hash chain (the library's
// verify_log) and reports the first line edited, removed or moved, or a cut tail.
#include <string>

#include "command.hpp"
#include "contrascreen/decision_log.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "options.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec log_spec() {
  CommandSpec spec;
  spec.name = "log";
  spec.synopsis = "log verify LOG...";
  spec.summary =
      "Checks decision logs written by 'screen --log': every line against its own hash and its place in the\n"
      "chain that starts at the header line. Prints, for each log, that it is intact with its number of decisions\n"
      "and the hash of its last line (record it elsewhere: a log rewritten from some line on ends in another hash),\n"
      "or reports the first line edited, removed or moved, or an incomplete last line. Exit status: 0 every log is\n"
      "intact, 65 one is not, 66 a log does not exist, 64 usage error.";
  spec.example = "  contrascreen log verify decisions.log";
  spec.hidden.add_options()("action", po::value<std::string>(), "verify")("file", po::value<std::vector<std::string>>(),
                                                                          "log files");
  spec.positional.add("action", 1).add("file", -1);
  return spec;
}

}  // namespace

int run_log(const Args& args, Io& io) {
  const CommandSpec spec = log_spec();
  int status = 0;
  auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  if (vars->count("action") == 0U) return usage_error(spec, "no action given (verify)", io);
  const std::string action = (*vars)["action"].as<std::string>();
  if (action != "verify") return usage_error(spec, "unknown action '" + action + "' (verify)", io);
  if (vars->count("file") == 0U) return usage_error(spec, "no LOG given", io);
  bool broken = false, missing = false;
  for (const std::string& name : (*vars)["file"].as<std::vector<std::string>>()) {
    const LogVerification result = verify_log(name);
    if (result.intact) {
      io.out << util::printable(name) << ": intact: " << result.entries
             << (result.entries == 1 ? " decision" : " decisions") << ", head " << result.head << "\n";
      continue;
    }
    io.err << format_diagnostics(result.problems);
    for (const Diagnostic& d : result.problems) (d.code == codes::io_not_found ? missing : broken) = true;
    if (!result.problems.empty() && result.problems.front().code != codes::io_not_found &&
        result.problems.front().code != codes::io_read)
      io.out << util::printable(name) << ": NOT intact from line " << result.problems.front().where.line << ": "
             << result.entries << " decisions intact before it\n";
  }
  return missing ? exit_no_input : broken ? exit_data : exit_allow;
}

}  // namespace contrascreen::cli
