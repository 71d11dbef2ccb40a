#include "io/intake_json_flat.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include "contrascreen/answer_acceptance.hpp"
#include "core/intake_access.hpp"
#include "util/text.hpp"

namespace contrascreen::io {
namespace {

bool is_json_blank(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// What a byte is inside a JSON string, for the subset: most are plain ASCII.
enum class ByteClass : unsigned char { ascii, high, stop };  // stop: '"', '\\' or a control character
constexpr auto byte_classes = [] {
  std::array<ByteClass, 256> classes{};
  for (int c = 0; c < 256; ++c)
    classes[static_cast<std::size_t>(c)] = c < 0x20 || c == '"' || c == '\\' ? ByteClass::stop
                                           : c >= 0x80                       ? ByteClass::high
                                                                             : ByteClass::ascii;
  return classes;
}();
ByteClass byte_class(char c) noexcept {
  return byte_classes[static_cast<unsigned char>(c)];
}

// Numbers with more digits than this go to the full reader: up to here every correctly
// rounding parser (simdjson's, std::from_chars) gives the same double.
constexpr int max_number_digits = 15;

}  // namespace

// Reads tokens of the subset. Every method skips blanks first and, when the next token is
// not the one asked for, returns false without consuming it.
class FlatJsonReader::Cursor {
 public:
  explicit Cursor(std::string_view text) noexcept : at_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() noexcept {
    skip_blanks();
    return at_ == end_;
  }

  bool take(char c) noexcept {
    skip_blanks();
    if (at_ == end_ || *at_ != c) return false;
    ++at_;
    return true;
  }

  // A string without escapes or control characters, in valid UTF-8.
  bool string(std::string_view& out) noexcept {
    if (!take('"')) return false;
    const char* begin = at_;
    bool high = false;  // bytes >= 0x80: the string must be checked as UTF-8
    while (true) {
      if (at_ == end_) return false;
      const ByteClass kind = byte_class(*at_);
      if (kind == ByteClass::ascii) {
        ++at_;
      } else if (kind == ByteClass::high) {
        high = true;
        ++at_;
      } else if (*at_ == '"') {
        break;
      } else {
        return false;  // an escape or a control character
      }
    }
    out = std::string_view(begin, static_cast<std::size_t>(at_ - begin));
    ++at_;
    return !high || util::is_valid_utf8(out);
  }

  // The string `"text"` exactly. `text` must need no escaping in JSON (no '"', '\\' or
  // control characters), or invalid JSON could match it.
  bool exactly(std::string_view text) noexcept {
    skip_blanks();
    const std::size_t size = text.size();
    if (static_cast<std::size_t>(end_ - at_) < size + 2 || at_[0] != '"' || at_[size + 1] != '"' ||
        std::memcmp(at_ + 1, text.data(), size) != 0)
      return false;
    at_ += size + 2;
    return true;
  }

  // `true`, `false` or `null`, not followed by more letters.
  template <std::size_t N>
  bool word(const char (&literal)[N]) noexcept {
    constexpr std::size_t size = N - 1;
    skip_blanks();
    if (static_cast<std::size_t>(end_ - at_) < size) return false;
    for (std::size_t i = 0; i < size; ++i)
      if (at_[i] != literal[i]) return false;
    if (at_ + size != end_ && !ends_value(at_[size])) return false;
    at_ += size;
    return true;
  }

  // The next byte after blanks, or '\0' at the end.
  char peek() noexcept {
    skip_blanks();
    return at_ == end_ ? '\0' : *at_;
  }

  // A non-negative JSON number without an exponent, of at most max_number_digits digits.
  bool number(double& out) noexcept {
    skip_blanks();
    const char* p = at_;
    int digits = 0;
    if (p != end_ && *p == '0') {
      ++p, ++digits;
    } else {
      while (p != end_ && is_digit(*p)) ++p, ++digits;
      if (digits == 0) return false;
    }
    const bool integer = p == end_ || *p != '.';
    if (!integer) {
      ++p;
      const char* fraction = p;
      while (p != end_ && is_digit(*p)) ++p, ++digits;
      if (p == fraction) return false;
    }
    if (digits > max_number_digits || (p != end_ && !ends_value(*p))) return false;
    if (integer) {  // below 2^53: exact as a double
      std::uint64_t value = 0;
      for (const char* d = at_; d != p; ++d) value = value * 10 + static_cast<std::uint64_t>(*d - '0');
      out = static_cast<double>(value);
    } else {
      const auto [stop, error] = std::from_chars(at_, p, out);
      if (error != std::errc() || stop != p) return false;
    }
    at_ = p;
    return true;
  }

 private:
  static bool ends_value(char c) noexcept { return is_json_blank(c) || c == ',' || c == '}' || c == ']'; }
  void skip_blanks() noexcept {
    // Most tokens follow without a blank: one comparison rules that out.
    while (at_ != end_ && static_cast<unsigned char>(*at_) <= ' ' && is_json_blank(*at_)) ++at_;
  }

