// RuleSet.sheet(format="html", base=None, lang=None, *, date=None): the policy sheet.
#pragma once

#include <pybind11/pybind11.h>

namespace contrascreen::python {

namespace py = pybind11;

/// Adds RuleSet.sheet to the RuleSet class already bound in `m`.
void bind_sheet(py::module_& m);

}  // namespace contrascreen::python
