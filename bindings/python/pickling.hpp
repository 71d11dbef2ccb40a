// Pickling: the state RuleSet, Decision, ScreenError and Results are pickled as, and the
// objects rebuilt from it, so that they travel between processes (multiprocessing, Dask
// workers) whose machines need not hold the rule-set files. Strings travel as bytes, as the
// library holds them. A state starts with a format number; another is a ValueError.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "contrascreen/ruleset.hpp"
#include "results.hpp"

namespace contrascreen::python {

/// A rule set as the texts of its files and catalogue with its sha256 (ruleset_sources.hpp);
/// rebuilt with load_ruleset_sources, which checks the sha256: RuleSetError
/// (ruleset.digest_mismatch) when the texts are not that policy.
py::tuple ruleset_state(const RuleSet& ruleset);
RuleSet ruleset_from_state(const py::tuple& state);

/// A decision by value: every field of the complete Decision, and its index.
py::tuple decision_state(const DecisionObject& decision);
DecisionObject decision_from_state(const py::tuple& state);

/// An error record: the id, every diagnostic with its question, and the index.
py::tuple screen_error_state(const ScreenErrorObject& error);
ScreenErrorObject screen_error_from_state(const py::tuple& state);

/// Results as their rule set (pickled as above), the messages' language, the first index,
/// the diagnostics' questions and BatchResults::encode()'s bytes: compact, no Python
/// object per record.
py::tuple results_state(const ResultsData& results);
std::shared_ptr<const ResultsData> results_from_state(const py::tuple& state);

}  // namespace contrascreen::python
