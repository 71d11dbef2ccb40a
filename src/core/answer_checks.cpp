// Answers that rule each other out, or a past that lies ahead (answer_checks.hpp). The
// catalogue loader lists the questions to look at (core/catalogue_access.hpp), so a batch
// pays a few slot reads per intake for this.
#include "contrascreen/answer_checks.hpp"

#include "contrascreen/diagnostic_codes.hpp"
#include "core/catalogue_access.hpp"
#include "core/intake_access.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen {
namespace {

// "a", "a or b", "a, b or c"
std::string alternatives(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

// The answer to `parent` in catalogue spelling: "true", "false" or the enum value. The
// loader lets only bool and enum questions be followed up.
std::string_view spelling(const Question& parent, const detail::AnswerSlot& slot) noexcept {
  if (parent.type == QuestionType::enumeration) return parent.values[slot.value.enum_index].value;
  return slot.value.boolean ? "true" : "false";
}

ImpossibleAnswer problem(const Question& q, std::string_view code, std::string message) {
  return ImpossibleAnswer{q.index, make_diagnostic(Severity::error, code, std::move(message), std::string())};
}

}  // namespace

bool check_answers(const Intake& intake, Date screening_date, std::vector<ImpossibleAnswer>& out) {
  const Catalogue& catalogue = intake.catalogue();
  const std::vector<Question>& questions = catalogue.questions();
  const detail::AnswerSlot* slots = detail::IntakeAccess::slots(intake);
  bool possible = true;
  for (const auto& [index, parent_index] : detail::CatalogueAccess::answer_checks(catalogue)) {
    if (!slots[index].answered) continue;
    const Question& q = questions[index];
    if (parent_index != index && slots[parent_index].answered) {
      const Question& parent = questions[parent_index];
      const std::string_view answer = spelling(parent, slots[parent_index]);
      if (!q.enabled_by(answer)) {
        possible = false;
        out.push_back(problem(q, codes::intake_contradiction,
                              "'" + q.id + "' is answered, but '" + parent.id + "' is " + std::string(answer) +
                                  ": it applies only when '" + parent.id + "' is " + alternatives(q.follows_when)));
      }
    }
    if (q.past && q.type == QuestionType::date && slots[index].value.date_days > screening_date.days_since_epoch()) {
      possible = false;
      out.push_back(problem(q, codes::intake_date_in_future,
                            "'" + q.id + "' is later than the screening date, " + screening_date.to_iso() +
                                ": it asks about a day in the past"));
    }
  }
  return possible;
}

}  // namespace contrascreen
