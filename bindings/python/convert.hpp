// Converting Python values to the library's types: intake dicts to Intakes, dates both
// ways, diagnostics to the package's exceptions. No policy logic here: every answer is
// checked against the catalogue's question types and worded by the library.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen::python {

namespace py = pybind11;

/// A diagnostic as Python sees it: the library's, plus the question it is about when a
/// dict answer caused it ("" otherwise).
struct PyDiagnostic {
  Diagnostic diagnostic;
  std::string question;
};

/// Converts intake mappings to Intakes for one catalogue. Batches repeat one key order, so
/// the question found for the key object at each answer position is cached, holding a
/// reference to the key so that a hit by identity stays valid. Needs the GIL throughout.
class IntakeConverter {
 public:
  explicit IntakeConverter(std::shared_ptr<const Catalogue> catalogue);
  ~IntakeConverter();
  IntakeConverter(const IntakeConverter&) = delete;
  IntakeConverter& operator=(const IntakeConverter&) = delete;

  /// Fills `out` (cleared first) from an intake mapping {"id", "date", "answers"}; other
  /// keys are ignored. Returns false after appending every problem to `problems`: a str
  /// that UTF-8 cannot encode (a lone surrogate) is such a problem, naming its question
  /// (intake.unknown_question for a key, intake.wrong_type for an answer or list item,
  /// intake.invalid_id, intake.invalid_date). Other Python errors propagate as error_already_set.
  bool intake(PyObject* object, Intake& out, std::vector<PyDiagnostic>& problems);
  /// Adds the answers of `mapping` (None: no answers) to `out`; false after problems.
  bool answers(PyObject* mapping, Intake& out, std::vector<PyDiagnostic>& problems);
  /// Reports every top-level key of an intake mapping other than id, date and answers;
  /// `known` is how many of those three it holds.
  void unknown_keys(PyObject* object, Py_ssize_t known, std::vector<PyDiagnostic>& problems);

 private:
  void answer(const Question& q, PyObject* value, Intake& out, std::vector<PyDiagnostic>& problems);
  const Question* question(PyObject* key, std::size_t position, std::vector<PyDiagnostic>& problems);

  struct CachedKey {
    PyObject* key = nullptr;  // owned reference
    const Question* question = nullptr;
  };
  std::shared_ptr<const Catalogue> catalogue_;
  std::vector<CachedKey> keys_;
};

/// check_answers (answer_checks.hpp) on the screening date of `intake` under `options`, as
/// every front end runs it between reading and screening: false after appending each
/// impossible answer to `problems`, naming its question.
bool check_possible(const Intake& intake, const ScreenOptions& options, std::vector<PyDiagnostic>& problems);

/// True for a dict or any collections.abc.Mapping.
bool is_mapping(PyObject* object);
/// What a value is, in the words of the library's messages: "a boolean", "a number",
/// "a string", "a list", "a mapping", "a date", else "a <type name>".
std::string found_name(PyObject* value);

/// A date from a datetime.date (a datetime counts by its date) or a YYYY-MM-DD string;
/// None gives nullopt. Raises TypeError or ValueError (for the `date=` arguments).
std::optional<Date> date_argument(const py::object& value);
/// A datetime.date.
py::object to_python(Date date);
py::object to_python(const std::optional<Date>& date);
py::object to_python(const std::optional<std::string>& text);
/// A str of library text that may carry bytes from an input (a file name, a quoted line):
/// UTF-8 decoded with errors="replace", so that bytes that are not UTF-8 become U+FFFD as
/// in the JSON output, never a UnicodeDecodeError.
py::str text_to_python(std::string_view text);
/// A path argument (str, bytes or os.PathLike) as the bytes the system is given:
/// os.fsencode's. Raises ValueError for a path holding a NUL byte (as open() does), rather
/// than let the system read the path cut short at the NUL; UnicodeEncodeError as
/// os.fsencode does for a str it cannot encode.
std::string path_argument(const py::object& path);

/// Creates the Python objects this file keeps (interned keys, imported classes) while the
/// module initialises: a first use from two threads at once could otherwise deadlock, the
/// import inside a static initialiser releasing the GIL. Called from the module init.
void prepare_conversions();

/// The exception classes of contrascreen._errors, imported once.
py::object rule_set_error_class();
py::object intake_error_class();
/// Raises `error_class`(message, diagnostics, **extra) as the current Python exception.
[[noreturn]] void raise_with_diagnostics(const py::object& error_class, const std::string& message,
                                         const std::vector<PyDiagnostic>& diagnostics, const py::dict& extra = {});
/// `diagnostics` as PyDiagnostics without questions.
std::vector<PyDiagnostic> wrap(const std::vector<Diagnostic>& diagnostics);

}  // namespace contrascreen::python
