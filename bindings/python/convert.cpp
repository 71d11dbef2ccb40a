#include "contrascreen/diagnostic_codes.hpp"
#include "convert.hpp"

// datetime.h defines its C API pointer per translation unit: all date handling is here.
#include <datetime.h>

#include <cmath>
#include <limits>
#include <string_view>

#include "contrascreen/answer_acceptance.hpp"
#include "contrascreen/answer_checks.hpp"
#include "contrascreen/intake_diagnostics.hpp"

namespace contrascreen::python {
namespace {

// Python objects created once and kept for the life of the process (never released, so
// nothing runs at interpreter shutdown).
PyObject* interned(const char* text) {
  PyObject* s = PyUnicode_InternFromString(text);
  if (s == nullptr) throw py::error_already_set();
  return s;
}

// A reference kept for the life of the process.
PyObject* keep(py::object object) {
  return object.release().ptr();
}

PyObject* key_id() {
  static PyObject* const key = interned("id");
  return key;
}
PyObject* key_date() {
  static PyObject* const key = interned("date");
  return key;
}
PyObject* key_answers() {
  static PyObject* const key = interned("answers");
  return key;
}

void ensure_datetime() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

// The datetime C API is macros with C casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
bool is_date(PyObject* value) {
  ensure_datetime();
  return PyDate_Check(value) != 0;
}

Date date_of(PyObject* value) {  // a datetime.date, always in 1..9999
  return *Date::from_ymd(PyDateTime_GET_YEAR(value), PyDateTime_GET_MONTH(value), PyDateTime_GET_DAY(value));
}

PyObject* new_date(Date date) {
  ensure_datetime();
  return PyDate_FromDate(date.year(), date.month(), date.day());
}
#pragma GCC diagnostic pop

// The UTF-8 of a str (cached in the object by CPython), or nullopt when it holds a lone
// surrogate, which UTF-8 cannot encode (str.encode() and open() raise UnicodeEncodeError).
std::optional<std::string_view> utf8(PyObject* text) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text, &size);
  if (data != nullptr) return std::string_view{data, static_cast<std::size_t>(size)};
  if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) throw py::error_already_set();
  PyErr_Clear();
  return std::nullopt;
}

// A str for a message: its UTF-8, a character that UTF-8 cannot encode written \udXXX
// (Python's "backslashreplace").
std::string escaped(PyObject* text) {
  if (const auto encoded = utf8(text)) return std::string(*encoded);
  PyObject* bytes = PyUnicode_AsEncodedString(text, "utf-8", "backslashreplace");
  if (bytes == nullptr) throw py::error_already_set();
  std::string out(PyBytes_AS_STRING(bytes), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes)));
  Py_DECREF(bytes);
  return out;
}

// What a str with a lone surrogate is, as an answer: no text, so no question takes it.
constexpr std::string_view unencodable_text = "a string that UTF-8 cannot encode (a lone surrogate)";

// An int as a double; one too large for a double is infinity, which is out of range.
double long_as_double(PyObject* value) {
  const double number = PyLong_AsDouble(value);
  if (number == -1.0 && PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) throw py::error_already_set();
    PyErr_Clear();
    return std::numeric_limits<double>::infinity();  // not finite either way, whatever its sign
  }
  return number;
}

// An owned reference from the C API, released at scope exit.
py::object steal(PyObject* object) {
  if (object == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(object);
}

// mapping.get(key), borrowed for a dict and owned otherwise; null when absent.
py::object get_item(PyObject* mapping, PyObject* key) {
  if (PyDict_Check(mapping)) {
    PyObject* value = PyDict_GetItemWithError(mapping, key);
    if (value == nullptr && PyErr_Occurred()) throw py::error_already_set();
    return py::reinterpret_borrow<py::object>(value);
  }
  PyObject* value = PyObject_GetItem(mapping, key);
  if (value == nullptr) {
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) throw py::error_already_set();
    PyErr_Clear();
  }
  return py::reinterpret_steal<py::object>(value);
}

void problem(std::vector<PyDiagnostic>& problems, std::string_view code, std::string message) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  problems.push_back({std::move(d), std::string()});
}

}  // namespace

bool check_possible(const Intake& intake, const ScreenOptions& options, std::vector<PyDiagnostic>& problems) {
  std::vector<ImpossibleAnswer> found;
  if (check_answers(intake, screening_date_of(intake, options), found)) return true;
  for (ImpossibleAnswer& p : found)
    problems.push_back({std::move(p.diagnostic), intake.catalogue().questions()[p.question].id});
  return false;
}

