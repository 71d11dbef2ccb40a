// The form order of a rule set's questions, and the language a form is worded in.
#include "contrascreen/form.hpp"

#include <algorithm>

namespace contrascreen {

std::vector<FormQuestion> form_questions(const RuleSet& rules, FormScope scope) {
  const Catalogue& catalogue = rules.catalogue();
  const std::vector<Question>& questions = catalogue.questions();
  std::vector<bool> read(catalogue.size(), false);
  for (const std::uint32_t q : rules.questions()) read[q] = true;
  std::vector<bool> needed = read;
  if (scope == FormScope::with_parents) {
    for (const std::uint32_t q : rules.questions()) {
      // Up the chain of follows; at most one step per question, in case of a cycle the
      // catalogue loader should already have rejected.
      const Question* at = &questions[q];
      for (std::size_t steps = 0; steps < questions.size() && !at->follows.empty(); ++steps) {
        at = catalogue.find(at->follows);
        if (at == nullptr) break;
        needed[at->index] = true;
      }
    }
  }
  std::vector<std::uint32_t> members;  // catalogue order
  for (std::uint32_t i = 0; i < needed.size(); ++i)
    if (needed[i]) members.push_back(i);
  auto parent_of = [&](const Question& q) -> const Question* {
    if (q.follows.empty()) return nullptr;
    const Question* parent = catalogue.find(q.follows);
    return parent != nullptr && needed[parent->index] ? parent : nullptr;
  };

  std::vector<FormQuestion> out;
  out.reserve(members.size());
  std::vector<bool> placed(catalogue.size(), false);
  // Depth-first: a follow-up may itself be followed up. `placed` also guards against a
  // cycle of follows, which the catalogue loader should already have rejected.
  auto place = [&](auto&& self, const Question& q, const Question* parent, std::uint32_t depth) -> void {
    if (placed[q.index]) return;
    placed[q.index] = true;
    out.push_back({&q, parent, depth, read[q.index]});
    for (const std::uint32_t i : members)
      if (parent_of(questions[i]) == &q) self(self, questions[i], &q, depth + 1);
  };
  for (const std::uint32_t i : members)
    if (parent_of(questions[i]) == nullptr) place(place, questions[i], nullptr, 0);
  // Only questions on a cycle of follows are left: each starts at the top level.
  for (const std::uint32_t i : members) place(place, questions[i], nullptr, 0);
  return out;
}

FormLanguage form_language(const RuleSet& rules, std::optional<std::string_view> requested) {
  const std::vector<std::string>& available = rules.catalogue().languages();
  FormLanguage out;
  if (!available.empty()) out.fallback = available.front();
  if (requested) {
    out.language = std::string(*requested);
  } else if (!rules.languages().empty()) {
    out.language = rules.languages().front();
  }
  if (std::find(available.begin(), available.end(), out.language) == available.end()) {
    out.language = out.fallback;
    out.substituted = true;
  }
  return out;
}

}  // namespace contrascreen
