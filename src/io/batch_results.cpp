// BatchResults: a batch's records in shared flat arrays. A decision is stored as what its
// Screening holds (rule hits, advice, unanswered questions, failure messages) and rendered
// by rebuilding that Screening and handing it to the decision core, so that a decision read
// from here is the same as every other front end's by construction.
#include "contrascreen/batch_results.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/decision_core.hpp"

namespace contrascreen {
namespace {

std::uint32_t offset32(std::size_t size) {
  if (size > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("BatchResults: too many entries");
  return static_cast<std::uint32_t>(size);
}

}  // namespace

BatchResults::BatchResults(RuleSet ruleset) : ruleset_(std::move(ruleset)) {}

bool BatchResults::of(const RuleSet& ruleset) const noexcept {
  return &detail::compiled(ruleset) == &detail::compiled(ruleset_);
}

template <class T>
std::span<const T> BatchResults::range(const std::vector<T>& items, std::uint32_t Record::*offset,
                                       std::size_t i) const noexcept {
  const std::size_t begin = records_[i].*offset;
  const std::size_t end = i + 1 < records_.size() ? records_[i + 1].*offset : items.size();
  return {items.data() + begin, end - begin};
}

std::optional<std::string_view> BatchResults::id(std::size_t i) const noexcept {
  const Record& r = records_[i];
  if ((r.flags & has_id_flag) == 0) return std::nullopt;
  return std::string_view(ids_).substr(r.id_begin, r.id_length);
}

std::optional<Date> BatchResults::until(std::size_t i) const noexcept {
  const Record& r = records_[i];
  if ((r.flags & has_until_flag) == 0) return std::nullopt;
  return Date::from_days(r.until);
}

std::span<const RuleHit> BatchResults::hits(std::size_t i) const noexcept {
  return range(hits_, &Record::hits, i);
}

std::span<const std::uint32_t> BatchResults::unanswered(std::size_t i) const noexcept {
  return range(unanswered_, &Record::unanswered, i);
}

std::span<const Diagnostic> BatchResults::errors(std::size_t i) const noexcept {
  return range(errors_, &Record::errors, i);
}

Decision BatchResults::decision(std::size_t i, std::string_view language) const {
  if (is_error(i)) throw std::invalid_argument("BatchResults::decision: record " + std::to_string(i) + " is an error");
  Screening screening;
  screening.verdict_ = records_[i].verdict;
  screening.date_ = date(i);
  const auto hits = this->hits(i);
  screening.hits_.assign(hits.begin(), hits.end());
  const auto advice = range(advice_, &Record::advice, i);
  screening.advice_.assign(advice.begin(), advice.end());
  const auto unanswered = this->unanswered(i);
  screening.unanswered_.assign(unanswered.begin(), unanswered.end());
  auto failure = std::lower_bound(failures_.begin(), failures_.end(), i,
                                  [](const Failure& f, std::size_t record) { return f.record < record; });
  for (; failure != failures_.end() && failure->record == i; ++failure)
    screening.failures_.emplace_back(failure->rule, failure->message);
  std::optional<std::string> id;
  if (const auto text = this->id(i)) id.emplace(*text);
  return detail::decide(detail::compiled(ruleset_), id, screening, language);
}

BatchResults::Record& BatchResults::start_record(std::optional<std::string_view> id) {
  Record& r = records_.emplace_back();
  r.hits = offset32(hits_.size());
  r.advice = offset32(advice_.size());
  r.unanswered = offset32(unanswered_.size());
  r.errors = offset32(errors_.size());
  if (id) {
    r.flags |= has_id_flag;
    r.id_begin = ids_.size();
    r.id_length = offset32(id->size());
    ids_ += *id;
  }
  return r;
}

void BatchResults::append_decision(std::optional<std::string_view> id, const Screening& screening) {
  Record& r = start_record(id);
  r.verdict = screening.verdict();
  r.date = screening.date().days_since_epoch();
  if (const auto until = detail::decision_until(detail::compiled(ruleset_), screening)) {
    r.flags |= has_until_flag;
    r.until = until->days_since_epoch();
  }
  hits_.insert(hits_.end(), screening.hits().begin(), screening.hits().end());
  advice_.insert(advice_.end(), screening.advice().begin(), screening.advice().end());
  unanswered_.insert(unanswered_.end(), screening.unanswered().begin(), screening.unanswered().end());
  for (const RuleHit& hit : screening.hits())
    if (hit.failed) [[unlikely]]
      failures_.push_back({records_.size() - 1, hit.rule, std::string(screening.failure_message(hit))});
}

void BatchResults::append_error(std::optional<std::string_view> id, std::span<const Diagnostic> errors) {
  Record& r = start_record(id);
  r.flags |= is_error_flag;
  errors_.insert(errors_.end(), errors.begin(), errors.end());
  ++error_count_;
}

void BatchResults::append(const BatchResults& other) {
  if (&other == this) throw std::invalid_argument("BatchResults::append: cannot append to itself");
  if (!of(other.ruleset_)) throw std::invalid_argument("BatchResults::append: results of another rule set");
  const std::size_t first = records_.size();
  const std::uint64_t ids = ids_.size();
  const std::uint32_t hits = offset32(hits_.size()), advice = offset32(advice_.size()),
                      unanswered = offset32(unanswered_.size()), errors = offset32(errors_.size());
  offset32(hits_.size() + other.hits_.size());
  offset32(advice_.size() + other.advice_.size());
  offset32(unanswered_.size() + other.unanswered_.size());
  offset32(errors_.size() + other.errors_.size());
  records_.reserve(records_.size() + other.records_.size());
  for (Record r : other.records_) {
    r.id_begin += ids;
    r.hits += hits;
    r.advice += advice;
    r.unanswered += unanswered;
    r.errors += errors;
    records_.push_back(r);
  }
  ids_ += other.ids_;
  hits_.insert(hits_.end(), other.hits_.begin(), other.hits_.end());
  advice_.insert(advice_.end(), other.advice_.begin(), other.advice_.end());
  unanswered_.insert(unanswered_.end(), other.unanswered_.begin(), other.unanswered_.end());
  errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
  for (const Failure& f : other.failures_) failures_.push_back({f.record + first, f.rule, f.message});
  error_count_ += other.error_count_;
}

void BatchResults::clear() noexcept {
  records_.clear();
  ids_.clear();
  hits_.clear();
  advice_.clear();
  unanswered_.clear();
  errors_.clear();
  failures_.clear();
  error_count_ = 0;
}

}  // namespace contrascreen
