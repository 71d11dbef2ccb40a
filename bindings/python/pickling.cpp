#include "pickling.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "contrascreen/ruleset_sources.hpp"

namespace contrascreen::python {
namespace {

constexpr int format = 1;

py::bytes bytes(const std::string& text) {
  return {text.data(), text.size()};
}

py::object optional_bytes(const std::optional<std::string>& text) {
  return text ? py::object(bytes(*text)) : py::object(py::none());
}

py::object optional_days(const std::optional<Date>& date) {
  return date ? py::object(py::int_(date->days_since_epoch())) : py::object(py::none());
}

Date day_of(const py::handle& value) {
  const auto date = Date::from_days_checked(value.cast<std::int64_t>());
  if (!date) throw py::value_error("a pickled date out of range");
  return *date;
}

std::optional<Date> days_of(const py::handle& value) {
  if (value.is_none()) return std::nullopt;
  return day_of(value);
}

std::optional<std::string> text_of(const py::handle& value) {
  if (value.is_none()) return std::nullopt;
  return value.cast<std::string>();
}

// The state, checked for its kind and format number and length.
py::tuple checked(const py::tuple& state, const char* kind, std::size_t size) {
  if (state.size() != size || state[0].cast<std::string>() != kind || state[1].cast<int>() != format)
    throw py::value_error(std::string("not a pickled contrascreen ") + kind + " of this version");
  return state;
}

py::tuple file_state(const SourceFile& file) {
  return py::make_tuple(bytes(file.path), bytes(file.text));
}

SourceFile file_of(const py::handle& state) {
  const auto pair = state.cast<py::tuple>();
  return {pair[0].cast<std::string>(), pair[1].cast<std::string>()};
}

Verdict verdict_of(const py::handle& value) {
  const int v = value.cast<int>();
  if (v < 0 || v > static_cast<int>(Verdict::refuse)) throw py::value_error("a pickled verdict out of range");
  return static_cast<Verdict>(v);
}

std::vector<std::string> texts_of(const py::handle& list) {
  return list.cast<std::vector<std::string>>();
}

py::list bytes_list(const std::vector<std::string>& texts) {
  py::list out;
  for (const auto& text : texts) out.append(bytes(text));
  return out;
}

// Rule sets this process rebuilt, by their whole pickled state: a Dask worker unpickles the
// same rule set with every task, and compiling takes far longer than screening a small
// partition. The key is every text, not only the claimed sha256, so that edited texts are
// never answered from here: they are rebuilt, and refused. A few entries: a process rarely
// screens with more policies at once. Used with the GIL held.
class RebuiltRuleSets {
 public:
  static std::string key(const RuleSetSources& sources) {
    std::string out;
    const auto add = [&out](const std::string& text) { out += std::to_string(text.size()) + ':' + text; };
    add(sources.sha256), add(sources.directory);
    for (const SourceFile& file : sources.files) add(file.path), add(file.text);
    if (sources.catalogue) add(sources.catalogue->path), add(sources.catalogue->text);
    return out;
  }
  std::optional<RuleSet> find(const std::string& key) const {
    for (const auto& [k, ruleset] : entries_)
      if (k == key) return ruleset;
    return std::nullopt;
  }
  void add(std::string key, const RuleSet& ruleset) {
    if (find(key)) return;
    if (entries_.size() == capacity) entries_.erase(entries_.begin());
    entries_.emplace_back(std::move(key), ruleset);
  }

 private:
  static constexpr std::size_t capacity = 8;
  std::vector<std::pair<std::string, RuleSet>> entries_;
};

RebuiltRuleSets& rebuilt_rulesets() {
  static RebuiltRuleSets* const cache = new RebuiltRuleSets();  // never destroyed: no order issue at exit
  return *cache;
}

}  // namespace

py::tuple ruleset_state(const RuleSet& ruleset) {
  const RuleSetSources sources = ruleset_sources(ruleset);
  py::list files;
  for (const SourceFile& file : sources.files) files.append(file_state(file));
  return py::make_tuple("RuleSet", format, bytes(sources.sha256), bytes(sources.directory), files,
                        sources.catalogue ? py::object(file_state(*sources.catalogue)) : py::object(py::none()));
}

RuleSet ruleset_from_state(const py::tuple& state) {
  checked(state, "RuleSet", 6);
  RuleSetSources sources;
  sources.sha256 = state[2].cast<std::string>();
  sources.directory = state[3].cast<std::string>();
  for (const auto& file : state[4].cast<py::list>()) sources.files.push_back(file_of(file));
  if (!state[5].is_none()) sources.catalogue = file_of(state[5]);
  std::string key = RebuiltRuleSets::key(sources);
  if (auto known = rebuilt_rulesets().find(key)) return std::move(*known);
  LoadResult loaded;
  {
    py::gil_scoped_release release;  // compiling takes a while: other threads may run
    loaded = load_ruleset_sources(sources);
  }
  if (!loaded) {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : loaded.diagnostics)
      if (d.severity == Severity::error) errors.push_back(d);
    raise_with_diagnostics(rule_set_error_class(), format_diagnostics(errors), wrap(errors));
  }
  rebuilt_rulesets().add(std::move(key), *loaded.ruleset);
  return std::move(*loaded.ruleset);
}

