// Results as Python sees them: Decision objects that are cheap to create (the compact
// screening is kept and the full decision rendered on first use), ScreenError records for
// intakes that could not be converted, and the batch loop behind screen_many.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screen_many.hpp"
#include "contrascreen/screening_pool.hpp"
#include "convert.hpp"

namespace contrascreen::python {

/// One decision. Holds either a complete Decision, or a ScreenedIntake and the rule set
/// that screened it, from which the Decision is rendered when first needed (id, decision
/// and date are answered without rendering). Python calls it with the GIL held, which also
/// guards the lazy rendering.
class DecisionObject {
 public:
  DecisionObject(RuleSet ruleset, ScreenedIntake screened, std::string language, std::int64_t index);
  DecisionObject(Decision decision, std::int64_t index);

  const std::optional<std::string>& id() const noexcept { return full_ ? full_->id : screened_.id; }
  Verdict verdict() const noexcept { return full_ ? full_->decision : screened_.screening.verdict(); }
  Date date() const noexcept { return full_ ? full_->date : screened_.screening.date(); }
  /// Position in the input of screen_many, or -1.
  std::int64_t index() const noexcept { return index_; }
  /// The complete decision, rendered on first use.
  const Decision& full() const;

 private:
  std::optional<RuleSet> ruleset_;
  ScreenedIntake screened_;
  std::string language_;
  mutable std::unique_ptr<Decision> full_;
  std::int64_t index_ = -1;
};

/// An intake of screen_many that could not be converted: the CLI's error record.
struct ScreenErrorObject {
  std::optional<std::string> id;
  std::vector<PyDiagnostic> errors;
  std::int64_t index = -1;
};

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
  /// Appends one result per intake of the next batch to `out`; false when none was left.
  bool next(py::list& out);

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
  void emit(Batch& batch, py::list& out);

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

/// Registers Decision, Reason, Advice, RuleSetRef, ScreenError, Diagnostic and ScreenIterator.
void bind_results(py::module_& m);

}  // namespace contrascreen::python
