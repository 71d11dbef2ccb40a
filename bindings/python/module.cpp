// contrascreen._core: the compiled half of the Python package `contrascreen`. It converts
// Python values to the library's types and back and passes errors on as the package's
// exceptions; every decision is the library's. The public names are re-exported, with
// type stubs, by contrascreen/__init__.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <string>

#include "audit.hpp"
#include "contrascreen/contrascreen.hpp"
#include "convert.hpp"
#include "pickling.hpp"
#include "results.hpp"
#include "screen_files.hpp"
#include "questionnaire.hpp"
#include "sheet.hpp"

namespace contrascreen::python {
namespace {

// A path (str without a line break, bytes or os.PathLike) or YAML text (str with a line break).
struct RuleSource {
  bool is_text = false;
  std::string value;
};

RuleSource rule_source(const py::object& source) {
  if (PyUnicode_Check(source.ptr()) && PyUnicode_FindChar(source.ptr(), '\n', 0, PY_SSIZE_T_MAX, 1) >= 0) {
    // YAML text. A lone surrogate is passed on as the bytes "surrogatepass" makes of it, which
    // are not UTF-8: the reader then reports it as yaml.syntax at its line and column.
    const py::object bytes =
        py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(source.ptr(), "utf-8", "surrogatepass"));
    if (!bytes) throw py::error_already_set();
    return {true, std::string(PyBytes_AS_STRING(bytes.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.ptr())))};
  }
  return {false, path_argument(source)};
}

LoadResult load_source(const py::object& source, const std::optional<std::string>& name) {
  const RuleSource s = rule_source(source);
  py::gil_scoped_release release;  // loading reads files and compiles: other threads may run
  return s.is_text ? load_ruleset_string(s.value, name.value_or("<string>")) : load_ruleset_file(s.value);
}

RuleSet load(const py::object& source, const std::optional<std::string>& name) {
  LoadResult loaded = load_source(source, name);
  if (!loaded) {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : loaded.diagnostics)
      if (d.severity == Severity::error) errors.push_back(d);
    raise_with_diagnostics(rule_set_error_class(), format_diagnostics(errors), wrap(errors));
  }
  return std::move(*loaded.ruleset);
}

py::dict localized(const LocalizedText& text) {
  py::dict out;
  for (const auto& [language, value] : text.entries) out[py::str(language)] = value;
  return out;
}

py::object number(double value) {  // 29 rather than 29.0 where that is exact
  if (std::nearbyint(value) == value && std::fabs(value) < 9007199254740992.0)
    return py::int_(static_cast<long long>(value));
  return py::float_(value);
}

py::object answer_to_python(const AnswerValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return py::bool_(*b);
  if (const double* d = std::get_if<double>(&value)) return number(*d);
  if (const std::string* s = std::get_if<std::string>(&value)) return py::str(*s);
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return py::cast(*list);
  return py::str(std::get<Date>(value).to_iso());
}

// The intake as the dict an intake file holds: {"id", "date", "answers"}.
py::dict intake_to_dict(const Intake& intake) {
  py::dict answers;
  for (const Question& q : intake.catalogue().questions())
    if (const auto value = intake.get(q.id)) answers[py::str(q.id)] = answer_to_python(*value);
  py::dict out;
  out["id"] = to_python(intake.id());
  out["date"] = intake.date() ? py::object(py::str(intake.date()->to_iso())) : py::object(py::none());
  out["answers"] = answers;
  return out;
}

// read_intake(mapping): a QuestionnaireResponse goes to the library's FHIR reader as JSON
// text (one reader for files and dicts); an intake mapping to the conversion screen_intake uses.
IntakeResult read_intake_mapping(const py::object& mapping, const std::shared_ptr<const Catalogue>& catalogue) {
  using namespace pybind11::literals;
  IntakeResult read;
  if (py::reinterpret_borrow<py::object>(mapping).contains("resourceType")) {
    const py::module_ json = py::module_::import("json");
    const std::string text =
        json.attr("dumps")(mapping, "ensure_ascii"_a = false, "allow_nan"_a = false).cast<std::string>();
    return parse_intake(text, IntakeFormat::json, catalogue, "<QuestionnaireResponse>");
  }
  IntakeConverter converter(catalogue);
  Intake intake(catalogue);
  std::vector<PyDiagnostic> problems;
  if (!converter.intake(mapping.ptr(), intake, problems)) raise_intake_error(problems, -1, intake.id());
  read.intake = std::move(intake);
  return read;
}