bool is_mapping(PyObject* object) {
  if (PyDict_Check(object)) return true;
  static PyObject* const mapping = [] { return keep(py::module_::import("collections.abc").attr("Mapping")); }();
  const int result = PyObject_IsInstance(object, mapping);
  if (result < 0) throw py::error_already_set();
  return result == 1;
}

std::string found_name(PyObject* value) {
  if (PyBool_Check(value)) return "a boolean";
  if (PyLong_Check(value) || PyFloat_Check(value)) return "a number";
  if (PyUnicode_Check(value)) return "a string";
  if (PyList_Check(value) || PyTuple_Check(value)) return "a list";
  if (is_date(value)) return "a date";
  if (is_mapping(value)) return "a mapping";
  return std::string("a ") + Py_TYPE(value)->tp_name;
}

IntakeConverter::IntakeConverter(std::shared_ptr<const Catalogue> catalogue)
    : catalogue_(std::move(catalogue)), keys_(64) {}

IntakeConverter::~IntakeConverter() {
  for (const CachedKey& k : keys_) Py_XDECREF(k.key);
}

const Question* IntakeConverter::question(PyObject* key, std::size_t position, std::vector<PyDiagnostic>& problems) {
  CachedKey* cached = position < keys_.size() ? &keys_[position] : nullptr;
  if (cached != nullptr && cached->key == key) return cached->question;
  if (!PyUnicode_Check(key)) {
    const std::string text = py::str(key);
    problems.push_back({unknown_question_diagnostic(*catalogue_, text), text});
    return nullptr;
  }
  const std::optional<std::string_view> encoded = utf8(key);
  if (!encoded) {  // no question id holds a surrogate: unknown, named with it escaped
    const std::string text = escaped(key);
    problems.push_back({unknown_question_diagnostic(*catalogue_, text), text});
    return nullptr;
  }
  const std::string_view id = *encoded;
  // An equal key of another object (json.loads makes new key strings for every line): the
  // cache keeps its object, so that dicts with literal keys keep hitting by identity.
  if (cached != nullptr && cached->question != nullptr && cached->question->id == id) return cached->question;
  const Question* q = catalogue_->find(id);
  if (q == nullptr) {
    problems.push_back({unknown_question_diagnostic(*catalogue_, id), std::string(id)});
  } else if (cached != nullptr) {
    Py_INCREF(key);
    Py_XDECREF(cached->key);
    *cached = {key, q};
  }
  return q;
}

namespace {

// What lex_answer makes of the objects less common in intakes: dates (a datetime counts by
// its date), other integers (numpy's), anything else. Out of line, to keep lex_answer small.
RawAnswer other_answer(PyObject* value, std::string* found) {
  if (is_date(value)) return RawAnswer::of_date(date_of(value));
  if (PyIndex_Check(value)) {
    py::object index = steal(PyNumber_Index(value));
    return RawAnswer::of_number(long_as_double(index.ptr()));
  }
  if (found != nullptr) *found = found_name(value);
  return RawAnswer::of_other(found != nullptr ? std::string_view(*found) : std::string_view());
}

// The lexical part: what a Python object is, as a RawAnswer; accept_answer decides whether it
// answers the question. Returns take(the RawAnswer), with `take` called once per kind, so that
// the inline decision's checks on the kind fold away (converting dicts is most of screen_many's
// time; always inline, for the same reason). `found`, when given, keeps the name of an
// unexpected type alive for a message.
template <typename Take>
[[gnu::always_inline]] inline auto lex_answer(PyObject* value, std::string* found, Take&& take) {
  // Type flags first: PyFloat_Check of anything but a float is a call (PyType_IsSubtype).
  if (value == Py_None) return take(RawAnswer::of_null());
  if (PyBool_Check(value)) return take(RawAnswer::of_bool(value == Py_True));  // before int: True is an int
  if (PyUnicode_Check(value)) {
    if (const auto text = utf8(value)) return take(RawAnswer::of_text(*text));
    return take(RawAnswer::of_other(unencodable_text));
  }
  if (PyLong_Check(value)) return take(RawAnswer::of_number(long_as_double(value)));
  if (PyList_Check(value) || PyTuple_Check(value)) return take(RawAnswer::of_list());
  if (PyFloat_Check(value)) return take(RawAnswer::of_number(PyFloat_AS_DOUBLE(value)));
  return take(other_answer(value, found));
}

// lex_answer's `take` for an answer: accepts it into `out`. Inlined at each of lex_answer's
// calls (GCC would otherwise keep one copy for all), so that each folds for its kind.
struct Accept {
  const Question& q;
  Intake& out;
  [[gnu::always_inline]] Refusal operator()(const RawAnswer& raw) const noexcept { return accept_answer(q, raw, out); }
};

// The diagnostic for a refused answer (or list item `item`), its object lexed again: refusals
// are rare, and the common path then keeps no names of types.
PyDiagnostic refusal(const Question& q, PyObject* value, Refusal refused, std::size_t item = 0) {
  std::string found;
  return lex_answer(value, &found, [&](const RawAnswer& raw) {
    return PyDiagnostic{refusal_diagnostic(q, raw, refused, item), q.id};
  });
}

}  // namespace

