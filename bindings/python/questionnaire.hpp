// RuleSet.questionnaire(format="fhir", lang=None, base_url=None): the form as a FHIR Questionnaire.
#pragma once

#include <pybind11/pybind11.h>

namespace contrascreen::python {

namespace py = pybind11;

/// Adds RuleSet.questionnaire to the RuleSet class already bound in `m`.
void bind_questionnaire(py::module_& m);

}  // namespace contrascreen::python
