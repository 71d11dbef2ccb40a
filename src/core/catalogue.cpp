// The question catalogue as a value: lookups by id and the names of its types. Loading it
// from YAML is src/ruleset/catalogue_loader.cpp, so that core does not depend on YAML.
#include "contrascreen/catalogue.hpp"

#include <algorithm>

#include "core/catalogue_index.hpp"
#include "util/text.hpp"

namespace contrascreen {

const char* to_string(QuestionType type) noexcept {
  switch (type) {
    case QuestionType::boolean:
      return "bool";
    case QuestionType::number:
      return "number";
    case QuestionType::enumeration:
      return "enum";
    case QuestionType::list:
      return "list";
    case QuestionType::date:
      return "date";
  }
  return "?";
}

std::string_view LocalizedText::in(std::string_view language, std::string_view fallback) const noexcept {
  for (const auto& [lang, text] : entries)
    if (lang == language) return text;
  if (!fallback.empty())
    for (const auto& [lang, text] : entries)
      if (lang == fallback) return text;
  return entries.empty() ? std::string_view{} : std::string_view(entries.front().second);
}

bool LocalizedText::has(std::string_view language) const noexcept {
  return std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return e.first == language; });
}

std::optional<std::uint32_t> Question::enum_index(std::string_view value) const noexcept {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i].value == value) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

bool Question::enabled_by(std::string_view answer) const noexcept {
  return std::find(follows_when.begin(), follows_when.end(), answer) != follows_when.end();
}

namespace {
// FNV-1a: question ids are short, so a simple byte-wise hash is as fast as any.
std::uint32_t hash_id(std::string_view id) noexcept {
  std::uint32_t h = 2166136261U;
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 16777619U;
  return h;
}
}  // namespace

const Question* Catalogue::find(std::string_view id) const noexcept {
  if (by_id_.empty()) return nullptr;
  const std::size_t mask = by_id_.size() - 1;
  for (std::size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
    const std::uint32_t entry = by_id_[i];
    if (entry == 0) return nullptr;
    const Question& q = questions_[entry - 1];
    if (q.id == id) return &q;
  }
}

std::string Catalogue::suggest(std::string_view id) const {
  std::vector<std::string_view> ids;
  ids.reserve(questions_.size());
  for (const auto& q : questions_) ids.emplace_back(q.id);
  return util::closest_match(id, ids).value_or("");
}

namespace detail {

std::vector<std::uint32_t> build_question_index(const std::vector<Question>& questions) {
  std::size_t size = 8;
  while (size < 2 * questions.size()) size *= 2;
  std::vector<std::uint32_t> table(size, 0);
  for (const auto& q : questions) {
    std::size_t i = hash_id(q.id) & (size - 1);
    while (table[i] != 0) i = (i + 1) & (size - 1);
    table[i] = q.index + 1;
  }
  return table;
}

}  // namespace detail

}  // namespace contrascreen
