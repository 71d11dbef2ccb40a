#include "audit.hpp"

#include <pybind11/stl.h>

#include <sstream>
#include <string>
#include <vector>

#include "contrascreen/decision_diff.hpp"
#include "contrascreen/decision_log.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "convert.hpp"

namespace contrascreen::python {
namespace {

using namespace pybind11::literals;

// Compares `before` and `after` over the file at `path`, or over the JSON Lines `data` when
// path is None. Returns (changes as JSON records, the summary as JSON, the problems of the
// unreadable records); raises RuleSetError for rule sets on different catalogues and
// IntakeError for an input that cannot be compared as a whole, as screen_file does.
py::tuple diff(const RuleSet& before, const RuleSet& after, const py::object& path, const py::object& data,
               const py::object& date, unsigned jobs) {
  DiffOptions options;
  options.screen.date = date_argument(date);
  options.jobs = jobs;
  std::string name = "-";
  std::istringstream in;
  if (!path.is_none()) {
    name = path_argument(path);
  } else {
    in.str(data.cast<std::string>());  // bytes, or str as UTF-8
  }
  std::vector<std::string> changes;
  DiffSummary summary;
  {
    py::gil_scoped_release release;
    diff_input(
        before, after, name, in, [&](const DecisionChange& c) { return changes.push_back(to_json(c)), true; }, summary,
        options);
  }
  if (!summary.fatal.empty()) {
    const bool policy = summary.fatal.front().code == codes::diff_catalogue_mismatch;
    raise_with_diagnostics(policy ? rule_set_error_class() : intake_error_class(), format_diagnostics(summary.fatal),
                           wrap(summary.fatal));
  }
  return py::make_tuple(changes, to_json(summary), wrap(summary.intake_errors));
}

// (intact, entries, head, problems) of the log at `path`.
py::tuple verify(const py::object& path) {
  const std::string name = path_argument(path);
  LogVerification result;
  {
    py::gil_scoped_release release;
    result = verify_log(name);
  }
  return py::make_tuple(result.intact, result.entries, result.head, wrap(result.problems));
}

}  // namespace

void bind_audit(py::module_& m) {
  m.def("_diff", &diff, "before"_a, "after"_a, "path"_a, "data"_a, "date"_a = py::none(), "jobs"_a = 1,
        "The comparison behind contrascreen.diff: (change records as JSON, summary as JSON, diagnostics).");
  m.def("_verify_log", &verify, "path"_a,
        "The check behind contrascreen.verify_log: (intact, entries, head, problems).");
}

}  // namespace contrascreen::python
