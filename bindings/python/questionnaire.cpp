// RuleSet.questionnaire: the rule set's form as a FHIR R4 Questionnaire
// (contrascreen/fhir_questionnaire.hpp), byte for byte what `contrascreen questionnaire` writes.
#include "questionnaire.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "contrascreen/fhir_questionnaire.hpp"
#include "contrascreen/form.hpp"

namespace contrascreen::python {
namespace {

std::string questionnaire(const RuleSet& rules, const std::string& format, const std::optional<std::string>& lang,
                          const std::optional<std::string>& base_url) {
  if (format != "fhir") throw py::value_error("unknown format '" + format + "': use 'fhir'");
  QuestionnaireOptions options;
  options.language = lang;
  if (base_url) {
    if (const std::string problem = questionnaire_base_url_problem(*base_url); !problem.empty())
      throw py::value_error("base_url '" + *base_url + "': " + problem);
    options.base_url = *base_url;
  }
  if (lang && form_language(rules, *lang).substituted) {
    const std::string warning = "the catalogue has no '" + *lang + "' wording; the Questionnaire uses '" +
                                form_language(rules, *lang).fallback + "'";
    if (PyErr_WarnEx(PyExc_UserWarning, warning.c_str(), 1) != 0) throw py::error_already_set();
  }
  return to_fhir_questionnaire(rules, options);
}

}  // namespace

void bind_questionnaire(py::module_& m) {
  py::object ruleset = m.attr("RuleSet");
  ruleset.attr("questionnaire") = py::cpp_function(
      &questionnaire, py::name("questionnaire"), py::is_method(ruleset),
      py::sibling(py::getattr(ruleset, "questionnaire", py::none())), py::arg("format") = "fhir",
      py::arg("lang") = py::none(), py::arg("base_url") = py::none(),
      "The rule set's intake form as a FHIR R4 Questionnaire, JSON text (json.loads gives the\n"
      "resource): `lang` the language of prompts and labels (default: the rule set's; the others\n"
      "become translation extensions), `base_url` the base of its canonical URLs (default\n"
      "'urn:contrascreen'). The same document as `contrascreen questionnaire --format fhir`.\n"
      "Raises ValueError for an unknown format or a base_url that is no absolute URI or ends in '/'.");
}

}  // namespace contrascreen::python