ScreenOptions screen_options(const py::object& date, const std::optional<std::string>& lang) {
  ScreenOptions options;
  options.date = date_argument(date);
  options.language = lang.value_or("");
  return options;
}

ManyOptions many_options(const py::object& date, const std::optional<std::string>& lang,
                         const std::optional<unsigned>& jobs, const std::string& errors, std::size_t batch_size) {
  if (errors != "record" && errors != "raise")
    throw py::value_error("errors must be 'record' or 'raise', not '" + errors + "'");
  ManyOptions options;
  options.screen = screen_options(date, lang);
  options.jobs = jobs.value_or(0);
  options.raise_on_error = errors == "raise";
  options.batch_size = batch_size;
  return options;
}

py::object screen_answers(const RuleSet& rs, const py::object& answers, const py::object& id, const py::object& date,
                          const std::optional<std::string>& lang) {
  const ScreenOptions options = screen_options(date, lang);
  IntakeConverter converter(rs.catalogue_ptr());
  Intake intake = rs.make_intake();
  std::vector<PyDiagnostic> problems;
  // The id goes through the same conversion as an intake dict's.
  py::dict wrapper;
  wrapper["id"] = id;
  wrapper["answers"] = answers;
  if (!converter.intake(wrapper.ptr(), intake, problems) || !check_possible(intake, options, problems))
    raise_intake_error(problems);
  return py::cast(DecisionObject(rs.screen(intake, options), -1, rs));
}

// RuleSet._bind: the answers as screen() stores them, for the shared answer cases
// (tests/data/answers/cases.yaml); not part of the public API.
py::dict bind_answers(const RuleSet& rs, const py::object& answers) {
  IntakeConverter converter(rs.catalogue_ptr());
  Intake intake = rs.make_intake();
  std::vector<PyDiagnostic> problems;
  py::dict wrapper;
  wrapper["answers"] = answers;
  if (!converter.intake(wrapper.ptr(), intake, problems)) raise_intake_error(problems);
  return intake_to_dict(intake);
}

py::object screen_intake(const RuleSet& rs, const py::object& intake_object, const py::object& date,
                         const std::optional<std::string>& lang) {
  const ScreenOptions options = screen_options(date, lang);
  IntakeConverter converter(rs.catalogue_ptr());
  Intake intake = rs.make_intake();
  std::vector<PyDiagnostic> problems;
  if (!converter.intake(intake_object.ptr(), intake, problems) || !check_possible(intake, options, problems))
    raise_intake_error(problems, -1, intake.id());
  return py::cast(DecisionObject(rs.screen(intake, options), -1, rs));
}

std::string source_region(const SourceRegion& where) {
  return where.file + (where.line == 0 ? "" : ":" + std::to_string(where.line) + ":" + std::to_string(where.column));
}

