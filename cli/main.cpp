// contrascreen: screens intakes against clinic policies (see README.md).
#include <unistd.h>

#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "command.hpp"
#include "contrascreen/version.hpp"

namespace {

using namespace contrascreen::cli;

constexpr const char* usage = R"(usage: contrascreen <command> [options]

Commands:
  screen         screen intakes against a rule set            (exit: 0 allow, 1 refer, 2 refuse)
  check          validate rule sets: every error and warning  (exit: 0 valid, 65 invalid)
  test           run the rule sets' own test cases
  questions      list the questions a rule set needs, for building a form
  questionnaire  write a rule set's form as a FHIR R4 Questionnaire
  eval           evaluate one expression, for policy authors
  rules          compare rule sets: each rule's decision, one column per rule set
  sheet          write the policy sheet a clinician signs: every rule in plain words (HTML, Markdown)
  serve          serve screening over HTTP (docs/service.md)
  diff           what a policy change changes: intakes decided differently, with a summary
  log            verify a decision log written by 'screen --log'

Options:
  --version      print the version and the versions of the libraries it was built with
  --help         show this help; 'contrascreen <command> --help' shows a command's options

Exit status: 0/1/2 the most severe decision, 64 usage error, 65 invalid rule set or intake
(or an input without intakes), 66 a named file does not exist, 69 serve cannot listen, 74 the
output could not be written.
)";

struct Command {
  const char* name;
  int (*run)(const Args&, Io&);
};
constexpr Command commands[] = {{"screen", run_screen},       {"check", run_check}, {"test", run_test},
                                {"questions", run_questions}, {"eval", run_eval},   {"rules", run_rules},
                                {"sheet", run_sheet},         {"serve", run_serve}, {"diff", run_diff},
                                {"log", run_log},             {"questionnaire", run_questionnaire}};

// Whatever a command concluded, output that did not reach its destination (a full disk, a
// closed pipe with SIGPIPE ignored) is a failure of its own, never a status that claims the
// work was done. A command that already reported its io.write (screen names the input it
// stopped in) is not reported twice.
int flushed(int status, const char* command) {
  if (std::cout.flush() || status == exit_output) return status;
  std::cerr << "contrascreen" << (command[0] != '\0' ? " " : "") << command
            << ": error[io.write]: the output could not be written\n";
  return exit_output;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  Io io{std::cin, std::cout, std::cerr, isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1};
  if (argc < 2) {
    std::cerr << usage;
    return exit_usage;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    std::cout << usage;
    return flushed(exit_allow, "");
  }
  if (first == "--version") {
    std::cout << "contrascreen " << contrascreen::version() << "\n" << contrascreen::build_info();
    return flushed(exit_allow, "");
  }
  for (const Command& command : commands) {
    if (first != command.name) continue;
    try {
      return flushed(command.run(Args(argv + 2, argv + argc), io), command.name);
    } catch (const std::exception& e) {
      std::cerr << "contrascreen " << first << ": internal error: " << e.what() << "\n";
      return exit_internal;
    }
  }
  std::cerr << "contrascreen: unknown command '" << first << "'\n\n" << usage;
  return exit_usage;
}
