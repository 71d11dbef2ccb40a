// The subcommands of the contrascreen CLI and what they share. The CLI is thin: it parses
// options, calls the library, renders, and maps outcomes to exit codes.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace contrascreen::cli {

/// Exit codes (docs/interfaces.md): the most severe decision, or sysexits-style failures.
enum ExitCode : int {
  exit_allow = 0,
  exit_refer = 1,
  exit_refuse = 2,
  exit_usage = 64,     // EX_USAGE: bad command line
  exit_data = 65,      // EX_DATAERR: invalid rule set or intake
  exit_no_input = 66,  // EX_NOINPUT: a named file does not exist
  exit_unavailable = 69,  // EX_UNAVAILABLE: serve cannot listen on its address
  exit_internal = 70,  // EX_SOFTWARE: a bug
  exit_output = 74,    // EX_IOERR: the output could not be written
};

/// The process's streams, so that commands can be tested without a process.
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
};

using Args = std::vector<std::string>;  // the arguments after the subcommand name

int run_screen(const Args& args, Io& io);
int run_check(const Args& args, Io& io);
int run_test(const Args& args, Io& io);
int run_questions(const Args& args, Io& io);
int run_eval(const Args& args, Io& io);
int run_rules(const Args& args, Io& io);
int run_sheet(const Args& args, Io& io);
int run_questionnaire(const Args& args, Io& io);
int run_serve(const Args& args, Io& io);
int run_diff(const Args& args, Io& io);
int run_log(const Args& args, Io& io);

}  // namespace contrascreen::cli