void bind_catalogue_types(py::module_& m) {
  py::class_<Question>(m, "Question", "A question of the catalogue: its id, answer type, allowed values and prompts.")
      .def_readonly("id", &Question::id, "Stable identifier, e.g. 'pregnant'; the key of its answer.")
      .def_property_readonly(
          "type", [](const Question& q) { return to_string(q.type); },
          "'bool', 'number', 'enum', 'list' or 'date': what an answer must be.")
      .def_property_readonly(
          "values",
          [](const Question& q) {
            std::vector<std::string> out;
            for (const auto& v : q.values) out.push_back(v.value);
            return out;
          },
          "Enum questions: the allowed values, in order; else [].")
      .def_property_readonly(
          "labels",
          [](const Question& q) {
            py::dict out;
            for (const auto& v : q.values) out[py::str(v.value)] = localized(v.label);
            return out;
          },
          "Enum questions: {value: {language: label}} for forms.")
      .def_property_readonly(
          "prompt", [](const Question& q) { return localized(q.prompt); },
          "{language: the question as a patient reads it}.")
      .def_property_readonly(
          "help", [](const Question& q) { return localized(q.help); }, "{language: one-line help}, possibly empty.")
      .def_readonly("min", &Question::min, "Number questions: the smallest allowed answer, or None.")
      .def_readonly("max", &Question::max, "Number questions: the largest allowed answer, or None.")
      .def_property_readonly(
          "unit",
          [](const Question& q) { return q.unit.empty() ? py::object(py::none()) : py::object(py::str(q.unit)); },
          "Number questions: the unit, e.g. 'years', or None.")
      .def_property_readonly(
          "follows",
          [](const Question& q) { return q.follows.empty() ? py::object(py::none()) : py::object(py::str(q.follows)); },
          "The id of the question this one follows up, or None.")
      .def_readonly("follows_when", &Question::follows_when,
                    "The answers to `follows` that make this follow-up relevant, as the catalogue spells\n"
                    "them ('true' or 'false' for a bool question, declared values for an enum); [] when it\n"
                    "follows none. Answering it after another answer is intake.contradiction.")
      .def_readonly("past", &Question::past,
                    "Date questions about the past: a date after the screening date is intake.date_in_future.")
      .def("__repr__", [](const Question& q) { return "<Question " + q.id + ": " + to_string(q.type) + ">"; });

  py::class_<RuleInfo>(m, "Rule", "One active rule of a loaded rule set (after extends and overrides).")
      .def_readonly("id", &RuleInfo::id, "The rule id.")
      .def_property_readonly(
          "decision", [](const RuleInfo& r) { return to_string(r.action); }, "'refuse', 'refer' or 'inform'.")
      .def_readonly("when", &RuleInfo::when, "The condition's text.")
      .def_property_readonly(
          "until",
          [](const RuleInfo& r) { return r.until.empty() ? py::object(py::none()) : py::object(py::str(r.until)); },
          "The `until` expression's text, or None.")
      .def_readonly("questions", &RuleInfo::questions, "Question ids the condition reads, sorted.")
      .def_property_readonly(
          "message", [](const RuleInfo& r) { return localized(r.message); }, "{language: message}.")
      .def_readonly("source", &RuleInfo::source, "The policy sentence the rule implements.")
      .def_property_readonly(
          "file", [](const RuleInfo& r) { return r.where.file; }, "The file that defines it (or its last override).")
      .def_property_readonly(
          "line", [](const RuleInfo& r) { return r.where.line; }, "1-based line of the definition.")
      .def_property_readonly(
          "column", [](const RuleInfo& r) { return r.where.column; }, "1-based column of the definition.")
      .def("__repr__", [](const RuleInfo& r) {
        return "<Rule " + r.id + " " + to_string(r.action) + " at " + source_region(r.where) + ">";
      });

  py::class_<TestCaseResult>(m, "TestCase", "The result of one test case under a rule set's `tests:`.")
      .def_readonly("name", &TestCaseResult::name, "The case's name.")
      .def_readonly("passed", &TestCaseResult::passed, "True when the outcome matched every expectation.")
      .def_readonly("mismatches", &TestCaseResult::mismatches,
                    "One line per mismatch, e.g. 'decision: expected refuse, got refer'.")
      .def_property_readonly(
          "file", [](const TestCaseResult& t) { return t.where.file; }, "The rule-set file.")
      .def_property_readonly(
          "line", [](const TestCaseResult& t) { return t.where.line; }, "1-based line of the case.")
      .def_property_readonly(
          "errors", [](const TestCaseResult& t) { return wrap(t.errors); },
          "Why the case's answers cannot be (intake.contradiction, intake.date_in_future): then it has\n"
          "no decision and fails. [] otherwise (list of Diagnostic).")
      .def_property_readonly(
          "decision",
          [](const TestCaseResult& t) {
            return t.errors.empty() ? py::cast(DecisionObject(t.actual, -1)) : py::object(py::none());
          },
          "The actual Decision; None when the answers cannot be (see errors).")
      .def("__repr__", [](const TestCaseResult& t) {
        return "<TestCase " + std::string(py::repr(py::str(t.name))) + (t.passed ? " passed>" : " failed>");
      });

  py::class_<TestReport>(m, "TestReport", "The results of a rule set's own test cases, with rule coverage.")
      .def_readonly("ruleset", &TestReport::ruleset, "The rule set id.")
      .def_readonly("cases", &TestReport::cases, "Every case, in file order (list of TestCase).")
      .def_readonly("uncovered_rules", &TestReport::uncovered_rules, "Rules that no test made fire.")
      .def_readonly("passed", &TestReport::passed, "Number of cases that passed.")
      .def_readonly("failed", &TestReport::failed, "Number of cases that failed.")
      .def_property_readonly(
          "ok", [](const TestReport& r) { return r.failed == 0; }, "True when no case failed.")
      .def("__str__",
           [](const TestReport& r) {
             return format_test_report(r) + std::to_string(r.passed) + " passed, " + std::to_string(r.failed) +
                    " failed\n";
           })
      .def("__repr__", [](const TestReport& r) {
        return "<TestReport " + r.ruleset + ": " + std::to_string(r.passed) + " passed, " + std::to_string(r.failed) +
               " failed>";
      });
}

