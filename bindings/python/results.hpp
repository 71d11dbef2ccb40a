// Results as Python sees them: a Results sequence over the library's compact BatchResults,
// whose Decision objects are created when read and render the full decision on first use,
// ScreenError records for intakes that could not be read or converted, and the batch loop
// behind screen_many and screen_iter.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contrascreen/batch_results.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screen_many.hpp"
#include "contrascreen/screening_pool.hpp"
#include "convert.hpp"

namespace contrascreen::python {

/// The records of one call (screen_many, screen_file, screen_jsonl) or of one batch of
/// screen_iter, shared by the Results and every Decision made from it. Immutable once
/// handed to Python.
struct ResultsData {
  explicit ResultsData(RuleSet ruleset, std::string language_ = {})
      : records(std::move(ruleset)), language(std::move(language_)) {}
  BatchResults records;
  std::string language;  ///< of the messages of the decisions
  /// The question each diagnostic of records is about (dict intakes), by
  /// BatchResults::first_error; empty when none is (files).
  std::vector<std::string> questions;
  std::int64_t first_index = 0;  ///< position in the input of record 0
};

/// One decision. Holds either a complete Decision, or a record of a ResultsData, from which
/// the Decision is rendered when first needed (id, decision and date are answered without
/// rendering). Python calls it with the GIL held, which also guards the lazy rendering.
class DecisionObject {
 public:
  DecisionObject(std::shared_ptr<const ResultsData> results, std::size_t row);
  /// `ruleset`: the rule set that decided, for to_cds_hooks (none for a test case's decision).
  DecisionObject(Decision decision, std::int64_t index, std::optional<RuleSet> ruleset = std::nullopt);

  std::optional<std::string> id() const;
  Verdict verdict() const noexcept { return full_ ? full_->decision : results_->records.verdict(row_); }
  Date date() const noexcept { return full_ ? full_->date : results_->records.date(row_); }
  /// Position in the input of screen_many, screen_iter or the file, or -1.
  std::int64_t index() const noexcept { return index_; }
  /// The complete decision, rendered on first use.
  const Decision& full() const;
  /// The rule set that decided, when known.
  const RuleSet* ruleset() const noexcept {
    return results_ ? &results_->records.ruleset() : ruleset_ ? &*ruleset_ : nullptr;
  }

 private:
  std::shared_ptr<const ResultsData> results_;
  std::size_t row_ = 0;
  mutable std::unique_ptr<Decision> full_;
  std::int64_t index_ = -1;
  std::optional<RuleSet> ruleset_;
};

/// An intake that could not be read or converted: the CLI's error record.
struct ScreenErrorObject {
  std::optional<std::string> id;
  std::vector<PyDiagnostic> errors;
  std::int64_t index = -1;
};

/// Record `row` of `results` as Python sees it: a Decision or a ScreenError.
py::object result_object(const std::shared_ptr<const ResultsData>& results, std::size_t row);

/// Results.columns(): {column name: list}, one entry per record (see docs/python.md).
py::dict results_columns(const ResultsData& results);
/// Results.to_pandas(): a pandas.DataFrame with the columns of results_columns, built from
/// numpy arrays and categoricals (pandas and numpy are imported here, not before).
py::object results_to_pandas(const ResultsData& results);

/// Options of screen_many and screen_iter.
struct ManyOptions {
  ScreenOptions screen;
  unsigned jobs = 0;              ///< 0: one thread per core
  bool raise_on_error = false;    ///< raise IntakeError instead of returning ScreenError records
  std::size_t batch_size = 4096;  ///< intakes converted before each parallel screening
};

/// Pulls intakes from a Python iterable a batch at a time, on the library's batch engine
/// (BatchPipeline): while the pool screens one batch (no GIL needed), the calling thread
/// converts the next one (GIL held); then it waits for the first (GIL released) and makes
/// its result objects.
class ManyScreener {
 public:
  ManyScreener(RuleSet ruleset, const py::iterable& intakes, ManyOptions options);
  /// Appends one record per intake of the next batch to `out` (of this rule set); false when
  /// none was left.
  bool next(ResultsData& out);
  /// Empty results for this screener's records.
  std::shared_ptr<ResultsData> make_results() const {
    return std::make_shared<ResultsData>(ruleset_, options_.screen.language);
  }

 private:
  struct Batch {
    std::vector<Intake> intakes;           // reused across batches; the first `valid` are this batch's
    std::vector<ScreenedIntake> screened;  // parallel to intakes
    std::vector<std::int64_t> order;       // per input: index into intakes, or -1 - index into errors
    std::vector<ScreenErrorObject> errors;
    std::size_t valid = 0;
    std::int64_t first_index = 0;  // position of its first intake in the input
  };
  std::size_t fill(Batch& batch);  // converts the next batch_size inputs; returns the screening tasks
  void emit(Batch& batch, ResultsData& out);

  RuleSet ruleset_;
  py::iterator input_;
  ManyOptions options_;
  IntakeConverter converter_;
  std::vector<PyDiagnostic> problems_;
  Batch batches_[2];
  std::int64_t next_index_ = 0;
  // Declared last: destroyed first, so that a batch still being screened is waited for
  // while the pool, the batches and the rule set are alive.
  ScreeningPool pool_;
  BatchPipeline pipeline_;
};

/// Raises IntakeError for `problems` (one intake's), with `index` and `id` when known.
[[noreturn]] void raise_intake_error(const std::vector<PyDiagnostic>& problems, std::int64_t index = -1,
                                     const std::optional<std::string>& id = std::nullopt);

/// A Python iterator over the results of `screener` (RuleSet.screen_iter).
py::object make_screen_iterator(std::unique_ptr<ManyScreener> screener);
/// A Results sequence over `results`.
py::object make_results(std::shared_ptr<const ResultsData> results);

/// Registers Decision, Reason, Advice, RuleSetRef, ScreenError, Diagnostic, Results and
/// ScreenIterator.
void bind_results(py::module_& m);

}  // namespace contrascreen::python