  const char* at_;
  const char* end_;
};

FlatJsonReader::FlatJsonReader(const Catalogue& catalogue)
    : catalogue_(catalogue),
      key_cache_(catalogue.size() + 1, nullptr),
      last_value_(catalogue.size(), no_value),
      answered_(catalogue.size()) {
  // Question ids are identifiers; enum values may be any text, and only those that need no
  // escaping can be compared in place.
  for (const Question& q : catalogue.questions()) {
    const bool plain = std::all_of(q.values.begin(), q.values.end(), [](const EnumValue& v) {
      return std::none_of(v.value.begin(), v.value.end(), [](char c) { return byte_class(c) == ByteClass::stop; });
    });
    if (!plain) last_value_[q.index] = never_in_place;
  }
}

bool FlatJsonReader::read(std::string_view json, Intake& intake) {
  answered_.next_intake();
  Cursor in(json);
  if (!in.take('{')) return false;
  bool have_id = false, have_date = false, have_answers = false;
  if (!in.take('}')) {
    do {
      std::string_view key;
      if (!in.string(key) || !in.take(':')) return false;
      if (key == "answers") {
        if (have_answers || !read_answers(in, intake)) return false;
        have_answers = true;
      } else if (key == "id") {
        std::string_view id;
        if (have_id) return false;
        have_id = true;
        if (in.word("null")) continue;
        if (!in.string(id)) return false;  // a number id is echoed as written: the full reader's job
        intake.set_id(std::string(id));
      } else if (key == "date") {
        std::string_view text;
        if (have_date) return false;
        have_date = true;
        if (in.word("null")) continue;
        if (!in.string(text)) return false;
        const auto date = Date::parse_iso(text);
        if (!date) return false;
        intake.set_date(*date);
      } else {  // any other key is an error: the full reader reports it
        return false;
      }
    } while (in.take(','));
    if (!in.take('}')) return false;
  }
  return have_answers && in.at_end();  // no answers is an error too: the full reader's
}

bool FlatJsonReader::read_answers(Cursor& in, Intake& intake) {
  if (in.word("null")) return true;
  if (!in.take('{')) return false;
  if (in.take('}')) return true;
  std::uint32_t previous = 0;  // key_cache_ index: 0 before the first answer, else 1 + slot
  do {
    // Batches repeat one key order, with answers left out here and there: the question
    // that followed the previous one last time is the likely one, compared in place.
    const Question* q = key_cache_[previous];
    if (q == nullptr || !in.exactly(q->id)) {
      std::string_view key;
      if (!in.string(key) || (q = catalogue_.find(key)) == nullptr) return false;
      key_cache_[previous] = q;
    }
    if (!in.take(':')) return false;
    if (!answered_.mark(q->index)) return false;
    if (!read_answer(in, *q, intake)) return false;
    previous = q->index + 1;
  } while (in.take(','));
  return in.take('}');
}

// The subset's tokens become RawAnswers, and accept_answer decides; whatever it refuses goes
// to the full reader, which reports it. Only the enum cache decides on its own, and only that
// the value accepted for this question last time is still that value. accept_answer is
// called once per kind of token, so that the compiler folds its checks on the kind away.
bool FlatJsonReader::read_answer(Cursor& in, const Question& q, Intake& intake) {
  const bool is_enum = q.type == QuestionType::enumeration;
  if (is_enum) {
    // Most answers repeat: the value this question had last time is compared in place.
    const std::uint32_t last = last_value_[q.index];
    if (last < q.values.size() && in.exactly(q.values[last].value)) {
      intake.assign_enum(q.index, last);
      return true;
    }
  }
  switch (in.peek()) {
    case 'n':
      return in.word("null") && accept_answer(q, RawAnswer::of_null(), intake) == Refusal::none;
    case 't':
      return in.word("true") && accept_answer(q, RawAnswer::of_bool(true), intake) == Refusal::none;
    case 'f':
      return in.word("false") && accept_answer(q, RawAnswer::of_bool(false), intake) == Refusal::none;
    case '"': {
      std::string_view text;
      if (!in.string(text) || accept_answer(q, RawAnswer::of_text(text), intake) != Refusal::none) return false;
      std::uint32_t& last = last_value_[q.index];
      if (is_enum && last != never_in_place) last = detail::IntakeAccess::slots(intake)[q.index].value.enum_index;
      return true;
    }
    case '[':
      return read_list(in, q, intake);
    default: {
      double value = 0;
      return in.number(value) && accept_answer(q, RawAnswer::of_number(value), intake) == Refusal::none;
    }
  }
}

bool FlatJsonReader::read_list(Cursor& in, const Question& q, Intake& intake) {
  if (!in.take('[') || accept_answer(q, RawAnswer::of_list(), intake) != Refusal::none) return false;
  if (in.take(']')) return true;
  do {
    std::string_view item;
    if (!in.string(item) || accept_list_item(q, RawAnswer::of_text(item), intake) != Refusal::none) return false;
  } while (in.take(','));
  return in.take(']');
}

}  // namespace contrascreen::io