void IntakeConverter::answer(const Question& q, PyObject* value, Intake& out, std::vector<PyDiagnostic>& problems) {
  const Refusal refused = lex_answer(value, nullptr, Accept{q, out});
  if (refused != Refusal::none) return problems.push_back(refusal(q, value, refused));
  const bool list = PyList_Check(value);
  if (!list && !PyTuple_Check(value)) return;
  const Py_ssize_t size = list ? PyList_GET_SIZE(value) : PyTuple_GET_SIZE(value);
  for (Py_ssize_t i = 0; i < size; ++i) {
    PyObject* item = list ? PyList_GET_ITEM(value, i) : PyTuple_GET_ITEM(value, i);
    const Refusal refused_item =
        lex_answer(item, nullptr, [&](const RawAnswer& raw) { return accept_list_item(q, raw, out); });
    if (refused_item != Refusal::none)
      problems.push_back(refusal(q, item, refused_item, static_cast<std::size_t>(i) + 1));
  }
}

bool IntakeConverter::answers(PyObject* mapping, Intake& out, std::vector<PyDiagnostic>& problems) {
  const std::size_t before = problems.size();
  if (mapping == nullptr || mapping == Py_None) return true;
  if (PyDict_Check(mapping)) {
    Py_ssize_t cursor = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    std::size_t position = 0;
    while (PyDict_Next(mapping, &cursor, &key, &value)) {
      if (const Question* q = question(key, position++, problems)) answer(*q, value, out, problems);
    }
  } else if (is_mapping(mapping)) {
    py::object items = steal(PyMapping_Items(mapping));
    std::size_t position = 0;
    for (py::handle item : items) {
      PyObject* pair = item.ptr();
      if (const Question* q = question(PyTuple_GET_ITEM(pair, 0), position++, problems))
        answer(*q, PyTuple_GET_ITEM(pair, 1), out, problems);
    }
  } else {
    problem(problems, codes::intake_not_a_mapping, "'answers' must be a mapping, found " + found_name(mapping));
  }
  return problems.size() == before;
}

bool IntakeConverter::intake(PyObject* object, Intake& out, std::vector<PyDiagnostic>& problems) {
  out.clear();
  if (!is_mapping(object)) {
    problem(problems, codes::intake_not_a_mapping,
            "an intake must be a mapping with 'id', 'date' and 'answers', found " + found_name(object));
    return false;
  }
  const std::size_t before = problems.size();
  const py::object id = get_item(object, key_id());
  const py::object date = get_item(object, key_date());
  const py::object answers_object = get_item(object, key_answers());
  if (id && !id.is_none()) {
    const auto text = PyUnicode_Check(id.ptr()) ? utf8(id.ptr()) : std::nullopt;
    if (text)
      out.set_id(std::string(*text));
    else if (PyUnicode_Check(id.ptr()))
      problem(problems, codes::intake_invalid_id,
              "'id' must be a string, a number or None, found " + std::string(unencodable_text) + ": '" +
                  escaped(id.ptr()) + "'");
    else if ((PyLong_Check(id.ptr()) || PyFloat_Check(id.ptr())) && !PyBool_Check(id.ptr()))
      out.set_id(std::string(py::str(id)));
    else
      problem(problems, codes::intake_invalid_id, "'id' must be a string, a number or None, found " + found_name(id.ptr()));
  }
  if (date && !date.is_none()) {
    if (PyUnicode_Check(date.ptr())) {
      const auto text = utf8(date.ptr());
      if (const auto parsed = text ? Date::parse_iso(*text) : std::nullopt)
        out.set_date(*parsed);
      else
        problem(problems, codes::intake_invalid_date, "'date' must be a real calendar date written YYYY-MM-DD");
    } else if (is_date(date.ptr())) {
      out.set_date(date_of(date.ptr()));
    } else {
      problem(problems, codes::intake_invalid_date,
              "'date' must be a datetime.date or a date written YYYY-MM-DD, found " + found_name(date.ptr()));
    }
  }
  if (answers_object)
    answers(answers_object.ptr(), out, problems);
  else
    problems.push_back({missing_answers_diagnostic(), std::string()});
  const Py_ssize_t known = (id ? 1 : 0) + (date ? 1 : 0) + (answers_object ? 1 : 0);
  unknown_keys(object, known, problems);
  return problems.size() == before;
}