py::tuple decision_state(const DecisionObject& object) {
  const Decision& d = object.full();
  py::list reasons;
  for (const Reason& r : d.reasons)
    reasons.append(py::make_tuple(bytes(r.rule), static_cast<int>(r.decision), r.undecided, bytes(r.message),
                                  bytes_list(r.questions), optional_days(r.until), bytes(r.error)));
  py::list advice;
  for (const Advice& a : d.advice) advice.append(py::make_tuple(bytes(a.rule), bytes(a.message)));
  return py::make_tuple("Decision", format, optional_bytes(d.id), static_cast<int>(d.decision), reasons,
                        bytes_list(d.unanswered), advice,
                        py::make_tuple(bytes(d.ruleset.id), bytes(d.ruleset.version), bytes(d.ruleset.sha256)),
                        d.date.days_since_epoch(), optional_days(d.until), bytes(d.language), object.index());
}

DecisionObject decision_from_state(const py::tuple& state) {
  checked(state, "Decision", 12);
  Decision d;
  d.id = text_of(state[2]);
  d.decision = verdict_of(state[3]);
  for (const auto& item : state[4].cast<py::list>()) {
    const auto r = item.cast<py::tuple>();
    // Reason::missing is not pickled: Python does not show it, and only to_cds_hooks() reads
    // it, which an unpickled decision refuses (it has no rule set).
    d.reasons.push_back({r[0].cast<std::string>(),
                         verdict_of(r[1]),
                         r[2].cast<bool>(),
                         r[3].cast<std::string>(),
                         texts_of(r[4]),
                         days_of(r[5]),
                         r[6].cast<std::string>(),
                         {}});
  }
  d.unanswered = texts_of(state[5]);
  for (const auto& item : state[6].cast<py::list>()) {
    const auto a = item.cast<py::tuple>();
    d.advice.push_back({a[0].cast<std::string>(), a[1].cast<std::string>()});
  }
  const auto ref = state[7].cast<py::tuple>();
  d.ruleset = {ref[0].cast<std::string>(), ref[1].cast<std::string>(), ref[2].cast<std::string>()};
  d.date = day_of(state[8]);
  d.until = days_of(state[9]);
  d.language = state[10].cast<std::string>();
  return DecisionObject(std::move(d), state[11].cast<std::int64_t>());
}

py::tuple screen_error_state(const ScreenErrorObject& error) {
  py::list errors;
  for (const PyDiagnostic& p : error.errors) {
    const Diagnostic& d = p.diagnostic;
    errors.append(py::make_tuple(static_cast<int>(d.severity), bytes(d.code), bytes(d.message), bytes(d.where.file),
                                 d.where.line, d.where.column, d.where.offset, d.where.length, bytes(d.source_line),
                                 bytes(p.question)));
  }
  return py::make_tuple("ScreenError", format, optional_bytes(error.id), errors, error.index);
}

ScreenErrorObject screen_error_from_state(const py::tuple& state) {
  checked(state, "ScreenError", 5);
  ScreenErrorObject error;
  error.id = text_of(state[2]);
  for (const auto& item : state[3].cast<py::list>()) {
    const auto e = item.cast<py::tuple>();
    PyDiagnostic p;
    p.diagnostic.severity =
        e[0].cast<int>() == static_cast<int>(Severity::warning) ? Severity::warning : Severity::error;
    p.diagnostic.code = e[1].cast<std::string>();
    p.diagnostic.message = e[2].cast<std::string>();
    p.diagnostic.where = {e[3].cast<std::string>(), e[4].cast<std::uint32_t>(), e[5].cast<std::uint32_t>(),
                          e[6].cast<std::uint32_t>(), e[7].cast<std::uint32_t>()};
    p.diagnostic.source_line = e[8].cast<std::string>();
    p.question = e[9].cast<std::string>();
    error.errors.push_back(std::move(p));
  }
  // Python reads errors[0] of every ScreenError (its code): one without errors is not one.
  if (error.errors.empty()) throw py::value_error("a pickled ScreenError without errors");
  error.index = state[4].cast<std::int64_t>();
  return error;
}

py::tuple results_state(const ResultsData& results) {
  std::string encoded;
  {
    py::gil_scoped_release release;
    encoded = results.records.encode();
  }
  return py::make_tuple("Results", format, py::cast(results.records.ruleset()), bytes(results.language),
                        results.first_index, bytes_list(results.questions), bytes(encoded));
}

std::shared_ptr<const ResultsData> results_from_state(const py::tuple& state) {
  checked(state, "Results", 7);
  RuleSet ruleset = state[2].cast<RuleSet>();
  auto out = std::make_shared<ResultsData>(ruleset, state[3].cast<std::string>());
  out->first_index = state[4].cast<std::int64_t>();
  out->questions = texts_of(state[5]);
  const std::string encoded = state[6].cast<std::string>();
  try {
    py::gil_scoped_release release;
    out->records = BatchResults::decode(std::move(ruleset), encoded);
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  }
  return out;
}

}  // namespace contrascreen::python
