#include "results.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "contrascreen/cds_hooks.hpp"
#include "contrascreen/output.hpp"
#include "pickling.hpp"

namespace contrascreen::python {
namespace {

// json.loads, kept for the life of the process: to_dict() parses the library's own JSON,
// so that it equals the CLI's output by construction.
py::object json_loads() {
  static PyObject* const loads = py::object(py::module_::import("json").attr("loads")).release().ptr();
  return py::reinterpret_borrow<py::object>(loads);
}

py::object optional_index(std::int64_t index) {
  return index < 0 ? py::object(py::none()) : py::object(py::int_(index));
}

// Library text that may carry an input's bytes (a file name, a quoted line): see text_to_python.
py::object optional_text(const std::string& text) {
  return text.empty() ? py::object(py::none()) : py::object(text_to_python(text));
}

std::string quoted_id(const std::optional<std::string>& id) {
  return id ? std::string(py::repr(text_to_python(*id))) : std::string("(no id)");
}

// Fired rules in full (there are few); undecided ones and unanswered questions are often
// many, so at most three of each are named.
std::string decision_repr(const DecisionObject& self) {
  const Decision& d = self.full();
  std::string out = "<Decision " + quoted_id(d.id) + " " + to_string(d.decision);
  if (d.until) out += " until " + d.until->to_iso();
  auto append_some = [&out](const char* label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += label;
    for (std::size_t i = 0; i < items.size() && i < 3; ++i) out += (i == 0 ? "" : ", ") + items[i];
    if (items.size() > 3) out += ", ... (" + std::to_string(items.size()) + ")";
  };
  std::vector<std::string> fired, undecided;
  for (const Reason& r : d.reasons) (r.undecided ? undecided : fired).push_back(r.rule);
  append_some(": ", fired);
  append_some(fired.empty() ? ": undecided " : "; undecided ", undecided);
  append_some("; unanswered ", d.unanswered);
  return out + ">";
}

std::string error_json(const ScreenErrorObject& self) {
  std::vector<Diagnostic> errors;
  for (const PyDiagnostic& e : self.errors) errors.push_back(e.diagnostic);
  std::string out;
  append_error_record(out, OutputFormat::json, self.id, errors);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string joined_messages(const std::vector<PyDiagnostic>& problems) {
  std::string message;
  for (const PyDiagnostic& p : problems) message += (message.empty() ? "" : "; ") + p.diagnostic.message;
  return printable_text(message);  // an exception's message is printed raw by tracebacks
}

// Python-side state of screen_iter: the batch being handed out. Each batch has results of
// its own, kept alive by the decisions made from it.
class ScreenIterator {
 public:
  explicit ScreenIterator(std::unique_ptr<ManyScreener> screener) : screener_(std::move(screener)) {}
  py::object next() {
    if (!batch_ || position_ == batch_->records.size()) {
      batch_.reset();
      position_ = 0;
      std::shared_ptr<ResultsData> batch = screener_ ? screener_->make_results() : nullptr;
      if (!batch || !screener_->next(*batch)) {
        screener_.reset();  // release the input iterator as soon as it is exhausted
        throw py::stop_iteration();
      }
      batch_ = std::move(batch);
    }
    return result_object(batch_, position_++);
  }

 private:
  std::unique_ptr<ManyScreener> screener_;
  std::shared_ptr<const ResultsData> batch_;
  std::size_t position_ = 0;
};

// The Python sequence `Results`: records are turned into Decision and ScreenError objects
// only when read.
struct ResultsObject {
  std::shared_ptr<const ResultsData> data;

  std::size_t size() const noexcept { return data->records.size(); }
  std::size_t position(std::int64_t index) const {
    const auto n = static_cast<std::int64_t>(size());
    if (index < 0) index += n;
    if (index < 0 || index >= n) throw py::index_error("Results index out of range");
    return static_cast<std::size_t>(index);
  }
};

struct ResultsIterator {
  std::shared_ptr<const ResultsData> data;
  std::size_t position = 0;
  py::object next() {
    if (position >= data->records.size()) throw py::stop_iteration();
    return result_object(data, position++);
  }
};

// Results == a sequence: the same length and equal elements (Decision and ScreenError
// compare by content), so that a Results equals the list it used to be.
bool results_equal(const ResultsObject& self, const py::object& other) {
  if (!py::isinstance<py::sequence>(other) || py::isinstance<py::str>(other) || py::isinstance<py::bytes>(other))
    return false;
  const py::sequence items = py::reinterpret_borrow<py::sequence>(other);
  if (py::len(items) != self.size()) return false;
  for (std::size_t i = 0; i < self.size(); ++i) {
    const py::object mine = result_object(self.data, i);
    const int equal = PyObject_RichCompareBool(mine.ptr(), py::object(items[i]).ptr(), Py_EQ);
    if (equal < 0) throw py::error_already_set();
    if (equal == 0) return false;
  }
  return true;
}

std::string results_repr(const ResultsObject& self) {
  const BatchResults& r = self.data->records;
  std::size_t counts[3] = {0, 0, 0};
  for (std::size_t i = 0; i < r.size(); ++i)
    if (!r.is_error(i)) ++counts[static_cast<int>(r.verdict(i))];
  return "<Results " + std::to_string(r.size()) + ": " + std::to_string(counts[0]) + " allow, " +
         std::to_string(counts[1]) + " refer, " + std::to_string(counts[2]) + " refuse, " +
         std::to_string(r.error_count()) + " errors>";
}

}  // namespace

// ---- DecisionObject ------------------------------------------------------------------

DecisionObject::DecisionObject(std::shared_ptr<const ResultsData> results, std::size_t row)
    : results_(std::move(results)), row_(row), index_(results_->first_index + static_cast<std::int64_t>(row)) {}

DecisionObject::DecisionObject(Decision decision, std::int64_t index, std::optional<RuleSet> ruleset)
    : full_(std::make_unique<Decision>(std::move(decision))), index_(index), ruleset_(std::move(ruleset)) {}

std::optional<std::string> DecisionObject::id() const {
  if (full_) return full_->id;
  const auto id = results_->records.id(row_);
  return id ? std::optional<std::string>(*id) : std::nullopt;
}

const Decision& DecisionObject::full() const {
  if (!full_) full_ = std::make_unique<Decision>(results_->records.decision(row_, results_->language));
  return *full_;
}

py::object result_object(const std::shared_ptr<const ResultsData>& results, std::size_t row) {
  const BatchResults& records = results->records;
  if (!records.is_error(row)) return py::cast(DecisionObject(results, row));
  ScreenErrorObject error;
  if (const auto id = records.id(row)) error.id.emplace(*id);
  error.index = results->first_index + static_cast<std::int64_t>(row);
  std::size_t k = records.first_error(row);
  for (const Diagnostic& d : records.errors(row)) {
    error.errors.push_back({d, k < results->questions.size() ? results->questions[k] : std::string()});
    ++k;
  }
  return py::cast(std::move(error));
}

// ---- ManyScreener --------------------------------------------------------------------

ManyScreener::ManyScreener(RuleSet ruleset, const py::iterable& intakes, ManyOptions options)
    : ruleset_(std::move(ruleset)),
      input_(py::iter(intakes)),
      options_(std::move(options)),
      converter_(ruleset_.catalogue_ptr()),
      pool_(options_.jobs),
      pipeline_(pool_, {[this](unsigned slot) { return fill(batches_[slot]); },
                        [this](unsigned slot, std::size_t task, unsigned /*thread*/) {
                          Batch& batch = batches_[slot];
                          screen_many_task(ruleset_, std::span<const Intake>(batch.intakes.data(), batch.valid),
                                           options_.screen,
                                           std::span<ScreenedIntake>(batch.screened.data(), batch.valid), task);
                        }}) {
  if (options_.batch_size == 0) options_.batch_size = 1;
}

std::size_t ManyScreener::fill(Batch& batch) {
  // Converting a list runs no Python code that would notice Ctrl-C: check once per batch.
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  batch.order.clear();
  batch.errors.clear();
  batch.valid = 0;
  batch.first_index = next_index_;
  while (batch.order.size() < options_.batch_size) {
    PyObject* raw = PyIter_Next(input_.ptr());
    if (raw == nullptr) {
      if (PyErr_Occurred()) throw py::error_already_set();
      break;
    }
    const py::object item = py::reinterpret_steal<py::object>(raw);
    if (batch.valid == batch.intakes.size()) batch.intakes.emplace_back(ruleset_.catalogue_ptr());
    Intake& intake = batch.intakes[batch.valid];
    problems_.clear();
    const std::int64_t index = next_index_ + static_cast<std::int64_t>(batch.order.size());
    if (converter_.intake(item.ptr(), intake, problems_) && check_possible(intake, options_.screen, problems_)) {
      batch.order.push_back(static_cast<std::int64_t>(batch.valid++));
      continue;
    }
    if (options_.raise_on_error) raise_intake_error(problems_, index, intake.id());
    batch.errors.push_back({intake.id(), problems_, index});
    batch.order.push_back(-1 - static_cast<std::int64_t>(batch.errors.size() - 1));
  }
  next_index_ += static_cast<std::int64_t>(batch.order.size());
  if (batch.screened.size() < batch.valid) batch.screened.resize(batch.valid);
  if (batch.order.empty()) return 0;
  // A batch of error records only still takes one (empty) task, so that it is returned.
  return std::max<std::size_t>(1, screen_many_tasks(batch.valid));
}

void ManyScreener::emit(Batch& batch, ResultsData& out) {
  if (out.records.empty()) out.first_index = batch.first_index;
  for (const std::int64_t slot : batch.order) {
    if (slot >= 0) {
      const ScreenedIntake& screened = batch.screened[static_cast<std::size_t>(slot)];
      out.records.append_decision(screened.id, screened.screening);
      continue;
    }
    const ScreenErrorObject& error = batch.errors[static_cast<std::size_t>(-1 - slot)];
    std::vector<Diagnostic> diagnostics;
    for (const PyDiagnostic& d : error.errors) diagnostics.push_back(d.diagnostic);
    out.records.append_error(error.id, diagnostics);
    out.questions.resize(out.records.first_error(out.records.size() - 1));  // the diagnostics before it
    for (const PyDiagnostic& d : error.errors) out.questions.push_back(d.question);
  }
}

bool ManyScreener::next(ResultsData& out) {
  const auto slot = pipeline_.next([](const std::function<void()>& finish) {
    py::gil_scoped_release release;
    finish();
  });
  if (!slot) return false;
  emit(batches_[*slot], out);
  return true;
}

void raise_intake_error(const std::vector<PyDiagnostic>& problems, std::int64_t index,
                        const std::optional<std::string>& id) {
  std::string message = joined_messages(problems);
  if (index >= 0)
    message = "intake " + std::to_string(index) + (id ? " (id " + quoted_id(id) + ")" : "") + ": " + message;
  py::dict extra;
  extra["index"] = optional_index(index);
  extra["id"] = to_python(id);
  raise_with_diagnostics(intake_error_class(), message, problems, extra);
}

// ---- bindings ------------------------------------------------------------------------

void bind_results(py::module_& m) {
  using namespace pybind11::literals;
  (void)json_loads();  // created now, not by two threads at once later (see prepare_conversions)
  py::class_<PyDiagnostic>(m, "Diagnostic",
                           "A problem found in a rule set, a catalogue or an intake, with a stable code\n"
                           "(e.g. 'check.unknown_name') and, where known, its position. str() renders it\n"
                           "like a compiler: file:line:col: error[code]: message, the line and a caret.")
      .def_property_readonly(
          "severity", [](const PyDiagnostic& d) { return to_string(d.diagnostic.severity); }, "'error' or 'warning'.")
      .def_property_readonly(
          "code", [](const PyDiagnostic& d) { return d.diagnostic.code; },
          "Stable dotted code such as 'intake.wrong_type'; tests and tools key on it.")
      .def_property_readonly(
          "message", [](const PyDiagnostic& d) { return text_to_python(d.diagnostic.message); },
          "The problem, for people.")
      .def_property_readonly(
          "file", [](const PyDiagnostic& d) { return optional_text(d.diagnostic.where.file); },
          "The file (or '<string>'), or None.")
      .def_property_readonly(
          "line",
          [](const PyDiagnostic& d) {
            return d.diagnostic.where.line == 0 ? py::object(py::none())
                                                : py::object(py::int_(d.diagnostic.where.line));
          },
          "1-based line, or None when the problem has no position (e.g. an answer in a dict).")
      .def_property_readonly(
          "column",
          [](const PyDiagnostic& d) {
            const auto& w = d.diagnostic.where;
            return w.line == 0 || w.column == 0 ? py::object(py::none()) : py::object(py::int_(w.column));
          },
          "1-based column in code points, or None.")
      .def_property_readonly(
          "question", [](const PyDiagnostic& d) { return optional_text(d.question); },
          "The question id an answer problem is about (dict intakes), else None.")
      .def_property_readonly(
          "source_line", [](const PyDiagnostic& d) { return optional_text(d.diagnostic.source_line); },
          "The text of the offending line, or None.")
      .def(
          "to_dict",
          [](const PyDiagnostic& d) {
            const auto& w = d.diagnostic.where;
            py::dict out;
            out["code"] = d.diagnostic.code;
            out["message"] = text_to_python(d.diagnostic.message);
            out["file"] = optional_text(w.file);
            out["line"] = w.line == 0 ? py::object(py::none()) : py::object(py::int_(w.line));
            out["column"] = w.line == 0 || w.column == 0 ? py::object(py::none()) : py::object(py::int_(w.column));
            return out;
          },
          "{'code', 'message', 'file', 'line', 'column'}, as in the CLI's error records.")
      .def("__str__", [](const PyDiagnostic& d) { return format_diagnostic(d.diagnostic); })
      .def("__repr__", [](const PyDiagnostic& d) {
        const auto& w = d.diagnostic.where;
        std::string at = w.file.empty() ? "" : " " + w.file;
        if (w.line != 0) at += ":" + std::to_string(w.line) + ":" + std::to_string(w.column);
        return printable_text("<Diagnostic" + at + " " + to_string(d.diagnostic.severity) + "[" + d.diagnostic.code +
                              "] " + d.diagnostic.message + ">");
      });

  py::class_<Reason>(m, "Reason", "A refuse or refer rule that fired, or that could not be decided (and so refers).")
      .def_readonly("rule", &Reason::rule, "The rule id.")
      .def_property_readonly(
          "decision", [](const Reason& r) { return to_string(r.decision); },
          "What it contributes: 'refuse' or 'refer' (an undecided rule refers).")
      .def_property_readonly(
          "status", [](const Reason& r) { return r.undecided ? "undecided" : "fired"; }, "'fired' or 'undecided'.")
      .def_readonly("undecided", &Reason::undecided, "True when missing answers (or an evaluation error) left it open.")
      .def_readonly("message", &Reason::message, "The rule's message in the decision's language.")
      .def_readonly("questions", &Reason::questions, "Question ids the rule's condition reads, sorted.")
      .def_property_readonly(
          "until", [](const Reason& r) { return to_python(r.until); },
          "datetime.date from which a temporary refusal no longer applies, or None.")
      .def_property_readonly(
          "error", [](const Reason& r) { return optional_text(r.error); },
          "Why evaluating the condition failed (e.g. a division by zero), or None.")
      .def("__repr__", [](const Reason& r) {
        return "<Reason " + r.rule + " " + to_string(r.decision) + (r.undecided ? " undecided" : "") + ">";
      });

  py::class_<Advice>(m, "Advice", "Advice from an inform rule that fired; it never changes the decision.")
      .def_readonly("rule", &Advice::rule, "The inform rule's id.")
      .def_readonly("message", &Advice::message, "The advice in the decision's language.")
      .def("__repr__", [](const Advice& a) { return "<Advice " + a.rule + ">"; });

  py::class_<RuleSetRef>(m, "RuleSetRef", "Identifies the exact policy content that decided.")
      .def_readonly("id", &RuleSetRef::id, "The rule set's id.")
      .def_readonly("version", &RuleSetRef::version, "Its declared version.")
      .def_readonly("sha256", &RuleSetRef::sha256, "SHA-256 of its canonical content (extended files included).")
      .def("__repr__", [](const RuleSetRef& r) {
        return "<RuleSetRef " + r.id + " " + r.version + " " + r.sha256.substr(0, 12) + ">";
      });

  py::class_<DecisionObject>(m, "Decision",
                             "The decision for one intake: 'allow', 'refer' or 'refuse', with every reason.\n"
                             "Attributes beyond id, decision and date are rendered on first use, so screening\n"
                             "a large batch costs little until decisions are read.")
      .def_property_readonly(
          "id", [](const DecisionObject& d) { return to_python(d.id()); }, "The intake's id, or None.")
      .def_property_readonly(
          "decision", [](const DecisionObject& d) { return to_string(d.verdict()); },
          "'allow', 'refer' or 'refuse' (the most severe contribution).")
      .def_property_readonly(
          "reasons", [](const DecisionObject& d) { return d.full().reasons; },
          "Every fired refuse/refer rule and every undecided one, in rule order (list of Reason).")
      .def_property_readonly(
          "unanswered", [](const DecisionObject& d) { return d.full().unanswered; },
          "Question ids whose absence left a refuse/refer rule undecided, sorted.")
      .def_property_readonly(
          "advice", [](const DecisionObject& d) { return d.full().advice; },
          "Advice of the inform rules that fired, in rule order (list of Advice).")
      .def_property_readonly(
          "ruleset", [](const DecisionObject& d) { return d.full().ruleset; },
          "The rule set that decided: id, version and sha256 (RuleSetRef).")
      .def_property_readonly(
          "date", [](const DecisionObject& d) { return to_python(d.date()); },
          "The screening date used by date functions (datetime.date).")
      .def_property_readonly(
          "until", [](const DecisionObject& d) { return to_python(d.full().until); },
          "For a refusal whose refusing reasons are all temporary: the first day none applies\n"
          "(datetime.date). Otherwise None.")
      .def_property_readonly(
          "language", [](const DecisionObject& d) { return d.full().language; }, "The language of the messages.")
      .def_property_readonly(
          "index", [](const DecisionObject& d) { return optional_index(d.index()); },
          "Position of the intake in the input of screen_many / screen_iter, else None.")
      .def_property_readonly(
          "ok", [](const DecisionObject&) { return true; }, "True: a decision (ScreenError.ok is False).")
      .def(
          "to_json", [](const DecisionObject& d) { return to_json(d.full()); },
          "The decision as one line of compact JSON, byte for byte the CLI's --format json record.")
      .def(
          "to_dict", [](const DecisionObject& d) { return json_loads()(to_json(d.full())); },
          "The decision as a dict equal to json.loads of the CLI's JSON for the same intake\n"
          "(same keys in the same order; dates as ISO strings).")
      .def(
          "to_cds_hooks",
          [](const DecisionObject& d) {
            const RuleSet* ruleset = d.ruleset();
            if (ruleset == nullptr)
              throw py::value_error("to_cds_hooks: this decision does not know the rule set that made it");
            return json_loads()(to_cds_hooks(d.full(), *ruleset));
          },
          "The decision as a CDS Hooks 2.0 response, a dict {'cards': [...]}: json.loads of the\n"
          "CLI's --format cds-hooks record for the same intake (docs/fhir.md). ValueError for a\n"
          "TestCaseResult's decision, which does not keep its rule set.")
      .def(
          "__eq__",
          [](const DecisionObject& self, const py::object& other) {
            if (!py::isinstance<DecisionObject>(other)) return false;
            return to_json(self.full()) == to_json(other.cast<const DecisionObject&>().full());
          },
          "Equal when every field is (to_json() is the same): from screen(), screen_many() or a\n"
          "file alike; index is not compared.")
      .def("__hash__", [](const DecisionObject& self) { return py::hash(py::str(to_json(self.full()))); })
      .def(py::pickle(&decision_state, &decision_from_state))
      .def("__repr__", &decision_repr);

  py::class_<ScreenErrorObject>(m, "ScreenError",
                                "The result of screen_many for an intake that could not be converted (an\n"
                                "unknown question, a wrong type...): the CLI's error record. The other intakes\n"
                                "are still screened; every input yields exactly one result, in input order.")
      .def_property_readonly(
          "id", [](const ScreenErrorObject& e) { return to_python(e.id); }, "The intake's id, if it could be read.")
      .def_property_readonly(
          "index", [](const ScreenErrorObject& e) { return optional_index(e.index); },
          "Position of the intake in the input.")
      .def_readonly("errors", &ScreenErrorObject::errors, "Every problem of the intake (list of Diagnostic).")
      .def_property_readonly(
          "code", [](const ScreenErrorObject& e) { return e.errors.front().diagnostic.code; },
          "The first problem's code, e.g. 'intake.unknown_question'.")
      .def_property_readonly(
          "message", [](const ScreenErrorObject& e) { return joined_messages(e.errors); },
          "Every problem's message, joined with '; '.")
      .def_property_readonly(
          "decision", [](const ScreenErrorObject&) { return py::none(); }, "None: there is no decision.")
      .def_property_readonly(
          "ok", [](const ScreenErrorObject&) { return false; }, "False: not a decision.")
      .def("to_json", &error_json, "The CLI's JSON error record: {\"id\", \"decision\": null, \"errors\": [...]}.")
      .def(
          "__eq__",
          [](const ScreenErrorObject& self, const py::object& other) {
            if (!py::isinstance<ScreenErrorObject>(other)) return false;
            const auto& that = other.cast<const ScreenErrorObject&>();
            return self.index == that.index && error_json(self) == error_json(that);
          },
          "Equal when the index and the error record (to_json()) are.")
      .def("__hash__", [](const ScreenErrorObject& self) { return py::hash(py::str(error_json(self))); })
      .def(py::pickle(&screen_error_state, &screen_error_from_state))
      .def(
          "to_dict", [](const ScreenErrorObject& e) { return json_loads()(error_json(e)); },
          "The error record as a dict: {'id', 'decision': None, 'errors': [{'code', 'message', 'file',\n"
          "'line', 'column'}]} (file, line and column are None for dict intakes).")
      .def(
          "exception",
          [](const ScreenErrorObject& e) {
            try {
              raise_intake_error(e.errors, e.index, e.id);
            } catch (py::error_already_set& error) {
              return error.value();
            }
          },
          "The IntakeError that errors='raise' would have raised for this intake.")
      .def("__repr__", [](const ScreenErrorObject& e) {
        return "<ScreenError #" + std::to_string(e.index) + " " + quoted_id(e.id) + " " +
               e.errors.front().diagnostic.code + ": " + joined_messages(e.errors) + ">";
      });

  py::class_<ResultsIterator>(m, "ResultsIterator", "Iterator over a Results sequence.")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &ResultsIterator::next);