void IntakeConverter::unknown_keys(PyObject* object, Py_ssize_t known, std::vector<PyDiagnostic>& problems) {
  // Only when the mapping holds more than the keys it knows: the common case costs a size.
  const Py_ssize_t size = PyDict_Check(object) ? PyDict_Size(object) : PyMapping_Size(object);
  if (size < 0) throw py::error_already_set();
  if (size == known) return;
  const py::object keys = py::reinterpret_steal<py::object>(PyMapping_Keys(object));
  if (!keys) throw py::error_already_set();
  for (const py::handle key : keys) {
    if (PyUnicode_Check(key.ptr()) && (PyUnicode_Compare(key.ptr(), key_id()) == 0 ||
                                       PyUnicode_Compare(key.ptr(), key_date()) == 0 ||
                                       PyUnicode_Compare(key.ptr(), key_answers()) == 0))
      continue;
    const std::string name = PyUnicode_Check(key.ptr()) ? escaped(key.ptr()) : std::string(py::repr(key));
    problems.push_back({unknown_intake_key_diagnostic(name), std::string()});
  }
}

std::optional<Date> date_argument(const py::object& value) {
  if (value.is_none()) return std::nullopt;
  if (is_date(value.ptr())) return date_of(value.ptr());
  if (!PyUnicode_Check(value.ptr()))
    throw py::type_error("date must be a datetime.date or a YYYY-MM-DD string, not " + found_name(value.ptr()));
  const auto text = utf8(value.ptr());
  const auto date = text ? Date::parse_iso(*text) : std::nullopt;
  if (!date)
    throw py::value_error("date must be a real calendar date written YYYY-MM-DD, not '" + escaped(value.ptr()) + "'");
  return date;
}

py::object to_python(Date date) {
  return steal(new_date(date));
}

py::object to_python(const std::optional<Date>& date) {
  return date ? to_python(*date) : py::none();
}

py::object to_python(const std::optional<std::string>& text) {
  return text ? py::object(text_to_python(*text)) : py::object(py::none());
}

py::str text_to_python(std::string_view text) {
  PyObject* decoded = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

std::string path_argument(const py::object& path) {
  static PyObject* const fsencode = [] { return keep(py::module_::import("os").attr("fsencode")); }();
  const py::object encoded = steal(PyObject_CallOneArg(fsencode, path.ptr()));
  std::string bytes(PyBytes_AS_STRING(encoded.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(encoded.ptr())));
  if (bytes.find('\0') != std::string::npos)
    throw py::value_error("embedded null byte in path " + std::string(py::repr(path)));
  return bytes;
}

void prepare_conversions() {
  (void)key_id();
  (void)key_date();
  (void)key_answers();
  ensure_datetime();
  (void)is_mapping(Py_None);
  (void)path_argument(py::str("."));
  (void)rule_set_error_class();
  (void)intake_error_class();
}

py::object rule_set_error_class() {
  static PyObject* const cls = keep(py::module_::import("contrascreen._errors").attr("RuleSetError"));
  return py::reinterpret_borrow<py::object>(cls);
}

py::object intake_error_class() {
  static PyObject* const cls = keep(py::module_::import("contrascreen._errors").attr("IntakeError"));
  return py::reinterpret_borrow<py::object>(cls);
}

void raise_with_diagnostics(const py::object& error_class, const std::string& message,
                            const std::vector<PyDiagnostic>& diagnostics, const py::dict& extra) {
  py::list items;
  for (const PyDiagnostic& d : diagnostics) items.append(py::cast(d));
  py::object error = error_class(message, items, **extra);
  PyErr_SetObject(error_class.ptr(), error.ptr());
  throw py::error_already_set();
}

std::vector<PyDiagnostic> wrap(const std::vector<Diagnostic>& diagnostics) {
  std::vector<PyDiagnostic> out;
  out.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics) out.push_back({d, std::string()});
  return out;
}

}  // namespace contrascreen::python
