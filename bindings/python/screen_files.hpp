// RuleSet.screen_file and RuleSet.screen_jsonl: files and JSON Lines text read, parsed and
// screened by the library's batch engine (screen_input, screen_batch) with the GIL
// released, into a Results sequence.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "contrascreen/ruleset.hpp"

namespace contrascreen::python {

namespace py = pybind11;

/// Screens the intake file at `path` (str, bytes or os.PathLike; the format follows the
/// extension as on the command line) on `jobs` threads (0: one per core). Raises ValueError
/// for a path holding NUL, IntakeError for a file that is missing, unreadable, read only
/// part way, of an unknown format, or holds no intake.
py::object screen_file(const RuleSet& ruleset, const py::object& path, const py::object& date,
                       const std::optional<std::string>& lang, int jobs);

/// Screens JSON Lines text (bytes or str) as screen_file screens a .jsonl file.
py::object screen_jsonl(const RuleSet& ruleset, const py::object& data, const py::object& date,
                        const std::optional<std::string>& lang, int jobs);

}  // namespace contrascreen::python
