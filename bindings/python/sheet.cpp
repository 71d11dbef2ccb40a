// RuleSet.sheet: the policy sheet (contrascreen/sheet.hpp) as a str. The document is the
// library's, byte for byte what `contrascreen sheet` writes with the same options.
#include "sheet.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "contrascreen/form.hpp"
#include "contrascreen/sheet.hpp"
#include "convert.hpp"

namespace contrascreen::python {
namespace {

std::string sheet(const RuleSet& rules, const std::string& format, const std::optional<RuleSet>& base,
                  const std::optional<std::string>& lang, const py::object& date) {
  SheetOptions options;
  const auto chosen = sheet_format(format);
  if (!chosen) throw py::value_error("unknown format '" + format + "': use 'html' or 'markdown'");
  options.format = *chosen;
  options.base = base ? &*base : nullptr;
  options.language = lang;
  options.generated = date_argument(date).value_or(Date::today_utc());
  if (lang && form_language(rules, *lang).substituted) {
    const std::string warning =
        "the catalogue has no '" + *lang + "' wording; the sheet uses '" + form_language(rules, *lang).fallback + "'";
    if (PyErr_WarnEx(PyExc_UserWarning, warning.c_str(), 1) != 0) throw py::error_already_set();
  }
  py::gil_scoped_release release;  // runs the rule set's tests
  return write_sheet(rules, options);
}

}  // namespace

void bind_sheet(py::module_& m) {
  py::object ruleset = m.attr("RuleSet");
  ruleset.attr("sheet") = py::cpp_function(
      &sheet, py::name("sheet"), py::is_method(ruleset), py::sibling(py::getattr(ruleset, "sheet", py::none())),
      py::arg("format") = "html", py::arg("base") = py::none(), py::arg("lang") = py::none(), py::kw_only(),
      py::arg("date") = py::none(),
      "The policy sheet a clinician signs, as one document: 'html' (self-contained, prints on A4) or\n"
      "'markdown'. `base`: the rule set to compare with (inherited, overridden, new, disabled rules);\n"
      "`lang`: the language of prompts and labels (default: the rule set's); `date`: the date it\n"
      "says it was generated on (default: today, UTC). The same document as `contrascreen sheet`.");
}

}  // namespace contrascreen::python