  py::class_<ResultsObject>(m, "Results",
                            "The results of screen_many, screen_file or screen_jsonl: one per intake, in input\n"
                            "order, each a Decision or (for an intake that could not be read) a ScreenError.\n"
                            "Kept compactly in C++; a Decision or ScreenError object is made each time one is\n"
                            "read (results[i] is results[i] is False, but they are ==). columns() and\n"
                            "to_pandas() give a table without making one.")
      .def("__len__", &ResultsObject::size)
      .def(
          "__getitem__",
          [](const ResultsObject& self, std::int64_t index) { return result_object(self.data, self.position(index)); },
          "index"_a, "The result at `index` (negative counts from the end); IndexError beyond.")
      .def(
          "__getitem__",
          [](const ResultsObject& self, const py::slice& slice) {
            std::size_t start = 0, stop = 0, step = 0, length = 0;
            if (!slice.compute(self.size(), &start, &stop, &step, &length)) throw py::error_already_set();
            py::list out;
            for (std::size_t i = 0; i < length; ++i, start += step) out.append(result_object(self.data, start));
            return out;
          },
          "slice"_a, "A list of the results in `slice`.")
      .def("__iter__", [](const ResultsObject& self) { return ResultsIterator{self.data, 0}; })
      .def("__eq__", &results_equal, "Equal to any sequence (list, tuple, Results) of equal results.")
      .def("__ne__", [](const ResultsObject& self, const py::object& other) { return !results_equal(self, other); })
      .def_property_readonly(
          "error_count", [](const ResultsObject& self) { return self.data->records.error_count(); },
          "How many results are ScreenError records.")
      .def(
          "columns", [](const ResultsObject& self) { return results_columns(*self.data); },
          "The results as a table of plain lists, one entry per intake in input order:\n"
          "{'id', 'decision', 'rules', 'unanswered', 'until', 'date', 'error'} (see docs/python.md).")
      .def(
          "to_pandas", [](const ResultsObject& self) { return results_to_pandas(*self.data); },
          "The results as a pandas.DataFrame, one row per intake in input order, with the columns\n"
          "of columns(): decision, rules and unanswered categorical, until and date datetime64.\n"
          "Built from arrays without making a Python object per intake (ids and error texts aside).")
      .def(py::pickle([](const ResultsObject& self) { return results_state(*self.data); },
                      [](const py::tuple& state) { return ResultsObject{results_from_state(state)}; }))
      .def("__repr__", &results_repr);

  py::class_<ScreenIterator>(m, "ScreenIterator",
                             "Iterator returned by RuleSet.screen_iter: yields one Decision or ScreenError per\n"
                             "intake, in input order, screening a batch at a time.")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &ScreenIterator::next);
}

py::object make_screen_iterator(std::unique_ptr<ManyScreener> screener) {
  return py::cast(ScreenIterator(std::move(screener)));
}

py::object make_results(std::shared_ptr<const ResultsData> results) {
  return py::cast(ResultsObject{std::move(results)});
}

}  // namespace contrascreen::python
