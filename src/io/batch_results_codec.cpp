// BatchResults::encode and decode: the records as bytes, for sending them to another
// process. Integers are little-endian of fixed width, strings a 32-bit length and the
// bytes; the rule set's sha256 leads, so that records are only ever read against the
// rule set whose rule and question indices they hold. Decoding checks every offset and
// index before it is used: bytes that are not an encoding are an exception, never a
// record that points outside the rule set.
#include <cstring>
#include <stdexcept>

#include "contrascreen/batch_results.hpp"

namespace contrascreen {
namespace {

constexpr std::string_view magic = "contrascreen-batch-results-v1\n";

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  template <class T>
  void integer(T value) {
    auto bits = static_cast<std::uint64_t>(value);
    for (std::size_t i = 0; i < sizeof(T); ++i, bits >>= 8) out_.push_back(static_cast<char>(bits & 0xFF));
  }
  void text(std::string_view s) {
    integer(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  T integer() {
    need(sizeof(T));
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    in_.remove_prefix(sizeof(T));
    return static_cast<T>(bits);
  }
  std::string_view bytes(std::size_t n) {
    need(n);
    const std::string_view out = in_.substr(0, n);
    in_.remove_prefix(n);
    return out;
  }
  std::string text() { return std::string(bytes(integer<std::uint32_t>())); }
  // A count of items that take at least `item_bytes` each: larger than what is left is a
  // corrupt count, refused before anything is allocated for it.
  std::size_t count(std::size_t item_bytes) {
    const auto n = integer<std::uint64_t>();
    if (n > in_.size() / item_bytes) fail("a count larger than the data");
    return static_cast<std::size_t>(n);
  }
  bool done() const noexcept { return in_.empty(); }
  [[noreturn]] static void fail(const std::string& why) { throw std::invalid_argument("BatchResults::decode: " + why); }

 private:
  void need(std::size_t n) const {
    if (in_.size() < n) fail("the data is truncated");
  }
  std::string_view in_;
};

void check(bool condition, const char* why) {
  if (!condition) Reader::fail(why);
}

}  // namespace

std::string BatchResults::encode() const {
  std::string out(magic);
  Writer w(out);
  w.text(ruleset_.sha256());
  w.integer(static_cast<std::uint64_t>(records_.size()));
  for (const Record& r : records_) {
    w.integer(r.id_begin), w.integer(r.id_length), w.integer(r.hits), w.integer(r.advice);
    w.integer(r.unanswered), w.integer(r.errors), w.integer(r.date), w.integer(r.until);
    w.integer(static_cast<std::uint8_t>(r.verdict)), w.integer(r.flags);
  }
  w.text(ids_);
  w.integer(static_cast<std::uint64_t>(hits_.size()));
  for (const RuleHit& h : hits_) {
    w.integer(h.rule);
    w.integer(static_cast<std::uint8_t>((h.undecided ? 1 : 0) | (h.failed ? 2 : 0) | (h.until ? 4 : 0)));
    w.integer(h.until ? h.until->days_since_epoch() : 0);
    w.integer(h.missing);
  }
  for (const auto* indices : {&advice_, &unanswered_}) {
    w.integer(static_cast<std::uint64_t>(indices->size()));
    for (const std::uint32_t i : *indices) w.integer(i);
  }
  w.integer(static_cast<std::uint64_t>(errors_.size()));
  for (const Diagnostic& d : errors_) {
    w.integer(static_cast<std::uint8_t>(d.severity));
    w.text(d.code), w.text(d.message), w.text(d.where.file);
    w.integer(d.where.line), w.integer(d.where.column), w.integer(d.where.offset), w.integer(d.where.length);
    w.text(d.source_line);
  }
  w.integer(static_cast<std::uint64_t>(failures_.size()));
  for (const Failure& f : failures_) {
    w.integer(static_cast<std::uint64_t>(f.record)), w.integer(f.rule);
    w.text(f.message);
  }
  return out;
}

BatchResults BatchResults::decode(RuleSet ruleset, std::string_view bytes) {
  check(bytes.starts_with(magic), "not an encoding of BatchResults (or of another library version)");
  Reader in(bytes.substr(magic.size()));
  check(in.text() == ruleset.sha256(), "the records were screened by a rule set with another sha256");
  const std::size_t rules = ruleset.rules().size(), questions = ruleset.catalogue().size();
  BatchResults out(std::move(ruleset));

  out.records_.resize(in.count(34));
  for (Record& r : out.records_) {
    r.id_begin = in.integer<std::uint64_t>(), r.id_length = in.integer<std::uint32_t>();
    r.hits = in.integer<std::uint32_t>(), r.advice = in.integer<std::uint32_t>();
    r.unanswered = in.integer<std::uint32_t>(), r.errors = in.integer<std::uint32_t>();
    r.date = in.integer<std::int32_t>(), r.until = in.integer<std::int32_t>();
    check(Date::from_days_checked(r.date).has_value() && Date::from_days_checked(r.until).has_value(),
          "a date out of range");
    const auto verdict = in.integer<std::uint8_t>();
    check(verdict <= static_cast<std::uint8_t>(Verdict::refuse), "a verdict out of range");
    r.verdict = static_cast<Verdict>(verdict);
    r.flags = in.integer<std::uint8_t>();
    check((r.flags & ~(has_id_flag | is_error_flag | has_until_flag)) == 0, "unknown record flags");
    if ((r.flags & is_error_flag) != 0) ++out.error_count_;
  }
  out.ids_ = in.text();
  out.hits_.resize(in.count(17));
  for (RuleHit& h : out.hits_) {
    h.rule = in.integer<std::uint32_t>();
    check(h.rule < rules, "a rule index out of range");
    const auto flags = in.integer<std::uint8_t>();
    check(flags <= 7, "unknown rule hit flags");
    h.undecided = (flags & 1) != 0, h.failed = (flags & 2) != 0;
    const auto until = in.integer<std::int32_t>();
    if ((flags & 4) != 0) {
      h.until = Date::from_days_checked(until);
      check(h.until.has_value(), "a date out of range");
    }
    h.missing = in.integer<std::uint64_t>();
  }
  for (auto [indices, limit] : {std::pair{&out.advice_, rules}, std::pair{&out.unanswered_, questions}}) {
    indices->resize(in.count(4));
    for (std::uint32_t& i : *indices) {
      i = in.integer<std::uint32_t>();
      check(i < limit, "a rule or question index out of range");
    }
  }
  out.errors_.resize(in.count(37));
  for (Diagnostic& d : out.errors_) {
    const auto severity = in.integer<std::uint8_t>();
    check(severity <= static_cast<std::uint8_t>(Severity::warning), "a severity out of range");
    d.severity = static_cast<Severity>(severity);
    d.code = in.text(), d.message = in.text(), d.where.file = in.text();
    d.where.line = in.integer<std::uint32_t>(), d.where.column = in.integer<std::uint32_t>();
    d.where.offset = in.integer<std::uint32_t>(), d.where.length = in.integer<std::uint32_t>();
    d.source_line = in.text();
  }
  out.failures_.resize(in.count(16));
  for (std::size_t k = 0; k < out.failures_.size(); ++k) {
    Failure& f = out.failures_[k];
    f.record = static_cast<std::size_t>(in.integer<std::uint64_t>());
    f.rule = in.integer<std::uint32_t>();
    f.message = in.text();
    check(f.record < out.records_.size() && f.rule < rules, "a failure out of range");
    check(k == 0 || out.failures_[k - 1].record <= f.record, "failures out of record order");
  }
  check(in.done(), "bytes after the end of the records");

  // Every record's entries run from its offsets to the next record's: offsets must not go
  // back nor past their arrays, and ids must lie inside the ids' text.
  const std::size_t sizes[4] = {out.hits_.size(), out.advice_.size(), out.unanswered_.size(), out.errors_.size()};
  std::uint32_t was[4] = {0, 0, 0, 0};
  for (const Record& r : out.records_) {
    const std::uint32_t now[4] = {r.hits, r.advice, r.unanswered, r.errors};
    for (int k = 0; k < 4; ++k) {
      check(was[k] <= now[k] && now[k] <= sizes[k], "record offsets out of order");
      was[k] = now[k];
    }
    if ((r.flags & has_id_flag) != 0)
      check(r.id_begin <= out.ids_.size() && r.id_length <= out.ids_.size() - r.id_begin, "an id out of range");
  }
  return out;
}

}  // namespace contrascreen