void bind_ruleset(py::module_& m) {
  using namespace pybind11::literals;
  py::class_<RuleSet>(m, "RuleSet",
                      "A loaded, checked and compiled rule set: a clinic's contraindication policy.\n"
                      "Immutable; screening is thread-safe. Create one with contrascreen.load().")
      .def_property_readonly("id", &RuleSet::id, "The rule set id, e.g. 'clinic-sv/microneedling'.")
      .def_property_readonly("version", &RuleSet::version, "Its declared version.")
      .def_property_readonly("treatment", &RuleSet::treatment, "The treatment it screens for.")
      .def_property_readonly("languages", &RuleSet::languages, "Declared message languages, default first.")
      .def_property_readonly("sha256", &RuleSet::sha256,
                             "SHA-256 of the canonical content of every file of the rule set: proves which\n"
                             "policy decided.")
      .def_property_readonly("rules", &RuleSet::rules, "The active rules in evaluation order (list of Rule).")
      .def_property_readonly(
          "questions",
          [](const RuleSet& rs) {
            std::vector<Question> out;
            for (const FormQuestion& q : form_questions(rs)) out.push_back(*q.question);
            return out;
          },
          "The questions some rule reads, in form order (list of Question): the form to ask, in the\n"
          "order of `contrascreen questions`: catalogue order, except that a follow-up comes right\n"
          "after the question it follows up.")
      .def_property_readonly(
          "catalogue", [](const RuleSet& rs) { return rs.catalogue().questions(); },
          "Every question of the rule set's catalogue (list of Question).")
      .def(
          "check", [](const RuleSet& rs) { return wrap(rs.warnings()); },
          "The warnings found while loading (list of Diagnostic; errors would have prevented loading).\n"
          "An empty list means the rule set is clean.")
      .def(
          "run_tests",
          [](const RuleSet& rs) {
            py::gil_scoped_release release;
            return run_tests(rs);
          },
          "Runs the test cases under the rule set's own `tests:` and returns a TestReport.")
      .def("screen", &screen_answers, "answers"_a = py::none(), py::kw_only(), "id"_a = py::none(),
           "date"_a = py::none(), "lang"_a = py::none(),
           "Screens one patient's answers ({question id: answer}; None or a missing key is\n"
           "unanswered) and returns the Decision.\n\n"
           "Answers: bool for bool questions (not 0/1); int or float for numbers; a declared value\n"
           "(str) for enums; 'YYYY-MM-DD' or datetime.date for dates; a list or tuple of str for\n"
           "lists ([] is an answer: none). id is echoed in the decision. date is the screening date\n"
           "(str or datetime.date; default today). lang selects the message language (default:\n"
           "the rule set's first). Raises IntakeError naming the question when an answer does not\n"
           "fit the catalogue (every problem is listed in .diagnostics).")
      .def("_bind", &bind_answers, "answers"_a,
           "For tests: the answers as screen() stores them, as a dict {'id', 'date', 'answers'} like\n"
           "read_intake's, or IntakeError. Not part of the API.")
      .def("screen_intake", &screen_intake, "intake"_a, py::kw_only(), "date"_a = py::none(), "lang"_a = py::none(),
           "Screens one intake mapping {'id', 'date', 'answers'} (an intake file's shape; other keys\n"
           "are ignored). The intake's own date wins over date=. Raises IntakeError.")
      .def(
          "screen_many",
          [](const RuleSet& rs, const py::iterable& intakes, const py::object& date,
             const std::optional<std::string>& lang, const std::optional<unsigned>& jobs, const std::string& errors,
             std::size_t batch_size) {
            ManyScreener screener(rs, intakes, many_options(date, lang, jobs, errors, batch_size));
            std::shared_ptr<ResultsData> out = screener.make_results();
            while (screener.next(*out)) {
            }
            return make_results(std::move(out));
          },
          "intakes"_a, py::kw_only(), "date"_a = py::none(), "lang"_a = py::none(), "jobs"_a = py::none(),
          "errors"_a = "record", "batch_size"_a = 4096,
          "Screens every intake mapping {'id', 'date', 'answers'} of an iterable (a list, a generator...)\n"
          "and returns a Results sequence with one result per intake, in input order.\n\n"
          "Intakes are taken batch_size at a time and converted with the GIL held; each batch is\n"
          "screened on `jobs` threads (default: one per core) while the next one is converted,\n"
          "and the GIL is released while waiting for it. An intake that cannot be\n"
          "converted yields a ScreenError record in its place (like the CLI's error records) and the\n"
          "others are still screened; errors='raise' raises IntakeError for the first such intake\n"
          "instead, with its index. date= is the screening date for intakes without one.")
      .def(
          "screen_iter",
          [](const RuleSet& rs, const py::iterable& intakes, const py::object& date,
             const std::optional<std::string>& lang, const std::optional<unsigned>& jobs, const std::string& errors,
             std::size_t batch_size) {
            return make_screen_iterator(
                std::make_unique<ManyScreener>(rs, intakes, many_options(date, lang, jobs, errors, batch_size)));
          },
          "intakes"_a, py::kw_only(), "date"_a = py::none(), "lang"_a = py::none(), "jobs"_a = py::none(),
          "errors"_a = "record", "batch_size"_a = 4096,
          "Like screen_many, but returns an iterator that screens a batch at a time as it is\n"
          "consumed, so memory stays flat for inputs of any length. It reads at most two batches\n"
          "ahead of what it has yielded (the next batch is converted while one is screened); an\n"
          "exception from the input is raised after the results of the batches before it.")
      .def("screen_file", &screen_file, "path"_a, py::kw_only(), "date"_a = py::none(), "lang"_a = py::none(),
           "jobs"_a = 1,
           "Reads and screens an intake file in C++ with the GIL released and returns a Results\n"
           "sequence, one result per intake in file order. The format follows the extension, in any\n"
           "case, as on the command line: .jsonl, .csv and .ndjson (FHIR QuestionnaireResponses)\n"
           "are batches, .json, .yaml and .yml one intake (a .json FHIR Bundle: one per response).\n"
           "An intake that cannot be read is a ScreenError in its place (with line and\n"
           "column). date= is the screening date for intakes without one; jobs is the number of\n"
           "threads (0: one per core). Raises IntakeError when the file is missing (io.not_found),\n"
           "cannot be read or fails part way (io.read), has an unknown extension\n"
           "(io.unknown_format), an unreadable CSV header, or holds no intake (intake.empty);\n"
           "ValueError for a path holding a NUL character.")
      .def("screen_jsonl", &screen_jsonl, "data"_a, py::kw_only(), "date"_a = py::none(), "lang"_a = py::none(),
           "jobs"_a = 1,
           "Screens JSON Lines text (bytes, or str) as screen_file screens a .jsonl file, with the\n"
           "GIL released; diagnostics name the input '<string>'. Raises IntakeError (intake.empty)\n"
           "when it holds no intake.")
      .def(py::pickle(&ruleset_state, &ruleset_from_state))
      .def("__repr__", [](const RuleSet& rs) {
        return "<RuleSet " + std::string(py::repr(py::str(rs.id()))) + " version " +
               std::string(py::repr(py::str(rs.version()))) + " (" + std::to_string(rs.rules().size()) +
               " rules, sha256 " + rs.sha256().substr(0, 12) + ")>";
      });

  m.def("load", &load, "source"_a, py::kw_only(), "name"_a = py::none(),
        "Loads, checks and compiles a rule set and returns a RuleSet.\n\n"
        "source is a path (str or os.PathLike) or YAML text (a str holding a line break); name is\n"
        "the file name that diagnostics of YAML text use (default '<string>'). `extends` paths in\n"
        "text resolve against the current directory. Raises RuleSetError with every error (code,\n"
        "file, line and column of the first; all in .diagnostics).");
  m.def(
      "check",
      [](const py::object& source, const std::optional<std::string>& name) {
        return wrap(load_source(source, name).diagnostics);
      },
      "source"_a, py::kw_only(), "name"_a = py::none(),
      "Validates a rule set (a path or YAML text, as for load) and returns every diagnostic,\n"
      "errors and warnings (list of Diagnostic; empty when clean). Never raises for problems in\n"
      "the rule set.");
  m.def(
      "read_intake",
      [](const py::object& source, const std::optional<RuleSet>& ruleset) {
        const auto catalogue = ruleset ? ruleset->catalogue_ptr() : Catalogue::builtin();
        IntakeResult read;
        if (is_mapping(source.ptr())) {
          read = read_intake_mapping(source, catalogue);
        } else {
          read = read_intake_file(path_argument(source), catalogue);
        }
        if (!read)
          raise_with_diagnostics(intake_error_class(), format_diagnostics(read.diagnostics), wrap(read.diagnostics));
        return intake_to_dict(*read.intake);
      },
      "source"_a, py::kw_only(), "ruleset"_a = py::none(),
      "Reads one intake and returns it as a dict {'id', 'date', 'answers'} (dates as\n"
      "'YYYY-MM-DD'), checked against the catalogue of `ruleset` (default: the built-in one).\n"
      "source is a file (.json, .yaml or .yml; a .json FHIR QuestionnaireResponse too) or a\n"
      "mapping: a FHIR R4 QuestionnaireResponse (it has a 'resourceType' key; read by the same\n"
      "reader as the files, after json.dumps) or an intake mapping {'id', 'date', 'answers'}.\n"
      "Raises IntakeError with every problem (file, line and column; a FHIR element's path).");
}

}  // namespace
}  // namespace contrascreen::python

PYBIND11_MODULE(_core, m) {
  namespace cs = contrascreen;
  m.doc() =
      "The compiled core of contrascreen; import the package `contrascreen`, which re-exports\n"
      "these names with type stubs.";
  cs::python::prepare_conversions();
  cs::python::bind_results(m);
  cs::python::bind_catalogue_types(m);
  cs::python::bind_ruleset(m);
  cs::python::bind_sheet(m);
  cs::python::bind_questionnaire(m);
  cs::python::bind_audit(m);
  m.attr("__version__") = cs::version();
  pybind11::dict codes;  // the registry (contrascreen/diagnostic_codes.hpp): code -> meaning
  for (const cs::DiagnosticCodeInfo& info : cs::diagnostic_codes())
    codes[pybind11::str(info.code.data(), info.code.size())] = pybind11::str(info.meaning.data(), info.meaning.size());
  m.attr("codes") = codes;
  m.def("build_info", &cs::build_info, "The library's dependencies and their versions, one per line.");
}
