// contrascreen.diff and contrascreen.verify_log: reviewing a policy change and checking a
// decision log, both done by the library (decision_diff.hpp, decision_log.hpp) with the GIL
// released; contrascreen/_audit.py wraps what they return.
#pragma once

#include <pybind11/pybind11.h>

namespace contrascreen::python {

/// Adds _diff and _verify_log to the module.
void bind_audit(pybind11::module_& m);

}  // namespace contrascreen::python
